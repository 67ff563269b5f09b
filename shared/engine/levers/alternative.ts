/** Alternative: a share of a workload's work done by people or rules instead of the AI (share 1 everywhere: no AI at all). */
import { z } from 'zod';
import { SHARE } from '../params';
import { clamp01, type EndToEndCost } from '../plan';
import { MoneyInput, ShareInput } from '../schema/inputs';
import { A_MONTH, SHARE_UNIT } from './form';
import { LeverCommon, type LeverModule } from './lever';

const schema = z
  .object({
    type: z.literal('alternative'),
    ...LeverCommon,
    /** Who does the work instead: people or rules (or nothing at all with share 1 everywhere). */
    by: z.enum(['people', 'rules']).default('people'),
    /** Share of the workload's (remaining AI) work handled this way. */
    share: ShareInput,
    /** Cost per business unit of the workload's driver (e.g. per loan). */
    costPerUnit: MoneyInput.optional(),
    costPerRequest: MoneyInput.optional(),
    fixedMonthly: MoneyInput.optional(),
    successRate: ShareInput.default(1),
    /**
     * What the alternative replaces for the units it takes: the AI's work only (the units' other per-unit costs are
     * still paid), or the whole unit end to end — the AI cost and the driver's other per-unit costs (the process's
     * own and adjacent costs per unit) give way to costPerUnit.
     */
    replaces: z.enum(['ai', 'all_unit_costs']).default('ai'),
  })
  .strict();

/** The workload's alternative it feeds, and the parameter of the share moved. */
interface AlternativeStep {
  slot: number;
  share: number;
}

export const alternativeLever: LeverModule<typeof schema, AlternativeStep> = {
  schema,
  compile(lever, { num, money, warn, addStep, label, timing, scope, single, plan }) {
    const share = num(lever.share, undefined, 'share', `share handled by ${lever.by}`, SHARE);
    const costPerUnit = money(lever.costPerUnit, 'costPerUnit', `${lever.by}: cost per unit`);
    const costPerRequest = money(lever.costPerRequest, 'costPerRequest', `${lever.by}: cost per request`);
    const success = num(lever.successRate, 1, 'successRate', `${lever.by}: success rate`, SHARE);
    if (costPerUnit < 0 && costPerRequest < 0 && lever.fixedMonthly === undefined) {
      warn(`${label}: no cost given for work handled by ${lever.by}; it is treated as free`);
    }
    const endToEnd = lever.replaces === 'all_unit_costs';
    if (endToEnd && costPerUnit < 0) warn(`${label}: people do whole units end to end but no cost per unit is given; those units cost nothing but the fixed cost`);
    const byDriver = new Map<number, EndToEndCost>();
    for (const wi of scope) {
      const w = plan.workloads[wi]!;
      const slot = w.alternatives.length;
      // Done end to end, a unit costs its cost per unit once (below), not once per workload it skips.
      w.alternatives.push({ timing, endToEnd, costPerUnit: endToEnd ? -1 : costPerUnit, costPerRequest, fixedMonthly: -1, success, costSlot: plan.slotFor(w.id, null, null, 'alternative') });
      addStep(wi, { slot, share });
      if (endToEnd && costPerUnit >= 0) {
        const cost = byDriver.get(w.driver) ?? { driver: w.driver, moved: [], costPerUnit, slot: plan.slotFor(single, null, null, 'alternative') };
        cost.moved.push({ workload: wi, slot });
        byDriver.set(w.driver, cost);
      }
    }
    plan.endToEndCosts.push(...byDriver.values());
    if (endToEnd) {
      // A unit done end to end skips every workload of its driver: one left out keeps using AI on units people already did.
      const named = new Set(scope);
      const left = plan.workloads.flatMap((w, wi) => (!named.has(wi) && scope.some((s) => plan.workloads[s]!.driver === w.driver) ? [w.id] : []));
      if (left.length > 0) warn(`${label}: whole units are done without AI, yet ${left.join(', ')} (same business units) is not in the lever's workloads and keeps its AI cost for them`);
    }
    const fixed = money(lever.fixedMonthly, 'fixedMonthly', `${lever.by}: fixed cost per month`);
    if (fixed >= 0) {
      plan.monthlyCosts.push({ timing, oneTime: -1, fixedMonthly: fixed, perUnit: -1, driver: -1, perRequest: -1, workloads: [], aiRequestsOnly: true, slot: plan.slotFor(single, null, null, 'alternative'), ramped: true });
    }
  },
  step(s, d, v, r) {
    const moved = s.aiRemaining * clamp01(v[d.share] as number) * r;
    s.altMoved[d.slot] = (s.altMoved[d.slot] as number) + moved;
    s.aiRemaining -= moved;
  },
  form: {
    title: 'Alternative',
    summary: 'A share of the work done by people or rules instead — or no AI at all.',
    fields: [
      {
        path: ['by'],
        label: 'Done by',
        kind: 'enum',
        unit: '',
        help: 'Who does the work instead of the AI.',
        options: [
          { value: 'people', label: 'people' },
          { value: 'rules', label: 'rules' },
        ],
      },
      { path: ['share'], label: 'Share of the work', kind: 'share', unit: SHARE_UNIT, help: 'Share of the workload’s remaining AI work handled this way; 1 on every workload is no AI at all.', required: true },
      { path: ['costPerUnit'], label: 'Cost per business unit', kind: 'money', unit: 'per unit (e.g. loan)', help: 'Cost of handling one business unit’s share this way.' },
      { path: ['costPerRequest'], label: 'Cost per request', kind: 'money', unit: 'per request', help: 'Cost per request handled this way.' },
      { path: ['fixedMonthly'], label: 'Fixed cost', kind: 'money', unit: A_MONTH, help: 'A fixed monthly cost of the alternative (a team, a rules engine).' },
      { path: ['successRate'], label: 'Success rate', kind: 'share', unit: SHARE_UNIT, help: 'Share of the work the alternative gets right.' },
      {
        path: ['replaces'],
        label: 'Replaces',
        kind: 'enum',
        unit: '',
        help: 'The AI’s work only (the units’ other per-unit costs are still paid), or whole units end to end: their AI cost and their other per-unit costs give way to the cost per unit.',
        options: [
          { value: 'ai', label: 'the AI’s work only' },
          { value: 'all_unit_costs', label: 'whole units, end to end' },
        ],
      },
    ],
  },
  example: ({ start }) => ({ type: 'alternative', name: 'People do part of the work', start, by: 'people', share: 0.2, costPerUnit: '2.00' }),
  label: null,
};

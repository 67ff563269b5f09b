/** Alternative: a share of a workload's work done by people or rules instead of the AI (share 1 everywhere: no AI at all). */
import { z } from 'zod';
import { SHARE } from '../params';
import { clamp01 } from '../plan';
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
    for (const wi of scope) {
      const w = plan.workloads[wi]!;
      const slot = w.alternatives.length;
      w.alternatives.push({ timing, costPerUnit, costPerRequest, fixedMonthly: -1, success, costSlot: plan.slotFor(w.id, null, null, 'alternative') });
      addStep(wi, { slot, share });
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
    ],
  },
  example: ({ start }) => ({ type: 'alternative', name: 'People do part of the work', start, by: 'people', share: 0.2, costPerUnit: '2.00' }),
  label: null,
};

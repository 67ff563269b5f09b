/** Adjacent costs: costs around the AI (vector database, hardware, human review, people), fixed, per business unit, per request or once. */
import { z } from 'zod';
import { Id } from '../../domain/schemas';
import { MoneyInput } from '../schema/inputs';
import { A_MONTH } from './form';
import { LeverCommon, type LeverModule } from './lever';

export const AdjacentCost = z
  .object({
    name: z.string().min(1),
    kind: z.enum(['vector_db', 'hardware', 'human_review', 'workforce', 'other']).default('other'),
    fixedMonthly: MoneyInput.optional(),
    /** Per business unit of `driver`. */
    perUnit: MoneyInput.optional(),
    driver: Id.optional(),
    /** Per request of the lever's workloads. */
    perRequest: MoneyInput.optional(),
    /** Once, in the start month. */
    oneTime: MoneyInput.optional(),
  })
  .strict();

const schema = z
  .object({
    type: z.literal('adjacent'),
    ...LeverCommon,
    costs: z.array(AdjacentCost).min(1),
  })
  .strict();

export const adjacentLever: LeverModule<typeof schema> = {
  schema,
  compile(lever, { money, field, timing, scope, single, plan }) {
    lever.costs.forEach((c, ci) => {
      const what = (s: string): string => `${c.name} ${s}`;
      plan.monthlyCosts.push({
        timing,
        oneTime: money(c.oneTime, `costs.${ci}.oneTime`, what('one-time')),
        fixedMonthly: money(c.fixedMonthly, `costs.${ci}.fixedMonthly`, what('per month')),
        perUnit: money(c.perUnit, `costs.${ci}.perUnit`, what('per unit')),
        driver: c.driver === undefined ? plan.unitDriver : plan.driverOf(c.driver, `${field}.costs[${ci}].driver`),
        perRequest: money(c.perRequest, `costs.${ci}.perRequest`, what('per request')),
        workloads: scope.slice(),
        aiRequestsOnly: true,
        slot: plan.slotFor(single, null, null, 'adjacent'),
        ramped: true,
      });
    });
  },
  step: null,
  form: {
    title: 'Adjacent costs',
    summary: 'Costs around the AI: vector database, hardware, human review, people.',
    fields: [],
    entries: {
      path: 'costs',
      addLabel: 'Add a cost',
      removeLabel: 'Remove this cost',
      added: { name: 'another cost', kind: 'other', fixedMonthly: '100' },
      fields: [
        { path: ['name'], label: 'Cost', kind: 'text', unit: '', help: 'What it is, e.g. vector database.', required: true },
        {
          path: ['kind'],
          label: 'Kind',
          kind: 'enum',
          unit: '',
          help: 'For the breakdown by kind.',
          options: [
            { value: 'vector_db', label: 'vector database' },
            { value: 'hardware', label: 'hardware' },
            { value: 'human_review', label: 'human review' },
            { value: 'workforce', label: 'workforce' },
            { value: 'other', label: 'other' },
          ],
        },
        { path: ['fixedMonthly'], label: 'Fixed', kind: 'money', unit: A_MONTH, help: 'A fixed cost every month.' },
        { path: ['perUnit'], label: 'Per business unit', kind: 'money', unit: 'per unit', help: 'Per unit of the unit driver (e.g. per loan).' },
        { path: ['perRequest'], label: 'Per request', kind: 'money', unit: 'per request', help: 'Per AI request of the lever’s workloads.' },
        { path: ['oneTime'], label: 'One-time', kind: 'money', unit: 'once', help: 'Paid once in the start month.' },
      ],
    },
  },
  example: ({ start }) => ({ type: 'adjacent', name: 'Costs around the AI', start, costs: [{ name: 'vector database', kind: 'vector_db', fixedMonthly: '500' }] }),
  label: null,
};

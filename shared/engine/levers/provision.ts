/**
 * Provisioned capacity: units reserved for a model serve its standard-tier
 * traffic for a fee; what runs above their throughput at peak overflows to
 * on-demand prices (evaluate.ts, pools).
 */
import { z } from 'zod';
import { modelRefParts, ModelRef, MoneyInput, NumberInput } from '../schema/inputs';
import { LeverCommon, type LeverModule } from './lever';

const schema = z
  .object({
    type: z.literal('provision'),
    ...LeverCommon,
    model: ModelRef,
    units: NumberInput,
    pricePerUnitHour: MoneyInput.optional(),
    pricePerUnitMonth: MoneyInput.optional(),
    /** Throughput of one unit: tokens per minute (input + output × outputTokenWeight). */
    tokensPerMinutePerUnit: NumberInput,
    /** Peak rate over average rate. */
    peakFactor: NumberInput.default(1),
    /** How much an output token weighs against an input token in the throughput (vendors publish this). */
    outputTokenWeight: z.number().positive().default(1),
  })
  .strict()
  .refine((l) => (l.pricePerUnitHour === undefined) !== (l.pricePerUnitMonth === undefined), {
    message: 'give either pricePerUnitHour or pricePerUnitMonth',
    path: ['pricePerUnitHour'],
  });

export const provisionLever: LeverModule<typeof schema> = {
  schema,
  compile(lever, { num, money, label, timing, scope, plan }) {
    const ref = modelRefParts(lever.model);
    const k = plan.modelOf(ref.provider, ref.model);
    const covered = new Array<boolean>(plan.workloads.length).fill(false);
    for (const wi of scope) covered[wi] = true;
    plan.pools.push({
      label,
      timing,
      model: k,
      workloads: covered,
      units: num(lever.units, undefined, 'units', 'provisioned units'),
      pricePerUnitHour: money(lever.pricePerUnitHour, 'pricePerUnitHour', 'price per unit-hour'),
      pricePerUnitMonth: money(lever.pricePerUnitMonth, 'pricePerUnitMonth', 'price per unit-month'),
      tokensPerMinutePerUnit: num(lever.tokensPerMinutePerUnit, undefined, 'tokensPerMinutePerUnit', 'tokens per minute per unit'),
      peakFactor: num(lever.peakFactor, 1, 'peakFactor', 'peak over average traffic', { lo: 1, hi: Number.POSITIVE_INFINITY }),
      outputTokenWeight: lever.outputTokenWeight,
      feeSlots: plan.workloads.map((w) => plan.slotFor(w.id, ref.provider, `${ref.provider}/${ref.model}`, 'provisioned')),
    });
  },
  step: null,
  form: {
    title: 'Provisioned capacity',
    summary: 'Reserve units for a model; overflow above capacity is billed on demand.',
    fields: [
      { path: ['model'], label: 'Model', kind: 'model', unit: 'provider/model', help: 'The model the units serve (standard-tier traffic).', required: true },
      { path: ['units'], label: 'Units', kind: 'number', unit: 'units', help: 'Provisioned units reserved.', required: true },
      { path: ['pricePerUnitHour'], label: 'Price per unit-hour', kind: 'money', unit: 'per unit-hour', help: 'Give this or the price per unit-month.' },
      { path: ['pricePerUnitMonth'], label: 'Price per unit-month', kind: 'money', unit: 'per unit-month', help: 'Give this or the price per unit-hour.' },
      { path: ['tokensPerMinutePerUnit'], label: 'Throughput per unit', kind: 'number', unit: 'tokens a minute', help: 'Tokens one unit serves a minute (input plus output times the output weight).', required: true },
      { path: ['peakFactor'], label: 'Peak factor', kind: 'number', unit: '× average rate', help: 'Peak rate over average rate: traffic is taken to run at its peak for 1/peak of the month.' },
      { path: ['outputTokenWeight'], label: 'Output token weight', kind: 'number', unit: '× an input token', help: 'How much an output token weighs against an input token in the throughput (vendors publish this).' },
    ],
  },
  example: ({ start, model }) => ({ type: 'provision', name: 'Provisioned units', start, model, units: 2, pricePerUnitHour: '1.00', tokensPerMinutePerUnit: 50000, peakFactor: 2 }),
  label: (lever) => `Provisioned ${typeof lever.model === 'string' ? lever.model : lever.model.model}`,
};

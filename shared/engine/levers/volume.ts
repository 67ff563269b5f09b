/**
 * Volume: business volume grows or shrinks (a factor at full ramp, or
 * compound monthly growth, on the drivers' units), and tokens or requests
 * per business unit drift (a step on each workload).
 */
import { z } from 'zod';
import { Id } from '../../domain/schemas';
import { PERCENT_CHANGE } from '../params';
import { GrowthPercentInput, NumberInput, PercentInput } from '../schema/inputs';
import { LeverCommon, type LeverModule } from './lever';

const schema = z
  .object({
    type: z.literal('volume'),
    ...LeverCommon,
    /** Drivers whose business volume changes (default: all). */
    drivers: z.array(Id).optional(),
    /** Business volume × factor at full ramp (3 = triples). */
    factor: NumberInput.optional(),
    /** Compound growth in percent per month from the start month. */
    monthlyGrowthPct: GrowthPercentInput.optional(),
    /** Tokens per request up or down, in percent. */
    inputTokensPct: PercentInput.optional(),
    outputTokensPct: PercentInput.optional(),
    /** Requests per business unit up or down, in percent. */
    requestsPerUnitPct: PercentInput.optional(),
  })
  .strict();

/** Parameters of the changes in percent to input and output tokens per request and requests per unit (-1: none). */
interface TokenStep {
  inputPct: number;
  outputPct: number;
  requestsPerUnitPct: number;
}

export const volumeLever: LeverModule<typeof schema, TokenStep> = {
  schema,
  compile(lever, { num, addStep, field, timing, scope, plan }) {
    const driverScope = (lever.drivers ?? plan.baseline.drivers.map((d) => d.id)).map((id, i) => plan.driverOf(id, `${field}.drivers[${i}]`));
    if (lever.factor !== undefined || lever.monthlyGrowthPct !== undefined) {
      plan.volume.push({
        timing,
        drivers: driverScope,
        factor: lever.factor === undefined ? -1 : num(lever.factor, 1, 'factor', 'business volume factor'),
        monthlyGrowthPct: lever.monthlyGrowthPct === undefined ? -1 : num(lever.monthlyGrowthPct, 0, 'monthlyGrowthPct', 'business growth per month (%)', PERCENT_CHANGE),
      });
    }
    if (lever.inputTokensPct !== undefined || lever.outputTokensPct !== undefined || lever.requestsPerUnitPct !== undefined) {
      const inputPct = lever.inputTokensPct === undefined ? -1 : num(lever.inputTokensPct, 0, 'inputTokensPct', 'input tokens per request change (%)', PERCENT_CHANGE);
      const outputPct = lever.outputTokensPct === undefined ? -1 : num(lever.outputTokensPct, 0, 'outputTokensPct', 'output tokens per request change (%)', PERCENT_CHANGE);
      const requestsPerUnitPct = lever.requestsPerUnitPct === undefined ? -1 : num(lever.requestsPerUnitPct, 0, 'requestsPerUnitPct', 'requests per unit change (%)', PERCENT_CHANGE);
      for (const wi of scope) addStep(wi, { inputPct, outputPct, requestsPerUnitPct });
    }
  },
  step(s, d, v, r) {
    if (d.inputPct >= 0) s.inputTokens *= Math.max(0, 1 + ((v[d.inputPct] as number) * r) / 100);
    if (d.outputPct >= 0) s.outputTokens *= Math.max(0, 1 + ((v[d.outputPct] as number) * r) / 100);
    if (d.requestsPerUnitPct >= 0) s.requestsPerUnit *= Math.max(0, 1 + ((v[d.requestsPerUnitPct] as number) * r) / 100);
  },
  form: {
    title: 'Volume',
    summary: 'Business volume grows or shrinks; tokens or requests per unit drift.',
    fields: [
      { path: ['factor'], label: 'Volume factor', kind: 'number', unit: '× business units', help: 'Business volume times this at full ramp: 3 triples it.' },
      { path: ['monthlyGrowthPct'], label: 'Monthly growth', kind: 'number', unit: '% a month', help: 'Compound growth from the start month.' },
      { path: ['inputTokensPct'], label: 'Input tokens', kind: 'number', unit: '% change', help: 'Prompt tokens per request up or down.' },
      { path: ['outputTokensPct'], label: 'Output tokens', kind: 'number', unit: '% change', help: 'Output tokens per request up or down.' },
      { path: ['requestsPerUnitPct'], label: 'Requests per unit', kind: 'number', unit: '% change', help: 'Requests per business unit up or down.' },
    ],
  },
  example: ({ start }) => ({ type: 'volume', name: 'Volume grows', start, rampMonths: 12, factor: 2 }),
  label: null,
};

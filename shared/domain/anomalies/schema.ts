/** Anomalies as they travel (API, CLI --json): money rounded to cents for reading, the message in full. */
import { z } from 'zod';
import { IsoDate } from '../pricebook/schema';
import { CurrencyCode, Money } from '../schemas';
import { ANOMALY_KINDS } from './detect';

/** What a cost series is kept per. */
export const ANOMALY_DIMENSIONS = ['provider', 'model', 'workload', 'team', 'credential'] as const;
export const AnomalyDimension = z.enum(ANOMALY_DIMENSIONS);
export type AnomalyDimension = z.infer<typeof AnomalyDimension>;

export const AnomalyWire = z.object({
  kind: z.enum(ANOMALY_KINDS),
  granularity: z.enum(['day', 'month']),
  dimension: AnomalyDimension,
  /** The provider, "provider/model", workload, team or key. */
  value: z.string(),
  /** The value as people call it: a team's name from the allocation policy ("Credit risk"), a provider's ("AWS"); else the value. */
  name: z.string(),
  currency: CurrencyCode,
  /** The day (2026-03-14) or month (2026-03). */
  period: z.string(),
  expected: Money,
  actual: Money,
  impact: Money,
  impactPercent: z.number().nullable(),
  slopePerDay: z.number().nullable(),
  score: z.number(),
  message: z.string(),
});
export type AnomalyWire = z.infer<typeof AnomalyWire>;

export const AnomaliesReport = z.object({
  from: IsoDate.nullable(),
  to: IsoDate.nullable(),
  series: z.number().int(),
  anomalies: z.array(AnomalyWire),
  options: z.object({ minCost: z.number(), minPercent: z.number(), sensitivity: z.number() }),
  notes: z.array(z.string()),
});
export type AnomaliesReport = z.infer<typeof AnomaliesReport>;

/** Price change clause: list increases reach the contract only after a notice period, and at most a cap over the price at the term start. */
import { z } from 'zod';
import { boundedCount, Percent } from './fields';
import type { ContractTermModule } from './term';

export const PriceChangeSchema = z
  .object({
    /** List-price increases reach this contract only this many days after they take effect. */
    noticeDays: boundedCount(z.number(), 3660).int().min(0).default(0),
    /** Largest list-price increase over the term, in percent of the price at the term start. */
    capPercent: Percent.optional(),
  })
  .strict();

const schema = PriceChangeSchema.optional();

export const priceChangeTerm: ContractTermModule<'priceChange', typeof schema> = {
  schema,
  check: null,
  toTerms: (clause) => (clause ? { noticeDays: clause.noticeDays, capPercent: clause.capPercent ?? null } : null),
  describe: (clause) => [`list increases after ${clause.noticeDays} days' notice${clause.capPercent === null ? '' : `, capped at ${clause.capPercent}%`}`],
  termSheet: {
    labels: {
      'price change notice days': { path: ['priceChange', 'noticeDays'], kind: 'int' },
      'price change cap percent': { path: ['priceChange', 'capPercent'], kind: 'text' },
    },
  },
  // The clause holds each usage item's list price down (rates.ts, contractListPrice).
  pricing: { steps: ['list price'], month: null },
};

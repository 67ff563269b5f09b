/**
 * Order of the minimum monthly fee and credits: a property of the contract,
 * not of whoever prices it (the invoice check, a scenario's contract lever,
 * an offer comparison and the board workbook all read it from here).
 *
 *  - before_credits (the default): the month's charges (usage after
 *    discounts, fees, shortfall) are topped up to the minimum first, and
 *    credits may then pay the top-up like any other charge. A "minimum
 *    spend" clause: prepaid credits count toward it.
 *  - after_credits: credits pay first, and what is left to pay is topped up
 *    to the minimum. A "minimum cash payment" clause: the vendor receives at
 *    least the minimum every month, whatever credits are left.
 */
import { z } from 'zod';
import type { ContractTermModule } from './term';

export const MINIMUM_FEE_ORDERS = ['before_credits', 'after_credits'] as const;
export type MinimumFeeOrder = (typeof MINIMUM_FEE_ORDERS)[number];

const schema = z.enum(MINIMUM_FEE_ORDERS, { error: 'must be before_credits (credits may pay the minimum fee top-up) or after_credits (the minimum is what is paid after credits)' }).default('before_credits');

export const minimumFeeOrderTerm: ContractTermModule<'minimumFeeOrder', typeof schema> = {
  schema,
  check: null,
  toTerms: (order) => order,
  // The default says nothing worth listing; the other order changes what is paid.
  describe: (order, contract) => (order === 'after_credits' && contract.minimumMonthlyFee !== null ? ['minimum fee applies after credits (a cash minimum)'] : []),
  termSheet: { labels: { 'minimum fee order': { path: ['minimumFeeOrder'], kind: 'text' } } },
  // It orders two month-level steps (terms/index.ts, monthPricingFor) and prices nothing itself.
  pricing: { steps: ['minimum fee', 'credits'], month: null },
};

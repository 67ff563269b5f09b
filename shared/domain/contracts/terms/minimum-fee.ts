/** Minimum monthly fee: a month billed below it (prorated at the term's edges) is topped up to it. */
import { prorate } from '../../money';
import { maxNanos, toCents } from '../percent';
import { parseMoney } from '../../money';
import { Amount } from './fields';
import { invoiceLine, money, type ContractTermModule } from './term';

const schema = Amount.optional();

export const minimumFeeTerm: ContractTermModule<'minimumMonthlyFee', typeof schema> = {
  schema,
  check: null,
  toTerms: (fee) => (fee === undefined ? null : parseMoney(fee)),
  describe: (fee, contract) => [`minimum ${money(fee, contract.currency)} a month`],
  termSheet: { labels: { 'minimum monthly fee': { path: ['minimumMonthlyFee'], kind: 'text' } } },
  pricing: {
    steps: ['minimum fee'],
    month: {
      step: 'minimum fee',
      price(fee, ctx) {
        if (!ctx.inTerm) return;
        const minimum = toCents(prorate(fee, BigInt(ctx.termDays), ctx.daysInMonth));
        // Before credits (default) credits have not run yet, so creditsApplied is 0; after credits the minimum is on what is left to pay.
        const afterCredits = ctx.contract.minimumFeeOrder === 'after_credits';
        const topUp = maxNanos(minimum - (ctx.usageNet + ctx.provisionedFees + ctx.commitmentShortfall - ctx.creditsApplied), 0n);
        ctx.minimumTopUp = topUp;
        const label = `Minimum monthly fee top-up to ${money(minimum, ctx.contract.currency)}${afterCredits ? ' after credits' : ''}`;
        if (topUp > 0n) ctx.lines.push(invoiceLine('minimum_fee_topup', label, topUp, 'minimumMonthlyFee'));
      },
    },
  },
};

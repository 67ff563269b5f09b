/** Commitment: spend committed per month or contract year; take-or-pay bills the shortfall, with carry-over of excess or shortfall. */
import { z } from 'zod';
import { parseMoney } from '../../money';
import { monthOf } from '../../calendar';
import { CurrencyCode } from '../../schemas';
import { settleCommitment } from '../commitment';
import { Amount, checkCurrency } from './fields';
import { invoiceLine, money, type ContractTermModule } from './term';

export const CommitmentSchema = z
  .object({
    amount: Amount,
    period: z.enum(['month', 'year'], {
      error: (issue: { input: unknown }) => (issue.input === undefined ? 'is required: a commitment needs a period, "month" or "year"' : 'must be "month" or "year"'),
    }),
    /** Take-or-pay: the shortfall is billed. False only tracks utilisation. */
    takeOrPay: z.boolean().default(true),
    /** none; excess_forward: spend above the commitment counts toward the next period; shortfall_forward: a shortfall rolls into the next period and is billed at term end. */
    carryOver: z.enum(['none', 'excess_forward', 'shortfall_forward']).default('none'),
    /** Cap on the excess carried forward. */
    maxCarryOver: Amount.optional(),
    includesProvisionedFees: z.boolean().default(true),
    currency: CurrencyCode.optional(),
  })
  .strict();

const schema = CommitmentSchema.optional();

export const commitmentTerm: ContractTermModule<'commitment', typeof schema> = {
  schema,
  check: (c, header, issue) => checkCurrency(c?.currency, header, ['currency'], issue),
  toTerms: (c) =>
    c
      ? {
          where: 'commitment',
          amount: parseMoney(c.amount),
          period: c.period,
          takeOrPay: c.takeOrPay,
          carryOver: c.carryOver,
          maxCarryOver: c.maxCarryOver === undefined ? null : parseMoney(c.maxCarryOver),
          includesProvisionedFees: c.includesProvisionedFees,
        }
      : null,
  describe: (k, contract) => [`${money(k.amount, contract.currency)} a ${k.period} committed${k.takeOrPay ? ', take-or-pay' : ''}${k.carryOver === 'none' ? '' : `, ${k.carryOver.replace('_', ' ')}`}`],
  termSheet: {
    labels: {
      'commitment amount': { path: ['commitment', 'amount'], kind: 'text' },
      'commitment period': { path: ['commitment', 'period'], kind: 'text' },
      'take or pay': { path: ['commitment', 'takeOrPay'], kind: 'bool' },
      'carry over': { path: ['commitment', 'carryOver'], kind: 'text' },
      'max carry over': { path: ['commitment', 'maxCarryOver'], kind: 'text' },
      'commitment includes provisioned fees': { path: ['commitment', 'includesProvisionedFees'], kind: 'bool' },
    },
  },
  pricing: {
    steps: ['commitment'],
    month: {
      step: 'commitment',
      price(c, ctx) {
        if (!ctx.inTerm) return;
        const next = ctx.state;
        const eligible = ctx.inTermUsageNet + (c.includesProvisionedFees ? ctx.provisionedFees : 0n);
        const outcome = settleCommitment(ctx.contract, c, ctx.month, {
          eligible,
          spendBeforeInYear: next.commitmentSpendYtd,
          carryIn: next.commitmentCarry,
          deferredIn: next.deferredShortfall,
        });
        next.commitmentSpendYtd += eligible;
        if (outcome.status.periodEnd) next.commitmentCarry = outcome.carryOut;
        next.deferredShortfall = outcome.deferredOut;
        ctx.commitment = outcome.status;
        ctx.commitmentShortfall = outcome.billed;
        if (outcome.billed > 0n) {
          ctx.lines.push(
            invoiceLine('commitment_shortfall', `Commitment shortfall: ${money(outcome.status.committed, ctx.contract.currency)} committed for the ${c.period === 'month' ? 'month' : 'contract year'}, ${money(outcome.status.eligible, ctx.contract.currency)} counted`, outcome.billed, c.where),
          );
        }
        // Excess carried forward ends with the term.
        if (c.carryOver === 'excess_forward' && ctx.month === monthOf(ctx.contract.end)) next.commitmentCarry = 0n;
      },
    },
  },
};

/** Commitment: spend committed per month or contract year (ramped by year), trued up monthly, quarterly or yearly; take-or-pay bills the shortfall, with carry-over of excess or shortfall. */
import { z } from 'zod';
import { parseMoney } from '../../money';
import { addMonths, monthOf, monthsBetween } from '../../calendar';
import { CurrencyCode } from '../../schemas';
import { settleCommitment } from '../commitment';
import { Amount, checkCurrency } from './fields';
import { invoiceLine, money, type ContractTermModule } from './term';

export const CommitmentYearSchema = z
  .object({
    /** 1 for the first contract year (twelve months from the term start). */
    year: z.number({ error: (issue: { input: unknown }) => (issue.input === undefined ? 'is required: which contract year, 1 for the first' : 'must be a whole number, 1 for the first contract year') }).int('must be a whole number, 1 for the first contract year').min(1, 'must be 1 or more (1 is the first contract year)').max(100, 'must be at most 100'),
    /** The commitment per period in that year. */
    amount: Amount,
  })
  .strict();

export const CommitmentSchema = z
  .object({
    /** The commitment per period; with years listed, the amount of any year they leave out (may then be left out itself). */
    amount: Amount.optional(),
    period: z.enum(['month', 'year'], {
      error: (issue: { input: unknown }) => (issue.input === undefined ? 'is required: a commitment needs a period, "month" or "year"' : 'must be "month" or "year"'),
    }),
    /** A ramp: the commitment per period for each contract year ({ year: 1, amount: "1200000" }). */
    years: z.array(CommitmentYearSchema).optional(),
    /** How often the shortfall is trued up; defaults to the period. */
    trueUp: z.enum(['month', 'quarter', 'year'], { error: 'must be "month", "quarter" or "year"' }).optional(),
    /** Take-or-pay: the shortfall is billed. False only tracks utilisation. */
    takeOrPay: z.boolean().default(true),
    /** none; excess_forward: spend above the commitment counts toward the next period; within_year: the same, within the contract year only; shortfall_forward: a shortfall rolls into the next period and is billed at term end. */
    carryOver: z.enum(['none', 'excess_forward', 'shortfall_forward', 'within_year']).default('none'),
    /** Cap on the excess carried forward. */
    maxCarryOver: Amount.optional(),
    includesProvisionedFees: z.boolean().default(true),
    currency: CurrencyCode.optional(),
  })
  .strict();

const schema = CommitmentSchema.optional();

const TRUE_UP_WORDS = { month: 'monthly', quarter: 'quarterly', year: 'annual' } as const;

/** How many contract years (twelve-month blocks from the term's first month) a term has. */
export function contractYearCount(start: string, end: string): number {
  return Math.floor(monthsBetween(monthOf(start), monthOf(end)) / 12) + 1;
}

export const commitmentTerm: ContractTermModule<'commitment', typeof schema> = {
  schema,
  check(c, header, issue) {
    if (!c) return;
    checkCurrency(c.currency, header, ['currency'], issue);
    if (c.amount === undefined && (c.years ?? []).length === 0) issue(['amount'], 'is required: the commitment per period, or a ramp of amounts by contract year under years');
    const seen = new Map<number, number>();
    (c.years ?? []).forEach((y, i) => {
      const first = seen.get(y.year);
      if (first !== undefined) issue(['years', i, 'year'], `is ${y.year} again, as in entry ${first + 1} (years[${first}]): the years overlap`);
      else seen.set(y.year, i);
    });
    if (c.maxCarryOver !== undefined && !(c.carryOver === 'excess_forward' || c.carryOver === 'within_year')) {
      issue(['maxCarryOver'], `caps excess carried forward, but the commitment carries no excess (carryOver is ${c.carryOver}); set carryOver to excess_forward or within_year, or remove the cap`);
    }
    const committed = [...(c.amount !== undefined ? [c.amount] : []), ...(c.years ?? []).map((y) => y.amount)];
    if (c.carryOver !== 'none' && committed.length > 0 && committed.every((a) => /^0*(\.0*)?$/.test(a))) {
      issue(['carryOver'], `carries over ${c.carryOver.replace('_', ' ')}, but nothing is committed (every amount is 0); a carry-over needs a commitment to count against`);
    }
    if (c.carryOver === 'within_year' && (c.trueUp ?? c.period) === 'year') {
      issue(['carryOver'], 'within_year carries over-use to a later true-up in the same contract year, but the commitment is trued up once a year; set trueUp to month or quarter');
    }
  },
  toTerms: (c, ctx) => {
    if (!c) return null;
    const years = ctx.header.start <= ctx.header.end ? contractYearCount(ctx.header.start, ctx.header.end) : 0;
    (c.years ?? []).forEach((y, i) => {
      if (years > 0 && y.year > years) {
        const lastYearStart = addMonths(monthOf(ctx.header.start), (years - 1) * 12);
        ctx.issue(`commitment.years[${i}].year`, `is ${y.year}, outside the term (${ctx.header.start} to ${ctx.header.end} has ${years} contract year${years === 1 ? '' : 's'}, the last from ${lastYearStart})`);
      }
    });
    if (c.amount === undefined && years > 0) {
      const listed = new Set((c.years ?? []).map((y) => y.year));
      const missing = Array.from({ length: years }, (_, i) => i + 1).filter((n) => !listed.has(n));
      if (missing.length > 0) ctx.issue('commitment.years', `lists no commitment for contract year${missing.length === 1 ? '' : 's'} ${missing.join(', ')}; list every year of the term or give an amount for the years left out`);
    }
    return {
      where: 'commitment',
      amount: c.amount === undefined ? 0n : parseMoney(c.amount),
      period: c.period,
      takeOrPay: c.takeOrPay,
      carryOver: c.carryOver,
      maxCarryOver: c.maxCarryOver === undefined ? null : parseMoney(c.maxCarryOver),
      includesProvisionedFees: c.includesProvisionedFees,
      trueUp: c.trueUp ?? c.period,
      years: (c.years ?? []).map((y, i) => ({ where: `commitment.years[${i}]`, year: y.year, amount: parseMoney(y.amount) })).sort((a, b) => a.year - b.year),
    };
  },
  describe: (k, contract) => {
    const per = k.period === 'month' ? 'month' : 'year';
    const unlisted = contractYearCount(contract.start, contract.end) > k.years.length;
    const ramp = [...k.years.map((y) => `year ${y.year} ${money(y.amount, contract.currency)}`), ...(unlisted ? [`other years ${money(k.amount, contract.currency)}`] : [])];
    const amounts = k.years.length > 0 ? `${ramp.join(', ')} a ${per}` : `${money(k.amount, contract.currency)} a ${per}`;
    const trueUp = k.trueUp === k.period ? '' : `, trued up ${TRUE_UP_WORDS[k.trueUp]}`;
    return [`${amounts} committed${trueUp}${k.takeOrPay ? ', take-or-pay' : ''}${k.carryOver === 'none' ? '' : `, ${k.carryOver.replace('_', ' ')}`}`];
  },
  termSheet: {
    labels: {
      'commitment amount': { path: ['commitment', 'amount'], kind: 'text' },
      'commitment period': { path: ['commitment', 'period'], kind: 'text' },
      'true up': { path: ['commitment', 'trueUp'], kind: 'text' },
      'take or pay': { path: ['commitment', 'takeOrPay'], kind: 'bool' },
      'carry over': { path: ['commitment', 'carryOver'], kind: 'text' },
      'max carry over': { path: ['commitment', 'maxCarryOver'], kind: 'text' },
      'commitment includes provisioned fees': { path: ['commitment', 'includesProvisionedFees'], kind: 'bool' },
    },
    section: { name: 'commitment years', field: 'commitment.years', columns: { year: { key: 'year', kind: 'int' }, amount: { key: 'amount', kind: 'text' } } },
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
          spendBeforeInPeriod: next.commitmentSpendInPeriod,
          billedBeforeInYear: next.commitmentBilledYtd,
          carryIn: next.commitmentCarry,
          deferredIn: next.deferredShortfall,
        });
        next.commitmentSpendYtd += eligible;
        next.commitmentBilledYtd += outcome.billed;
        next.commitmentSpendInPeriod = outcome.status.periodEnd ? 0n : next.commitmentSpendInPeriod + eligible;
        if (outcome.status.periodEnd) next.commitmentCarry = outcome.carryOut;
        next.deferredShortfall = outcome.deferredOut;
        ctx.commitment = outcome.status;
        ctx.commitmentShortfall = outcome.billed;
        if (outcome.billed > 0n) {
          const what = c.trueUp === 'quarter' ? 'quarter' : c.trueUp === 'month' ? 'month' : 'contract year';
          ctx.lines.push(
            invoiceLine('commitment_shortfall', `Commitment shortfall: ${money(outcome.status.committed, ctx.contract.currency)} committed for the ${what}, ${money(outcome.status.eligible, ctx.contract.currency)} counted`, outcome.billed, c.where),
          );
        }
        // Excess carried forward ends with the term.
        if ((c.carryOver === 'excess_forward' || c.carryOver === 'within_year') && ctx.month === monthOf(ctx.contract.end)) next.commitmentCarry = 0n;
      },
    },
  },
};

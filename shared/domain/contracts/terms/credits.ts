/** Credits: prepaid grants that pay charges in burn order while valid; a balance left at expiry is forfeited. */
import { z } from 'zod';
import { parseMoney } from '../../money';
import { CurrencyCode } from '../../schemas';
import { applyCredits } from '../credits';
import { Amount, checkCurrency, Day, required } from './fields';
import { money, type ContractTermModule } from './term';

export const CreditGrantSchema = z
  .object({
    id: z.string(required('an id')).min(1).max(100),
    amount: Amount,
    start: Day,
    /** Last day the credit can be used (inclusive). */
    expires: Day,
    appliesTo: z.enum(['all_charges', 'usage_only']).default('all_charges'),
    currency: CurrencyCode.optional(),
  })
  .strict();

export const CreditsSchema = z
  .object({
    /** earliest_expiry: use the credit that expires first (default); as_listed: in the order written. */
    burnOrder: z.enum(['earliest_expiry', 'as_listed']).default('earliest_expiry'),
    grants: z.array(CreditGrantSchema).min(1, 'needs at least one grant'),
  })
  .strict();

const schema = CreditsSchema.optional();

export const creditsTerm: ContractTermModule<'credits', typeof schema> = {
  schema,
  check(credits, header, issue) {
    const ids = new Set<string>();
    credits?.grants.forEach((g, i) => {
      checkCurrency(g.currency, header, ['grants', i, 'currency'], issue);
      if (g.expires < g.start) issue(['grants', i, 'expires'], `the credit expires (${g.expires}) before it starts (${g.start})`);
      if (ids.has(g.id)) issue(['grants', i, 'id'], `credit id ${g.id} is used twice`);
      ids.add(g.id);
    });
  },
  toTerms: (credits) =>
    credits
      ? {
          burnOrder: credits.burnOrder,
          grants: credits.grants.map((g, i) => ({ where: `credits.grants[${i}]`, id: g.id, amount: parseMoney(g.amount), start: g.start, expires: g.expires, appliesTo: g.appliesTo })),
        }
      : null,
  describe: (credits, contract) => credits.grants.map((g) => `${money(g.amount, contract.currency)} credit ${g.id}, ${g.start} to ${g.expires}${g.appliesTo === 'usage_only' ? ' (usage only)' : ''}`),
  termSheet: {
    labels: { 'credit burn order': { path: ['credits', 'burnOrder'], kind: 'text' } },
    section: {
      name: 'credits',
      field: 'credits.grants',
      columns: {
        id: { key: 'id', kind: 'text' },
        amount: { key: 'amount', kind: 'text' },
        start: { key: 'start', kind: 'text' },
        expires: { key: 'expires', kind: 'text' },
        'applies to': { key: 'appliesTo', kind: 'text' },
      },
    },
  },
  pricing: {
    steps: ['credits'],
    month: {
      step: 'credits',
      price(credits, ctx) {
        const result = applyCredits(credits, ctx.state.credits, ctx.month, {
          all: ctx.usageNet + ctx.provisionedFees + ctx.commitmentShortfall + ctx.minimumTopUp,
          usage: ctx.usageNet,
        });
        ctx.lines.push(...result.lines);
        ctx.state.credits = result.balances;
        ctx.creditsApplied = result.applied;
        ctx.creditsForfeited = result.forfeited;
        ctx.credits = result.movements;
      },
    },
  },
};

/**
 * Credits: prepaid grants that pay charges in burn order while valid; a
 * balance left at expiry is forfeited. A grant may be scoped to models,
 * usage classes, tiers or publishers (it then pays only usage matching every
 * part named), and says how it pays in a month it is valid for only some
 * days (partMonth).
 */
import { z } from 'zod';
import { isFirstDayOfMonth, isLastDayOfMonth } from '../../calendar';
import { prorate, parseMoney, type Nanos } from '../../money';
import { CurrencyCode, ServiceTierSchema, UsageClassSchema } from '../../schemas';
import { applyCredits, publisherName, publisherOfUsage, type CreditUsage } from '../credits';
import { providerKey } from '../../provider-names';
import { Amount, checkCurrency, Day, Model, required } from './fields';
import { normaliseModelId } from '../../model-ids';
import { money, type ContractTermModule, type TermContext } from './term';

export const CreditGrantSchema = z
  .object({
    id: z.string(required('an id')).min(1).max(100),
    amount: Amount,
    start: Day,
    /** Last day the credit can be used (inclusive). */
    expires: Day,
    appliesTo: z.enum(['all_charges', 'usage_only']).default('all_charges'),
    currency: CurrencyCode.optional(),
    /** Only usage of these models, classes, tiers or publishers (the grant then pays usage only; each part named must match). */
    models: z.array(Model).min(1, 'must name at least one model (leave it out for every model)').optional(),
    usageClasses: z.array(UsageClassSchema).min(1, 'must name at least one usage class (leave it out for every class)').optional(),
    serviceTiers: z.array(ServiceTierSchema).min(1, 'must name at least one tier (leave it out for every tier)').optional(),
    /** Only usage these publishers made, as the ledger's Publisher column spells them ("anthropic" on AWS Bedrock); a line with no publisher is its provider's. */
    publishers: z.array(z.string({ error: 'must be a publisher such as "anthropic"' }).trim().min(1, 'must name a publisher')).min(1, 'must name at least one publisher (leave it out for every publisher)').optional(),
    /** A month it is valid for only some days: the charges of those days (from daily lines), or that share of the month's (pro_rata, the default). */
    partMonth: z.enum(['valid_days', 'pro_rata'], { error: 'must be valid_days (the charges of the days it is valid) or pro_rata (that share of the month’s charges)' }).optional(),
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
      // partMonth says how a grant pays in a month it is valid for only some days: a grant of whole months has none.
      if (g.partMonth !== undefined && g.expires >= g.start && isFirstDayOfMonth(g.start) && isLastDayOfMonth(g.expires)) {
        issue(['grants', i, 'partMonth'], `says how the grant pays in a month it is valid for only some days, but it is valid for whole months (${g.start} to ${g.expires}): leave it out, or correct the dates`);
      }
    });
  },
  toTerms: (credits, ctx) =>
    credits
      ? {
          burnOrder: credits.burnOrder,
          grants: credits.grants.map((g, i) => ({
            where: `credits.grants[${i}]`,
            id: g.id,
            amount: parseMoney(g.amount),
            start: g.start,
            expires: g.expires,
            appliesTo: g.appliesTo,
            scope:
              g.models || g.usageClasses || g.serviceTiers || g.publishers
                ? {
                    models: g.models?.map((m, j) => ctx.resolve(m, `credits.grants[${i}].models[${j}]`)) ?? null,
                    usageClasses: g.usageClasses ?? null,
                    serviceTiers: g.serviceTiers ?? null,
                    publishers: g.publishers ? publishersOf(g.publishers, g.models, `credits.grants[${i}]`, ctx) : null,
                  }
                : null,
            partMonth: g.partMonth ?? 'pro_rata',
          })),
        }
      : null,
  describe: (credits, contract) =>
    credits.grants.map((g) => {
      const scope = g.scope ? [g.scope.publishers?.map(publisherName).join(', '), g.scope.models?.join(', '), g.scope.usageClasses?.join(', '), g.scope.serviceTiers?.join(', ')].filter(Boolean).join('; ') : null;
      return `${money(g.amount, contract.currency)} credit ${g.id}, ${g.start} to ${g.expires}${scope ? ` (${scope} only)` : g.appliesTo === 'usage_only' ? ' (usage only)' : ''}${g.partMonth === 'valid_days' ? ', part months by valid days' : ''}`;
    }),
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
        models: { key: 'models', kind: 'list' },
        'usage classes': { key: 'usageClasses', kind: 'list' },
        'service tiers': { key: 'serviceTiers', kind: 'list' },
        publishers: { key: 'publishers', kind: 'list' },
        'part month': { key: 'partMonth', kind: 'text' },
      },
    },
  },
  pricing: {
    steps: ['credits'],
    month: {
      step: 'credits',
      price(credits, ctx) {
        const all = ctx.usageNet + ctx.provisionedFees + ctx.commitmentShortfall + ctx.minimumTopUp;
        const result = applyCredits(credits, ctx.state.credits, ctx.month, { all, usage: ctx.usageNet }, creditUsage(ctx.priced, ctx.contract.vendor, ctx.usageNet > 0n ? (ctx.usageNet < all ? ctx.usageNet : all > 0n ? all : 0n) : 0n));
        ctx.lines.push(...result.lines);
        ctx.state.credits = result.balances;
        ctx.creditsApplied = result.applied;
        ctx.creditsForfeited = result.forfeited;
        ctx.credits = result.movements;
      },
    },
  },
};

/**
 * The usage an invoice bills, item by item, for scoped and part-month
 * credits: the month's usage after discounts and the volume discount, shared
 * among the items by their contracted cost (so each item carries its part of
 * the volume discount and of the lines' rounding); the last item takes what
 * the division leaves, so the parts add up to the usage exactly.
 */
function creditUsage(
  priced: readonly { item: { provider?: string; publisher?: string | null; usageClass: CreditUsage['usageClass']; serviceTier: CreditUsage['serviceTier']; date?: string }; model: string; contractedCost: Nanos }[],
  vendor: string,
  usage: Nanos,
): CreditUsage[] {
  const weight = priced.reduce((sum, p) => sum + (p.contractedCost > 0n ? p.contractedCost : 0n), 0n);
  if (weight <= 0n || usage <= 0n) return [];
  let given = 0n;
  let weightSeen = 0n;
  return priced.map((p) => {
    weightSeen += p.contractedCost > 0n ? p.contractedCost : 0n;
    // Cumulative shares, so rounding never drifts: the parts add up to `usage` exactly.
    const upTo = prorate(usage, weightSeen, weight);
    const amount = upTo - given;
    given = upTo;
    return { model: p.model, publisher: publisherOfUsage({ ...p.item, model: p.model }, vendor), usageClass: p.item.usageClass, serviceTier: p.item.serviceTier, day: p.item.date ?? null, amount };
  });
}

/**
 * A grant's publishers as the ledger spells them (providerKey), checked:
 * each once; each one the price book lists a model of for the contract's
 * vendor, where the book knows the vendor's models; and no model of the
 * grant published by someone else (every part of a scope must match, so the
 * grant would never pay that model's usage).
 */
function publishersOf(names: readonly string[], models: readonly string[] | undefined, where: string, ctx: TermContext): string[] {
  const keys = names.map(providerKey);
  const known = ctx.knownPublishers?.() ?? null;
  keys.forEach((key, j) => {
    const first = keys.indexOf(key);
    if (first !== j) ctx.issue(`${where}.publishers[${j}]`, `names publisher ${names[j]} twice (as ${names[first]} too)`);
    else if (known && !known.has(key)) {
      ctx.issue(
        `${where}.publishers[${j}]`,
        `names publisher "${names[j]}", of whom the price book lists no model for ${ctx.header.vendor} (it lists models of ${[...known].sort().join(', ')}); write the publisher as the ledger's Publisher column spells it`,
      );
    }
  });
  models?.forEach((model, j) => {
    const developer = normaliseModelId(model).developer;
    if (developer !== null && !keys.includes(providerKey(developer))) {
      ctx.issue(`${where}.models[${j}]`, `model ${model} is published by ${providerKey(developer)}, not by the grant's publishers (${keys.join(', ')}): a scope's parts must all match, so the grant would never pay it`);
    }
  });
  return [...new Set(keys)];
}

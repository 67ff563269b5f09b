import { prorate, type Nanos } from '../money';
import { daysInMonth, daysInMonthWithin, lastDay } from '../calendar';
import type { ServiceTier, UsageClass } from '../usage';
import { providerName } from '../labels';
import { normaliseModelId } from '../model-ids';
import { providerKey } from '../provider-names';
import { minNanos, toCents } from './percent';
import type { CreditGrant, CreditMovement, Credits, CreditScope, InvoiceLine } from './types';

/** Grants in the order they are used up: the one expiring first (use it or lose it), or as the contract lists them. */
export function burnOrder(credits: Credits): CreditGrant[] {
  if (credits.burnOrder === 'as_listed') return [...credits.grants];
  return credits.grants
    .map((g, i) => ({ g, i }))
    .sort((a, b) => a.g.expires.localeCompare(b.g.expires) || a.g.start.localeCompare(b.g.start) || a.i - b.i)
    .map((x) => x.g);
}

export interface CreditResult {
  movements: CreditMovement[];
  lines: InvoiceLine[];
  applied: Nanos;
  forfeited: Nanos;
  balances: Record<string, Nanos>;
}

/**
 * A part of the month's usage a credit may pay: its share of the usage the
 * invoice bills (after discounts and the volume discount), with what scopes
 * and validity days are judged by. `day` null: a month's aggregate, taken
 * as spread evenly over the month.
 */
export interface CreditUsage {
  model: string;
  /** Who publishes it, as providerKey spells it (publisherOfUsage). */
  publisher: string;
  usageClass: UsageClass;
  serviceTier: ServiceTier;
  day: string | null;
  amount: Nanos;
}

/**
 * Who publishes a usage item, as a publisher-scoped credit matches it: the
 * ledger's publisher where the line has one; else the model's developer
 * where the model is known (a scenario's Claude on Bedrock, or a line whose
 * importer could not tell); else the provider itself (the contract's vendor
 * when the item names none). Spelt as the ledger spells publishers
 * (providerKey: "Anthropic" is "anthropic", "Amazon" is "aws"), so a
 * vendor's own models ("amazon" Nova on "aws") are the vendor's.
 */
export function publisherOfUsage(item: { provider?: string; publisher?: string | null; model: string }, vendor: string): string {
  if (item.publisher) return providerKey(item.publisher);
  const developer = item.model === '' ? null : normaliseModelId(item.model).developer;
  return providerKey(developer ?? item.provider ?? vendor);
}

/** A publisher in a credit's description and its invoice line, in the users' words ("Anthropic"; the ledger's spelling otherwise). */
export const publisherName = providerName;

export function inCreditScope(scope: CreditScope | null, u: Pick<CreditUsage, 'model' | 'usageClass' | 'serviceTier' | 'publisher'>): boolean {
  if (!scope) return true;
  return (
    (scope.models === null || scope.models.includes(u.model)) &&
    (scope.usageClasses === null || scope.usageClasses.includes(u.usageClass)) &&
    (scope.serviceTiers === null || scope.serviceTiers.includes(u.serviceTier)) &&
    (scope.publishers === null || scope.publishers.includes(u.publisher))
  );
}

/**
 * Applies prepaid credits to a month's charges. A grant pays, never more
 * than its balance, never more than is owed (a balance cannot go negative
 * and credits never turn an invoice into a refund):
 *  - a scoped grant only usage in its scope; other grants usage, and fees
 *    and true-ups too unless usage only;
 *  - in a month it is valid for only some days, the charges of its valid
 *    days (partMonth valid_days: usage dated on them, and that share of
 *    undated usage and of fees) or that share of the month's charges
 *    (pro_rata, the default).
 * Credits for all charges pay fees and true-ups before usage, leaving usage
 * to credits that may pay only usage; of the usage, a grant pays first what
 * fewer of the grants after it could pay (a broad credit leaves a scoped one
 * the usage in its scope); what one grant paid, a later one cannot pay
 * again. A balance left when a grant expires is forfeited in the
 * month of its expiry date.
 */
export function applyCredits(credits: Credits, opening: Record<string, Nanos>, month: string, charges: { all: Nanos; usage: Nanos }, usage: readonly CreditUsage[] = []): CreditResult {
  const balances = { ...opening };
  const dim = BigInt(daysInMonth(month));
  const usageTotal = charges.usage > 0n ? minNanos(charges.usage, charges.all > 0n ? charges.all : 0n) : 0n;
  let otherLeft = charges.all > usageTotal ? charges.all - usageTotal : 0n;
  // What is left to pay of each part of the usage; without parts (no priced usage behind it), one undated part of every scope.
  const parts = usage.length > 0 ? usage.map((u) => ({ ...u, left: u.amount })) : [{ model: '', publisher: '', usageClass: 'other' as UsageClass, serviceTier: 'standard' as ServiceTier, day: null, amount: usageTotal, left: usageTotal }];
  const movements: CreditMovement[] = [];
  const lines: InvoiceLine[] = [];
  let applied = 0n;
  let forfeited = 0n;
  const order = burnOrder(credits);
  order.forEach((g, gi) => {
    const open = balances[g.id] ?? 0n;
    const days = BigInt(daysInMonthWithin(month, g.start, g.expires));
    const partOfMonth = days > 0n && days < dim;
    let use = 0n;
    if (days > 0n && open > 0n) {
      const paysOther = g.scope === null && g.appliesTo === 'all_charges';
      const mine = parts.filter((p) => inCreditScope(g.scope, p));
      // How much of each part falls in the grant's valid days: dated usage in or out, undated usage the days' share.
      const dated = g.partMonth === 'valid_days' && partOfMonth;
      const inDays = (p: (typeof parts)[number]) => !dated || p.day === null || (p.day >= g.start && p.day <= g.expires);
      let cap: Nanos;
      if (g.scope === null && !dated) cap = prorate(g.appliesTo === 'usage_only' ? charges.usage : charges.all, days, dim);
      else {
        const usageCap = mine.filter(inDays).reduce((sum, p) => sum + (dated && p.day !== null ? p.amount : prorate(p.amount, days, dim)), 0n);
        cap = usageCap + (paysOther ? prorate(charges.all - usageTotal > 0n ? charges.all - usageTotal : 0n, days, dim) : 0n);
      }
      // Of the usage it may pay, first what fewer of the grants still to come could pay: a broad credit leaves a scoped one the usage only it may pay.
      const later = order.slice(gi + 1).filter((h) => (balances[h.id] ?? 0n) > 0n && daysInMonthWithin(month, h.start, h.expires) > 0);
      const payable = mine
        .filter(inDays)
        .map((p, i) => ({ p, i, others: later.filter((h) => inCreditScope(h.scope, p)).length }))
        .sort((a, b) => a.others - b.others || a.i - b.i)
        .map((x) => x.p);
      const base = payable.reduce((sum, p) => sum + p.left, 0n) + (paysOther ? otherLeft : 0n);
      // A credit line is billed in cents: what the grant may pay is rounded as the invoice rounds a line (a scope's share of the usage is kept to the nano-unit).
      use = minNanos(minNanos(open, toCents(cap)), toCents(base));
      if (use < 0n) use = 0n;
      // Fees and true-ups first (all charges), then usage in the order it came.
      let toPay = use;
      if (paysOther) {
        const fromOther = minNanos(toPay, otherLeft);
        otherLeft -= fromOther;
        toPay -= fromOther;
      }
      for (const p of payable) {
        if (toPay <= 0n) break;
        const take = minNanos(toPay, p.left);
        p.left -= take;
        toPay -= take;
      }
    }
    let close = open - use;
    let lost = 0n;
    // Expiring this month (or already expired with a balance the caller never saw forfeited).
    if (close > 0n && g.expires <= lastDay(month)) {
      lost = close;
      close = 0n;
    }
    balances[g.id] = close;
    if (use > 0n) {
      applied += use;
      lines.push({ kind: 'credit_applied', label: `Credit ${g.id} applied${creditNote(g, partOfMonth, days)}`, amount: -use, memo: null, model: null, usageClass: null, serviceTier: null, quantity: null, term: g.where });
    }
    if (lost > 0n) {
      forfeited += lost;
      lines.push({ kind: 'credit_forfeited', label: `Credit ${g.id} expired on ${g.expires} with a balance left (forfeited)`, amount: 0n, memo: lost, model: null, usageClass: null, serviceTier: null, quantity: null, term: g.where });
    }
    if (open !== 0n || use !== 0n || lost !== 0n || days > 0n) movements.push({ grantId: g.id, opening: open, applied: use, forfeited: lost, closing: close });
  });
  return { movements, lines, applied, forfeited, balances };
}

/** A credit's scope in words: "gpt-4o; batch", "Anthropic; output" (every part named must match). */
export function creditScopeText(scope: CreditScope): string {
  return [scope.publishers?.map(publisherName).join(', '), scope.models?.join(', '), scope.usageClasses?.map((c) => c.replace(/_/g, ' ')).join(', '), scope.serviceTiers?.join(', ')].filter(Boolean).join('; ');
}

/** What a credit line says of a scope and of a part month: " (Anthropic; batch only; charges of its 22 valid days)". */
function creditNote(g: CreditGrant, partOfMonth: boolean, days: bigint): string {
  const notes: string[] = [];
  if (g.scope) notes.push(`${creditScopeText(g.scope)} only`);
  // Pro rata is the rule a part month always had; the other is said.
  if (partOfMonth && g.partMonth === 'valid_days') notes.push(`charges of its ${days} valid days`);
  return notes.length === 0 ? '' : ` (${notes.join('; ')})`;
}

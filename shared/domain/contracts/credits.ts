import { prorate, type Nanos } from '../money';
import { daysInMonth, daysInMonthWithin, lastDay } from '../calendar';
import { minNanos, toCents } from './percent';
import type { CreditGrant, CreditMovement, Credits, InvoiceLine } from './types';

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
 * Applies prepaid credits to a month's charges. A grant pays only the share
 * of the month it is valid for (charges are taken as spread evenly over the
 * month), never more than its balance, never more than is owed: a balance
 * cannot go negative and credits never turn an invoice into a refund.
 * Credits for all charges pay fees and true-ups before usage, leaving usage
 * to credits that may pay only usage. A balance left when a grant expires is
 * forfeited in the month of its expiry date.
 */
export function applyCredits(credits: Credits, opening: Record<string, Nanos>, month: string, charges: { all: Nanos; usage: Nanos }): CreditResult {
  const balances = { ...opening };
  const dim = BigInt(daysInMonth(month));
  let usageLeft = charges.usage > 0n ? minNanos(charges.usage, charges.all > 0n ? charges.all : 0n) : 0n;
  let otherLeft = charges.all > usageLeft ? charges.all - usageLeft : 0n;
  const movements: CreditMovement[] = [];
  const lines: InvoiceLine[] = [];
  let applied = 0n;
  let forfeited = 0n;
  for (const g of burnOrder(credits)) {
    const open = balances[g.id] ?? 0n;
    const days = BigInt(daysInMonthWithin(month, g.start, g.expires));
    let use = 0n;
    if (days > 0n && open > 0n) {
      const base = g.appliesTo === 'usage_only' ? usageLeft : usageLeft + otherLeft;
      const cap = toCents(prorate(g.appliesTo === 'usage_only' ? charges.usage : charges.all, days, dim));
      use = minNanos(minNanos(open, cap), base);
      if (use < 0n) use = 0n;
      if (g.appliesTo === 'usage_only') usageLeft -= use;
      else {
        const fromOther = minNanos(use, otherLeft);
        otherLeft -= fromOther;
        usageLeft -= use - fromOther;
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
      lines.push({ kind: 'credit_applied', label: `Credit ${g.id} applied`, amount: -use, memo: null, model: null, usageClass: null, serviceTier: null, quantity: null, term: g.where });
    }
    if (lost > 0n) {
      forfeited += lost;
      lines.push({ kind: 'credit_forfeited', label: `Credit ${g.id} expired on ${g.expires} with a balance left (forfeited)`, amount: 0n, memo: lost, model: null, usageClass: null, serviceTier: null, quantity: null, term: g.where });
    }
    if (open !== 0n || use !== 0n || lost !== 0n || days > 0n) movements.push({ grantId: g.id, opening: open, applied: use, forfeited: lost, closing: close });
  }
  return { movements, lines, applied, forfeited, balances };
}

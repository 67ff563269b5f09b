/**
 * An offer written inline in a scenario's contract lever, priced by the engine
 * itself (workspace contracts go through the ContractPricer instead, or
 * through this offer standing in for them: see `invoiceRounding`).
 *
 * Order of operations each month:
 *  1. usage at list − discount (% off list) = discounted usage;
 *  2. take-or-pay commitment: shortfall = commitment − discounted usage, if positive;
 *  3. prepaid credits pay discounted usage (not the shortfall), earliest expiry first;
 *     what is left of a grant after its last month is forfeited;
 *  4. invoice = discounted usage − credits + shortfall, topped up to the minimum monthly fee.
 */
import { divideRoundHalfEven, roundNanosHalfUp, type Nanos } from '../domain/money';
import { monthNumber } from '../domain/calendar';
import type { ContractInvoiceLine, ContractMonthPrice, ContractMonthUsage } from './pricing';

export interface ResolvedOffer {
  /** Percent off list, e.g. 15. */
  discountPct: number;
  monthlyCommitment: Nanos | null;
  credits: readonly { amount: Nanos; start: string; expires: string }[];
  minimumMonthlyFee: Nanos | null;
}

/** Multiplies by (100 − pct) / 100 exactly for the percentage as written (15 → 0.85), rounding once. */
function applyDiscount(list: Nanos, pct: number): Nanos {
  if (pct === 0) return list;
  // Percentages come from YAML numbers; scale by 1e6 so 12.5% or 33.333333% stay exact to a millionth of a percent.
  const scaledPct = BigInt(Math.round(pct * 1_000_000));
  return divideRoundHalfEven(list * (100_000_000n - scaledPct), 100_000_000n);
}

/** Invoice amounts are whole cents, rounded half away from zero (as the contracts module's invoices). */
const toCents = (nanos: Nanos): Nanos => roundNanosHalfUp(nanos, 2);

/** Usage lines as an invoice shows them: one per model, usage class and tier. */
function invoiceLines(usage: ContractMonthUsage): Nanos[] {
  const lines = new Map<string, Nanos>();
  for (const l of usage.lines) {
    const key = `${l.model}|${l.usageClass}|${l.serviceTier}`;
    lines.set(key, (lines.get(key) ?? 0n) + l.listCost);
  }
  return [...lines.values()];
}

/**
 * A month's usage at list as the contracts module invoices it: each usage
 * line rounded to the cent. Outside a contract's term that is what the
 * vendor bills.
 */
export function invoicedListTotal(usage: ContractMonthUsage): Nanos {
  return invoiceLines(usage).reduce((sum, amount) => sum + toCents(amount), 0n);
}

export interface OfferRounding {
  /**
   * Round as an invoice does, the way the contracts module prices a
   * workspace contract: each usage line to the cent, the discount as one
   * line of the lines' exact discounts rounded to the cent, the commitment
   * and minimum fee to the cent. Without it (an offer written in a scenario)
   * the month's list total is discounted and rounded once to a nano-unit.
   */
  invoiceRounding?: boolean;
}

export function priceOffer(offer: ResolvedOffer, months: readonly ContractMonthUsage[], rounding: OfferRounding = {}): ContractMonthPrice[] {
  const invoice = rounding.invoiceRounding === true;
  const committed = offer.monthlyCommitment !== null && invoice ? toCents(offer.monthlyCommitment) : offer.monthlyCommitment;
  const minimumFee = offer.minimumMonthlyFee !== null && invoice ? toCents(offer.minimumMonthlyFee) : offer.minimumMonthlyFee;
  const grants = offer.credits
    .map((c) => ({ start: monthNumber(c.start), expires: monthNumber(c.expires), amount: c.amount, balance: c.amount, granted: false, closed: false }))
    .sort((a, b) => a.expires - b.expires || a.start - b.start);
  const hasCredits = grants.length > 0;
  const out: ContractMonthPrice[] = [];
  for (const usage of months) {
    const m = monthNumber(usage.month);
    let list = usage.listTotal;
    let discounted = applyDiscount(list, offer.discountPct);
    if (invoice) {
      const amounts = invoiceLines(usage);
      list = amounts.reduce((sum, amount) => sum + toCents(amount), 0n);
      discounted = list - toCents(amounts.reduce((sum, amount) => sum + amount - applyDiscount(amount, offer.discountPct), 0n));
    }
    const lines: ContractInvoiceLine[] = [{ category: 'usage', description: 'usage at list prices', amount: list }];
    if (discounted !== list) {
      lines.push({ category: 'discount', description: `${offer.discountPct}% off list`, amount: discounted - list });
    }

    let commitment: ContractMonthPrice['commitment'] = null;
    let shortfall = 0n;
    if (committed !== null) {
      shortfall = committed > discounted ? committed - discounted : 0n;
      commitment = { committed, eligibleSpend: discounted, shortfall };
    }

    let credits: ContractMonthPrice['credits'] = null;
    let consumed = 0n;
    if (hasCredits) {
      let opening = 0n;
      let granted = 0n;
      let forfeited = 0n;
      for (const g of grants) {
        if (g.closed) continue;
        if (g.expires < m) {
          // Expired during months this offer did not price: forfeited now.
          forfeited += g.granted ? g.balance : g.amount;
          g.balance = 0n;
          g.closed = true;
          continue;
        }
        if (g.start > m) continue;
        if (g.granted) opening += g.balance;
        else {
          granted += g.amount;
          g.granted = true;
        }
      }
      let toPay = discounted;
      for (const g of grants) {
        if (g.closed || !g.granted || toPay === 0n) continue;
        const use = g.balance < toPay ? g.balance : toPay;
        g.balance -= use;
        toPay -= use;
        consumed += use;
      }
      let closing = 0n;
      for (const g of grants) {
        if (g.closed || !g.granted) continue;
        if (g.expires === m) {
          forfeited += g.balance;
          g.balance = 0n;
          g.closed = true;
        } else closing += g.balance;
      }
      credits = { opening, granted, consumed, forfeited, closing };
      if (consumed > 0n) lines.push({ category: 'credit', description: 'prepaid credits applied', amount: -consumed });
    }
    if (shortfall > 0n) lines.push({ category: 'shortfall', description: 'commitment shortfall (take-or-pay)', amount: shortfall });

    let total = discounted - consumed + shortfall;
    if (minimumFee !== null && total < minimumFee) {
      lines.push({ category: 'minimum_fee', description: 'top-up to the minimum monthly fee', amount: minimumFee - total });
      total = minimumFee;
    }
    out.push({ month: usage.month, total, lines, commitment, credits });
  }
  return out;
}

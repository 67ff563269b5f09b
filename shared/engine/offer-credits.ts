/**
 * Step 9 of the contract pricer (credits: shared/domain/contracts/credits.ts,
 * applyCredits, with the usage shared out by terms/credits.ts) for an offer's
 * grants, quick enough for every Monte Carlo draw. The same steps with the
 * same rounding, so a month's credits come out to the nano-unit as the
 * pricer's (a seeded test compares them on random contracts and usage):
 *  - the usage a credit may pay is the month's usage net, shared among the
 *    usage lines by their cost after the discount (cumulative shares, the
 *    last line taking what division leaves); without such lines, one part
 *    of every scope;
 *  - grants in burn order (earliest expiry, or as listed); each pays at most
 *    its balance, the charges of its share of the month (pro rata, or its
 *    valid days: usage without a day counts as spread over the month) and
 *    what is left to pay of what it may pay — all rounded to the cent, as
 *    the invoice's credit line is;
 *  - a scoped grant pays only usage in its scope; an unscoped all-charges
 *    grant pays fees and true-ups first; of the usage, first the lines fewer
 *    of the grants after it could pay;
 *  - a balance left in the month a grant expires is forfeited.
 * What differs is only the bookkeeping: whether a usage line is in a grant's
 * scope is worked out once per line (model, class, tier) and offer, not per
 * draw, and grants are indices instead of ids.
 */
import { daysInMonthWithin, firstDay, lastDay, monthNumber } from '../domain/calendar';
import { inCreditScope, publisherOfUsage } from '../domain/contracts/credits';
import { toCents } from '../domain/contracts/percent';
import type { CreditScope } from '../domain/contracts/types';
import { prorate, type Nanos } from '../domain/money';
import type { ServiceTier, UsageClass } from '../domain/usage';

/** A credit grant of an offer: whole months unless it names its first and last valid days. */
export interface OfferCredit {
  amount: Nanos;
  /** First and last months it is valid in ("2027-01"). */
  start: string;
  expires: string;
  appliesTo?: 'all_charges' | 'usage_only';
  /** Its first valid day, when not the first day of `start` (a workspace contract's grant). */
  startDay?: string;
  /** Its last valid day, when not the last day of `expires`. */
  expiresDay?: string;
  /** Only usage in this scope (it then pays usage only); absent or null: any usage. */
  scope?: CreditScope | null;
  /** In a month it is valid for only some days: that share of the month (pro_rata, the default) or the charges of its valid days. */
  partMonth?: 'valid_days' | 'pro_rata';
}

interface QuickGrant {
  amount: Nanos;
  startMonth: number;
  expiresMonth: number;
  startDay: string;
  expiresDay: string;
  usageOnly: boolean;
  scope: CreditScope | null;
  paysOther: boolean;
  validDays: boolean;
}

/** An offer's grants in burn order, with what each line's scope membership is, worked out once. */
export class OfferCredits {
  readonly grants: QuickGrant[];
  private readonly scoped: boolean;
  /**
   * Whether the usage must be followed line by line: only a scope or a
   * valid-days part month tells lines apart. Otherwise every grant may pay
   * every line, so the usage left to pay is one sum and the month's usage
   * one part (the same amounts: no per-line shares to work out each draw).
   */
  readonly perLine: boolean;
  /** Per usage line (model|class|tier): whether each grant (burn order) may pay it. */
  private readonly memberships = new Map<string, Uint8Array>();
  private readonly allIn: Uint8Array;
  private fallback: Uint8Array | null = null;

  constructor(
    credits: readonly OfferCredit[],
    burnOrder: 'earliest_expiry' | 'as_listed',
    /** Who sells the usage: a publisher scope matches a line by its model's developer, else this vendor. */
    private readonly vendor: string,
    /** The model a scope judges a line by, as the pricer names it (the price book's id for the scenario's spelling). */
    private readonly modelId: (model: string) => string = (model) => model,
  ) {
    const grants = credits.map((c) => {
      const scope = c.scope ?? null;
      const usageOnly = c.appliesTo === 'usage_only';
      return {
        amount: c.amount,
        startMonth: monthNumber(c.start),
        expiresMonth: monthNumber(c.expires),
        startDay: c.startDay ?? firstDay(c.start),
        expiresDay: c.expiresDay ?? lastDay(c.expires),
        usageOnly,
        scope,
        paysOther: scope === null && !usageOnly,
        validDays: c.partMonth === 'valid_days',
      };
    });
    // As the pricer's burnOrder: expiry day, then start day, then as listed (the sort is stable).
    this.grants = burnOrder === 'as_listed' ? grants : grants.sort((a, b) => cmp(a.expiresDay, b.expiresDay) || cmp(a.startDay, b.startDay));
    this.scoped = this.grants.some((g) => g.scope !== null);
    this.perLine = this.scoped || this.grants.some((g) => g.validDays);
    this.allIn = new Uint8Array(this.grants.length).fill(1);
  }

  /** Whether each grant may pay a usage line; `key` is the line's model|class|tier. */
  membership(key: string, model: string, usageClass: UsageClass, serviceTier: ServiceTier): Uint8Array {
    if (!this.scoped) return this.allIn;
    let m = this.memberships.get(key);
    if (!m) {
      const id = this.modelId(model);
      const line = { model: id, usageClass, serviceTier, publisher: publisherOfUsage({ provider: this.vendor, model: id }, this.vendor) };
      m = Uint8Array.from(this.grants, (g) => (inCreditScope(g.scope, line) ? 1 : 0));
      this.memberships.set(key, m);
    }
    return m;
  }

  /** The pricer's one part of every scope, for a month without usage lines to share the usage among. */
  private fallbackMembership(): Uint8Array {
    this.fallback ??= Uint8Array.from(this.grants, (g) => (inCreditScope(g.scope, { model: '', publisher: '', usageClass: 'other', serviceTier: 'standard' }) ? 1 : 0));
    return this.fallback;
  }

  /** Days of `month` (number `m`, `dim` days long) the grant is valid on. */
  private days(g: QuickGrant, month: string, m: number, dim: bigint): bigint {
    if (m < g.startMonth || m > g.expiresMonth) return 0n;
    if (m > g.startMonth && m < g.expiresMonth) return dim;
    return BigInt(daysInMonthWithin(month, g.startDay, g.expiresDay));
  }

  /**
   * One month's credits. `balances` (burn order) run on across months and
   * are updated; `weights` are each usage line's cost after the discount and
   * `members` its scope membership, in the order the lines were priced
   * (read only when `perLine`).
   */
  apply(
    month: string,
    m: number,
    dim: bigint,
    charges: { all: Nanos; usage: Nanos },
    weights: readonly Nanos[],
    members: readonly Uint8Array[],
    balances: Nanos[],
  ): { applied: Nanos; forfeited: Nanos } {
    const G = this.grants.length;
    const { all, usage } = charges;
    const usageTotal = usage > 0n ? min(usage, all > 0n ? all : 0n) : 0n;
    let otherLeft = all > usageTotal ? all - usageTotal : 0n;

    // The usage shared among the lines by their cost after the discount (terms/credits.ts: creditUsage).
    let weight = 0n;
    if (this.perLine) for (const w of weights) if (w > 0n) weight += w;
    let amounts: Nanos[];
    let partMembers: readonly Uint8Array[];
    if (!this.perLine) {
      amounts = [usageTotal];
      partMembers = [this.allIn];
    } else if (weight > 0n && usageTotal > 0n) {
      amounts = new Array<Nanos>(weights.length);
      let given = 0n;
      let seen = 0n;
      for (let i = 0; i < weights.length; i++) {
        const w = weights[i]!;
        if (w > 0n) seen += w;
        const upTo = prorate(usageTotal, seen, weight);
        amounts[i] = upTo - given;
        given = upTo;
      }
      partMembers = members;
    } else {
      amounts = [usageTotal];
      partMembers = [this.fallbackMembership()];
    }
    const left = amounts.slice();
    const P = amounts.length;

    const days = this.grants.map((g) => this.days(g, month, m, dim));
    let applied = 0n;
    let forfeited = 0n;
    for (let gi = 0; gi < G; gi++) {
      const g = this.grants[gi]!;
      const open = balances[gi]!;
      const d = days[gi]!;
      let use = 0n;
      if (d > 0n && open > 0n) {
        const dated = g.validDays && d < dim;
        let cap: Nanos;
        if (g.scope === null && !dated) cap = prorate(g.usageOnly ? usage : all, d, dim);
        else {
          cap = 0n;
          for (let p = 0; p < P; p++) if (partMembers[p]![gi]) cap += prorate(amounts[p]!, d, dim);
          if (g.paysOther) cap += prorate(all - usageTotal > 0n ? all - usageTotal : 0n, d, dim);
        }
        // Of the usage it may pay, first what fewer of the grants still to come could pay.
        let payable: number[] = [];
        let base = g.paysOther ? otherLeft : 0n;
        let sortNeeded = false;
        let firstOthers = -1;
        const others: number[] = [];
        for (let p = 0; p < P; p++) {
          const mem = partMembers[p]!;
          if (!mem[gi]) continue;
          let n = 0;
          for (let h = gi + 1; h < G; h++) if (mem[h] && balances[h]! > 0n && days[h]! > 0n) n++;
          if (firstOthers < 0) firstOthers = n;
          else if (n !== firstOthers) sortNeeded = true;
          payable.push(p);
          others.push(n);
          base += left[p]!;
        }
        if (sortNeeded) payable = payable.map((p, i) => ({ p, i, n: others[i]! })).sort((a, b) => a.n - b.n || a.i - b.i).map((x) => x.p);
        use = min(min(open, toCents(cap)), toCents(base));
        if (use < 0n) use = 0n;
        let toPay = use;
        if (g.paysOther) {
          const fromOther = min(toPay, otherLeft);
          otherLeft -= fromOther;
          toPay -= fromOther;
        }
        for (const p of payable) {
          if (toPay <= 0n) break;
          const take = min(toPay, left[p]!);
          left[p] = left[p]! - take;
          toPay -= take;
        }
      }
      let close = open - use;
      if (close > 0n && g.expiresMonth <= m) {
        forfeited += close;
        close = 0n;
      }
      balances[gi] = close;
      applied += use;
    }
    return { applied, forfeited };
  }
}

const min = (a: Nanos, b: Nanos): Nanos => (a < b ? a : b);
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

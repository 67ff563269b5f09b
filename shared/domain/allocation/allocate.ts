/**
 * Allocation of ledger lines to teams (showback and chargeback).
 *
 * Two passes, so a ledger of any size streams through:
 *  1. `observe` the ledger grouped by everything a rule can look at (the
 *     backend groups in SQL): which team each group goes to directly, and so
 *     each team's direct tokens and cost per month — the bases that shared
 *     costs are split by.
 *  2. `allocate` each line: the highest-precedence matching rule decides.
 *     A direct rule gives the whole line to one team; a split rule divides
 *     it by largest remainder in the line's own precision (exact: the parts
 *     add up to the line, to the last digit); no rule → "unallocated".
 * So the allocated total equals the ledger total in every month and
 * currency, always, and `reconcile` proves it for each run.
 */
import { WorkbenchError } from '../errors';
import type { Nanos } from '../money';
import { TOKEN_CLASSES, type UsageClass } from '../usage';
import { UNALLOCATED, type Policy, type Rule } from './policy';
import { ratioTexts, splitByWeights, splitUnit } from '../rounding';

/** What a rule can look at on a line. */
export interface MatchFields {
  provider: string;
  billingAccount: string | null;
  subAccount: string | null;
  credential: string | null;
  model: string | null;
  usageClass: UsageClass;
  serviceTier: string;
  chargeCategory: string;
  region: string | null;
  tags: Readonly<Record<string, string>>;
}

/** A group of lines alike in every matched field, in one month and currency (pass 1). */
export interface LedgerGroup extends MatchFields {
  month: string;
  currency: string;
  /** Tokens of the group (token usage classes only; other quantities count 0). */
  tokens: number;
  cost: Nanos;
  lines: number;
}

/** One ledger line to allocate (pass 2). */
export interface LedgerLineToAllocate extends MatchFields {
  month: string;
  day: string;
  currency: string;
  /** Null when the statement does not report it (a costs export). */
  quantity: number | null;
  unit: string;
  cost: Nanos;
}

export type AllocationMethod = 'direct' | 'tag' | 'even' | 'tokens' | 'cost' | 'percent' | 'unallocated';

/** One allocated charge: a team's part of an origin line (FOCUS 1.3 split cost allocation). */
export interface AllocatedPart {
  /** A declared team, or "unallocated". */
  team: string;
  product: string | null;
  ruleId: string | null;
  method: AllocationMethod;
  amount: Nanos;
  /** AllocatedRatio as exact decimal text; the ratios of one origin line add up to 1. */
  ratio: string;
  /** What the ratio was measured in (FOCUS UsageUnit) and how much of it the team had (UsageQuantity). */
  usageUnit: string;
  /** Null when the statement does not report the line's quantity. */
  usageQuantity: number | null;
  /** Why a line is unallocated, when it is. */
  reason?: string;
}

export type Classification =
  | { kind: 'direct'; team: string; product: string | null; rule: Rule; method: 'direct' | 'tag' }
  | { kind: 'split'; rule: Rule }
  | { kind: 'unallocated'; rule: Rule | null; reason: string };

export interface AllocatorOptions {
  /** The workload a line belongs to by the workspace's workload mapping (rules that match on workload need it). */
  workloadOf?: (fields: MatchFields) => string | null;
}

export interface TeamMonthTotal {
  team: string;
  product: string | null;
  month: string;
  currency: string;
  amount: Nanos;
  tokens: number;
  /** Origin lines with a part in this total. */
  lines: number;
  /** The rules that put cost here (null: no rule, for the unallocated bucket). */
  ruleIds: Set<string | null>;
}

export interface AllocationNote {
  ruleId: string | null;
  message: string;
}

const TOKEN_CLASS_SET = new Set<string>(TOKEN_CLASSES);
const SEP = '\u0001';

/** A line's tokens for a split by tokens; a line whose statement reports no quantity (a costs export) adds none. */
export function tokensOf(usageClass: string, quantity: number | null): number {
  return TOKEN_CLASS_SET.has(usageClass) && quantity !== null ? quantity : 0;
}

/** Each tags object's part of the match key, kept by identity: the backend hands every line with the same tags the same object. */
const tagKeys = new WeakMap<Readonly<Record<string, string>>, string>();

function tagKey(tags: Readonly<Record<string, string>>): string {
  let key = tagKeys.get(tags);
  if (key === undefined) {
    key = Object.keys(tags).length === 0 ? '' : JSON.stringify(Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    tagKeys.set(tags, key);
  }
  return key;
}

function matchKey(f: MatchFields): string {
  const tags = tagKey(f.tags);
  return [f.provider, f.billingAccount, f.subAccount, f.credential, f.model, f.usageClass, f.serviceTier, f.chargeCategory, f.region, tags].join(SEP);
}

function ruleMatches(rule: Rule, f: MatchFields, workload: () => string | null): boolean {
  for (const [field, values] of Object.entries(rule.match.fields) as [string, ReadonlySet<string>][]) {
    const value = field === 'workload' ? workload() : (f[field as keyof MatchFields] as string | null);
    if (value === null || !values.has(value)) return false;
  }
  for (const [key, values] of rule.match.tags) {
    const value = f.tags[key];
    if (value === undefined || value === '') return false;
    if (!values.has('*') && !values.has(value)) return false;
  }
  return true;
}

/** Per (month, currency) key for the cost basis; per month for tokens. */
const basisKey = (month: string, currency: string) => `${month}${SEP}${currency}`;

interface SplitPlan {
  teams: string[];
  weights: bigint[];
  ratios: string[];
  unit: string;
  quantities: number[];
  method: AllocationMethod;
}

export class Allocator {
  private readonly classified = new Map<string, Classification>();
  /** team → month → direct tokens */
  private readonly directTokens = new Map<string, Map<string, number>>();
  /** team → month␁currency → direct cost (nanos) */
  private readonly directCost = new Map<string, Map<string, bigint>>();
  private readonly plans = new Map<string, SplitPlan>();
  private readonly totals = new Map<string, TeamMonthTotal>();
  private readonly ledgerTotals = new Map<string, Nanos>();
  private readonly allocatedTotals = new Map<string, Nanos>();
  /** team → day → currency → { amount, tokens } */
  private readonly daily = new Map<string, Map<string, Map<string, { amount: Nanos; tokens: number }>>>();
  readonly notes: AllocationNote[] = [];
  private readonly noted = new Set<string>();

  constructor(
    readonly policy: Policy,
    private readonly options: AllocatorOptions = {},
  ) {}

  /** Which rule takes lines like these, and how (cached: a ledger has few distinct combinations). */
  classify(fields: MatchFields): Classification {
    const key = matchKey(fields);
    const cached = this.classified.get(key);
    if (cached) return cached;
    let workload: string | null | undefined;
    const workloadOf = () => (workload === undefined ? (workload = this.options.workloadOf?.(fields) ?? null) : workload);
    const rule = this.policy.rules.find((r) => ruleMatches(r, fields, workloadOf)) ?? null;
    let result: Classification;
    if (!rule) result = { kind: 'unallocated', rule: null, reason: 'no rule matches' };
    else if (rule.target.kind === 'team') result = { kind: 'direct', team: rule.target.team, product: rule.target.product, rule, method: 'direct' };
    else if (rule.target.kind === 'tag') {
      const value = fields.tags[rule.target.key] ?? '';
      result = this.policy.teamById.has(value)
        ? { kind: 'direct', team: value, product: rule.target.product, rule, method: 'tag' }
        : { kind: 'unallocated', rule, reason: `tag ${rule.target.key}=${value} names no declared team` };
      if (result.kind === 'unallocated') this.note(rule.id, `rule ${rule.id}: tag ${rule.target.key}=${value} names no declared team; its lines stay unallocated`);
    } else result = { kind: 'split', rule };
    this.classified.set(key, result);
    return result;
  }

  /** Pass 1: one group of the ledger. */
  observe(group: LedgerGroup): void {
    const c = this.classify(group);
    const key = basisKey(group.month, group.currency);
    this.ledgerTotals.set(key, (this.ledgerTotals.get(key) ?? 0n) + group.cost);
    if (c.kind !== 'direct') return;
    const tokens = this.directTokens.get(c.team) ?? new Map<string, number>();
    this.directTokens.set(c.team, tokens);
    tokens.set(group.month, (tokens.get(group.month) ?? 0) + group.tokens);
    const cost = this.directCost.get(c.team) ?? new Map<string, bigint>();
    this.directCost.set(c.team, cost);
    cost.set(key, (cost.get(key) ?? 0n) + group.cost);
  }

  private note(ruleId: string | null, message: string): void {
    if (this.noted.has(message)) return;
    this.noted.add(message);
    this.notes.push({ ruleId, message });
  }

  /** How a split rule divides lines of one month and currency; fails on a basis that sums to zero. */
  private plan(rule: Rule, month: string, currency: string): SplitPlan {
    const key = `${rule.id}${SEP}${month}${SEP}${currency}`;
    const cached = this.plans.get(key);
    if (cached) return cached;
    const t = rule.target;
    if (t.kind !== 'split') throw new Error('not a split rule');
    const teams = t.teams;
    let weights: bigint[];
    let quantities: number[];
    let unit: string;
    let method: AllocationMethod = t.basis;
    switch (t.basis) {
      case 'percent':
        weights = t.percents!;
        quantities = weights.map((w) => Number(w) / 1_000_000);
        unit = 'Percent';
        break;
      case 'tokens':
        quantities = teams.map((team) => this.directTokens.get(team)?.get(month) ?? 0);
        // Token counts are whole numbers; a fractional quantity (never seen for tokens) is rounded for the weight only.
        weights = quantities.map((q) => BigInt(Math.round(q)));
        unit = 'Tokens';
        break;
      case 'cost': {
        const costs = teams.map((team) => this.directCost.get(team)?.get(basisKey(month, currency)) ?? 0n);
        costs.forEach((c, i) => {
          if (c < 0n) this.note(rule.id, `rule ${rule.id}: ${teams[i]} had a net credit in ${month} (${currency}); it takes no part of the shared cost that month`);
        });
        weights = costs.map((c) => (c < 0n ? 0n : c));
        quantities = weights.map((w) => Number(w) / 1e9);
        unit = currency;
        break;
      }
      case 'even':
        weights = teams.map(() => 1n);
        quantities = teams.map(() => 1);
        unit = 'Teams';
        break;
    }
    if (weights.every((w) => w === 0n)) {
      if (t.whenZero === 'error') {
        throw new WorkbenchError(
          'invalid_file',
          `the ${t.basis} of ${teams.join(', ')} in ${month}${t.basis === 'cost' ? ` (${currency})` : ''} add up to zero, so rule ${rule.id} cannot split its cost by ${t.basis}; choose another basis or set whenZero: even`,
          { file: this.policy.file, field: `rules[${rule.index}].split.basis` },
        );
      }
      this.note(rule.id, `rule ${rule.id}: the ${t.basis} of its teams add up to zero in ${month}; split evenly as whenZero says`);
      weights = teams.map(() => 1n);
      quantities = teams.map(() => 1);
      unit = 'Teams';
      method = 'even';
    }
    const plan: SplitPlan = { teams, weights, ratios: ratioTexts(weights), unit, quantities, method };
    this.plans.set(key, plan);
    return plan;
  }

  /** Pass 2: the parts of one line (one for a direct or unallocated line, one per team for a split). */
  allocate(line: LedgerLineToAllocate): AllocatedPart[] {
    const c = this.classify(line);
    let parts: AllocatedPart[];
    if (c.kind === 'direct') {
      parts = [{ team: c.team, product: c.product, ruleId: c.rule.id, method: c.method, amount: line.cost, ratio: '1', usageUnit: line.unit, usageQuantity: line.quantity }];
    } else if (c.kind === 'unallocated') {
      parts = [{ team: UNALLOCATED, product: null, ruleId: c.rule?.id ?? null, method: 'unallocated', amount: line.cost, ratio: '1', usageUnit: line.unit, usageQuantity: line.quantity, reason: c.reason }];
    } else {
      const plan = this.plan(c.rule, line.month, line.currency);
      const amounts = splitByWeights(line.cost, plan.weights, splitUnit(line.cost));
      parts = plan.teams.map((team, i) => ({
        team,
        product: null,
        ruleId: c.rule.id,
        method: plan.method,
        amount: amounts[i]!,
        ratio: plan.ratios[i]!,
        usageUnit: plan.unit,
        usageQuantity: plan.quantities[i]!,
      }));
    }
    this.record(line, parts);
    return parts;
  }

  private record(line: LedgerLineToAllocate, parts: readonly AllocatedPart[]): void {
    const tokens = tokensOf(line.usageClass, line.quantity);
    const bk = basisKey(line.month, line.currency);
    for (const p of parts) {
      const share = parts.length === 1 ? tokens : tokens * Number(p.ratio);
      const key = [p.team, p.product ?? '', line.month, line.currency].join(SEP);
      const t = this.totals.get(key);
      if (t) {
        t.amount += p.amount;
        t.tokens += share;
        t.lines += 1;
        t.ruleIds.add(p.ruleId);
      } else this.totals.set(key, { team: p.team, product: p.product, month: line.month, currency: line.currency, amount: p.amount, tokens: share, lines: 1, ruleIds: new Set([p.ruleId]) });
      this.allocatedTotals.set(bk, (this.allocatedTotals.get(bk) ?? 0n) + p.amount);
      let days = this.daily.get(p.team);
      if (!days) this.daily.set(p.team, (days = new Map()));
      let byCurrency = days.get(line.day);
      if (!byCurrency) days.set(line.day, (byCurrency = new Map()));
      const d = byCurrency.get(line.currency);
      if (d) {
        d.amount += p.amount;
        d.tokens += share;
      } else byCurrency.set(line.currency, { amount: p.amount, tokens: share });
    }
  }

  /** Team × product × month × currency totals, in team order (declared order, unallocated last). */
  teamMonthTotals(): TeamMonthTotal[] {
    const order = new Map(this.policy.teams.map((t, i) => [t.id, i]));
    const rank = (team: string) => order.get(team) ?? Number.MAX_SAFE_INTEGER;
    return [...this.totals.values()].sort(
      (a, b) => rank(a.team) - rank(b.team) || (a.product ?? '').localeCompare(b.product ?? '') || a.month.localeCompare(b.month) || a.currency.localeCompare(b.currency),
    );
  }

  /** team → day → currency → amount and tokens, for budgets and anomalies. */
  dailyTotals(): ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, { amount: Nanos; tokens: number }>>> {
    return this.daily;
  }

  /**
   * Ledger against allocated totals per month and currency. Pass 1 must have
   * seen the whole ledger and pass 2 every line; any difference is a bug, and
   * is thrown rather than shown as a number nobody can explain.
   */
  reconcile(): { month: string; currency: string; ledger: Nanos; allocated: Nanos }[] {
    const keys = new Set([...this.ledgerTotals.keys(), ...this.allocatedTotals.keys()]);
    const rows = [...keys].sort().map((k) => {
      const [month, currency] = k.split(SEP) as [string, string];
      return { month, currency, ledger: this.ledgerTotals.get(k) ?? 0n, allocated: this.allocatedTotals.get(k) ?? 0n };
    });
    const off = rows.find((r) => r.ledger !== r.allocated);
    if (off) throw new WorkbenchError('internal', `allocation of ${off.month} (${off.currency}) came to ${off.allocated} nano-units against a ledger total of ${off.ledger}`);
    return rows;
  }
}

/**
 * Runs the allocation policy over the workspace's ledger: pass 1 in SQL,
 * pass 2 streamed line by line through the pure allocator, with energy
 * estimates carried along by the same ratios. Everything a view, the CLI,
 * the export or the budgets need comes from this one run.
 */
import type { AllocatedLine, AllocationRun, LineBehind } from '../../../shared/domain/allocation/schema';
import { Allocator, type AllocatedPart, type MatchFields } from '../../../shared/domain/allocation/allocate';
import { loadPolicyYaml, type Policy } from '../../../shared/domain/allocation/policy';
import { UNALLOCATED } from '../../../shared/domain/allocation/policy-file';
import type { EnergyAssumptions } from '../../../shared/domain/energy/assumptions';
import { addImpact, emptyImpact, lineImpact, type Impact } from '../../../shared/domain/energy/estimate';
import { WorkbenchError } from '../../../shared/domain/errors';
import { nanosToDecimal } from '../../../shared/domain/money';
import { currencyDecimals } from '../../../shared/domain/money-text';
import { roundFooting, roundTotal } from '../../../shared/domain/rounding';
import type { JobContext } from '../jobs/job-runner';
import { MappingRepository } from '../scenarios/mapping-repository';
import type { Workspace } from '../workspace/workspace';
import { readGroups, readLines, TagCache, type LineRow } from './ledger-passes';
import { PolicyRepository } from './policy-repository';

export interface PolicySource {
  yaml?: string;
  fileName?: string;
}

/** The policy given (an unsaved edit, a file on the command line) or the workspace's. */
export function resolvePolicy(workspace: Workspace, source: PolicySource): Policy {
  if (source.yaml !== undefined) return loadPolicyYaml(source.yaml, source.fileName ?? 'allocation.yaml');
  const stored = new PolicyRepository(workspace.db).get();
  if (!stored) throw new WorkbenchError('not_found', 'this workspace has no allocation policy yet: write one in Allocation › Rules, or pass --rules FILE', { field: 'rules' });
  return loadPolicyYaml(stored.yaml, stored.fileName);
}

/** The workload of a line by the workspace's workload mapping (first matching rule), for rules and budgets on workloads. */
export function workloadResolver(workspace: Workspace): (f: MatchFields) => string | null {
  const rules = new MappingRepository(workspace.db).get().rules;
  return (f) => {
    for (const r of rules) {
      const m = r.match;
      if (m.tag !== undefined && f.tags[m.tag.key] !== m.tag.value) continue;
      if (m.project !== undefined && f.subAccount !== m.project) continue;
      if (m.apiKey !== undefined && f.credential !== m.apiKey) continue;
      if (m.provider !== undefined && f.provider !== m.provider) continue;
      if (m.model !== undefined && f.model !== m.model) continue;
      return r.workload;
    }
    return null;
  };
}

export interface RunOptions {
  month?: string;
  /** Read every FOCUS column of the origin lines (for the export). */
  extended?: boolean;
  energy?: EnergyAssumptions;
  job?: JobContext;
  /** Sees every line with its parts (the export, the drill-down). */
  onLine?: (line: LineRow, parts: readonly AllocatedPart[]) => void;
}

export interface AllocationOutcome {
  run: AllocationRun;
  allocator: Allocator;
}

const PROGRESS_EVERY = 50_000;

function describeTarget(policy: Policy, ruleId: string | null): { precedence: number | null; target: string } {
  const rule = policy.rules.find((r) => r.id === ruleId);
  if (!rule) return { precedence: null, target: 'no rule: unallocated' };
  const t = rule.target;
  // Teams by the policy's names, as budgets and anomalies say them; the ids stay in the rule itself.
  const name = (team: string) => policy.teams.find((x) => x.id === team)?.name ?? team;
  const target = t.kind === 'team' ? `team ${name(t.team)}${t.product ? ` (${t.product})` : ''}` : t.kind === 'tag' ? `the team in tag ${t.key}` : `split ${t.basis === 'percent' ? 'by fixed percentages' : `by ${t.basis}`} over ${t.teams.map(name).join(', ')}`;
  return { precedence: rule.precedence, target };
}

export function runAllocation(workspace: Workspace, policy: Policy, options: RunOptions = {}): AllocationOutcome {
  const started = performance.now();
  const allocator = new Allocator(policy, { workloadOf: workloadResolver(workspace) });
  const tags = new TagCache();
  const scope = { ...(options.month ? { month: options.month } : {}), extended: options.extended === true };
  options.job?.progress(0, null, 'grouping the ledger');
  const groups = readGroups(workspace.db, policy.cost, scope, tags);
  let ledgerLines = 0;
  for (const g of groups) {
    allocator.observe(g);
    ledgerLines += g.lines;
  }
  const byRule = new Map<string | null, { lines: number; amounts: Map<string, bigint> }>();
  const energy = new Map<string, Impact>();
  let done = 0;
  for (const line of readLines(workspace.db, policy.cost, scope, tags)) {
    const parts = allocator.allocate(line);
    const ruleId = parts[0]!.ruleId;
    const stat = byRule.get(ruleId) ?? { lines: 0, amounts: new Map<string, bigint>() };
    byRule.set(ruleId, stat);
    stat.lines += 1;
    stat.amounts.set(line.currency, (stat.amounts.get(line.currency) ?? 0n) + line.cost);
    if (options.energy) {
      const estimate = lineImpact(options.energy, line);
      if (estimate) {
        for (const p of parts) {
          const key = `${p.team}\u0001${line.month}`;
          let into = energy.get(key);
          if (!into) energy.set(key, (into = emptyImpact()));
          addImpact(into, estimate.impact, parts.length === 1 ? 1 : Number(p.ratio));
        }
      }
    }
    options.onLine?.(line, parts);
    done += 1;
    if (done % PROGRESS_EVERY === 0) {
      options.job?.throwIfCancelled();
      options.job?.progress(done, ledgerLines, `allocated ${done.toLocaleString('en-US')} of ${ledgerLines.toLocaleString('en-US')} lines`);
    }
  }
  const reconciliation = allocator.reconcile();
  const totals = allocator.teamMonthTotals();

  // Each month's teams rounded to the currency's minor unit so that they foot to the month's total, rounded once.
  const cents = new Map<(typeof totals)[number], bigint>();
  const byMonth = new Map<string, typeof totals>();
  for (const t of totals) {
    const key = `${t.month} ${t.currency}`;
    byMonth.set(key, [...(byMonth.get(key) ?? []), t]);
  }
  for (const list of byMonth.values()) {
    const rounded = roundFooting(list.map((t) => t.amount), currencyDecimals(list[0]!.currency));
    list.forEach((t, i) => cents.set(t, rounded[i]!));
  }
  const unallocated = new Map<string, bigint>();
  for (const t of totals) if (t.team === UNALLOCATED) unallocated.set(`${t.month} ${t.currency}`, (unallocated.get(`${t.month} ${t.currency}`) ?? 0n) + t.amount);

  const teams = [...policy.teams, { id: UNALLOCATED, name: 'Unallocated', costCentre: null, businessUnit: null }];
  const run: AllocationRun = {
    policyName: policy.name,
    file: policy.file,
    cost: policy.cost,
    teams,
    rows: totals.map((t) => ({
      team: t.team,
      product: t.product,
      month: t.month,
      currency: t.currency,
      amount: nanosToDecimal(t.amount),
      amountCents: nanosToDecimal(cents.get(t)!),
      tokens: t.tokens,
      lines: t.lines,
      ruleIds: [...t.ruleIds].filter((r): r is string => r !== null).sort(),
    })),
    months: reconciliation.map((r) => {
      const key = `${r.month} ${r.currency}`;
      return { month: r.month, currency: r.currency, ledger: nanosToDecimal(r.ledger), allocated: nanosToDecimal(r.allocated), unallocated: nanosToDecimal(unallocated.get(key) ?? 0n), ledgerCents: nanosToDecimal(roundTotal([r.ledger], currencyDecimals(r.currency))) };
    }),
    rules: [...byRule.entries()]
      .map(([id, s]) => ({ id, ...describeTarget(policy, id), lines: s.lines, amounts: [...s.amounts.entries()].sort().map(([currency, amount]) => ({ currency, amount: nanosToDecimal(amount) })) }))
      .sort((a, b) => (b.precedence ?? -Infinity) - (a.precedence ?? -Infinity)),
    notes: allocator.notes,
    energy: [...energy.entries()].map(([key, impact]) => {
      const [team, month] = key.split('\u0001') as [string, string];
      return { team, month, kwh: impact.kwh, kgCo2e: impact.kgCo2e };
    }),
    stats: { ledgerLines, groups: groups.length, ms: Math.round(performance.now() - started) },
  };
  options.job?.progress(ledgerLines, ledgerLines, 'allocated');
  return { run, allocator };
}

/** A ledger line behind a total, with the part of it counted there (needs the line read `extended`, for its provenance). */
export function lineBehind(line: LineRow, amount: bigint, ratio: string): LineBehind {
  return {
    lineId: line.id,
    day: line.day,
    provider: line.provider,
    model: line.model,
    usageClass: line.usageClass,
    subAccount: line.subAccount,
    credential: line.credential,
    chargeCategory: line.chargeCategory,
    tags: { ...line.tags },
    quantity: line.quantity,
    unit: line.unit,
    currency: line.currency,
    lineCost: nanosToDecimal(line.cost),
    amount: nanosToDecimal(amount),
    ratio,
    importId: line.extra!.importId,
    sourceRow: line.extra!.sourceRow,
  };
}

/** The lines behind one team's month: each origin line with the team's part of it. */
export function allocatedLinesOf(workspace: Workspace, policy: Policy, input: { team: string; month: string; currency?: string; offset: number; limit: number }): { rows: AllocatedLine[]; total: number } {
  const rows: AllocatedLine[] = [];
  let total = 0;
  runAllocation(workspace, policy, {
    month: input.month,
    extended: true,
    onLine: (line, parts) => {
      if (input.currency && line.currency !== input.currency) return;
      const part = parts.find((p) => p.team === input.team);
      if (!part) return;
      total += 1;
      if (total <= input.offset || rows.length >= input.limit) return;
      rows.push({ ...lineBehind(line, part.amount, part.ratio), ruleId: part.ruleId, method: part.method, reason: part.reason ?? null });
    },
  });
  return { rows, total };
}

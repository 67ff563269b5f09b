import type { SpendOverview } from '../../../../shared/api/overview';
import type { RunResult } from '../../../../shared/api/scenarios';
import { nanosToDecimal, parseMoney } from '../../../../shared/domain/money';

export interface BoardRow {
  id: string;
  name: string;
  isBaseline: boolean;
  /** Cost per unit in the horizon's first month. */
  now: string | null;
  /** Cost per unit in its last month. */
  end: string | null;
  /** The last month's cost per unit less the baseline's (negative: cheaper than nothing changing). */
  vsBaseline: string | null;
  breakEven: string | null;
  /** Nothing to recover: savings never fell below zero (no break-even; savingsStart says when they start). */
  noUpfrontCost: boolean;
  savingsStart: string | null;
}

export interface BoardContract {
  provider: string;
  contract: string;
  committed: string | null;
  /** "104%": eligible spend over the commitment in the first month. */
  utilisation: string | null;
  shortfallMonths: number;
  creditsGranted: string | null;
  creditsLeft: string | null;
  creditsExhausted: string | null;
}

export interface BoardAnswer {
  currency: string;
  unit: string;
  firstMonth: string;
  lastMonth: string;
  rows: BoardRow[];
  /** The baseline's contracts over the horizon. */
  contracts: BoardContract[];
}

/**
 * The answer's rows before the run is in: the baseline and each of the file's
 * scenarios, every figure still to come. The Overview draws them in the
 * answer's place so the table keeps its height and nothing below it (the
 * monthly chart a person may already be pointing at) moves when the figures
 * arrive.
 */
export function pendingRows(scenarios: readonly { id: string; name: string }[]): BoardRow[] {
  const waiting = { now: null, end: null, vsBaseline: null, breakEven: null, noUpfrontCost: false, savingsStart: null };
  return [{ id: 'baseline', name: 'Baseline (nothing changes)', isBaseline: true, ...waiting }, ...scenarios.map((s) => ({ id: s.id, name: s.name, isBaseline: false, ...waiting }))];
}

/** A scenario run read as the board asks it: cost per unit now and at the end under each scenario, and the contracts' state. */
export function boardAnswer(run: RunResult): BoardAnswer | null {
  const base = run.scenarios.find((s) => s.isBaseline) ?? run.scenarios[0];
  const first = base?.months[0];
  const last = base?.months.at(-1);
  if (!base || !first || !last) return null;
  const baseEnd = last.costPerUnit;
  const rows = run.scenarios.map((s) => {
    const end = s.months.at(-1)?.costPerUnit ?? null;
    return {
      id: s.id,
      name: s.isBaseline ? `${s.name} (nothing changes)` : s.name,
      isBaseline: s.isBaseline,
      now: s.months[0]?.costPerUnit ?? null,
      end,
      vsBaseline: s.isBaseline || end === null || baseEnd === null ? null : nanosToDecimal(parseMoney(end) - parseMoney(baseEnd)),
      breakEven: s.kpis.breakEvenMonth,
      noUpfrontCost: s.kpis.noUpfrontCost,
      savingsStart: s.kpis.savingsStartMonth,
    };
  });
  const contracts = base.contracts.map((c) => {
    const opening = c.commitment[0];
    const granted = c.credits.reduce((sum, m) => sum + parseMoney(m.granted), 0n) + (c.credits[0] ? parseMoney(c.credits[0].opening) : 0n);
    return {
      provider: c.provider,
      contract: c.contract,
      committed: opening && parseMoney(opening.committed) > 0n ? opening.committed : null,
      utilisation: opening?.utilisation === null || opening?.utilisation === undefined ? null : `${Math.round(opening.utilisation * 100)}%`,
      shortfallMonths: c.commitment.filter((m) => parseMoney(m.shortfall) > 0n).length,
      creditsGranted: granted > 0n ? nanosToDecimal(granted) : null,
      creditsLeft: c.credits.at(-1)?.closing ?? null,
      creditsExhausted: c.creditExhaustionMonth,
    };
  });
  return { currency: run.currency, unit: run.unit, firstMonth: first.month, lastMonth: last.month, rows, contracts };
}

/** The providers whose billed spend moved most from the month before to the latest complete month, largest change first. */
export function topMovers(o: SpendOverview, n: number): { provider: string; change: string }[] {
  const latest = o.latest ? o.months.find((m) => m.month === o.latest!.month) : undefined;
  const previous = o.change ? o.months.find((m) => m.month === o.change!.previousMonth) : undefined;
  if (!latest || !previous || previous.billed === null) return [];
  const before = new Map(previous.providers.map((p) => [p.provider, parseMoney(p.billed.shown)]));
  const providers = new Set([...before.keys(), ...latest.providers.map((p) => p.provider)]);
  const now = new Map(latest.providers.map((p) => [p.provider, parseMoney(p.billed.shown)]));
  const changes = [...providers].map((p) => ({ provider: p, nanos: (now.get(p) ?? 0n) - (before.get(p) ?? 0n) }));
  changes.sort((a, b) => {
    const x = a.nanos < 0n ? -a.nanos : a.nanos;
    const y = b.nanos < 0n ? -b.nanos : b.nanos;
    return x > y ? -1 : x < y ? 1 : a.provider.localeCompare(b.provider);
  });
  return changes.slice(0, n).filter((c) => c.nanos !== 0n).map((c) => ({ provider: c.provider, change: nanosToDecimal(c.nanos) }));
}

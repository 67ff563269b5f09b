/**
 * The totals of a showback over several months, one figure everywhere: the
 * grand total is the ledger's exact total rounded once (what the Overview,
 * the Ledger and a spreadsheet summing the exported lines show), and each
 * team's total over the period is its exact total, footed to that grand
 * total by largest remainder (shared/domain/rounding.ts), so the Total
 * column adds up to the grand total as printed.
 *
 * Each month is rounded on its own as well (the same month figure on every
 * screen), so the months as shown can add up to a unit more or less than the
 * grand total, and a team's months to a unit more or less than its total:
 * `monthsAddUpTo` says what they add up to, for the screen to say why.
 */
import { parseMoney, type Nanos } from '../money';
import { currencyDecimals } from '../money-text';
import { roundFooting, roundTotal } from '../rounding';

export interface PeriodTotalsInput {
  rows: readonly { team: string; product: string | null; currency: string; amount: string }[];
  months: readonly { currency: string; ledger: string; ledgerCents: string }[];
}

export interface PeriodTotals {
  currency: string;
  /** The ledger's exact total over the months. */
  ledger: Nanos;
  /** The exact total rounded once to the currency's minor unit: the grand total shown. */
  ledgerShown: Nanos;
  /** What the months, each rounded on its own, add up to. */
  monthsAddUpTo: Nanos;
  /** Each team (and product) over the months, footed to `ledgerShown`. */
  teams: { team: string; product: string | null; total: Nanos }[];
}

/** Per currency, the grand total and the teams' totals over every month of the run. */
export function periodTotals(run: PeriodTotalsInput): Map<string, PeriodTotals> {
  const out = new Map<string, PeriodTotals>();
  for (const currency of [...new Set(run.months.map((m) => m.currency))]) {
    const decimals = currencyDecimals(currency);
    const months = run.months.filter((m) => m.currency === currency);
    const byTeam = new Map<string, { team: string; product: string | null; exact: Nanos }>();
    for (const r of run.rows) {
      if (r.currency !== currency) continue;
      const key = `${r.team}\u0001${r.product ?? ''}`;
      const t = byTeam.get(key) ?? { team: r.team, product: r.product, exact: 0n };
      t.exact += parseMoney(r.amount);
      byTeam.set(key, t);
    }
    // A fixed order (not the screen's) so that a tie's unit always goes to the same team.
    const teams = [...byTeam.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, t]) => t);
    const footed = roundFooting(
      teams.map((t) => t.exact),
      decimals,
    );
    const ledger = months.reduce((t, m) => t + parseMoney(m.ledger), 0n);
    out.set(currency, {
      currency,
      ledger,
      ledgerShown: roundTotal([ledger], decimals),
      monthsAddUpTo: months.reduce((t, m) => t + parseMoney(m.ledgerCents), 0n),
      teams: teams.map((t, i) => ({ team: t.team, product: t.product, total: footed[i]! })),
    });
  }
  return out;
}

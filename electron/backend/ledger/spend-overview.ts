import { dayOfEpoch, instantOfEpoch } from '../../../shared/domain/epoch';
import type Database from 'better-sqlite3';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api';
import type { ShownMoney } from '../../../shared/api/overview';
import { nanosToDecimal, type Nanos } from '../../../shared/domain/money';
import { currencyDecimals } from '../../../shared/domain/money-text';
import { buildSpendOverview, lastDayCovered, type Shown, type SpendGroup } from '../../../shared/domain/spend-overview';

const shownMoney = (s: Shown): ShownMoney => ({ exact: nanosToDecimal(s.exact), shown: nanosToDecimal(s.shown) });
const money = (n: Nanos): string => nanosToDecimal(n);

/** Today's date in UTC, as the overview reads "the current month". */
function utcToday(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * The Overview's figures from the ledger: two grouped passes in SQL (lines
 * and billed cost by month, currency, provider and model; the days each
 * month's lines cover), the rest in the pure core (shared/domain/spend-overview.ts).
 * Money is summed by SQLite as integers and read back as text.
 */
export function spendOverview(db: Database.Database, input: MethodParsedInput<'ledger.overview'>): MethodOutput<'ledger.overview'> {
  const today = input.today ?? utcToday();
  // One pass: lines and billed cost by month and kind over the narrow rows, in the month × kind index's order, the kinds'
  // text joined after (migrations 011, 012): a kind has one currency, provider and model. The currencies' line counts
  // are added up here from the same groups.
  const all = db
    .prepare(
      `SELECT g.month, k.currency, k.provider, k.model, sum(g.n) AS lines, CAST(sum(g.billed) AS TEXT) AS billed
       FROM (SELECT month, kind_id, count(*) AS n, sum(billed_cost) AS billed FROM ledger_rows GROUP BY month, kind_id) g
       JOIN ledger_kinds k ON k.id = g.kind_id GROUP BY g.month, k.currency, k.provider, k.model`,
    )
    .all() as { month: string; currency: string; provider: string; model: string | null; lines: number; billed: string }[];
  const linesPerCurrency = new Map<string, number>();
  for (const r of all) linesPerCurrency.set(r.currency, (linesPerCurrency.get(r.currency) ?? 0) + r.lines);
  // Most lines first, then the code (as SQLite's binary order would have it).
  const currencies = [...linesPerCurrency].map(([code, lines]) => ({ currency: code, lines })).sort((a, b) => b.lines - a.lines || (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
  const currency = input.currency ?? currencies[0]?.currency ?? null;
  const groups: SpendGroup[] = all
    .filter((r) => r.currency === currency)
    .map((r) => ({ month: r.month, provider: r.provider, model: r.model, lines: r.lines, billed: BigInt(r.billed) }));
  // The days covered need each line's own dates (not in any index): one pass over the table in its order, reading each
  // page once, is 4-6x faster than the lines of a currency's kinds looked up one by one through an index (1M lines).
  const spans =
    currency === null
      ? []
      : (
          db
            .prepare(
              `SELECT month, min(charge_period_start) AS start, max(charge_period_end) AS end FROM ledger_rows NOT INDEXED
               WHERE kind_id IN (SELECT id FROM ledger_kinds WHERE currency = ?) GROUP BY month`,
            )
            .all(currency) as { month: string; start: number; end: number }[]
        ).map((r) => ({ month: r.month, firstDay: dayOfEpoch(r.start), lastDay: lastDayCovered(instantOfEpoch(r.end), instantOfEpoch(r.start)) }));
  const o = buildSpendOverview({ currency: currency ?? 'USD', decimals: currencyDecimals(currency ?? 'USD'), groups, spans, today, modelsPerProvider: input.modelsPerProvider });
  return {
    currencies,
    currency,
    today,
    total: { lines: o.total.lines, billed: shownMoney(o.total.billed) },
    months: o.months.map((m) => ({
      month: m.month,
      lines: m.lines,
      billed: m.billed ? shownMoney(m.billed) : null,
      providers: m.providers.map((p) => ({ provider: p.provider, billed: shownMoney(p.billed) })),
      covered: m.covered,
    })),
    latest: o.latest ? { month: o.latest.month, billed: shownMoney(o.latest.billed), covered: o.latest.covered } : null,
    change: o.change
      ? { previousMonth: o.change.previousMonth, previous: o.change.previous ? shownMoney(o.change.previous) : null, amount: o.change.amount === null ? null : money(o.change.amount), percent: o.change.percent }
      : null,
    runRate: o.runRate ? { ...o.runRate, soFar: o.runRate.soFar ? shownMoney(o.runRate.soFar) : null, perDay: money(o.runRate.perDay), projected: money(o.runRate.projected) } : null,
    trend: o.trend ? { ...o.trend, perMonth: money(o.trend.perMonth), fittedFrom: money(o.trend.fittedFrom), fittedTo: money(o.trend.fittedTo) } : null,
    providers: o.providers.map((p) => ({
      provider: p.provider,
      lines: p.lines,
      billed: shownMoney(p.billed),
      models: p.models.map((m) => ({ model: m.model, lines: m.lines, billed: shownMoney(m.billed) })),
      otherModels: p.otherModels ? { count: p.otherModels.count, lines: p.otherModels.lines, billed: shownMoney(p.otherModels.billed) } : null,
    })),
  };
}

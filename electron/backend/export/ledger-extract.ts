/**
 * The optional ledger extract: month × provider × model × usage class ×
 * tier (sums in SQL), or every line while they fit under Excel's row limit
 * (read row by row from SQLite while the file is written). Money is exact in
 * the ledger (nano-units); the sheet shows it as numbers of the currency.
 *
 * Both read ledger_rows rather than the ledger_lines view: the sums per month
 * and kind first (the month × kind index covers them), the kinds' text joined
 * after; the lines with their kind from a map read once.
 */
import { instantTexts } from '../../../shared/domain/epoch';
import { nanosToNumber } from '../../../shared/domain/money';
import { MAX_ROWS } from '../../../shared/workbook/grid';
import type { CellValue } from '../../../shared/workbook/model';
import type { LedgerExtract } from '../../../shared/workbook/other-sheets';
import { LedgerKinds } from '../ledger/ledger-kinds';
import type { Workspace } from '../workspace/workspace';

/** Rows above the data: title, subtitle, a blank row, the header. */
const HEADER_ROWS = 4;

export function ledgerLineCount(workspace: Workspace): number {
  return (workspace.db.prepare('SELECT count(*) AS n FROM ledger_rows').get() as { n: number }).n;
}

const money = (nanos: bigint | number | null): number | null => (nanos === null ? null : nanosToNumber(BigInt(nanos)));

function aggregated(workspace: Workspace, note: string | null): LedgerExtract {
  const rows = workspace.db
    .prepare(
      // Ordered by unit last as the view's grouping left lines alike in everything else.
      `SELECT g.month, k.provider, coalesce(k.model, k.model_raw, '') AS model, k.usage_class, k.service_tier, k.currency, k.unit,
              sum(g.quantity) AS quantity, sum(g.billed) AS billed, sum(g.list) AS list, sum(g.priced) AS priced, sum(g.lines) AS lines
         FROM (SELECT month, kind_id, sum(quantity) AS quantity, sum(billed_cost) AS billed, sum(list_cost) AS list, count(list_cost) AS priced, count(*) AS lines
                 FROM ledger_rows GROUP BY month, kind_id) g
         JOIN ledger_kinds k ON k.id = g.kind_id
        GROUP BY g.month, k.provider, coalesce(k.model, k.model_raw, ''), k.usage_class, k.service_tier, k.currency, k.unit
        ORDER BY g.month, k.provider, model, k.usage_class, k.service_tier, k.currency, k.unit`,
    )
    .safeIntegers(true)
    .all() as { month: string; provider: string; model: string; usage_class: string; service_tier: string; currency: string; unit: string; quantity: number; billed: bigint; list: bigint | null; priced: bigint; lines: bigint }[];
  return {
    mode: 'aggregated',
    note,
    columns: [
      { header: 'Month', style: 'month', width: 10 },
      { header: 'Provider', style: 'text', width: 14 },
      { header: 'Model', style: 'text', width: 30 },
      { header: 'Usage class', style: 'text', width: 16 },
      { header: 'Tier', style: 'text', width: 11 },
      { header: 'Quantity', style: 'count', width: 18 },
      { header: 'Unit', style: 'text', width: 10 },
      { header: 'Currency', style: 'text', width: 9 },
      { header: 'Billed', style: 'moneyExact', width: 16 },
      { header: 'At list (where priced)', style: 'moneyExact', width: 18 },
      { header: 'Lines', style: 'count', width: 10 },
    ],
    rows: rows.map((r): CellValue[] => [
      r.month,
      r.provider,
      r.model,
      r.usage_class,
      r.service_tier,
      Number(r.quantity),
      r.unit,
      r.currency,
      money(r.billed),
      r.priced > 0n ? money(r.list) : null,
      Number(r.lines),
    ]),
    stream: null,
  };
}

function lines(workspace: Workspace, count: number, signal?: AbortSignal): LedgerExtract {
  const db = workspace.db;
  return {
    mode: 'lines',
    note: null,
    columns: [
      { header: 'Charge period start', style: 'text', width: 21 },
      { header: 'Provider', style: 'text', width: 12 },
      { header: 'Model', style: 'text', width: 26 },
      { header: 'Model as billed', style: 'text', width: 26 },
      { header: 'Usage class', style: 'text', width: 14 },
      { header: 'Tier', style: 'text', width: 10 },
      { header: 'Quantity', style: 'count', width: 14 },
      { header: 'Unit', style: 'text', width: 9 },
      { header: 'Billed', style: 'moneyExact', width: 14 },
      { header: 'Currency', style: 'text', width: 9 },
      { header: 'Account', style: 'text', width: 16 },
      { header: 'Project', style: 'text', width: 16 },
      { header: 'Tags', style: 'text', width: 40 },
      { header: 'Import', style: 'count', width: 8 },
      { header: 'Source row', style: 'count', width: 10 },
    ],
    rows: null,
    stream: {
      styles: ['text', 'text', 'text', 'text', 'text', 'text', 'count', 'text', 'moneyExact', 'text', 'text', 'text', 'text', 'count', 'count'],
      expectedRows: count,
      async *rows() {
        const kinds = new LedgerKinds(db);
        // In the period index's order (period start, then id): no sort.
        const statement = db.prepare('SELECT charge_period_start, kind_id, quantity, billed_cost, tags, import_id, source_row FROM ledger_rows ORDER BY charge_period_start, id').raw(true);
        const instantText = instantTexts();
        let n = 0;
        for (const r of statement.iterate() as Iterable<unknown[]>) {
          const [start, kindId, quantity, billed, tags, importId, sourceRow] = r as [number, number, number, number, string, number, number];
          const k = kinds.get(kindId);
          yield [instantText(start), k.provider, k.model, k.modelRaw, k.usageClass, k.serviceTier, quantity, k.unit, nanosToNumber(BigInt(billed)), k.currency, k.billingAccount, k.subAccount, tags === '{}' ? null : tags, importId, sourceRow];
          // Let the event loop breathe (progress, cancel) every few thousand lines.
          if (++n % 5000 === 0) {
            if (signal?.aborted) return;
            await new Promise((resolve) => setImmediate(resolve));
          }
        }
      },
    },
  };
}

export function ledgerExtract(workspace: Workspace, mode: 'aggregated' | 'lines', signal?: AbortSignal): LedgerExtract {
  if (mode === 'aggregated') return aggregated(workspace, null);
  const count = ledgerLineCount(workspace);
  if (count + HEADER_ROWS + 1 > MAX_ROWS) {
    return aggregated(workspace, `The ledger holds ${count.toLocaleString('en-US')} lines, more than one sheet can hold (${MAX_ROWS.toLocaleString('en-US')} rows): exported aggregated by month, provider, model, usage class and tier instead.`);
  }
  return lines(workspace, count, signal);
}

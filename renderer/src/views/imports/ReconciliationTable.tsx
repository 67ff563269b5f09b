import type { ImportTotal, RejectionWire } from '../../../../shared/api/imports';
import { DataTable, type TableColumn } from '../../components/table/DataTable';
import { chargeCategoryLabel } from '../../format/labels';
import { withCurrencyCode } from '../../format/locale';
import { formatCount, formatExactAmount, formatFooted, formatMoney } from '../../format/money';

/** The file's own total may carry more decimals than the ledger; decimal text formats exactly, anything else shows as written. */
export function amountText(total: string, currency: string): string {
  return /^-?\d+(\.\d+)?$/.test(total) ? formatMoney(total, currency) : withCurrencyCode(total, currency);
}

export function ReconciledBadge({ reconciled }: { reconciled: boolean }) {
  return (
    <span className={`badge ${reconciled ? 'badge-good' : 'badge-bad'}`} data-testid="reconciliation">
      {reconciled ? 'Reconciled' : 'Does not reconcile'}
    </span>
  );
}

/** Whether what landed is more than usage alone (tax, credits, refunds…), so its parts are worth a line each. */
function hasParts(t: ImportTotal): boolean {
  return t.categories.length > 1 || (t.categories.length === 1 && t.categories[0]!.category !== 'usage');
}

/**
 * Per currency: the file's own total, what landed, what was left out, and
 * whether source = imported + rejected to the cent. Under it, what landed
 * by charge category (usage, tax, credits, refunds…), each its own line,
 * footed to the imported total as shown.
 */
export function ReconciliationTable({ totals, caption }: { totals: readonly ImportTotal[]; caption: string }) {
  if (totals.length === 0) {
    return <p className="muted">No cost column: usage only. These lines are priced from the price book at list prices, never read as a bill of zero.</p>;
  }
  return (
    <DataTable
      rows={totals}
      columns={RECONCILIATION_COLUMNS}
      label={caption}
      rowKey={(t) => t.currency}
      detail={(t) => (hasParts(t) ? <CategoryLines total={t} /> : null)}
      testId="reconciliation-table"
      compact
    />
  );
}

const money = (id: string, header: string, of: (t: ImportTotal) => string, testId?: string, title?: (t: ImportTotal) => string): TableColumn<ImportTotal> => ({
  id,
  header,
  type: 'money',
  value: of,
  currency: (t) => t.currency,
  text: (t) => amountText(of(t), t.currency),
  // Every digit the file or the ledger holds: the CSV is the record of the reconciliation.
  csv: of,
  render: (t, text) => (
    <span data-testid={testId} title={title?.(t)}>
      {text}
    </span>
  ),
});

const RECONCILIATION_COLUMNS: TableColumn<ImportTotal>[] = [
  { id: 'currency', header: 'Currency', type: 'text', value: (t) => t.currency, rowHeader: true, className: 'currency-cell' },
  money('sourceTotal', 'File total', (t) => t.sourceTotal, 'source-total', (t) => `${t.sourceTotal} as summed from the file`),
  // Not "Imported": beside the wizard's Import button a header of that name would read as a second one.
  money('importedTotal', 'To the ledger', (t) => t.importedTotal, 'imported-total', (t) => `${formatExactAmount(t.importedTotal)} exactly`),
  money('rejectedTotal', 'Rejected', (t) => t.rejectedTotal),
  money('difference', 'Difference', (t) => t.difference, undefined, (t) => t.difference),
  { id: 'status', header: 'Status', type: 'text', value: (t) => (t.reconciled ? 'Reconciled' : 'Does not reconcile'), render: (t) => <ReconciledBadge reconciled={t.reconciled} /> },
];

/** What landed by charge category, each its own line, footed to the imported total as shown. */
function CategoryLines({ total: t }: { total: ImportTotal }) {
  const parts = formatFooted(
    t.categories.map((c) => c.importedTotal),
    t.currency,
  ).parts;
  return (
    <ul className="category-lines">
      {t.categories.map((c, i) => (
        <li key={c.category} className="category-row" data-testid="imported-category">
          <span className="category-cell">
            of which {chargeCategoryLabel(c.category).toLowerCase()} ({formatCount(c.lines)} line{c.lines === 1 ? '' : 's'})
          </span>
          <span className="num money" title={`${formatExactAmount(c.importedTotal)} exactly`}>
            {parts[i]}
          </span>
        </li>
      ))}
    </ul>
  );
}

const REJECTION_COLUMNS: TableColumn<RejectionWire>[] = [
  { id: 'row', header: 'Row', type: 'count', value: (r) => r.row },
  { id: 'field', header: 'Field', type: 'text', value: (r) => r.field, className: 'mono' },
  { id: 'reason', header: 'Reason', type: 'text', value: (r) => r.reason },
  { id: 'value', header: 'Value', type: 'text', value: (r) => r.value ?? '', className: 'mono small value-cell' },
];

/** Rejected rows with where and why: row, field, reason and the value as written. */
export function RejectionList({ rejected, total, caption }: { rejected: readonly RejectionWire[]; total: number; caption: string }) {
  if (rejected.length === 0) return null;
  return (
    <div className="rejections" data-testid="rejections">
      <p className="table-title">{caption}</p>
      <DataTable rows={rejected} columns={REJECTION_COLUMNS} label={caption} rowKey={(r, i) => `${r.row}-${r.field}-${i}`} testId="rejections-table" compact />
      {total > rejected.length ? <p className="muted small">…and {formatCount(total - rejected.length)} more rejected rows.</p> : null}
    </div>
  );
}

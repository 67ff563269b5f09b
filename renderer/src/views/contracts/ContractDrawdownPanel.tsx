import type { DrawdownRow } from '../../../../shared/api/contracts';
import { parseMoney } from '../../../../shared/domain/money';
import { describeError } from '../../api/describe-error';
import { ErrorNote } from '../../components/ErrorNote';
import { DataTable, type TableColumn } from '../../components/table/DataTable';
import { formatMonth } from '../../format/dates';
import { formatMoney } from '../../format/money';
import { useApiData } from '../../state/useApiData';

/** What the vendor applied: money, else the quantity (a usage commitment), else nothing. */
function vendorText(row: DrawdownRow): string {
  if (row.vendorApplied !== null) return formatMoney(row.vendorApplied, row.currency);
  if (row.vendorQuantity !== null) return `${row.vendorQuantity} ${row.vendorUnit ?? ''}`.trim();
  return '—';
}

/** A difference is shown to the nano-unit when it is below a cent, so a sub-cent disagreement is not read as none. */
function differenceText(value: string, currency: string): string {
  const nanos = parseMoney(value);
  const belowHalfCent = nanos !== 0n && (nanos < 0n ? -nanos : nanos) < 5_000_000n;
  return formatMoney(value, currency, belowHalfCent ? 9 : undefined);
}

const differs = (r: DrawdownRow) => r.difference !== null && parseMoney(r.difference) !== 0n;

// Rows may be in different currencies (one per commitment): each amount in its row's currency, so no column totals.
const DRAWDOWN_COLUMNS: TableColumn<DrawdownRow>[] = [
  { id: 'month', header: 'Month', type: 'month', value: (r) => r.month, text: (r) => formatMonth(r.month), csv: (r) => r.month, rowHeader: true, className: 'nowrap' },
  { id: 'commitment', header: 'Commitment', type: 'text', value: (r) => r.commitmentId, className: 'small' },
  { id: 'vendorLines', header: 'Vendor lines', type: 'count', value: (r) => r.vendorLines },
  {
    id: 'vendorApplied',
    header: 'Vendor applied',
    title: "ContractCommitmentAppliedCost summed over the month's cost rows (or the applied quantity, for a usage commitment)",
    type: 'money',
    currency: (r) => r.currency,
    value: (r) => r.vendorApplied,
    text: vendorText,
    csv: (r) => r.vendorApplied ?? r.vendorQuantity,
    render: (r, text) => (
      <>
        {text}
        {r.vendorPurchased !== null ? <span className="muted small"> (+{formatMoney(r.vendorPurchased, r.currency)} purchased)</span> : null}
      </>
    ),
  },
  { id: 'drawn', header: 'Workbench drawn', title: 'What the contract pricer counted toward the commitment this month', type: 'money', currency: (r) => r.currency, value: (r) => r.workbench?.drawn ?? null, text: (r) => (r.workbench ? formatMoney(r.workbench.drawn, r.currency) : '—') },
  {
    id: 'difference',
    header: 'Difference',
    title: 'Vendor − workbench; below a cent it is shown (and exported) to the nano-unit',
    type: 'money',
    currency: (r) => r.currency,
    value: (r) => r.difference,
    text: (r) => (r.difference === null ? '—' : differenceText(r.difference, r.currency)),
    csv: (r) => r.difference,
    render: (r, text) => (differs(r) ? <strong>{text}</strong> : text),
  },
  { id: 'remaining', header: 'Remaining', title: 'What is still to be drawn or paid this contract year, as the workbench counts', type: 'money', currency: (r) => r.currency, value: (r) => r.workbench?.remaining ?? null, text: (r) => (r.workbench ? formatMoney(r.workbench.remaining, r.currency) : '—') },
  { id: 'note', header: 'Note', type: 'text', value: (r) => r.note ?? (r.matchedBy === 'contract' ? 'compared by contract id (the vendor’s own commitment id)' : ''), className: 'muted small' },
];

/**
 * Draw-down per commitment from the vendor's own FOCUS file (ContractApplied
 * on imported cost rows) beside what the contract pricer counts toward the
 * commitment, month by month, with the difference.
 */
export function ContractDrawdownPanel({ id, reload }: { id: string; reload: number }) {
  const drawdown = useApiData((c) => c.call('contracts.drawdown', { contractId: id }), [id, reload]);
  if (drawdown.error) return <ErrorNote title="Could not read the vendor's draw-down" message={describeError(drawdown.error)} />;
  const data = drawdown.data;
  if (!data) return null;
  return (
    <div className="panel table-panel contract-drawdown" tabIndex={0} role="region" aria-label="Draw-down from the vendor's FOCUS file">
      <div className="panel-header padded">
        <h2>Draw-down from the vendor’s FOCUS file</h2>
        <span className="muted small">
          What the vendor’s FOCUS 1.3 cost rows apply to each commitment (their ContractApplied), beside what the workbench counts toward this contract’s commitment from the same ledger, and the difference (vendor − workbench).
        </span>
      </div>
      {data.rows.length === 0 ? (
        <p className="muted padded" data-testid="contract-drawdown-empty">
          {data.linesWithContractApplied === 0
            ? 'No imported cost row carries ContractApplied. Import the vendor’s FOCUS 1.3 cost and usage export to compare its draw-down with the workbench’s.'
            : `No imported cost row names ${id} in its ContractApplied.`}
        </p>
      ) : (
        <DataTable rows={data.rows} columns={DRAWDOWN_COLUMNS} label={`Draw-down of ${id}`} rowKey={(r) => `${r.commitmentId}|${r.month}|${r.currency}`} testId="contract-drawdown" />
      )}
    </div>
  );
}

import { useMemo } from 'react';
import type { LineBehind } from '../../../../shared/api/allocation';
import { DataTable, type TableColumn } from '../../components/table/DataTable';
import { providerName, usageClassLabel } from '../../format/labels';
import { formatCount, formatExactAmount } from '../../format/money';

/** A part of a shared line, in words a reader checks against the rule: "1" for a whole line, else four decimals. */
function ratioText(ratio: string): string {
  return ratio === '1' ? '1' : Number(ratio).toFixed(4);
}

interface LinesBehindTableProps<Row extends LineBehind> {
  rows: readonly Row[];
  testId: string;
  /** Whether to show each line's ratio and the part counted here (lines shared between teams). */
  showParts: boolean;
  partLabel: string;
  /** A last column of the caller's: the rule that allocated the part, or where the line came from. */
  last: { header: string; cell: (row: Row) => string };
  rowKey: (row: Row) => string;
  /** The table's name (its CSV's file name). */
  label: string;
  currency: string;
}

/**
 * The ledger lines behind a total (a team's month, an anomaly): day, provider,
 * model, class, key, quantity and the line's exact cost as the statement had
 * it, and for shared lines the ratio and the part counted in the total.
 */
export function LinesBehindTable<Row extends LineBehind>({ rows, testId, showParts, partLabel, last, rowKey, label, currency }: LinesBehindTableProps<Row>) {
  const columns = useMemo((): TableColumn<Row>[] => {
    const exact = (id: string, header: string, of: (r: Row) => string): TableColumn<Row> => ({ id, header, type: 'money', value: of, text: (r) => formatExactAmount(of(r)), csv: of });
    return [
      { id: 'day', header: 'Day', type: 'month', value: (r) => r.day, className: 'nowrap' },
      { id: 'provider', header: 'Provider', type: 'text', value: (r) => providerName(r.provider) },
      { id: 'model', header: 'Model', type: 'text', value: (r) => r.model ?? '' },
      { id: 'class', header: 'Class', type: 'text', value: (r) => usageClassLabel(r.usageClass) },
      { id: 'key', header: 'Key', type: 'text', value: (r) => r.credential ?? '', className: 'mono small' },
      { id: 'quantity', header: 'Quantity', type: 'quantity', value: (r) => r.quantity, text: (r) => (r.quantity === null ? 'not reported' : formatCount(r.quantity)), render: (r, text) => (r.quantity === null ? <span className="muted">{text}</span> : text) },
      // Every digit the statement had: a line is checked against its source, not rounded.
      exact('lineCost', 'Line cost', (r) => r.lineCost),
      ...(showParts ? [{ id: 'ratio', header: 'Ratio', type: 'quantity', value: (r: Row) => Number(r.ratio), text: (r: Row) => ratioText(r.ratio), csv: (r: Row) => r.ratio } as TableColumn<Row>, exact('part', partLabel, (r) => r.amount)] : []),
      { id: 'last', header: last.header, type: 'text', value: last.cell, className: 'mono small' },
    ];
  }, [showParts, partLabel, last]);
  return (
    <div className="drill-scroll">
      <DataTable rows={rows} columns={columns} label={label} rowKey={rowKey} testId={testId} currency={currency} />
    </div>
  );
}

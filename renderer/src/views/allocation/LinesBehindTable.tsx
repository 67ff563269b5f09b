import type { LineBehind } from '../../../../shared/api/allocation';
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
}

/**
 * The ledger lines behind a total (a team's month, an anomaly): day, provider,
 * model, class, key, quantity and the line's exact cost as the statement had
 * it, and for shared lines the ratio and the part counted in the total.
 */
export function LinesBehindTable<Row extends LineBehind>({ rows, testId, showParts, partLabel, last, rowKey }: LinesBehindTableProps<Row>) {
  return (
    <div className="table-scroll drill-scroll">
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Provider</th>
            <th scope="col">Model</th>
            <th scope="col">Class</th>
            <th scope="col">Key</th>
            <th scope="col" className="num">
              Quantity
            </th>
            <th scope="col" className="num">
              Line cost
            </th>
            {showParts ? (
              <th scope="col" className="num">
                Ratio
              </th>
            ) : null}
            {showParts ? (
              <th scope="col" className="num">
                {partLabel}
              </th>
            ) : null}
            <th scope="col">{last.header}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)}>
              <td className="nowrap">{r.day}</td>
              <td>{providerName(r.provider)}</td>
              <td>{r.model ?? ''}</td>
              <td>{usageClassLabel(r.usageClass)}</td>
              <td className="mono small">{r.credential ?? ''}</td>
              <td className="num">{r.quantity === null ? <span className="muted">not reported</span> : formatCount(r.quantity)}</td>
              <td className="num money">{formatExactAmount(r.lineCost)}</td>
              {showParts ? <td className="num">{ratioText(r.ratio)}</td> : null}
              {showParts ? <td className="num money">{formatExactAmount(r.amount)}</td> : null}
              <td className="mono small">{last.cell(r)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

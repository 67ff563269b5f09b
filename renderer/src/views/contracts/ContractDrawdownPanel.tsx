import type { DrawdownRow } from '../../../../shared/api/contracts';
import { parseMoney } from '../../../../shared/domain/money';
import { describeError } from '../../api/describe-error';
import { ErrorNote } from '../../components/ErrorNote';
import { formatMonth } from '../../format/dates';
import { formatMoney } from '../../format/money';
import { useApiData } from '../../state/useApiData';

function VendorCell({ row }: { row: DrawdownRow }) {
  if (row.vendorApplied !== null) return <>{formatMoney(row.vendorApplied, row.currency)}</>;
  if (row.vendorQuantity !== null) return <>{`${row.vendorQuantity} ${row.vendorUnit ?? ''}`.trim()}</>;
  return <>—</>;
}

/** A difference is shown to the nano-unit when it is below a cent, so a sub-cent disagreement is not read as none. */
function differenceText(value: string, currency: string): string {
  const nanos = parseMoney(value);
  const belowHalfCent = nanos !== 0n && (nanos < 0n ? -nanos : nanos) < 5_000_000n;
  return formatMoney(value, currency, belowHalfCent ? 9 : undefined);
}

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
        <table className="table" data-testid="contract-drawdown">
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Commitment</th>
              <th scope="col" className="num">
                Vendor lines
              </th>
              <th scope="col" className="num" title="ContractCommitmentAppliedCost summed over the month's cost rows">
                Vendor applied
              </th>
              <th scope="col" className="num" title="What the contract pricer counted toward the commitment this month">
                Workbench drawn
              </th>
              <th scope="col" className="num">
                Difference
              </th>
              <th scope="col" className="num" title="What is still to be drawn or paid this contract year, as the workbench counts">
                Remaining
              </th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => {
              const differs = r.difference !== null && parseMoney(r.difference) !== 0n;
              return (
                <tr key={`${r.commitmentId}|${r.month}|${r.currency}`}>
                  <th scope="row" className="nowrap">
                    {formatMonth(r.month)}
                  </th>
                  <td className="small">{r.commitmentId}</td>
                  <td className="num">{r.vendorLines}</td>
                  <td className="num">
                    <VendorCell row={r} />
                    {r.vendorPurchased !== null ? <span className="muted small"> (+{formatMoney(r.vendorPurchased, r.currency)} purchased)</span> : null}
                  </td>
                  <td className="num">{r.workbench ? formatMoney(r.workbench.drawn, r.currency) : '—'}</td>
                  <td className={`num${differs ? ' strong' : ''}`}>{r.difference === null ? '—' : differenceText(r.difference, r.currency)}</td>
                  <td className="num">{r.workbench ? formatMoney(r.workbench.remaining, r.currency) : '—'}</td>
                  <td className="muted small">{r.note ?? (r.matchedBy === 'contract' ? 'compared by contract id (the vendor’s own commitment id)' : '')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

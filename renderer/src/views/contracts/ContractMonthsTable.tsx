import type { ContractMonthSummary } from '../../../../shared/api/contracts';
import { formatMonth } from '../../format/dates';
import { formatMoney } from '../../format/money';
import { describeError } from '../../api/describe-error';
import { ErrorNote } from '../../components/ErrorNote';
import { useApiData } from '../../state/useApiData';

/** The commitment's contract-year balance after the month; the year's number shows where a new year starts. */
function CommitmentBalanceCells({ balance: b, currency }: { balance: ContractMonthSummary['commitmentBalance']; currency: string }) {
  if (!b) return <td className="num" colSpan={4}>—</td>;
  return (
    <>
      <td className="num">
        <span className="muted small">year {b.year} </span>
        {formatMoney(b.committedToDate, currency)}
      </td>
      <td className="num">{formatMoney(b.drawnToDate, currency)}</td>
      <td className="num">{formatMoney(b.shortfallBilledToDate, currency)}</td>
      <td className="num">{formatMoney(b.remaining, currency)}</td>
    </>
  );
}

/**
 * A stored contract month by month, priced from the ledger: usage at list and
 * net of the contract's terms, commitment utilisation, credits applied,
 * forfeited and left, and the invoice the contract gives. Numbers as the
 * backend priced them.
 */
export function ContractMonthsTable({ id, reload }: { id: string; reload: number }) {
  const months = useApiData((c) => c.call('contracts.priceMonths', { id }), [id, reload]);
  const data = months.data;
  if (months.error) return <ErrorNote title="Could not price the contract's months" message={describeError(months.error)} />;
  if (!data) return null;
  const cur = data.currency;
  const hasCommitment = data.months.some((m) => m.commitmentCommitted !== null);
  const hasCredits = data.months.some((m) => m.creditBalance !== null);
  return (
    // Scrolls sideways on a narrow window: focusable, so the keyboard can scroll it too.
    <div className="panel table-panel contract-months" tabIndex={0} role="region" aria-label="Month by month under this contract">
      <div className="panel-header padded">
        <h2>Month by month under this contract</h2>
        <span className="muted small">From the ledger’s usage within the term; months without usage still carry fees, true-ups and credit expiry. Amounts are the expected invoice’s, each line rounded to the cent as an invoice rounds it, so they can sit a few cents from the statement’s exact total; the invoice check compares them exactly.</span>
      </div>
      <table className="table" data-testid="contract-months">
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col" className="num">
              Usage at list
            </th>
            <th scope="col" className="num">
              Usage net
            </th>
            {hasCommitment ? (
              <th scope="col" className="num">
                Committed / counted
              </th>
            ) : null}
            <th scope="col" className="num">
              Shortfall
            </th>
            {hasCommitment ? (
              <>
                <th scope="col" className="num" title="The contract year's commitment through this month (spread evenly over its months)">
                  Committed to date
                </th>
                <th scope="col" className="num" title="Spend that counted toward the commitment so far this contract year">
                  Drawn to date
                </th>
                <th scope="col" className="num" title="Shortfall billed at this contract year's true-ups so far">
                  Shortfall billed to date
                </th>
                <th scope="col" className="num" title="What is still to be drawn or paid this contract year">
                  Remaining
                </th>
              </>
            ) : null}
            {hasCredits ? (
              <>
                <th scope="col" className="num">
                  Credits applied
                </th>
                <th scope="col" className="num">
                  Forfeited
                </th>
                <th scope="col" className="num">
                  Credit left
                </th>
              </>
            ) : null}
            <th scope="col" className="num">
              Invoice
            </th>
          </tr>
        </thead>
        <tbody>
          {data.months.map((m) => (
            <tr key={m.month} className={m.inTerm ? undefined : 'muted'}>
              <th scope="row" className="nowrap">
                {formatMonth(m.month)}
                {m.unpricedLines > 0 ? <span className="badge badge-bad small-badge">{m.unpricedLines} unpriced</span> : null}
              </th>
              <td className="num">{formatMoney(m.usageAtList, cur)}</td>
              <td className="num">{formatMoney(m.usageNet, cur)}</td>
              {hasCommitment ? (
                <td className="num">{m.commitmentCommitted !== null && m.commitmentEligible !== null ? `${formatMoney(m.commitmentCommitted, cur)} / ${formatMoney(m.commitmentEligible, cur)}` : '—'}</td>
              ) : null}
              <td className="num">
                {formatMoney(m.commitmentShortfall, cur)}
                {m.commitmentBalance?.trueUp ? <span className="muted small"> true-up</span> : null}
              </td>
              {hasCommitment ? <CommitmentBalanceCells balance={m.commitmentBalance} currency={cur} /> : null}
              {hasCredits ? (
                <>
                  <td className="num">{formatMoney(m.creditsApplied, cur)}</td>
                  <td className="num">{formatMoney(m.creditsForfeited, cur)}</td>
                  <td className="num">{m.creditBalance === null ? '—' : formatMoney(m.creditBalance, cur)}</td>
                </>
              ) : null}
              <td className="num strong">{formatMoney(m.total, cur)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

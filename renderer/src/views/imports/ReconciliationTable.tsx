import type { ImportTotal, RejectionWire } from '../../../../shared/api/imports';
import { Fragment } from 'react';
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
    <table className="table compact" data-testid="reconciliation-table">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Currency</th>
          <th scope="col" className="num">
            File total
          </th>
          <th scope="col" className="num">
            Imported
          </th>
          <th scope="col" className="num">
            Rejected
          </th>
          <th scope="col" className="num">
            Difference
          </th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {totals.map((t) => {
          const parts = hasParts(t) ? formatFooted(t.categories.map((c) => c.importedTotal), t.currency).parts : [];
          return (
            <Fragment key={t.currency}>
              <tr>
                <td className="currency-cell">{t.currency}</td>
                <td className="num money" title={`${t.sourceTotal} as summed from the file`} data-testid="source-total">
                  {amountText(t.sourceTotal, t.currency)}
                </td>
                <td className="num money" title={`${formatExactAmount(t.importedTotal)} exactly`} data-testid="imported-total">
                  {formatMoney(t.importedTotal, t.currency)}
                </td>
                <td className="num money">{amountText(t.rejectedTotal, t.currency)}</td>
                <td className="num money" title={t.difference}>
                  {formatMoney(t.difference, t.currency)}
                </td>
                <td>
                  <ReconciledBadge reconciled={t.reconciled} />
                </td>
              </tr>
              {parts.map((shown, i) => {
                const c = t.categories[i]!;
                return (
                  <tr key={`${t.currency}-${c.category}`} className="category-row" data-testid="imported-category">
                    <td colSpan={2} className="category-cell">
                      of which {chargeCategoryLabel(c.category).toLowerCase()} ({formatCount(c.lines)} line{c.lines === 1 ? '' : 's'})
                    </td>
                    <td className="num money" title={`${formatExactAmount(c.importedTotal)} exactly`}>
                      {shown}
                    </td>
                    <td colSpan={3} />
                  </tr>
                );
              })}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}

/** Rejected rows with where and why: row, field, reason and the value as written. */
export function RejectionList({ rejected, total, caption }: { rejected: readonly RejectionWire[]; total: number; caption: string }) {
  if (rejected.length === 0) return null;
  return (
    <div className="rejections" data-testid="rejections">
      <table className="table compact">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              Row
            </th>
            <th scope="col">Field</th>
            <th scope="col">Reason</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {rejected.map((r, i) => (
            <tr key={`${r.row}-${r.field}-${i}`}>
              <td className="num">{formatCount(r.row)}</td>
              <td className="mono">{r.field}</td>
              <td>{r.reason}</td>
              <td className="mono small value-cell">{r.value ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > rejected.length ? <p className="muted small">…and {formatCount(total - rejected.length)} more rejected rows.</p> : null}
    </div>
  );
}

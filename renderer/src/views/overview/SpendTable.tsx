import { Fragment } from 'react';
import type { SpendOverview } from '../../../../shared/api/overview';
import { Term } from '../../components/Term';
import { providerName } from '../../format/labels';
import { formatCount, formatExactAmount, formatMoney } from '../../format/money';

/**
 * Spend by provider and model over the whole ledger, dearest first: each
 * provider's models (the rest summed as other models) under its total, and
 * the grand total. Amounts are the backend's shown amounts, footed so each
 * column adds up to the total printed beneath it.
 */
export function SpendTable({ o }: { o: SpendOverview }) {
  const currency = o.currency ?? 'USD';
  // A provider the footing moved a cent from its own rounding: said under the table, since its statement reads the other figure.
  const moved = o.providers.filter((p) => formatMoney(p.billed.exact, currency) !== formatMoney(p.billed.shown, currency));
  return (
    <div className="panel">
      <div className="panel-header">
        <h2>Billed spend by provider and model{o.currency ? ` (${o.currency})` : ''}</h2>
        <span className="muted small">
          <Term name="roundedTotals">Rows add up to their totals</Term>
        </span>
      </div>
      <table className="table spend-table" data-testid="spend-table">
        <thead>
          <tr>
            <th scope="col">Provider and model</th>
            <th scope="col" className="num">
              Lines
            </th>
            <th scope="col" className="num">
              Billed
            </th>
          </tr>
        </thead>
        {o.providers.map((p) => (
          <tbody key={p.provider} data-testid="spend-provider" data-provider={p.provider}>
            <tr className="spend-provider-row">
              <th scope="row">{providerName(p.provider)}</th>
              <td className="num">{formatCount(p.lines)}</td>
              <td className="num money" data-testid="provider-billed">
                {formatMoney(p.billed.shown, currency)}
              </td>
            </tr>
            {p.models.map((m) => (
              <Fragment key={m.model ?? ''}>
                <tr className="spend-model-row" data-testid="spend-model">
                  <td className="mono">{m.model ?? <span className="muted">no model (fees, credits, tax)</span>}</td>
                  <td className="num">{formatCount(m.lines)}</td>
                  <td className="num money">{formatMoney(m.billed.shown, currency)}</td>
                </tr>
              </Fragment>
            ))}
            {p.otherModels ? (
              <tr className="spend-model-row" data-testid="spend-model">
                <td className="muted">{`${formatCount(p.otherModels.count)} other ${p.otherModels.count === 1 ? 'model' : 'models'}`}</td>
                <td className="num">{formatCount(p.otherModels.lines)}</td>
                <td className="num money">{formatMoney(p.otherModels.billed.shown, currency)}</td>
              </tr>
            ) : null}
          </tbody>
        ))}
        <tfoot>
          <tr className="spend-total-row">
            <th scope="row">Total</th>
            <td className="num">{formatCount(o.total.lines)}</td>
            <td className="num money" data-testid="spend-total">
              {formatMoney(o.total.billed.shown, currency)}
            </td>
          </tr>
        </tfoot>
      </table>
      {moved.length > 0 ? (
        <p className="muted small spend-footing-note" data-testid="spend-footing-note">
          {`Rows are rounded so that they add up to the total as printed: ${moved
            .map((p) => `${providerName(p.provider)}’s exact ${currency} ${formatExactAmount(p.billed.exact)} shows as ${formatMoney(p.billed.shown, currency)} (rounded on its own, as its statements’ totals read: ${formatMoney(p.billed.exact, currency)})`)
            .join('; ')}.`}
        </p>
      ) : null}
    </div>
  );
}

import { providerName } from '../../format/labels';
import { formatCount, formatMoney, withMissing } from '../../format/money';
import { useApiData } from '../../state/useApiData';

const TOP = 8;

/** The models that cost most over the whole ledger, as the backend ranks them. */
export function TopModelsTable() {
  const { data } = useApiData((c) => c.call('ledger.summary', { by: ['provider', 'model'], sort: [{ field: 'billedCost', dir: 'desc' }], limit: TOP }), []);
  return (
    <div className="panel">
      <div className="panel-header">
        <h2>Top models by billed cost</h2>
        {data && data.total > TOP ? <span className="muted">{`top ${TOP} of ${formatCount(data.total)}`}</span> : null}
      </div>
      <table className="table" data-testid="top-models">
        <thead>
          <tr>
            <th scope="col">Provider</th>
            <th scope="col">Model</th>
            <th scope="col" className="num">
              Lines
            </th>
            <th scope="col" className="num">
              Quantity
            </th>
            <th scope="col" className="num">
              Billed
            </th>
          </tr>
        </thead>
        <tbody>
          {(data?.rows ?? []).map((r) => (
            <tr key={`${r.key.provider}|${r.key.model}|${r.currency}`}>
              <td>{providerName(String(r.key.provider ?? ''))}</td>
              <td className="mono">{r.key.model ?? '—'}</td>
              <td className="num">{formatCount(r.lines)}</td>
              <td className="num">{withMissing(r.quantity === null ? null : formatCount(r.quantity), r.quantityMissing, 'not reported')}</td>
              <td className="num money">{formatMoney(r.billedCost, r.currency)}</td>
            </tr>
          ))}
          {!data
            ? Array.from({ length: 4 }, (_, i) => (
                <tr key={i} aria-hidden="true">
                  <td colSpan={5} className="muted">
                    &nbsp;
                  </td>
                </tr>
              ))
            : null}
        </tbody>
      </table>
    </div>
  );
}

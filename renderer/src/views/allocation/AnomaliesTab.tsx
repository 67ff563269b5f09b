import { useState } from 'react';
import type { AnomalyWire, LineBehind } from '../../../../shared/api';
import { useClient } from '../../api/ClientContext';
import { describeError } from '../../api/describe-error';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import { LinesBehindTable } from './LinesBehindTable';
import { formatMonth } from '../../format/dates';
import { formatCount, formatMoney } from '../../format/money';
import { useJob } from './use-job';

const KIND_LABEL: Record<AnomalyWire['kind'], string> = { spike: 'Spike', dip: 'Dip', level_shift: 'Level shift', ramp: 'Ramp', new: 'New' };

/** Anomalies per provider, model, workload, team and key, newest first, with the ledger lines behind one. */
export function AnomaliesTab() {
  const [minCost, setMinCost] = useState(10);
  const [minPercent, setMinPercent] = useState(20);
  const report = useJob('anomalies.detect', { minCost, minPercent }, [minCost, minPercent]);
  const [open, setOpen] = useState<AnomalyWire | null>(null);
  const data = report.data;
  return (
    <div className="allocation-anomalies">
      <div className="toolbar" role="toolbar" aria-label="Anomaly filters">
        <label className="field-inline">
          <span>Minimum impact</span>
          <input className="input num-input" type="number" min={0} step={5} value={minCost} onChange={(e) => setMinCost(Math.max(0, Number(e.target.value) || 0))} />
        </label>
        <label className="field-inline">
          <span>Minimum change (%)</span>
          <input className="input num-input" type="number" min={0} step={5} value={minPercent} onChange={(e) => setMinPercent(Math.max(0, Number(e.target.value) || 0))} />
        </label>
        {report.running ? <span className="muted small" role="status">Looking…</span> : null}
      </div>
      {report.error ? <ErrorNote title="The anomaly check could not run" message={report.error} /> : null}
      {data ? (
        <p className="muted small">
          {formatCount(data.series)} daily series from {data.from} to {data.to}, each against a robust weekly-seasonal baseline. {data.notes.join(' ')}
        </p>
      ) : null}
      {data && data.anomalies.length === 0 ? (
        <EmptyState title="No anomalies" icon="allocation">
          Every provider, model, workload, team and key stayed within its usual weekly pattern by these thresholds. Lower them to see smaller movements.
        </EmptyState>
      ) : null}
      {data && data.anomalies.length > 0 ? (
        <table className="table" data-testid="anomalies-table">
          <caption className="sr-only">Anomalies, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Kind</th>
              <th scope="col">Dimension</th>
              <th scope="col" className="num">Expected</th>
              <th scope="col" className="num">Actual</th>
              <th scope="col" className="num">Impact</th>
              <th scope="col">What happened</th>
            </tr>
          </thead>
          <tbody>
            {data.anomalies.map((a) => (
              <tr key={`${a.dimension}-${a.value}-${a.period}-${a.kind}-${a.granularity}`}>
                <td className="nowrap">{a.period}</td>
                <td>
                  <span className={a.impact.startsWith('-') ? 'badge badge-neutral' : 'badge badge-bad'}>{KIND_LABEL[a.kind]}</span>
                </td>
                <td>
                  {a.dimension} <span className="mono">{a.value}</span>
                </td>
                <td className="num money">{formatMoney(a.expected, a.currency)}</td>
                <td className="num money">{formatMoney(a.actual, a.currency)}</td>
                <td className="num money">
                  {formatMoney(a.impact, a.currency)}
                  {a.impactPercent !== null ? ` (${Math.round(a.impactPercent)}%)` : ''}
                </td>
                <td>
                  {a.message}{' '}
                  <button type="button" className="link-button" onClick={() => setOpen(a)} aria-label={`Lines behind ${a.dimension} ${a.value} on ${a.period}`}>
                    Lines
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {open ? <AnomalyLines anomaly={open} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}

function AnomalyLines({ anomaly, onClose }: { anomaly: AnomalyWire; onClose: () => void }) {
  const client = useClient();
  const [page, setPage] = useState<{ rows: LineBehind[]; total: number; amount: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [key, setKey] = useState<string | null>(null);
  const k = `${anomaly.dimension} ${anomaly.value} ${anomaly.currency} ${anomaly.period}`;
  if (key !== k) {
    setKey(k);
    setPage(null);
    setError(null);
    client.call('anomalies.lines', { dimension: anomaly.dimension, value: anomaly.value, currency: anomaly.currency, period: anomaly.period, limit: 200 }).then(setPage, (e: unknown) => setError(describeError(e)));
  }
  const shared = anomaly.dimension === 'team';
  return (
    <section className="panel drill" aria-labelledby="anomaly-lines-title" data-testid="anomaly-lines">
      <div className="panel-header">
        <h2 id="anomaly-lines-title">
          Lines behind: {anomaly.dimension} {anomaly.value}, {anomaly.granularity === 'day' ? anomaly.period : formatMonth(anomaly.period)}
        </h2>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
      {error ? <ErrorNote title="Could not load the lines" message={error} /> : null}
      {page === null ? (
        error ? null : <p className="muted">Loading…</p>
      ) : (
        <>
          <p className="muted small" data-testid="anomaly-lines-summary">
            {formatCount(page.total)} ledger lines{page.total > page.rows.length ? `, the ${formatCount(page.rows.length)} largest shown` : ', largest first'}, adding up to {formatMoney(page.amount, anomaly.currency)}
            {shared ? ' (the team’s parts of shared lines by their ratio)' : ''}; the anomaly’s actual cost was {formatMoney(anomaly.actual, anomaly.currency)}.
          </p>
          <LinesBehindTable
            rows={page.rows}
            testId="anomaly-lines-table"
            showParts={shared}
            partLabel="Team’s part"
            last={{ header: 'Import:row', cell: (r) => `${r.importId}:${r.sourceRow}` }}
            rowKey={(r) => String(r.lineId)}
          />
        </>
      )}
    </section>
  );
}

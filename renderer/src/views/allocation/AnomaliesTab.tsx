import { useState } from 'react';
import type { AnomalyWire, LineBehind } from '../../../../shared/api';
import { useClient } from '../../api/ClientContext';
import { describeError } from '../../api/describe-error';
import { EmptyState, IMPORT_A_STATEMENT } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import { DataTable, type TableColumn } from '../../components/table/DataTable';
import { LinesBehindTable } from './LinesBehindTable';
import { formatMonth } from '../../format/dates';
import { formatCount, formatMoney } from '../../format/money';
import { useJob } from './use-job';

const KIND_LABEL: Record<AnomalyWire['kind'], string> = { spike: 'Spike', dip: 'Dip', level_shift: 'Level shift', ramp: 'Ramp', new: 'New' };

/** Amounts in each anomaly's own currency, so they print with it; sorted exactly as money within it. */
function money(id: string, header: string, of: (a: AnomalyWire) => string): TableColumn<AnomalyWire> {
  return { id, header, type: 'money', value: of, text: (a) => formatMoney(of(a), a.currency), csv: (a) => `${of(a)} ${a.currency}` };
}

function anomalyColumns(open: (a: AnomalyWire) => void): TableColumn<AnomalyWire>[] {
  return [
    { id: 'when', header: 'When', type: 'month', value: (a) => a.period, className: 'nowrap' },
    { id: 'kind', header: 'Kind', type: 'text', value: (a) => KIND_LABEL[a.kind], render: (a, text) => <span className={a.impact.startsWith('-') ? 'badge badge-neutral' : 'badge badge-bad'}>{text}</span> },
    // The value as people call it ("team Credit risk", "provider AWS"); its id, where different, in the tooltip and the CSV.
    {
      id: 'dimension',
      header: 'Dimension',
      type: 'text',
      value: (a) => `${a.dimension} ${a.name}`,
      csv: (a) => (a.name === a.value ? `${a.dimension} ${a.value}` : `${a.dimension} ${a.name} (${a.value})`),
      render: (a) => (
        <span title={a.name === a.value ? undefined : `${a.dimension} id: ${a.value}`}>
          <span className="muted">{a.dimension}</span> {a.name}
        </span>
      ),
    },
    money('expected', 'Expected', (a) => a.expected),
    money('actual', 'Actual', (a) => a.actual),
    money('impact', 'Impact', (a) => a.impact),
    { id: 'impactPercent', header: 'Change', type: 'percent', value: (a) => (a.impactPercent === null ? null : Math.round(a.impactPercent)) },
    {
      id: 'message',
      header: 'What happened',
      type: 'text',
      value: (a) => a.message,
      render: (a) => (
        <>
          {a.message}{' '}
          <button type="button" className="link-button" onClick={() => open(a)} aria-label={`Lines behind ${a.dimension} ${a.name} on ${a.period}`}>
            Lines
          </button>
        </>
      ),
    },
  ];
}

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
      {data && data.series === 0 ? (
        <EmptyState title="No usage to watch yet" icon="allocation" action={IMPORT_A_STATEMENT}>
          The anomaly check compares each day’s spend by provider, model, workload, team and key with its usual weekly pattern: import a vendor statement and it runs on its lines.
        </EmptyState>
      ) : null}
      {data && data.series > 0 ? (
        <p className="muted small">
          {formatCount(data.series)} daily series from {data.from} to {data.to}, each against a robust weekly-seasonal baseline. {data.notes.join(' ')}
        </p>
      ) : null}
      {data && data.series > 0 && data.anomalies.length === 0 ? (
        <EmptyState title="No anomalies" icon="allocation">
          Every provider, model, workload, team and key stayed within its usual weekly pattern by these thresholds. Lower them to see smaller movements.
        </EmptyState>
      ) : null}
      {data && data.anomalies.length > 0 ? (
        <DataTable rows={data.anomalies} columns={anomalyColumns(setOpen)} label="Anomalies, newest first" rowKey={(a) => `${a.dimension}-${a.value}-${a.period}-${a.kind}-${a.granularity}`} testId="anomalies-table" />
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
          Lines behind: {anomaly.dimension} {anomaly.name}, {anomaly.granularity === 'day' ? anomaly.period : formatMonth(anomaly.period)}
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
            label={`Lines behind ${anomaly.dimension} ${anomaly.name}, ${anomaly.period}`}
            currency={anomaly.currency}
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

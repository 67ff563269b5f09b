import type { RangeWire } from '../../../../shared/api/allocation';
import type { EnergyReport } from '../../../../shared/domain/energy/schema';
import { EmptyState } from '../../components/EmptyState';
import { DataTable, type TableColumn } from '../../components/table/DataTable';
import { ErrorNote } from '../../components/ErrorNote';
import { formatMonth } from '../../format/dates';
import { formatCount, formatFixed } from '../../format/money';
import { EnergyAssumptionsEditor } from './EnergyAssumptionsEditor';
import { useJob } from './use-job';

const range = (r: RangeWire, digits = 1) => `${formatFixed(r.mid, digits)} (${formatFixed(r.low, digits)}–${formatFixed(r.high, digits)})`;

type TeamRow = EnergyReport['rows'][number];
type ModelRow = EnergyReport['byModel'][number];
type Assumption = EnergyReport['assumptions'][number];

/** An estimate sorts and filters by its mid figure and reads (and exports) as mid (low–high). */
function estimate<R>(id: string, header: string, of: (r: R) => RangeWire): TableColumn<R> {
  return { id, header, type: 'quantity', value: (r) => of(r).mid, text: (r) => range(of(r)), csv: (r) => range(of(r)) };
}

const TEAM_COLUMNS: TableColumn<TeamRow>[] = [
  { id: 'month', header: 'Month', type: 'month', value: (r) => r.month, text: (r) => formatMonth(r.month), csv: (r) => r.month },
  { id: 'team', header: 'Team', type: 'text', value: (r) => r.teamName },
  { id: 'businessUnit', header: 'Business unit', type: 'text', value: (r) => r.businessUnit ?? '' },
  estimate('kwh', 'kWh (estimate)', (r) => r.kwh),
  estimate('kgCo2e', 'kg CO2e (estimate)', (r) => r.kgCo2e),
];

const MODEL_COLUMNS: TableColumn<ModelRow>[] = [
  { id: 'month', header: 'Month', type: 'month', value: (r) => r.month, text: (r) => formatMonth(r.month), csv: (r) => r.month },
  { id: 'model', header: 'Model', type: 'text', value: (r) => `${r.provider}/${r.model}` },
  { id: 'assumption', header: 'Assumption', type: 'text', value: (r) => r.assumptionId, className: 'mono small' },
  estimate('kwh', 'kWh (estimate)', (r) => r.kwh),
  estimate('kgCo2e', 'kg CO2e (estimate)', (r) => r.kgCo2e),
];

const ASSUMPTION_COLUMNS: TableColumn<Assumption>[] = [
  { id: 'id', header: 'Assumption', type: 'text', value: (a) => a.id, rowHeader: true, className: 'mono' },
  { id: 'figure', header: 'Figure (low / mid / high)', type: 'text', value: (a) => a.figure },
  {
    id: 'source',
    header: 'Published source',
    type: 'text',
    value: (a) => a.source,
    text: (a) => (a.note ? `${a.source} ${a.note}` : a.source),
    csv: (a) => (a.note ? `${a.source} (${a.note})` : a.source),
    render: (a) => (
      <>
        {a.source}
        {a.note ? <div className="muted small">{a.note}</div> : null}
      </>
    ),
  },
  { id: 'date', header: 'Date', type: 'text', value: (a) => a.sourceDate, className: 'nowrap' },
];

/** Energy and carbon beside cost, per team and business unit, labelled as estimates with every assumption's source and date. */
export function EnergyTab() {
  const report = useJob('energy.estimate', {}, []);
  const data = report.data;
  if (report.error && !data) return <ErrorNote title="The estimate could not run" message={report.error} />;
  if (!data) return <p className="muted">{report.running ? 'Estimating…' : ' '}</p>;
  return (
    <div className="allocation-energy">
      <p className="estimate-note" role="note">
        <strong>Estimates, not measurements.</strong> Vendors do not report the energy of your requests: these figures apply published per-request measurements to your output tokens. Each is shown as mid (low–high).
      </p>
      {data.rows.length === 0 ? (
        <EmptyState title="No teams to show" icon="allocation">
          Per-team figures follow the allocation policy (<a href="#/allocation/rules">Rules</a>); the per-model table below needs none.
        </EmptyState>
      ) : (
        <DataTable rows={data.rows} columns={TEAM_COLUMNS} label="Estimated energy and carbon per team and month" rowKey={(r) => `${r.month}-${r.team}`} testId="energy-table" />
      )}
      <h2 className="section-title">By model</h2>
      {data.byModel.length === 0 ? (
        <p className="muted" data-testid="energy-by-model-empty">
          No output tokens in the ledger to estimate from: <a href="#/imports">import a vendor statement</a> with token usage and each model’s energy and carbon are estimated from it.
        </p>
      ) : (
        <DataTable rows={data.byModel} columns={MODEL_COLUMNS} label="Estimated energy and carbon per model and month" rowKey={(r) => `${r.month}-${r.provider}-${r.model}`} testId="energy-by-model" />
      )}
      {data.unestimated.length > 0 ? (
        <p className="muted small" data-testid="energy-unestimated">
          No assumption matches {data.unestimated.map((u) => `${u.provider}/${u.model ?? '(no model)'} (${formatCount(u.outputTokens)} output tokens)`).join(', ')}: add an entry for it below.
        </p>
      ) : null}
      <h2 className="section-title">Assumptions</h2>
      <DataTable rows={data.assumptions} columns={ASSUMPTION_COLUMNS} label="Energy assumptions" rowKey={(a) => a.id} testId="energy-assumptions" />
      <details className="panel energy-edit" data-testid="energy-edit">
        <summary>Edit the assumptions</summary>
        <EnergyAssumptionsEditor />
      </details>
    </div>
  );
}

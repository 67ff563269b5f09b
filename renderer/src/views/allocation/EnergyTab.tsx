import type { RangeWire } from '../../../../shared/api/allocation';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import { formatMonth } from '../../format/dates';
import { formatCount } from '../../format/money';
import { EnergyAssumptionsEditor } from './EnergyAssumptionsEditor';
import { useJob } from './use-job';

const range = (r: RangeWire, digits = 1) => `${r.mid.toFixed(digits)} (${r.low.toFixed(digits)}–${r.high.toFixed(digits)})`;

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
        <table className="table" data-testid="energy-table">
          <caption className="sr-only">Estimated energy and carbon per team and month</caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Team</th>
              <th scope="col">Business unit</th>
              <th scope="col" className="num">kWh (estimate)</th>
              <th scope="col" className="num">kg CO2e (estimate)</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => (
              <tr key={`${r.month}-${r.team}`}>
                <td>{formatMonth(r.month)}</td>
                <td>{r.team}</td>
                <td>{r.businessUnit ?? ''}</td>
                <td className="num">{range(r.kwh)}</td>
                <td className="num">{range(r.kgCo2e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 className="section-title">By model</h2>
      {data.byModel.length === 0 ? (
        <p className="muted">No output tokens in the ledger to estimate from.</p>
      ) : (
        <table className="table" data-testid="energy-by-model">
          <caption className="sr-only">Estimated energy and carbon per model and month</caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Model</th>
              <th scope="col">Assumption</th>
              <th scope="col" className="num">kWh (estimate)</th>
              <th scope="col" className="num">kg CO2e (estimate)</th>
            </tr>
          </thead>
          <tbody>
            {data.byModel.map((r) => (
              <tr key={`${r.month}-${r.provider}-${r.model}`}>
                <td>{formatMonth(r.month)}</td>
                <td>
                  {r.provider}/{r.model}
                </td>
                <td className="mono small">{r.assumptionId}</td>
                <td className="num">{range(r.kwh)}</td>
                <td className="num">{range(r.kgCo2e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data.unestimated.length > 0 ? (
        <p className="muted small" data-testid="energy-unestimated">
          No assumption matches {data.unestimated.map((u) => `${u.provider}/${u.model ?? '(no model)'} (${formatCount(u.outputTokens)} output tokens)`).join(', ')}: add an entry for it below.
        </p>
      ) : null}
      <h2 className="section-title">Assumptions</h2>
      <table className="table" data-testid="energy-assumptions">
        <thead>
          <tr>
            <th scope="col">Assumption</th>
            <th scope="col">Figure (low / mid / high)</th>
            <th scope="col">Published source</th>
            <th scope="col">Date</th>
          </tr>
        </thead>
        <tbody>
          {data.assumptions.map((a) => (
            <tr key={a.id}>
              <th scope="row" className="mono">{a.id}</th>
              <td>{a.figure}</td>
              <td>
                {a.source}
                {a.note ? <div className="muted small">{a.note}</div> : null}
              </td>
              <td className="nowrap">{a.sourceDate}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <details className="panel energy-edit" data-testid="energy-edit">
        <summary>Edit the assumptions</summary>
        <EnergyAssumptionsEditor />
      </details>
    </div>
  );
}

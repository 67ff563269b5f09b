import { useMemo, useState } from 'react';
import { NO_UPFRONT_COST_TEXT } from '../../../../shared/engine/break-even-text';
import type { RunResult, ScenarioResult } from '../../../../shared/api/scenarios';
import { percentileNote } from '../../../../shared/engine/percentile-method';
import type { LeverWaterfall } from '../../../../shared/engine/waterfall';
import { useColorScheme } from '../../app/color-scheme';
import { formatMonth } from '../../format/dates';
import { formatCount, formatMoney } from '../../format/money';
import { fanOption, monthlyLinesOption, scenarioColor, tornadoOption, waterfallOption, type MonthlyFigure } from './compare-options';
import { ScenarioChart } from './ScenarioChart';

/**
 * Scenarios side by side: KPI cards, monthly cost and cost per unit, savings
 * by lever, the P10–P90 range and the tornado. Every figure is the engine's;
 * this view only formats and draws.
 */
export function CompareView({ run, waterfalls }: { run: RunResult; waterfalls: readonly LeverWaterfall[] | null }) {
  const scheme = useColorScheme();
  const [figure, setFigure] = useState<MonthlyFigure>('costPerUnit');
  const others = run.scenarios.filter((s) => !s.isBaseline);
  const [chosen, setChosen] = useState<string | null>(null);
  const focus = others.find((s) => s.id === chosen) ?? others[0] ?? null;
  const lines = useMemo(() => monthlyLinesOption(run, figure, scheme), [run, figure, scheme]);
  const ranged = run.draws > 0;
  const fan = useMemo(() => (ranged ? fanOption(run, scheme) : null), [run, ranged, scheme]);
  const waterfall = waterfalls?.find((w) => w.scenario === focus?.id) ?? null;
  const waterfallChart = useMemo(() => (waterfall ? waterfallOption(waterfall, run.currency, scheme) : null), [waterfall, run.currency, scheme]);
  const tornado = run.tornado.find((t) => t.scenario === focus?.id && t.entries.length > 0) ?? null;
  const tornadoChart = useMemo(() => (tornado ? tornadoOption(tornado, run.currency, run.unit, scheme) : null), [tornado, run.currency, run.unit, scheme]);

  return (
    <div className="sc-compare" data-testid="compare-view">
      <div className="sc-kpi-cards" data-testid="scenario-kpis">
        {run.scenarios.map((s, i) => (
          <KpiCard key={s.id} s={s} run={run} color={scenarioColor(i, s.isBaseline)} />
        ))}
      </div>

      <div className="panel">
        <div className="panel-header">
          <h2>{figure === 'costPerUnit' ? `Cost per ${run.unit}` : figure === 'totalCost' ? 'Monthly cost, all in' : 'Monthly AI cost'} ({run.currency})</h2>
          <div className="segmented" role="group" aria-label="Figure to draw">
            {(
              [
                ['costPerUnit', `Cost per ${run.unit}`],
                ['totalCost', 'Total cost'],
                ['aiCost', 'AI cost'],
              ] as const
            ).map(([value, label]) => (
              <button key={value} type="button" aria-pressed={figure === value} onClick={() => setFigure(value)}>
                {label}
              </button>
            ))}
          </div>
        </div>
        <ScenarioChart option={lines} testId="monthly-lines" label={`${figure === 'costPerUnit' ? `Cost per ${run.unit}` : 'Monthly cost'} by month for ${run.scenarios.map((s) => s.name).join(', ')}`} />
      </div>

      {others.length > 0 ? (
        <div className="sc-focus">
          <label className="field-inline">
            Scenario for the waterfall and tornado
            <select value={focus?.id ?? ''} onChange={(e) => setChosen(e.target.value)}>
              {others.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      ) : null}

      <div className="sc-chart-row">
        <div className="panel">
          <div className="panel-header">
            <h2>Savings by lever over {run.months} months</h2>
          </div>
          {waterfallChart && focus ? (
            <ScenarioChart option={waterfallChart} testId="waterfall" label={`Savings by lever for ${focus.name}: each lever's saving in the order they apply, and the total against the baseline`} />
          ) : (
            <p className="muted">{others.length === 0 ? 'Add a scenario to see what each of its levers saves.' : 'Working out each lever’s share…'}</p>
          )}
        </div>
        <div className="panel">
          <div className="panel-header">
            <h2>What moves the cost per {run.unit} most</h2>
          </div>
          {tornadoChart && focus ? (
            <ScenarioChart option={tornadoChart} height={Math.max(160, 56 + 44 * Math.min(8, tornado?.entries.length ?? 0))} testId="tornado" label={`Tornado for ${focus.name}: uncertain inputs ranked by how far each moves the cost per ${run.unit} between its P10 and P90`} />
          ) : (
            <p className="muted">{ranged ? 'No uncertain input moves this scenario.' : 'Run with draws to rank the uncertain inputs (a tornado).'}</p>
          )}
        </div>
      </div>

      <div className="panel">
        <div className="panel-header">
          <h2>Risk range: cost per {run.unit}, P10 to P90</h2>
          {ranged ? <span className="muted small">{formatCount(run.draws)} draws, seed {run.seed}</span> : null}
        </div>
        {percentileNote(run.percentiles) ? (
          <p className="muted small" data-testid="percentile-note">
            {percentileNote(run.percentiles)}
          </p>
        ) : null}
        {fan ? <ScenarioChart option={fan} testId="fan" label={`P10 to P90 band of cost per ${run.unit} by month for each scenario, with its P50`} /> : <p className="muted">Run with draws (Monte Carlo) to see the P10–P90 range.</p>}
      </div>
    </div>
  );
}

/** The P50 and P10–P90 of a figure under its exact value (a run with draws); nothing without draws. */
function Ranged({ p10, p50, p90, show, testId }: { p10: string | null | undefined; p50: string | null | undefined; p90: string | null | undefined; show: (v: string | null | undefined) => string; testId: string }) {
  if (p50 === undefined) return null;
  return (
    <div className="small sc-kpi-range" data-testid={testId}>
      <div>
        P50 <span className="sc-nowrap">{show(p50)}</span>
      </div>
      <div className="muted">
        P10–P90 <span className="sc-nowrap">{show(p10)}</span> – <span className="sc-nowrap">{show(p90)}</span>
      </div>
    </div>
  );
}

/** A percentile's break-even for the range: its month, "no upfront cost" (nothing to recover) or null (never). */
function paybackOf(h: { breakEvenMonth: string | null; noUpfrontCost: boolean } | undefined): string | null | undefined {
  return h === undefined ? undefined : h.noUpfrontCost ? NO_UPFRONT_COST_TEXT : h.breakEvenMonth;
}

function KpiCard({ s, run, color }: { s: ScenarioResult; run: RunResult; color: string }) {
  const k = s.kpis;
  const money = (v: string | null | undefined) => (v === null || v === undefined ? '—' : formatMoney(v, run.currency));
  const month = (v: string | null | undefined) => (v === NO_UPFRONT_COST_TEXT ? v : v ? formatMonth(v) : 'never');
  const ranged = run.draws > 0 && k.p50 !== undefined && k.p50 !== null;
  // With draws the headline figures are the exact run at each input's central value; P50 and the range are the draws'.
  const central = ranged ? <div className="muted small sc-kpi-central">at the inputs’ central values</div> : null;
  const last = s.months.at(-1);
  return (
    <article className="kpi sc-kpi" style={{ borderTopColor: color }} data-testid="kpi-card" data-scenario={s.id}>
      <span className="kpi-label">{s.isBaseline ? 'Baseline' : 'Scenario'}</span>
      <h3 className="sc-kpi-name">{s.name}</h3>
      <dl className="facts sc-kpi-facts">
        <dt>Cost per {run.unit}</dt>
        <dd>
          <span className="money" data-testid="kpi-cost-per-unit">
            {money(k.costPerUnit)}
          </span>
          {central}
          {ranged ? <Ranged p10={k.p10?.costPerUnit} p50={k.p50?.costPerUnit} p90={k.p90?.costPerUnit} show={money} testId="kpi-cost-per-unit-range" /> : null}
          {last ? <div className="muted small">{`${formatMonth(last.month)}: ${money(last.costPerUnit)}`}</div> : null}
        </dd>
        <dt>AI per {run.unit}</dt>
        <dd className="money">{money(k.aiCostPerUnit)}</dd>
        <dt>Total, {run.months} months</dt>
        <dd className="money">{money(k.totalCost)}</dd>
        {s.isBaseline ? null : (
          <>
            <dt>Savings</dt>
            <dd>
              <span className={`money ${k.savingsVsBaseline.startsWith('-') ? 'bad' : ''}`} data-testid="kpi-savings">
                {money(k.savingsVsBaseline)}
              </span>
              {central}
              {ranged ? <Ranged p10={k.p10?.savingsVsBaseline} p50={k.p50?.savingsVsBaseline} p90={k.p90?.savingsVsBaseline} show={money} testId="kpi-savings-range" /> : null}
            </dd>
            <dt>Break-even</dt>
            <dd>
              <span data-testid="kpi-break-even">{k.noUpfrontCost ? 'no upfront cost' : k.breakEvenMonth ? formatMonth(k.breakEvenMonth) : 'not within the horizon'}</span>
              {k.savingsStartMonth ? (
                <div className="muted small" data-testid="kpi-savings-start">
                  {`savings from ${formatMonth(k.savingsStartMonth)}`}
                </div>
              ) : null}
              {central}
              {ranged ? <Ranged p10={paybackOf(k.p10)} p50={paybackOf(k.p50) ?? null} p90={paybackOf(k.p90)} show={month} testId="kpi-break-even-range" /> : null}
            </dd>
          </>
        )}
        <dt>Cost per success</dt>
        <dd className="money">{k.costPerSuccess ? formatMoney(k.costPerSuccess, run.currency, 4) : '—'}</dd>
      </dl>
      {s.flags.length > 0 ? (
        <p className="small">
          <span className="badge badge-bad">{s.flags.length} guardrail flag{s.flags.length === 1 ? '' : 's'}</span> <span className="muted">{s.flags[0]!.message}</span>
        </p>
      ) : null}
      {s.warnings.length > 0 ? (
        <ul className="small sc-kpi-notes" data-testid="kpi-warnings" aria-label={`Notes on ${s.name}`}>
          {s.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}

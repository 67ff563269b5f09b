import { useState } from 'react';
import type { BudgetResultWire, BudgetsReport } from '../../../../shared/domain/budgets/schema';
import { Chart } from '../../components/Chart';
import { DataTable, type TableColumn } from '../../components/table/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import { numberFormat, withCurrencyCode } from '../../format/locale';
import { formatMonth } from '../../format/dates';
import { formatAxisAmount, formatCount } from '../../format/money';
import { useJob } from './use-job';

const STATUS_LABEL: Record<BudgetResultWire['status'], string> = { ok: 'Within budget', forecast_over: 'Forecast over', near: 'Near limit', over: 'Over' };
const STATUS_CLASS: Record<string, string> = { ok: 'badge badge-good', forecast_over: 'badge badge-warn', near: 'badge badge-warn', over: 'badge badge-bad' };

/** What the forecast rests on, as a sentence: it repeated "the weekly pattern (weekly pattern)". */
const FORECAST_BASIS: Partial<Record<string, string>> = {
  'weekly pattern': 'Forecast from the run rate and the weekly pattern',
  'run rate only': 'Forecast from the run rate alone (too little history for a weekly pattern)',
  'no history': 'No history to forecast from yet',
};

const figure = (b: BudgetResultWire, v: number | string) => (b.unit === 'tokens' ? `${formatCount(Number(v))} tokens` : withCurrencyCode(numberFormat('fixed2', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Number(v)), b.unit));

type Budget = BudgetResultWire;
type Allowance = BudgetsReport['allowances'][number];

/** Spent, limit and forecast are in the budget's own unit (a currency or tokens), so they sort by number and print with it. */
const BUDGET_COLUMNS = (selectedId: string | undefined, choose: (id: string) => void): TableColumn<Budget>[] => [
  {
    id: 'name',
    header: 'Budget',
    type: 'text',
    value: (b) => b.name,
    rowHeader: true,
    render: (b) => (
      <button type="button" className="link-button" onClick={() => choose(b.id)} aria-pressed={b.id === selectedId}>
        {b.name}
      </button>
    ),
  },
  { id: 'scope', header: 'Scope', type: 'text', value: (b) => b.scope },
  // A month as the rest of the app writes it ("Oct 2026"); quarters and years by their ids. Sorted by the id, which is in time order.
  { id: 'period', header: 'Period', type: 'text', value: (b) => b.period.id, text: (b) => (b.period.kind === 'month' ? formatMonth(b.period.id) : b.period.id), csv: (b) => b.period.id },
  { id: 'spent', header: 'Spent', type: 'quantity', value: (b) => Number(b.spent), text: (b) => figure(b, b.spent), csv: (b) => String(b.spent) },
  { id: 'limit', header: 'Of', type: 'quantity', value: (b) => Number(b.limit), text: (b) => figure(b, b.limit), csv: (b) => String(b.limit) },
  {
    id: 'used',
    header: 'Used',
    type: 'percent',
    value: (b) => Math.round(b.spentPercent),
    render: (b, text) => (
      <>
        <meter min={0} max={100} low={Number(b.softPercent)} high={Number(b.hardPercent) - 0.001} optimum={0} value={Math.min(100, b.spentPercent)} aria-label={`${Math.round(b.spentPercent)}% used`} /> {text}
      </>
    ),
  },
  {
    id: 'forecast',
    header: 'Forecast (P10–P90)',
    type: 'quantity',
    value: (b) => Number(b.forecastTotal),
    text: (b) => figure(b, b.forecastTotal) + (b.forecastP10 !== null && b.daysElapsed < b.daysInPeriod ? ` (${figure(b, b.forecastP10)} – ${figure(b, b.forecastP90!)})` : ''),
    csv: (b) => String(b.forecastTotal),
    render: (b) => (
      <>
        {figure(b, b.forecastTotal)}
        {b.forecastP10 !== null && b.daysElapsed < b.daysInPeriod ? <span className="muted small"> ({figure(b, b.forecastP10)} – {figure(b, b.forecastP90!)})</span> : null}
      </>
    ),
  },
  { id: 'runsOut', header: 'Runs out', type: 'text', value: (b) => b.runsOutOn ?? '—' },
  { id: 'status', header: 'Status', type: 'text', value: (b) => STATUS_LABEL[b.status], render: (b, text) => <span className={STATUS_CLASS[b.status]}>{text}</span> },
];

const ALLOWANCE_COLUMNS: TableColumn<Allowance>[] = [
  { id: 'who', header: 'Key or member', type: 'text', value: (u) => u.who, rowHeader: true, className: 'mono' },
  { id: 'allowance', header: 'Allowance', type: 'text', value: (u) => u.allowanceId },
  { id: 'tokens', header: 'Tokens', type: 'count', value: (u) => u.tokens },
  { id: 'of', header: 'Of', type: 'count', value: (u) => u.allowance },
  { id: 'used', header: 'Used', type: 'percent', value: (u) => Math.round(u.usedPercent) },
  { id: 'forecast', header: 'By month end', type: 'count', value: (u) => Math.round(u.forecast) },
  { id: 'status', header: 'Status', type: 'text', value: (u) => STATUS_LABEL[u.status], render: (u, text) => <span className={STATUS_CLASS[u.status]}>{text}</span> },
];

/** Each budget with its spend so far, forecast and band, burn-down; who is near or over a token allowance. */
export function BudgetsTab() {
  const report = useJob('budgets.evaluate', {}, []);
  const [chosen, setChosen] = useState<string | null>(null);
  const data = report.data;
  if (report.error && !data) return report.error.includes('no allocation policy') ? <EmptyState title="No budgets yet" icon="allocation">Budgets and token allowances are part of the allocation policy: add them under <a href="#/allocation/rules">Rules</a>.</EmptyState> : <ErrorNote title="The budgets could not be evaluated" message={report.error} />;
  if (!data) return <p className="muted">{report.running ? 'Evaluating budgets…' : ' '}</p>;
  if (data.budgets.length === 0 && data.allowances.length === 0) return <EmptyState title="No budgets yet" icon="allocation">Add budgets (per team, workload, tag or key; monthly, quarterly or annual) and token allowances to the policy under <a href="#/allocation/rules">Rules</a>.</EmptyState>;
  const selected = data.budgets.find((b) => b.id === chosen) ?? data.budgets.find((b) => b.status !== 'ok') ?? data.budgets[0];
  return (
    <div className="allocation-budgets">
      <p className="muted small">As of {data.asOf} (the ledger’s last day). {data.breaches > 0 ? `${data.breaches} over a hard threshold.` : 'Nothing over a hard threshold.'}</p>
      <DataTable rows={data.budgets} columns={BUDGET_COLUMNS(selected?.id, setChosen)} label="Budgets" rowKey={(b) => b.id} testId="budgets-table" rowProps={(b) => ({ 'aria-selected': b.id === selected?.id, className: b.id === selected?.id ? 'selected' : undefined })} />
      {selected ? (
        <div className="panel">
          <div className="panel-header">
            <h2>Burn-down: {selected.name}, {selected.period.id}</h2>
          </div>
          <p className="muted small">{selected.message}. {FORECAST_BASIS[selected.forecastBasis] ?? `Forecast from ${selected.forecastBasis}`}; the band is P10–P90.</p>
          <div className="chart-frame">
            <Chart option={burnDownOption(selected)} label={`Budget left of ${selected.name} day by day: actual, then expected with a P10 to P90 band`} testId="burndown-chart" />
          </div>
        </div>
      ) : null}
      {data.allowances.length > 0 ? (
        <>
          <h2 className="section-title">Token allowances this month</h2>
          <DataTable rows={data.allowances} columns={ALLOWANCE_COLUMNS} label="Token allowances this month" rowKey={(u) => `${u.allowanceId}-${u.who}`} testId="allowances-table" />
        </>
      ) : null}
    </div>
  );
}

function burnDownOption(b: BudgetResultWire) {
  const days = b.burnDown.map((d) => d.day.slice(5));
  const actual = b.burnDown.map((d) => (d.actual ? d.remaining : null));
  const lastActual = b.burnDown.filter((d) => d.actual).length - 1;
  const expected = b.burnDown.map((d, i) => (!d.actual || i === lastActual ? d.remaining : null));
  const low = b.burnDown.map((d, i) => (i === lastActual ? d.remaining : d.remainingP10));
  const high = b.burnDown.map((d, i) => (i === lastActual ? d.remaining : d.remainingP90));
  const band = high.map((h, i) => (h === null || low[i] === null ? null : h - low[i]!));
  return {
    backgroundColor: 'transparent',
    aria: { enabled: true },
    grid: { left: 8, right: 16, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: { top: 0, right: 8, data: ['Left (actual)', 'Left (expected)', 'P10–P90'] },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: days, boundaryGap: false },
    // The axis says what it counts: what is left of the budget, in its own unit (a currency or tokens).
    yAxis: { type: 'value', name: `Left of the budget (${b.unit})`, nameTextStyle: { align: 'left' }, axisLabel: { formatter: (v: number) => formatAxisAmount(v) } },
    series: [
      { name: 'band-base', type: 'line', data: low, stack: 'band', lineStyle: { opacity: 0 }, symbol: 'none', silent: true, tooltip: { show: false } },
      { name: 'P10–P90', type: 'line', data: band, stack: 'band', lineStyle: { opacity: 0 }, symbol: 'none', areaStyle: { color: '#4f7be8', opacity: 0.18 }, itemStyle: { color: '#4f7be8' } },
      { name: 'Left (actual)', type: 'line', data: actual, symbol: 'none', lineStyle: { width: 2.5 }, itemStyle: { color: '#2a9d8f' } },
      { name: 'Left (expected)', type: 'line', data: expected, symbol: 'none', lineStyle: { type: 'dashed', width: 2 }, itemStyle: { color: '#4f7be8' } },
      { name: 'Budget exhausted', type: 'line', data: days.map(() => 0), symbol: 'none', lineStyle: { color: '#b42318', width: 1 }, itemStyle: { color: '#b42318' }, tooltip: { show: false } },
    ],
  };
}

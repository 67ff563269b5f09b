import { useMemo, useState, type ReactNode } from 'react';
import type { SpendOverview } from '../../../../shared/api/overview';
import { describeError } from '../../api/describe-error';
import { EmptyState, IMPORT_A_STATEMENT } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import { Term } from '../../components/Term';
import { formatDayRange, formatMonth, formatMonthLong, monthName, monthsBetween } from '../../format/dates';
import { providerName } from '../../format/labels';
import { formatCount, formatMoney, formatSignedMoney } from '../../format/money';
import { useWorkspace } from '../../state/StoresContext';
import { useApiData } from '../../state/useApiData';
import { monthlySpend } from './chart-option';
import { MonthlySpendChart } from './MonthlySpendChart';
import { BoardQuestion } from './BoardQuestion';
import { SpendTable } from './SpendTable';
import './overview.css';

/**
 * "What do we spend on AI, and is it going up?": the latest month, its
 * change, the current month's run-rate and the trend, then spend by month
 * and by provider and model. Every figure is the backend's (ledger.overview);
 * this view only lays them out.
 */
export function OverviewView() {
  const { info } = useWorkspace();
  const [chosenCurrency, setChosenCurrency] = useState<string | null>(null);
  const overview = useApiData((c) => c.call('ledger.overview', chosenCurrency ? { currency: chosenCurrency } : {}), [chosenCurrency]);
  const o = overview.data ?? null;
  const chartData = useMemo(() => (o ? monthlySpend(o) : null), [o]);
  const empty = info !== null && info.ledgerLines === 0;

  return (
    <section className="view view-overview" aria-labelledby="overview-title">
      <header className="view-header">
        <h1 id="overview-title" tabIndex={-1}>
          Overview
        </h1>
        <p className="view-subtitle">The board question answered, what this workspace spends on AI, and whether it is going up.</p>
      </header>
      {overview.error ? <ErrorNote title="Could not load the overview" message={describeError(overview.error)} /> : null}
      {empty ? (
        <EmptyState title="This workspace has no usage yet" icon="imports" action={IMPORT_A_STATEMENT}>
          Import a vendor statement (CSV, XLSX, Parquet or JSON export) and its lines appear here as monthly spend by provider, with totals that reconcile to the file.
        </EmptyState>
      ) : (
        <>
          <BoardQuestion overview={o} ready={o !== null || overview.error !== undefined} />
          <SpendKpis o={o} />
          <p className="overview-facts muted small" data-testid="overview-facts">
            <span data-testid="kpi-billed">
              <Term name="billedSpend">Billed</Term>{' '}
              {o ? (
                <strong className="money">{formatMoney(o.total.billed.shown, o.currency ?? 'USD')}</strong>
              ) : (
                '…'
              )}
              {info?.firstMonth && info.lastMonth ? ` from ${formatMonth(info.firstMonth)} to ${formatMonth(info.lastMonth)}` : ''}
            </span>
            <span aria-hidden="true"> · </span>
            <span data-testid="kpi-months">{info?.firstMonth && info.lastMonth ? `${monthsBetween(info.firstMonth, info.lastMonth)} months covered` : '…'}</span>
            <span aria-hidden="true"> · </span>
            <span data-testid="kpi-lines">{info ? `${formatCount(info.ledgerLines)} ledger lines from ${formatCount(info.imports)} ${info.imports === 1 ? 'import' : 'imports'}` : '…'}</span>
            <span aria-hidden="true"> · </span>
            <span data-testid="kpi-providers">{info ? `${info.providers.length === 1 ? 'provider' : 'providers'}: ${info.providers.map(providerName).join(', ') || '—'}` : '…'}</span>
          </p>
          <div className="panel">
            <div className="panel-header">
              <h2>Monthly billed spend by provider{o?.currency ? ` (${o.currency})` : ''}</h2>
              {o && o.currencies.length > 1 ? (
                <div className="segmented" role="group" aria-label="Currency">
                  {o.currencies.map((c) => (
                    <button key={c.currency} type="button" aria-pressed={c.currency === o.currency} onClick={() => setChosenCurrency(c.currency)}>
                      {c.currency}
                    </button>
                  ))}
                </div>
              ) : null}
            </div>
            <div className="chart-frame">
              {chartData ? (
                <MonthlySpendChart
                  data={chartData}
                  label={`Monthly billed spend in ${chartData.currency} from ${formatMonth(chartData.months[0] ?? '')} to ${formatMonth(chartData.months.at(-1) ?? '')}, stacked by provider: ${chartData.providers.map(providerName).join(', ')}${chartData.trend ? ', with the trend as a dashed line' : ''}`}
                />
              ) : (
                <div className="chart-placeholder muted">Loading…</div>
              )}
            </div>
          </div>
          {o ? <SpendTable o={o} /> : null}
        </>
      )}
    </section>
  );
}

function SpendKpis({ o }: { o: SpendOverview | null }) {
  const currency = o?.currency ?? 'USD';
  const money = (amount: string) => formatMoney(amount, currency);
  const latest = o?.latest ?? null;
  const change = o?.change ?? null;
  const runRate = o?.runRate ?? null;
  const trend = o?.trend ?? null;
  const none = o ? '—' : '…';
  return (
    <div className="kpis" data-testid="kpis">
      <Kpi label={<Term name="latestMonth" />} testId="kpi-latest">
        <span className="kpi-value money">{latest ? money(latest.billed.shown) : none}</span>
        {latest ? (
          <span className="kpi-note">
            {latest.covered.complete ? (
              `${formatMonthLong(latest.month)}, all ${latest.covered.days} days`
            ) : (
              <>
                {formatMonthLong(latest.month)}
                <br />
                {`${formatDayRange(latest.covered.from, latest.covered.to)} only, ${latest.covered.days} of ${latest.covered.daysInMonth} days`}
              </>
            )}
          </span>
        ) : null}
      </Kpi>
      <Kpi label={<Term name="monthOnMonth">{change ? `Change on ${monthName(change.previousMonth)}` : 'Change on the month before'}</Term>} testId="kpi-change">
        <span className={`kpi-value money${change?.amount ? (change.amount.startsWith('-') ? ' kpi-down' : /^0(\.0+)?$/.test(change.amount) ? '' : ' kpi-up') : ''}`}>
          {change?.amount ? (
            <>
              <span aria-hidden="true">{change.amount.startsWith('-') ? '▼ ' : /^0(\.0+)?$/.test(change.amount) ? '' : '▲ '}</span>
              {formatSignedMoney(change.amount, currency)}
            </>
          ) : (
            none
          )}
        </span>
        {change ? (
          <span className="kpi-note">
            {change.previous ? (
              <>
                {change.percent === null ? 'no percentage: the month before billed nothing' : `${signedPercent(change.percent)} on the month before`}
                <br />
                {`${formatMonthLong(change.previousMonth)}: ${money(change.previous.shown)}`}
              </>
            ) : (
              `no lines for ${formatMonthLong(change.previousMonth)}`
            )}
          </span>
        ) : null}
      </Kpi>
      <Kpi label={<Term name="runRate">{runRate ? `Run-rate, ${formatMonthLong(runRate.month)}` : 'Run-rate'}</Term>} testId="kpi-run-rate">
        <span className="kpi-value money">{runRate ? money(runRate.projected) : none}</span>
        {runRate ? <RunRateNote r={runRate} money={money} /> : null}
      </Kpi>
      <Kpi label={<Term name="trend" />} testId="kpi-trend">
        <span className={`kpi-value${trend?.direction === 'rising' ? ' kpi-up' : trend?.direction === 'falling' ? ' kpi-down' : ''}`}>
          {trend ? (trend.direction === 'rising' ? 'Rising' : trend.direction === 'falling' ? 'Falling' : 'Flat') : none}
        </span>
        <span className="kpi-note">
          {trend ? (
            <>
              <span className="money">{`${formatSignedMoney(trend.perMonth, currency)} a month${trend.percentPerMonth !== null ? ` (${signedPercent(trend.percentPerMonth)})` : ''}`}</span>
              <br />
              {`${formatMonth(trend.from)} – ${formatMonth(trend.to)}, ${trend.months} complete months`}
            </>
          ) : o ? (
            'needs three complete months'
          ) : null}
        </span>
      </Kpi>
    </div>
  );
}

/** "6.4" → "+6.4%", "-2.0" → "−2.0%" (a true minus sign). */
function signedPercent(percent: string): string {
  return percent.startsWith('-') ? `\u2212${percent.slice(1)}%` : `+${percent}%`;
}

/** The days a run-rate rests on, in words. */
function RunRateNote({ r, money }: { r: NonNullable<SpendOverview['runRate']>; money: (a: string) => string }) {
  const days = `${formatDayRange(r.basedOn.from, r.basedOn.to)} (${r.basedOn.days} ${r.basedOn.days === 1 ? 'day' : 'days'})`;
  if (r.basis === 'complete') return <span className="kpi-note">{`complete: billed over all ${r.daysInMonth} days`}</span>;
  if (r.basis === 'month-to-date') {
    return (
      <span className="kpi-note">
        {`${money(r.soFar?.shown ?? '0')} so far, ${money(r.perDay)} a day`}
        <br />
        {`over ${days} × ${r.daysInMonth} days`}
      </span>
    );
  }
  return (
    <span className="kpi-note">
      {`${money(r.perDay)} a day × ${r.daysInMonth} days at the pace of ${days}; no ${monthName(r.month)} lines yet`}
    </span>
  );
}

function Kpi({ label, testId, children }: { label: ReactNode; testId: string; children: ReactNode }) {
  return (
    <div className="kpi" data-testid={testId}>
      <span className="kpi-label">{label}</span>
      {children}
    </div>
  );
}

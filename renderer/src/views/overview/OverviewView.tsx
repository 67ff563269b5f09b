import { useMemo, useState, type ReactNode } from 'react';
import { formatMonth, monthsBetween } from '../../format/dates';
import { providerName } from '../../format/labels';
import { formatCount, formatMoney } from '../../format/money';
import { ErrorNote } from '../../components/ErrorNote';
import { describeError } from '../../api/describe-error';
import { useApiData } from '../../state/useApiData';
import { useWorkspace } from '../../state/StoresContext';
import { EmptyState } from '../../components/EmptyState';
import { monthlySpend } from './chart-option';
import { MonthlySpendChart } from './MonthlySpendChart';
import { TopModelsTable } from './TopModelsTable';

/** What the workspace holds at a glance: totals, coverage, and where the money went month by month. */
export function OverviewView() {
  const { info } = useWorkspace();
  const summary = useApiData(
    (c) =>
      Promise.all([
        c.call('ledger.summary', { by: ['month', 'provider'], limit: 10_000 }),
        c.call('ledger.summary', { by: ['month'], limit: 10_000 }),
      ]),
    [],
  );
  const [byMonthProvider, byMonth] = summary.data ?? [];
  const totals = byMonth?.totals ?? [];
  // The currency with the most lines leads; others can be chosen.
  const currencies = [...totals].sort((a, b) => b.lines - a.lines).map((t) => t.currency);
  const [chosenCurrency, setChosenCurrency] = useState<string | null>(null);
  const currency = chosenCurrency && currencies.includes(chosenCurrency) ? chosenCurrency : currencies[0];
  const chartData = useMemo(
    () => (byMonthProvider && byMonth && currency ? monthlySpend(byMonthProvider.rows, byMonth.rows, currency) : null),
    [byMonthProvider, byMonth, currency],
  );

  const empty = info !== null && info.ledgerLines === 0;

  return (
    <section className="view view-overview" aria-labelledby="overview-title">
      <header className="view-header">
        <h1 id="overview-title" tabIndex={-1}>
          Overview
        </h1>
        <p className="view-subtitle">What this workspace holds: billed spend, coverage and the monthly trend by provider.</p>
      </header>
      {summary.error ? <ErrorNote title="Could not load the summary" message={describeError(summary.error)} /> : null}
      {empty ? (
        <EmptyState title="This workspace has no usage yet" icon="imports">
          Import a vendor statement (CSV, XLSX, Parquet or JSON export) and its lines appear here as monthly spend by provider, with totals that reconcile to the file.
        </EmptyState>
      ) : (
        <>
          <div className="kpis" data-testid="kpis">
            <Kpi label="Total billed" testId="kpi-billed">
              {totals.length === 0 ? <span className="kpi-value">…</span> : null}
              {totals.map((t) => (
                <span key={t.currency} className="kpi-value money">
                  {formatMoney(t.billedCost, t.currency)}
                </span>
              ))}
              <span className="kpi-sub">{info?.firstMonth && info.lastMonth ? `${formatMonth(info.firstMonth)} – ${formatMonth(info.lastMonth)}` : '\u00a0'}</span>
            </Kpi>
            <Kpi label="Months covered" testId="kpi-months">
              <span className="kpi-value">{info?.firstMonth && info.lastMonth ? monthsBetween(info.firstMonth, info.lastMonth) : '…'}</span>
              <span className="kpi-sub">{info?.firstMonth && info.lastMonth ? `${info.firstMonth} to ${info.lastMonth}` : '\u00a0'}</span>
            </Kpi>
            <Kpi label="Ledger lines" testId="kpi-lines">
              <span className="kpi-value">{info ? formatCount(info.ledgerLines) : '…'}</span>
              <span className="kpi-sub">{info ? `from ${formatCount(info.imports)} ${info.imports === 1 ? 'import' : 'imports'}` : '\u00a0'}</span>
            </Kpi>
            <Kpi label="Providers" testId="kpi-providers">
              <span className="kpi-value">{info ? info.providers.length : '…'}</span>
              <span className="kpi-sub">{info ? info.providers.map(providerName).join(', ') || '—' : '\u00a0'}</span>
            </Kpi>
          </div>
          <div className="panel">
            <div className="panel-header">
              <h2>Monthly billed spend by provider{currency ? ` (${currency})` : ''}</h2>
              {currencies.length > 1 ? (
                <div className="segmented" role="group" aria-label="Currency">
                  {currencies.map((c) => (
                    <button key={c} type="button" aria-pressed={c === currency} onClick={() => setChosenCurrency(c)}>
                      {c}
                    </button>
                  ))}
                </div>
              ) : null}
            </div>
            <div className="chart-frame">
              {chartData ? (
                <MonthlySpendChart data={chartData} label={`Monthly billed spend in ${chartData.currency}, stacked by provider: ${chartData.providers.map(providerName).join(', ')}`} />
              ) : (
                <div className="chart-placeholder muted">Loading…</div>
              )}
            </div>
          </div>
          <TopModelsTable />
        </>
      )}
    </section>
  );
}

function Kpi({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <div className="kpi" data-testid={testId}>
      <span className="kpi-label">{label}</span>
      {children}
    </div>
  );
}

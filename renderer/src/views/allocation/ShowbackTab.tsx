import { useMemo, useState } from 'react';
import type { AllocatedLine, AllocationRun } from '../../../../shared/api/allocation';
import { periodTotals } from '../../../../shared/domain/allocation/period-totals';
import { nanosToDecimal, nanosToNumber, parseMoney } from '../../../../shared/domain/money';
import { useClient } from '../../api/ClientContext';
import { describeError } from '../../api/describe-error';
import { useFiles } from '../../api/files';
import { Chart } from '../../components/Chart';
import { EmptyState } from '../../components/EmptyState';
import { DataTable, type TableColumn } from '../../components/table/DataTable';
import { ErrorNote } from '../../components/ErrorNote';
import { formatMonth, shortMonth } from '../../format/dates';
import { formatAxisAmount, formatCount, formatFixed, formatMoney } from '../../format/money';
import { withCurrencyCode } from '../../format/locale';
import { ExportLinesMenu } from './ExportLinesMenu';
import { LinesBehindTable } from './LinesBehindTable';
import { useJob } from './use-job';

const GROUPINGS = [
  { id: 'team', label: 'Team' },
  { id: 'costCentre', label: 'Cost centre' },
  { id: 'businessUnit', label: 'Business unit' },
] as const;
type Grouping = (typeof GROUPINGS)[number]['id'];
const COLORS = ['#2a9d8f', '#d9774a', '#4f7be8', '#c2569b', '#8a9a3b', '#7b6fd6', '#b8804a'];

interface Cell {
  key: string;
  label: string;
  teams: string[];
}

/** Team × month in cents that foot to the ledger, a stacked chart, and the lines behind any cell. */
export function ShowbackTab() {
  const run = useJob('allocation.run', {}, []);
  const client = useClient();
  const files = useFiles();
  const [grouping, setGrouping] = useState<Grouping>('team');
  const [chosenCurrency, setCurrency] = useState<string | null>(null);
  const [drill, setDrill] = useState<{ teams: string[]; label: string; month: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const data = run.data;
  const currencies = useMemo(() => [...new Set(data?.months.map((m) => m.currency) ?? [])], [data]);
  const currency = chosenCurrency && currencies.includes(chosenCurrency) ? chosenCurrency : currencies[0];

  const table = useMemo(() => (data && currency ? showbackTable(data, currency, grouping) : null), [data, currency, grouping]);

  if (run.error && !data) {
    return run.error.includes('no allocation policy') ? (
      <EmptyState title="No allocation policy yet" icon="allocation">
        Write the teams and the rules that give ledger lines to them under <a href="#/allocation/rules">Rules</a>; the showback, budgets and chargeback follow from it.
      </EmptyState>
    ) : (
      <ErrorNote title="The allocation could not run" message={run.error} />
    );
  }
  if (!data || !table || !currency) return <p className="muted">{run.running ? 'Allocating the ledger…' : ' '}</p>;

  const downloadCsv = async () => {
    setError(null);
    try {
      const statement = await client.call('allocation.chargebackCsv', {});
      await files.saveText({ title: 'Save the chargeback statement', fileName: statement.fileName, kind: 'CSV', extensions: ['csv'], text: statement.csv, writeTo: (path) => client.call('allocation.chargebackCsv', { path }) });
    } catch (e) {
      setError(describeError(e));
    }
  };

  const option = chartOption(table, currency);
  return (
    <div className="allocation-showback">
      <div className="toolbar" role="toolbar" aria-label="Showback">
        <div className="segmented" role="group" aria-label="Rows by">
          {GROUPINGS.map((g) => (
            <button key={g.id} type="button" aria-pressed={g.id === grouping} onClick={() => setGrouping(g.id)}>
              {g.label}
            </button>
          ))}
        </div>
        {currencies.length > 1 ? (
          <div className="segmented" role="group" aria-label="Currency">
            {currencies.map((c) => (
              <button key={c} type="button" aria-pressed={c === currency} onClick={() => setCurrency(c)}>
                {c}
              </button>
            ))}
          </div>
        ) : null}
        <div className="toolbar-spacer" />
        <button type="button" className="button" onClick={() => void downloadCsv()} data-testid="chargeback-csv">
          Chargeback CSV
        </button>
        <ExportLinesMenu
          onDone={(message) => {
            setError(null);
            setNotice(message);
          }}
          onError={setError}
        />
      </div>
      {error ? <ErrorNote title="Could not save" message={error} /> : null}
      <p className="muted small status-line" role="status" data-testid="export-notice">
        {notice}
      </p>
      <p className="muted small" data-testid="showback-meta">
        {data.policyName} · {data.cost === 'billed' ? 'billed cost' : 'effective cost'} · {formatCount(data.stats.ledgerLines)} ledger lines allocated in full: every month adds up to the ledger to the cent.
      </p>
      <DataTable
        rows={table.rows}
        columns={showbackColumns(table, grouping, setDrill)}
        label={`Allocated cost by ${GROUPINGS.find((g) => g.id === grouping)?.label.toLowerCase()} and month, ${currency}`}
        currency={currency}
        currencyCode={false}
        rowKey={(row) => row.cell.key}
        rowProps={(row) => ({ className: row.cell.key === 'unallocated' ? 'unallocated-row' : undefined })}
        testId="showback-table"
        className="showback-table"
        footer
        totalLabel="Ledger"
      />
      {table.monthsAddUpTo !== table.grandTotal ? (
        <p className="muted small" data-testid="showback-footing-note">
          {`Each month is rounded on its own, as on every screen: as shown the months add up to ${formatMoney(table.monthsAddUpTo, currency)}, while the exact total rounds to ${formatMoney(table.grandTotal, currency)}, the total on the Overview and in the Ledger. Each team’s total is its exact total, footed to that figure, so a team’s months can differ from it by a cent too.`}
        </p>
      ) : null}
      <div className="panel">
        <div className="panel-header">
          <h2>Allocated cost by month ({currency})</h2>
        </div>
        <div className="chart-frame">
          <Chart option={option} label={`Allocated cost by month in ${currency}, stacked by ${grouping}`} testId="showback-chart" />
        </div>
      </div>
      {drill ? <DrillDown teams={drill.teams} label={drill.label} month={drill.month} currency={currency} onClose={() => setDrill(null)} /> : null}
      {data.notes.length > 0 ? (
        <ul className="notes" aria-label="Notes on the allocation">
          {data.notes.map((n) => (
            <li key={n.message}>{n.message}</li>
          ))}
        </ul>
      ) : null}
      <h2 className="section-title">Rules</h2>
      <DataTable rows={data.rules} columns={RULE_COLUMNS} label="Rules, with the lines and cost each gives" rowKey={(r) => r.id ?? '(none)'} testId="rules-table" />
    </div>
  );
}

function DrillDown({ teams, label, month, currency, onClose }: { teams: string[]; label: string; month: string; currency: string; onClose: () => void }) {
  const client = useClient();
  const [rows, setRows] = useState<AllocatedLine[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const key = `${teams.join(',')} ${month} ${currency}`;
  const [loaded, setLoaded] = useState<string | null>(null);
  if (loaded !== key) {
    setLoaded(key);
    setRows(null);
    Promise.all(teams.map((team) => client.call('allocation.lines', { team, month, currency, limit: 500 }))).then(
      (pages) => {
        setRows(pages.flatMap((p) => p.rows).sort((a, b) => a.day.localeCompare(b.day) || a.lineId - b.lineId));
        setTotal(pages.reduce((n, p) => n + p.total, 0));
      },
      (e: unknown) => setError(describeError(e)),
    );
  }
  return (
    <section className="panel drill" aria-labelledby="drill-title" data-testid="showback-drill">
      <div className="panel-header">
        <h2 id="drill-title">
          {label}, {formatMonth(month)}: the ledger lines behind it
        </h2>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
      {error ? <ErrorNote title="Could not load the lines" message={error} /> : null}
      {rows === null ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          <p className="muted small">
            {formatCount(total)} lines{total > rows.length ? `, the first ${formatCount(rows.length)} shown` : ''}. A shared line shows this team’s part and its ratio.
          </p>
          <LinesBehindTable
            rows={rows}
            testId="drill-table"
            label={`Lines behind ${label}, ${formatMonth(month)}`}
            currency={currency}
            showParts
            partLabel="This part"
            last={{ header: 'Rule', cell: (r) => r.ruleId ?? r.reason ?? '' }}
            rowKey={(r) => `${r.lineId}-${r.ruleId}-${r.ratio}`}
          />
        </>
      )}
    </section>
  );
}

interface ShowbackTable {
  months: string[];
  rows: { cell: Cell; amounts: string[]; total: string }[];
  monthTotals: string[];
  grandTotal: string;
  monthsAddUpTo: string;
}

const sum = (texts: string[]) => {
  let total = 0n;
  for (const t of texts) total += parseMoney(t);
  return total;
};
/** Sums of amounts already rounded to cents: exact, so a row's total and the ledger's foot. */
const text = (nanos: bigint) => nanosToDecimal(nanos);

/** Rows in cents (each team's footing cents); a cost centre or unit adds its teams' cents, months and totals alike. */
type ShowbackRow = ShowbackTable['rows'][number];

/** A column per month, each footed to the ledger's month; the row totals footed to the ledger's exact total. */
function showbackColumns(table: ShowbackTable, grouping: Grouping, drill: (d: { teams: string[]; label: string; month: string }) => void): TableColumn<ShowbackRow>[] {
  return [
    { id: 'who', header: GROUPINGS.find((g) => g.id === grouping)?.label ?? 'Team', type: 'text', value: (row) => row.cell.label, rowHeader: true },
    ...table.months.map(
      (m, i): TableColumn<ShowbackRow> => ({
        id: m,
        header: formatMonth(m),
        type: 'money',
        value: (row) => row.amounts[i]!,
        total: true,
        render: (row, text) => (
          <button type="button" className="link-button" onClick={() => drill({ teams: row.cell.teams, label: row.cell.label, month: m })} aria-label={`Lines behind ${row.cell.label}, ${formatMonth(m)}`}>
            {text}
          </button>
        ),
      }),
    ),
    { id: 'total', header: 'Total', type: 'money', value: (row) => row.total, total: true },
  ];
}

type Rule = AllocationRun['rules'][number];
const RULE_COLUMNS: TableColumn<Rule>[] = [
  { id: 'rule', header: 'Rule', type: 'text', value: (r) => r.id ?? '(no rule)', className: 'mono', rowHeader: true },
  { id: 'precedence', header: 'Precedence', type: 'count', value: (r) => r.precedence ?? null },
  { id: 'target', header: 'Gives lines to', type: 'text', value: (r) => r.target },
  { id: 'lines', header: 'Lines', type: 'count', value: (r) => r.lines },
  // A rule's cost may be in several currencies: one text, sorted by the first amount.
  { id: 'cost', header: 'Cost', type: 'quantity', value: (r) => (r.amounts[0] ? Number(r.amounts[0].amount) : null), text: (r) => r.amounts.map((a) => formatMoney(a.amount, a.currency)).join(', '), csv: (r) => r.amounts.map((a) => `${a.amount} ${a.currency}`).join('; '), className: 'money' },
];

function showbackTable(run: AllocationRun, currency: string, grouping: Grouping): ShowbackTable {
  const months = run.months.filter((m) => m.currency === currency).map((m) => m.month);
  const cells = new Map<string, Cell>();
  for (const t of run.teams) {
    const key = t.id === 'unallocated' ? 'unallocated' : grouping === 'team' ? t.id : ((grouping === 'costCentre' ? t.costCentre : t.businessUnit) ?? '(none)');
    const label = t.id === 'unallocated' ? 'Unallocated' : grouping === 'team' ? t.name : key;
    const cell = cells.get(key) ?? { key, label, teams: [] };
    cell.teams.push(t.id);
    cells.set(key, cell);
  }
  // Over the months: the ledger's exact total rounded once, each team's total footed to it (period-totals.ts).
  const totals = periodTotals(run).get(currency);
  const rows = [...cells.values()].map((cell) => {
    const amounts = months.map((m) => text(sum(run.rows.filter((r) => r.currency === currency && r.month === m && cell.teams.includes(r.team)).map((r) => r.amountCents))));
    let total = 0n;
    for (const t of totals?.teams ?? []) if (cell.teams.includes(t.team)) total += t.total;
    return { cell, amounts, total: text(total) };
  });
  const monthTotals = months.map((m) => run.months.find((x) => x.month === m && x.currency === currency)!.ledgerCents);
  return { months, rows, monthTotals, grandTotal: text(totals?.ledgerShown ?? 0n), monthsAddUpTo: text(totals?.monthsAddUpTo ?? 0n) };
}

function chartOption(table: ShowbackTable, currency: string) {
  return {
    backgroundColor: 'transparent',
    aria: { enabled: true },
    grid: { left: 8, right: 16, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: { top: 0, right: 8, icon: 'roundRect', itemWidth: 12, itemHeight: 12 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => withCurrencyCode(formatFixed(v, 2), currency) },
    xAxis: { type: 'category', data: table.months.map(shortMonth), axisTick: { show: false } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatAxisAmount(v) } },
    series: table.rows.map((r, i) => ({
      name: r.cell.label,
      type: 'bar',
      stack: 'teams',
      barMaxWidth: 56,
      itemStyle: { color: r.cell.key === 'unallocated' ? '#9aa3ad' : COLORS[i % COLORS.length] },
      data: r.amounts.map((a) => nanosToNumber(parseMoney(a))),
    })),
  };
}

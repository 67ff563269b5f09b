import type { ContractMonthSummary } from '../../../../shared/api/contracts';
import { formatDay, formatMonth } from '../../format/dates';
import { formatAmount } from '../../format/money';
import { describeError } from '../../api/describe-error';
import { ErrorNote } from '../../components/ErrorNote';
import { DataTable, type TableColumn } from '../../components/table/DataTable';
import { useApiData } from '../../state/useApiData';

type Month = ContractMonthSummary;

/**
 * The contract's months: money as the backend priced it (each invoice line to
 * the cent), columns for the terms the contract has. Amounts without the
 * currency code (the heading names it) so the widest contract fits a 1440 px
 * window without scrolling sideways.
 */
const plain = (id: string, header: string, of: (m: Month) => string | null, title?: string): TableColumn<Month> => ({ id, header, type: 'money', value: of, text: (m) => (of(m) === null ? '—' : formatAmount(of(m)!)), title });

const MONTH_COLUMN: TableColumn<Month> = {
  id: 'month',
  header: 'Month',
  type: 'month',
  value: (m) => m.month,
  text: (m) => `${formatMonth(m.month)}${m.unpricedLines > 0 ? ` ${m.unpricedLines} unpriced` : ''}`,
  csv: (m) => m.month,
  rowHeader: true,
  render: (m) => (
    <>
      <span className="nowrap">{formatMonth(m.month)}</span>{' '}
      {m.unpricedLines > 0 ? <span className="badge badge-bad small-badge">{m.unpricedLines} unpriced</span> : null}
    </>
  ),
};

/**
 * What each month's invoice is made of: usage, the commitment's shortfall,
 * credits, the invoice. The commitment's contract-year balance is a table of
 * its own below (BALANCE_COLUMNS), so that with versions and credits every
 * figure still fits a 1440 px window without scrolling sideways.
 */
function monthColumns(hasCommitment: boolean, hasCredits: boolean, versioned: boolean, everyMonthTrueUp: boolean): TableColumn<Month>[] {
  return [
    MONTH_COLUMN,
    // An amended or renewed contract says which version priced each month.
    ...(versioned
      ? [
          {
            id: 'version',
            header: 'Version',
            type: 'text',
            value: (m: Month) => `v${m.version.number}${m.version.reason ? ` ${m.version.reason}` : ''}`,
            // The reason is said once above the table (and in the cell's tooltip, the filter and the CSV), not on every month.
            render: (m: Month, text: string) => <span title={text}>{`v${m.version.number}`}</span>,
            title: 'The version of the contract in force that month, whose terms priced it',
          } as TableColumn<Month>,
        ]
      : []),
    plain('usageAtList', 'Usage at list', (m) => m.usageAtList),
    plain('usageNet', 'Usage net', (m) => m.usageNet),
    ...(hasCommitment
      ? [
          {
            id: 'committedCounted',
            header: 'Committed / counted',
            type: 'money',
            value: (m: Month) => m.commitmentCommitted,
            text: (m: Month) => (m.commitmentCommitted !== null && m.commitmentEligible !== null ? `${formatAmount(m.commitmentCommitted)} / ${formatAmount(m.commitmentEligible)}` : '—'),
            csv: (m: Month) => (m.commitmentCommitted !== null && m.commitmentEligible !== null ? `${m.commitmentCommitted} / ${m.commitmentEligible}` : null),
          } as TableColumn<Month>,
        ]
      : []),
    // When every month is a true-up (a monthly commitment), the heading says so once instead of each cell.
    everyMonthTrueUp
      ? plain('shortfall', 'Shortfall', (m) => m.commitmentShortfall, 'Shortfall billed for the month: every month of this commitment is a true-up')
      : {
          ...plain('shortfall', 'Shortfall', (m) => m.commitmentShortfall),
          text: (m) => `${formatAmount(m.commitmentShortfall)}${m.commitmentBalance?.trueUp ? ' true-up' : ''}`,
          render: (m) => (
            <>
              {formatAmount(m.commitmentShortfall)}
              {m.commitmentBalance?.trueUp ? <span className="muted small"> true-up</span> : null}
            </>
          ),
        },
    ...(hasCredits
      ? [plain('creditsApplied', 'Credits applied', (m) => m.creditsApplied), plain('creditsForfeited', 'Forfeited', (m) => m.creditsForfeited), plain('creditBalance', 'Credit left', (m) => m.creditBalance)]
      : []),
    { ...plain('total', 'Invoice', (m) => m.total), className: 'strong' },
  ];
}

/** The commitment's standing after each month, counted from the start of its contract year. */
const BALANCE_COLUMNS: TableColumn<Month>[] = [
  { ...MONTH_COLUMN, text: (m) => formatMonth(m.month), render: undefined },
  { id: 'contractYear', header: 'Contract year', type: 'count', value: (m) => m.commitmentBalance?.year ?? null, title: 'The contract year the "to date" figures count from' },
  plain('committedToDate', 'Committed to date', (m) => m.commitmentBalance?.committedToDate ?? null, "The contract year's commitment through this month (spread evenly over its months)"),
  plain('drawnToDate', 'Drawn to date', (m) => m.commitmentBalance?.drawnToDate ?? null, 'Spend that counted toward the commitment so far this contract year'),
  plain('shortfallBilledToDate', 'Shortfall billed to date', (m) => m.commitmentBalance?.shortfallBilledToDate ?? null, "Shortfall billed at this contract year's true-ups so far"),
  plain('remaining', 'Remaining', (m) => m.commitmentBalance?.remaining ?? null, 'What is still to be drawn or paid this contract year'),
];

/**
 * A stored contract month by month, priced from the ledger: usage at list and
 * net of the contract's terms, commitment utilisation, credits applied,
 * forfeited and left, and the invoice the contract gives. Numbers as the
 * backend priced them.
 */
export function ContractMonthsTable({ id, reload }: { id: string; reload: number }) {
  const months = useApiData((c) => c.call('contracts.priceMonths', { id }), [id, reload]);
  const data = months.data;
  if (months.error) return <ErrorNote title="Could not price the contract's months" message={describeError(months.error)} />;
  if (!data) return null;
  const cur = data.currency;
  const hasCommitment = data.months.some((m) => m.commitmentCommitted !== null);
  const hasCredits = data.months.some((m) => m.creditBalance !== null);
  const versioned = data.months.some((m) => m.version.number > 1);
  const withBalance = data.months.filter((m) => m.commitmentBalance);
  const everyMonthTrueUp = withBalance.length > 0 && withBalance.every((m) => m.commitmentBalance!.trueUp);
  // Each version once, from its first month: the table's cells then say only "v2".
  const versions = new Map<number, Month['version']>();
  if (versioned) for (const m of data.months) if (!versions.has(m.version.number)) versions.set(m.version.number, m.version);
  return (
    // Scrolls sideways on a narrow window: focusable, so the keyboard can scroll it too.
    <div className="panel table-panel contract-months" tabIndex={0} role="region" aria-label="Month by month under this contract">
      <div className="panel-header padded">
        <h2>Month by month under this contract ({cur})</h2>
        {versions.size > 0 ? (
          <ul className="contract-month-versions small" data-testid="contract-month-versions">
            {[...versions.values()]
              .sort((a, b) => a.number - b.number)
              .map((v) => (
                <li key={v.number}>
                  <strong>v{v.number}</strong> from {formatDay(v.effectiveFrom)}
                  {v.reason ? `: ${v.reason}` : v.number === 1 ? ': the terms as signed' : ''}
                </li>
              ))}
          </ul>
        ) : null}
        <span className="muted small">From the ledger’s usage within the term; months without usage still carry fees, true-ups and credit expiry. Amounts are the expected invoice’s, each line rounded to the cent as an invoice rounds it, so they can sit a few cents from the statement’s exact total; the invoice check compares them exactly.</span>
      </div>
      <DataTable rows={data.months} columns={monthColumns(hasCommitment, hasCredits, versioned, everyMonthTrueUp)} label="Month by month under this contract" currency={cur} rowKey={(m) => m.month} rowProps={(m) => ({ className: m.inTerm ? undefined : 'muted' })} testId="contract-months" currencyCode={false} />
      {hasCommitment ? (
        <div className="contract-year-balance">
          <h3 className="padded">Commitment, contract year to date ({cur})</h3>
          <DataTable rows={data.months.filter((m) => m.commitmentBalance)} columns={BALANCE_COLUMNS} label="Commitment, contract year to date" currency={cur} rowKey={(m) => m.month} testId="contract-year-balance" currencyCode={false} />
        </div>
      ) : null}
    </div>
  );
}

import type { InvoiceCheckRun } from '../../../../shared/api/contracts';
import type { InvoiceLineKind } from '../../../../shared/domain/contracts/types';
import { formatMonth } from '../../format/dates';
import { DataTable, type TableColumn } from '../../components/table/DataTable';
import { formatExactAmount, formatMoney } from '../../format/money';

type CheckMonth = InvoiceCheckRun['months'][number];

/** Each line kind as the invoice names it (the CLI's table says the same). */
export const INVOICE_LINE_KIND_TEXT: Record<InvoiceLineKind, string> = {
  usage: 'Usage',
  discount: 'Discount',
  volume_discount: 'Volume discount',
  provisioned_fee: 'Provisioned fee',
  commitment_shortfall: 'Shortfall / true-up',
  minimum_fee_topup: 'Minimum fee top-up',
  credit_applied: 'Credit applied',
  credit_forfeited: 'Credit forfeited',
};

type InvoiceLine = NonNullable<CheckMonth['invoice']>['lines'][number];
type Reservation = NonNullable<CheckMonth['invoice']>['provisioned'][number];

/**
 * The invoice's lines: the amount column foots to the invoice's total (each
 * line is already whole cents, as the vendor prints it). A forfeited credit
 * is a memo, shown in a column of its own so it is never added to the bill.
 */
function lineColumns(withMemo: boolean): TableColumn<InvoiceLine>[] {
  return [
    { id: 'line', header: 'Line', type: 'text', value: (l) => l.label, rowHeader: true },
    { id: 'kind', header: 'Kind', type: 'text', value: (l) => INVOICE_LINE_KIND_TEXT[l.kind], className: 'nowrap' },
    { id: 'term', header: 'Term', type: 'text', value: (l) => l.term ?? '—', csv: (l) => l.term, className: 'mono small' },
    { id: 'amount', header: 'Amount', type: 'money', value: (l) => (l.memo !== null ? null : l.amount), total: true, className: 'nowrap' },
    ...(withMemo ? [{ id: 'memo', header: 'Forfeited, not billed', type: 'money' as const, value: (l: InvoiceLine) => l.memo, className: 'nowrap' }] : []),
  ];
}

const PROVISIONED_COLUMNS: TableColumn<Reservation>[] = [
  { id: 'reservation', header: 'Reservation', type: 'text', value: (p) => p.id, rowHeader: true, className: 'mono' },
  { id: 'fee', header: 'Fee', type: 'money', value: (p) => p.fee, total: true },
  { id: 'used', header: 'Capacity used', type: 'percent', value: (p) => (p.utilisationPercent === null ? null : Number(p.utilisationPercent)), text: (p) => (p.utilisationPercent === null ? '—' : `${p.utilisationPercent}%`), csv: (p) => p.utilisationPercent },
  { id: 'tokens', header: 'Tokens served', type: 'count', value: (p) => Number(p.tokens), total: true },
  { id: 'perMillion', header: 'Per 1M tokens', type: 'money', value: (p) => p.effectivePerMillion, render: (p, text) => (p.effectivePerMillion === null ? '—' : text) },
  { id: 'onDemand', header: 'Same tokens on demand', type: 'money', value: (p) => p.onDemandCost, total: true },
  { id: 'cheaper', header: 'Cheaper', type: 'text', value: (p) => (p.onDemandCheaper ? 'On demand' : 'The reservation'), render: (p, text) => (p.onDemandCheaper ? <strong>{text}</strong> : text) },
];

const isZero = (amount: string): boolean => /^-?0(\.0+)?$/.test(amount);

/**
 * One month's whole expected invoice under its contract, as the vendor's
 * invoice would print it: usage by term, discounts, fees, the commitment's
 * shortfall or true-up, the minimum-fee top-up, credits applied and forfeited
 * (a memo: shown, not billed), the total; then what the month leaves — each
 * credit's balance and the commitment's standing; and each reservation
 * against the on-demand alternative (what the same tokens would have cost
 * at the contract's on-demand price). Every amount in the
 * contract's currency, as the backend priced it (whole cents).
 */
export function ExpectedInvoiceLines({ month, contractName }: { month: CheckMonth; contractName: string }) {
  const inv = month.invoice;
  if (!inv) return null;
  const cur = month.currency;
  const c = inv.commitment;
  return (
    <div className="expected-invoice" data-testid="expected-invoice">
      <p className="table-title">
        Expected invoice, {formatMonth(month.month)}, under {contractName}
      </p>
      <DataTable
        rows={inv.lines}
        columns={lineColumns(inv.lines.some((l) => l.memo !== null))}
        label={`Expected invoice, ${month.month}, ${contractName}`}
        currency={cur}
        rowKey={(_l, i) => String(i)}
        rowProps={(l) => ({ 'data-kind': l.kind })}
        testId="expected-invoice-lines"
        footer
        totalLabel="Expected invoice"
        compact
      />
      {month.contracted !== null && formatMoney(month.contracted, cur) !== formatMoney(inv.total, cur) ? (
        <p className="muted small" data-testid="expected-invoice-exact-note">
          {`Each line is rounded to the cent, as on the vendor's invoice. The month's row compares the bill with the exact amount before that rounding, ${cur} ${formatExactAmount(month.contracted)}, shown there as ${formatMoney(month.contracted, cur)}, so that rounding is never a finding.`}
        </p>
      ) : null}
      {inv.credits.length > 0 || c ? (
        <ul className="balance-after" data-testid="balance-after">
          {inv.credits.map((g) => (
            <li key={g.grantId}>
              Credit <code>{g.grantId}</code>: {formatMoney(g.opening, cur)} at the start of the month, {formatMoney(g.applied, cur)} applied
              {isZero(g.forfeited) ? '' : `, ${formatMoney(g.forfeited, cur)} forfeited`}, <strong>{formatMoney(g.closing, cur)} left</strong>
            </li>
          ))}
          {c ? (
            <li>
              Commitment: {formatMoney(c.eligible, cur)} counted of {formatMoney(c.committed, cur)}
              {c.periodEnd ? ' (true-up month)' : ' so far in the period'}
              {isZero(c.shortfall) ? '' : `, shortfall ${formatMoney(c.shortfall, cur)}`}
              {isZero(c.carriedForward) ? '' : `, ${formatMoney(c.carriedForward, cur)} carried forward`}
              {isZero(c.deferredShortfall) ? '' : `, ${formatMoney(c.deferredShortfall, cur)} shortfall deferred to the term end`}
            </li>
          ) : null}
          {c ? (
            <li data-testid="commitment-balance">
              Contract year {c.balance.year} ({c.balance.yearStart} to {c.balance.yearEnd}): {formatMoney(c.balance.committedForYear, cur)} committed; to date {formatMoney(c.balance.committedToDate, cur)} committed,{' '}
              {formatMoney(c.balance.drawnToDate, cur)} drawn, {formatMoney(c.balance.shortfallBilledToDate, cur)} shortfall billed, <strong>{formatMoney(c.balance.remaining, cur)} remaining</strong>
            </li>
          ) : null}
        </ul>
      ) : null}
      {inv.provisioned.length > 0 ? (
        <div className="provisioned-vs-on-demand">
          <p className="table-title">Provisioned capacity against on demand</p>
          <DataTable
            rows={inv.provisioned}
            columns={PROVISIONED_COLUMNS}
            label={`Provisioned capacity against on demand, ${month.month}`}
            currency={cur}
            rowKey={(p) => p.id}
            rowProps={(p) => ({ className: p.onDemandCheaper ? 'on-demand-cheaper' : undefined })}
            testId="provisioned-vs-on-demand"
            footer
            compact
          />
        </div>
      ) : null}
    </div>
  );
}

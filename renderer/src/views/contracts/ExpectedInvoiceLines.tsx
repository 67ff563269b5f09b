import type { InvoiceCheckRun } from '../../../../shared/api/contracts';
import type { InvoiceLineKind } from '../../../../shared/domain/contracts/types';
import { formatMonth } from '../../format/dates';
import { formatCount, formatExactAmount, formatMoney } from '../../format/money';

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
      <table className="table compact">
        <caption>
          Expected invoice, {formatMonth(month.month)}, under {contractName}
        </caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Kind</th>
            <th scope="col">Term</th>
            <th scope="col" className="num">
              Amount ({cur})
            </th>
          </tr>
        </thead>
        <tbody>
          {inv.lines.map((l, i) => (
            <tr key={i} data-kind={l.kind}>
              <td>{l.label}</td>
              <td className="nowrap">{INVOICE_LINE_KIND_TEXT[l.kind]}</td>
              <td className="mono small">{l.term ?? '—'}</td>
              <td className="num nowrap">{l.memo !== null ? `(${formatMoney(l.memo, cur)} forfeited, not billed)` : formatMoney(l.amount, cur)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              Expected invoice
            </th>
            <td className="num strong" data-testid="expected-invoice-total">
              {formatMoney(inv.total, cur)}
            </td>
          </tr>
          {month.contracted !== null && formatMoney(month.contracted, cur) !== formatMoney(inv.total, cur) ? (
            <tr>
              <td colSpan={4} className="muted small" data-testid="expected-invoice-exact-note">
                {`Each line is rounded to the cent, as on the vendor's invoice. The month's row compares the bill with the exact amount before that rounding, ${cur} ${formatExactAmount(month.contracted)}, shown there as ${formatMoney(month.contracted, cur)}, so that rounding is never a finding.`}
              </td>
            </tr>
          ) : null}
        </tfoot>
      </table>
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
        <table className="table compact provisioned-vs-on-demand" data-testid="provisioned-vs-on-demand">
          <caption>Provisioned capacity against on demand</caption>
          <thead>
            <tr>
              <th scope="col">Reservation</th>
              <th scope="col" className="num">
                Fee
              </th>
              <th scope="col" className="num">
                Capacity used
              </th>
              <th scope="col" className="num">
                Tokens served
              </th>
              <th scope="col" className="num">
                Per 1M tokens
              </th>
              <th scope="col" className="num">
                Same tokens on demand
              </th>
              <th scope="col">Cheaper</th>
            </tr>
          </thead>
          <tbody>
            {inv.provisioned.map((p) => (
              <tr key={p.id} className={p.onDemandCheaper ? 'on-demand-cheaper' : undefined}>
                <th scope="row" className="mono">
                  {p.id}
                </th>
                <td className="num">{formatMoney(p.fee, cur)}</td>
                <td className="num">{p.utilisationPercent === null ? '—' : `${p.utilisationPercent}%`}</td>
                <td className="num">{formatCount(Number(p.tokens))}</td>
                <td className="num">{p.effectivePerMillion === null ? "—" : formatMoney(p.effectivePerMillion, cur)}</td>
                <td className="num">{formatMoney(p.onDemandCost, cur)}</td>
                <td>{p.onDemandCheaper ? <strong>On demand</strong> : 'The reservation'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

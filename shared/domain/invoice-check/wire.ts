import type { ExpectedInvoiceWire, InvoiceCheckResultWire } from './schema';
import { commitmentBalanceToWire, contractMonthToWire } from '../contracts/wire';
import type { ContractMonth } from '../contracts/types';
import { csvDocument } from '../csv-text';
import { nanosToDecimal, type Nanos } from '../money';
import type { PriceBook } from '../pricebook/book';
import { needsVerification } from '../pricebook/verify';
import type { InvoiceCheck } from './check';

const m = (n: Nanos): string => nanosToDecimal(n, 2);
const mn = (n: Nanos | null): string | null => (n === null ? null : m(n));

/** The price rows behind the check's lines, with their source notes (the UI flags rows marked "verify"). */
function priceRowsOf(check: InvoiceCheck, book: PriceBook | undefined): InvoiceCheckResultWire['priceRows'] {
  if (!book) return [];
  const ids = [...new Set(check.lines.map((l) => l.priceRowId).filter((id): id is string => id !== null))].sort();
  return ids.flatMap((id) => {
    const row = book.byId.get(id);
    return row ? [{ id, source: row.source, note: row.note, verify: needsVerification(row) }] : [];
  });
}

/** Money as decimal text with every digit it has, at least the cents (balances and carry-overs need not be whole cents). */
const exact = (n: Nanos): string => nanosToDecimal(n, 2);

function expectedInvoiceToWire(month: ContractMonth): ExpectedInvoiceWire {
  const wire = contractMonthToWire(month);
  const c = month.commitment;
  return {
    lines: wire.lines,
    total: wire.total,
    credits: month.credits.map((g) => ({ grantId: g.grantId, opening: exact(g.opening), applied: exact(g.applied), forfeited: exact(g.forfeited), closing: exact(g.closing) })),
    commitment: c
      ? { committed: exact(c.committed), eligible: exact(c.eligible), shortfall: exact(c.shortfall), periodEnd: c.periodEnd, carriedForward: exact(c.carriedForward), deferredShortfall: exact(c.deferredShortfall), balance: commitmentBalanceToWire(c.balance) }
      : null,
    provisioned: month.provisioned.map((p) => ({
      id: p.id,
      fee: exact(p.fee),
      tokens: p.tokens.toString(),
      utilisationPercent: p.utilisationPercent,
      onDemandCost: exact(p.onDemandCost),
      effectivePerMillion: p.effectivePerMillion === null ? null : exact(p.effectivePerMillion),
      onDemandCheaper: p.onDemandCheaper,
    })),
  };
}

/** The check as the API sends it: money as decimal strings. */
export function invoiceCheckToWire(check: InvoiceCheck, book?: PriceBook): InvoiceCheckResultWire {
  return {
    lines: check.lines.map((l) => ({ ...l, billed: m(l.billed), list: mn(l.list), contracted: mn(l.contracted), variance: mn(l.variance), discounts: l.discounts.map((d) => ({ ...d, amount: m(d.amount) })) })),
    months: check.months.map((x) => ({
      month: x.month,
      provider: x.provider,
      contractId: x.contractId,
      contractVersion: x.expected?.version ?? null,
      currency: x.currency,
      billed: m(x.billed),
      contracted: mn(x.contracted),
      variance: mn(x.variance),
      note: x.note,
      invoice: x.expected ? expectedInvoiceToWire(x.expected) : null,
    })),
    totals: check.totals.map((t) => ({ currency: t.currency, billed: m(t.billed), contracted: m(t.contracted), variance: m(t.variance), uncheckedMonths: t.uncheckedMonths, uncheckedBilled: m(t.uncheckedBilled) })),
    findings: check.findings.map((f) => ({ ...f, billed: mn(f.billed), overcharge: mn(f.overcharge) })),
    priceRows: priceRowsOf(check, book),
  };
}

const COLUMNS = ['ref', 'day', 'month', 'provider', 'model', 'usage_class', 'service_tier', 'quantity', 'currency', 'billed', 'list', 'contracted', 'variance', 'contract_id', 'price_row_id', 'findings', 'ledger_lines', 'discounts'] as const;

/** A line's discounts in the order applied, each as its term, percentage and exact amount off: "discounts[0] 15% 37.50; discounts[1] 10% 21.25". */
function discountsCell(discounts: readonly { term: string; percentOff: string; amount: Nanos | string }[]): string {
  return discounts.map((d) => `${d.term} ${d.percentOff}% ${typeof d.amount === 'string' ? d.amount : nanosToDecimal(d.amount, 2)}`).join('; ');
}

/** The line-by-line check as CSV text (exact amounts, formula-safe text). Takes the domain result or its wire form. */
export function invoiceCheckToCsv(check: InvoiceCheck | InvoiceCheckResultWire): string {
  const money = (v: Nanos | string | null): string => (v === null ? '' : typeof v === 'string' ? v : nanosToDecimal(v, 2));
  return csvDocument(
    COLUMNS,
    check.lines.map((l) => [l.ref, l.day, l.month, l.provider, l.model ?? '', l.usageClass, l.serviceTier, l.quantity ?? '', l.currency, money(l.billed), money(l.list), money(l.contracted), money(l.variance), l.contractId ?? '', l.priceRowId ?? '', l.findings.join(' '), String(l.ledgerLines), discountsCell(l.discounts)]),
  );
}

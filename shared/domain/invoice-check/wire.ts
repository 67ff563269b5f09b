import type { InvoiceCheckResultWire } from '../../api/contracts';
import { nanosToDecimal, type Nanos } from '../money';
import type { InvoiceCheck } from './check';

const m = (n: Nanos): string => nanosToDecimal(n, 2);
const mn = (n: Nanos | null): string | null => (n === null ? null : m(n));

/** The check as the API sends it: money as decimal strings. */
export function invoiceCheckToWire(check: InvoiceCheck): InvoiceCheckResultWire {
  return {
    lines: check.lines.map((l) => ({ ...l, billed: m(l.billed), list: mn(l.list), contracted: mn(l.contracted), variance: mn(l.variance) })),
    months: check.months.map((x) => ({ month: x.month, provider: x.provider, contractId: x.contractId, currency: x.currency, billed: m(x.billed), contracted: mn(x.contracted), variance: mn(x.variance) })),
    totals: check.totals.map((t) => ({ currency: t.currency, billed: m(t.billed), contracted: m(t.contracted), variance: m(t.variance) })),
    findings: check.findings.map((f) => ({ ...f, overcharge: mn(f.overcharge) })),
  };
}

const COLUMNS = ['ref', 'month', 'provider', 'model', 'usage_class', 'service_tier', 'quantity', 'billed', 'list', 'contracted', 'variance', 'contract_id', 'price_row_id', 'findings'] as const;

function cell(text: string): string {
  // Model names come from vendor files: never let a spreadsheet read them as formulas.
  const guarded = /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** The line-by-line check as CSV text (exact amounts, formula-safe text). */
export function invoiceCheckToCsv(check: InvoiceCheck): string {
  const out = [COLUMNS.join(',')];
  for (const l of check.lines) {
    out.push(
      [l.ref, l.month, l.provider, l.model ?? '', l.usageClass, l.serviceTier, l.quantity, nanosToDecimal(l.billed, 2), l.list === null ? '' : nanosToDecimal(l.list, 2), l.contracted === null ? '' : nanosToDecimal(l.contracted, 2), l.variance === null ? '' : nanosToDecimal(l.variance, 2), l.contractId ?? '', l.priceRowId ?? '', l.findings.join(' ')]
        .map(cell)
        .join(','),
    );
  }
  return `${out.join('\r\n')}\r\n`;
}

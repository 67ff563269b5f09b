import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import type { InvoiceCheckLineWire } from '../../../../shared/api/contracts';
import { checkLineDiscountWords } from '../../../../shared/domain/invoice-check/discount-words';
import { FINDING_TEXT } from '../../../../shared/domain/invoice-check/findings';
import { providerName, serviceTierLabel, usageClassLabel } from '../../format/labels';
import { formatAmount, formatExactAmount, formatQuantity } from '../../format/money';

export interface CheckGridContext {
  /** Price rows resting on secondary sources, by id, with their note. */
  verify: ReadonlyMap<string, string>;
}

const money = (p: ValueFormatterParams<InvoiceCheckLineWire, string | null>) => (p.value === null || p.value === undefined ? '—' : formatAmount(p.value));

function moneyColumn(field: 'billed' | 'list' | 'contracted' | 'variance', headerName: string): ColDef<InvoiceCheckLineWire> {
  return {
    field,
    headerName,
    type: 'rightAligned',
    width: 120,
    valueFormatter: money,
    tooltip: (p) => (p.value ? `${formatExactAmount(p.value as string)} ${p.data?.currency ?? ''}` : null),
    cellClass: 'num',
    comparator: (a: string | null, b: string | null) => (a === null ? -1 : b === null ? 1 : Number(a) - Number(b)),
  };
}

/** The invoice check's lines: what was billed, what the contract says, the difference and why. */
export function invoiceColumns(): ColDef<InvoiceCheckLineWire>[] {
  return [
    { field: 'day', headerName: 'Day', width: 108, sort: 'asc' },
    { field: 'provider', headerName: 'Provider', width: 116, valueFormatter: (p) => providerName(p.value as string) },
    { field: 'model', headerName: 'Model', width: 140 },
    { field: 'usageClass', headerName: 'Usage class', width: 196, valueFormatter: (p) => usageClassLabel(p.value as string) },
    { field: 'serviceTier', headerName: 'Tier', width: 95, valueFormatter: (p) => serviceTierLabel(p.value as string) },
    moneyColumn('billed', 'Billed'),
    moneyColumn('contracted', 'Contracted'),
    {
      ...moneyColumn('variance', 'Variance'),
      cellClassRules: { 'variance-bad': (p) => (p.data?.findings.length ?? 0) > 0 },
    },
    {
      field: 'findings',
      headerName: 'Findings',
      width: 190,
      valueFormatter: (p) => ((p.value as string[] | undefined) ?? []).map((f) => FINDING_TEXT[f as keyof typeof FINDING_TEXT] ?? f).join('; '),
      cellClassRules: { 'finding-cell': (p) => (p.data?.findings.length ?? 0) > 0 },
    },
    {
      field: 'discounts',
      headerName: 'Discounts applied',
      width: 260,
      // In the order they applied, each with what it took off: stacked discounts read term by term.
      valueFormatter: (p) => (p.data ? checkLineDiscountWords(p.data.discounts, p.data.currency) : ''),
      tooltip: (p) => (p.data && p.data.discounts.length > 0 ? checkLineDiscountWords(p.data.discounts, p.data.currency) : null),
      sortable: false,
    },
    {
      field: 'quantity',
      headerName: 'Quantity',
      type: 'rightAligned',
      width: 120,
      // Not reported is not zero: a costs export gives no quantity, and the line cannot be re-priced.
      valueFormatter: (p) => (p.value === null || p.value === undefined ? 'not reported' : formatQuantity(Number(p.value))),
      tooltip: (p) => (p.data?.pairedWithUsage ? 'From the vendor’s usage report of the same day, paired with this costed line' : p.value === null ? 'The statement gives a cost but no quantity' : null),
      cellClass: (p) => (p.value === null ? 'num muted' : 'num'),
    },
    moneyColumn('list', 'List'),
    { field: 'currency', headerName: 'Cur.', width: 70 },
    { field: 'ledgerLines', headerName: 'Ledger lines', type: 'rightAligned', width: 110, cellClass: 'num' },
    {
      field: 'priceRowId',
      headerName: 'Priced by',
      width: 280,
      valueFormatter: (p) => {
        const ctx = p.context as CheckGridContext;
        const id = p.value as string | null;
        if (!id) return '';
        return ctx.verify.has(id) ? `⚠ ${id}` : id;
      },
      tooltip: (p) => {
        const ctx = p.context as CheckGridContext;
        const id = p.value as string | null;
        return id && ctx.verify.has(id) ? `Secondary source — verify before relying on it: ${ctx.verify.get(id)}` : id;
      },
    },
  ];
}

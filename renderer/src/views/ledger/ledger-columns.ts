import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import type { LedgerDimension, LedgerRow, LedgerSummary } from '../../../../shared/api/ledger';
import { formatDay, formatMonth } from '../../format/dates';
import { DIMENSION_LABELS, providerName, usageClassLabel } from '../../format/labels';
import { alignDecimals, formatAmount, formatCount, formatExactAmount, formatQuantity, withMissing } from '../../format/money';
import { withCurrencyCode } from '../../format/locale';
import { FILTER_OPTIONS, type FilterKind } from './filter-model';
import type { GroupRow } from './ledger-datasource';

/** What every cell formatter may read: chosen in the toolbar, changed without rebuilding the grid. */
export interface LedgerGridContext {
  exactDecimals: boolean;
  importNames: ReadonlyMap<number, string>;
}

/** Widest fraction the ledger stores (nano-units): exact amounts are padded to it so decimal points line up. */
const EXACT_WIDTH = 9;

/** Room for "USD 1,234,567.123456789": a money cell must never clip the digits that align it. */
const MONEY_WIDTH = 180;

/** A quantity the statement did not report. */
const NOT_REPORTED = 'not reported';
/** A list cost nothing could give (no quantity, or a model the price book does not price). */
const NOT_KNOWN = 'not known';

export function moneyText(amount: string | null | undefined, currency: string | undefined, context: LedgerGridContext): string {
  if (amount === null || amount === undefined) return '';
  const number = context.exactDecimals ? alignDecimals(formatExactAmount(amount), EXACT_WIDTH) : formatAmount(amount);
  return currency ? withCurrencyCode(number, currency) : number;
}

function filterFor(kind: FilterKind): Pick<ColDef, 'filter' | 'filterParams'> {
  const filter = kind === 'text' ? 'agTextColumnFilter' : kind === 'date' ? 'agDateColumnFilter' : 'agNumberColumnFilter';
  return {
    filter,
    filterParams: {
      filterOptions: FILTER_OPTIONS[kind],
      maxNumConditions: 1,
      buttons: ['reset', 'apply'],
      closeOnApply: true,
      inRangeInclusive: true,
    },
  };
}

function moneyColumn<T extends { currency: string }>(field: string, headerName: string, width = MONEY_WIDTH): ColDef<T> {
  return {
    colId: field,
    field: field as ColDef<T>['field'],
    headerName,
    width,
    type: 'rightAligned',
    // Keep the right-aligned type's own class: a column's cellClass replaces the type's.
    cellClass: ['ag-right-aligned-cell', 'cell-money'],
    cellDataType: false,
    ...filterFor('money'),
    valueFormatter: (p: ValueFormatterParams<T>) => moneyText(p.value as string | null, p.data?.currency, p.context as LedgerGridContext),
  };
}

function textColumn<T>(field: string, headerName: string, width: number, format?: (value: string | null) => string): ColDef<T> {
  return {
    colId: field,
    field: field as ColDef<T>['field'],
    headerName,
    width,
    cellDataType: false,
    ...filterFor('text'),
    valueFormatter: format ? (p: ValueFormatterParams<T>) => format(p.value as string | null) : undefined,
  };
}

function numberColumn<T>(field: string, headerName: string, width: number, format: (value: number) => string = formatQuantity): ColDef<T> {
  return {
    colId: field,
    field: field as ColDef<T>['field'],
    headerName,
    width,
    type: 'rightAligned',
    cellClass: ['ag-right-aligned-cell', 'cell-number'],
    cellDataType: false,
    ...filterFor('number'),
    valueFormatter: (p: ValueFormatterParams<T>) => (typeof p.value === 'number' ? format(p.value) : ''),
  };
}

/** How each column filters, for mapping the grid's filter model to the API. */
export const LINE_FILTER_KINDS: Partial<Record<string, FilterKind>> = {
  chargePeriodStart: 'date',
  month: 'text',
  provider: 'text',
  model: 'text',
  modelRaw: 'text',
  usageClass: 'text',
  serviceTier: 'text',
  unit: 'text',
  currency: 'text',
  subAccount: 'text',
  credential: 'text',
  billingAccount: 'text',
  region: 'text',
  chargeCategory: 'text',
  quantity: 'number',
  billedCost: 'money',
  effectiveCost: 'money',
  listCost: 'money',
  contractedCost: 'money',
  importId: 'number',
  sourceRow: 'number',
};

/** The ledger lines: what was billed first, then where it came from (provenance last). */
export function lineColumns(): ColDef<LedgerRow>[] {
  return [
    {
      colId: 'chargePeriodStart',
      field: 'chargePeriodStart',
      headerName: 'Date',
      width: 118,
      pinned: 'left',
      cellClass: 'cell-number',
      cellDataType: false,
      ...filterFor('date'),
      valueFormatter: (p) => formatDay(p.value),
    },
    textColumn('provider', 'Provider', 112, providerName),
    textColumn('model', 'Model', 170),
    textColumn('usageClass', 'Usage class', 170, usageClassLabel),
    textColumn('serviceTier', 'Tier', 96),
    {
      ...numberColumn<LedgerRow>('quantity', 'Quantity', 120),
      // Not reported by the statement (a costs export): unknown, never shown as zero.
      valueFormatter: (p: ValueFormatterParams<LedgerRow>) => (typeof p.value === 'number' ? formatQuantity(p.value) : p.data ? NOT_REPORTED : ''),
    },
    textColumn('unit', 'Unit', 84),
    {
      ...moneyColumn<LedgerRow>('billedCost', 'Billed cost'),
      // A usage-only statement billed nothing: its lines are priced at list, never shown as a bill of zero.
      valueFormatter: (p: ValueFormatterParams<LedgerRow>) =>
        p.data?.costBasis === 'list' ? 'usage only' : moneyText(p.value as string | null, p.data?.currency, p.context as LedgerGridContext),
    },
    moneyColumn('effectiveCost', 'Effective cost'),
    {
      ...moneyColumn<LedgerRow>('listCost', 'List cost'),
      valueFormatter: (p: ValueFormatterParams<LedgerRow>) =>
        p.value === null && p.data?.chargeCategory === 'usage' ? NOT_KNOWN : moneyText(p.value as string | null, p.data?.currency, p.context as LedgerGridContext),
    },
    moneyColumn('contractedCost', 'Contracted cost'),
    textColumn('subAccount', 'Project', 170),
    textColumn('credential', 'API key', 170),
    textColumn('billingAccount', 'Billing account', 150),
    textColumn('region', 'Region', 90),
    textColumn('month', 'Month', 100),
    textColumn('chargeCategory', 'Category', 100),
    textColumn('modelRaw', 'Vendor model id', 200),
    {
      ...numberColumn<LedgerRow>('importId', 'Import', 230, formatCount),
      type: undefined,
      cellClass: undefined,
      headerTooltip: 'The import this line came from (provenance)',
      valueFormatter: (p) => {
        if (typeof p.value !== 'number') return '';
        const name = (p.context as LedgerGridContext).importNames.get(p.value);
        return name ? `#${p.value} ${name}` : `#${p.value}`;
      },
    },
    { ...numberColumn<LedgerRow>('sourceRow', 'Source row', 110, formatCount), headerTooltip: 'Row number in the imported file (provenance)' },
  ];
}

function dimensionFormatter(dimension: LedgerDimension): ((value: string | null) => string) | undefined {
  if (dimension === 'provider') return providerName;
  if (dimension === 'usageClass') return usageClassLabel;
  if (dimension === 'month') return (v) => (v ? formatMonth(v) : '');
  return undefined;
}

export function groupFilterKinds(by: readonly LedgerDimension[]): Partial<Record<string, FilterKind>> {
  return Object.fromEntries(by.map((d) => [d, d === 'importId' ? 'number' : 'text']));
}

/**
 * A group's amount as shown: footed so the groups of a currency add up, as
 * shown, to the total row (largest remainder); every digit under "All decimals".
 */
function groupMoneyColumn(field: 'billedCost' | 'effectiveCost' | 'listCost', headerName: string, width: number): ColDef<GroupRow> {
  return {
    ...moneyColumn<GroupRow>(field, headerName, width),
    filter: false,
    headerTooltip: `${headerName} of each group, rounded so the groups add up to the total row as shown (a group may show a cent more or less than its own rounding); "All decimals" shows every digit`,
    valueFormatter: (p: ValueFormatterParams<GroupRow>) => {
      const context = p.context as LedgerGridContext;
      const shown = p.data?.shown?.[field];
      const text = moneyText(context.exactDecimals || shown === undefined ? (p.value as string | null) : shown, p.data?.currency, context);
      // A list cost nothing could give stays unknown: the group says how many of its usage lines lack one.
      if (field !== 'listCost' || !p.data) return text;
      return withMissing(p.value === null ? null : text, p.data.listCostMissing, NOT_KNOWN);
    },
  };
}

/** Grouped totals: the chosen dimensions, then currency and the sums (sortable; only dimensions filter). */
export function groupColumns(by: readonly LedgerDimension[]): ColDef<GroupRow>[] {
  const dims: ColDef<GroupRow>[] = by.map((d, i) => {
    const column = d === 'importId' ? numberColumn<GroupRow>(d, DIMENSION_LABELS[d], 100, formatCount) : textColumn<GroupRow>(d, DIMENSION_LABELS[d], 180, dimensionFormatter(d));
    const format = column.valueFormatter as ((p: ValueFormatterParams<GroupRow>) => string) | undefined;
    return {
      ...column,
      pinned: i === 0 ? 'left' : undefined,
      // The pinned total row names itself in the first column and leaves the other dimensions empty.
      valueFormatter: (p: ValueFormatterParams<GroupRow>) => (p.node?.rowPinned ? (i === 0 ? 'Total' : '') : format ? format(p) : String(p.value ?? '')),
    };
  });
  return [
    ...dims,
    { colId: 'currency', field: 'currency', headerName: 'Currency', width: 100, filter: false, cellDataType: false },
    { ...numberColumn<GroupRow>('lines', 'Lines', 100, formatCount), filter: false },
    {
      ...numberColumn<GroupRow>('quantity', 'Quantity', 190),
      filter: false,
      valueFormatter: (p: ValueFormatterParams<GroupRow>) => (p.data ? withMissing(p.value === null ? null : formatQuantity(p.value as number), p.data.quantityMissing, NOT_REPORTED) : ''),
    },
    groupMoneyColumn('billedCost', 'Billed cost', 200),
    groupMoneyColumn('effectiveCost', 'Effective cost', 200),
    groupMoneyColumn('listCost', 'List cost', 200),
  ];
}

/** The total rows pinned under the groups, one per currency: what the groups add up to. */
export function totalRows(by: readonly LedgerDimension[], totals: readonly LedgerSummary['totals'][number][]): GroupRow[] {
  return totals.map((t) => ({
    key: {},
    ...Object.fromEntries(by.map((d) => [d, null])),
    currency: t.currency,
    lines: t.lines,
    quantity: t.quantity,
    // The total row names no missing quantities: each group's row says how many of its lines reported none.
    quantityMissing: 0,
    billedCost: t.billedCost,
    effectiveCost: t.effectiveCost,
    listCost: t.listCost,
    shown: t.shown,
    listCostMissing: t.linesWithoutListCost,
    rowKey: `total:${t.currency}`,
  }));
}

/** Presets for the Group by control: the questions analysts ask most. */
export const GROUPINGS: { id: string; label: string; by: LedgerDimension[] }[] = [
  { id: 'month', label: 'Month', by: ['month'] },
  { id: 'provider', label: 'Provider', by: ['provider'] },
  { id: 'model', label: 'Model', by: ['model'] },
  { id: 'usageClass', label: 'Usage class', by: ['usageClass'] },
  { id: 'serviceTier', label: 'Service tier', by: ['serviceTier'] },
  { id: 'subAccount', label: 'Project', by: ['subAccount'] },
  { id: 'month-provider', label: 'Month › Provider', by: ['month', 'provider'] },
  { id: 'month-model', label: 'Month › Model', by: ['month', 'model'] },
  { id: 'provider-model', label: 'Provider › Model', by: ['provider', 'model'] },
  { id: 'model-usageClass', label: 'Model › Usage class', by: ['model', 'usageClass'] },
  { id: 'importId', label: 'Import', by: ['importId'] },
];

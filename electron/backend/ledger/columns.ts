import type { LedgerDimension, LedgerField } from '../../../shared/api/ledger';

/** 'instant': the charge period, epoch seconds on ledger_rows and its text on the ledger_lines view (migration 014). */
export type ColumnKind = 'text' | 'integer' | 'real' | 'money' | 'instant';

/**
 * The whitelist from API field names to SQL columns. Only names in this table
 * ever reach SQL text; values always go through bound parameters.
 */
export const LEDGER_COLUMNS: Record<LedgerField, { sql: string; kind: ColumnKind }> = {
  id: { sql: 'id', kind: 'integer' },
  importId: { sql: 'import_id', kind: 'integer' },
  sourceRow: { sql: 'source_row', kind: 'integer' },
  month: { sql: 'month', kind: 'text' },
  chargePeriodStart: { sql: 'charge_period_start', kind: 'instant' },
  chargePeriodEnd: { sql: 'charge_period_end', kind: 'instant' },
  billingPeriod: { sql: 'billing_period', kind: 'text' },
  chargeCategory: { sql: 'charge_category', kind: 'text' },
  provider: { sql: 'provider', kind: 'text' },
  publisher: { sql: 'publisher', kind: 'text' },
  billingAccount: { sql: 'billing_account', kind: 'text' },
  subAccount: { sql: 'sub_account', kind: 'text' },
  credential: { sql: 'credential', kind: 'text' },
  model: { sql: 'model', kind: 'text' },
  modelRaw: { sql: 'model_raw', kind: 'text' },
  usageClass: { sql: 'usage_class', kind: 'text' },
  serviceTier: { sql: 'service_tier', kind: 'text' },
  contextBand: { sql: 'context_band', kind: 'text' },
  region: { sql: 'region', kind: 'text' },
  resourceId: { sql: 'resource_id', kind: 'text' },
  sku: { sql: 'sku', kind: 'text' },
  description: { sql: 'description', kind: 'text' },
  quantity: { sql: 'quantity', kind: 'real' },
  unit: { sql: 'unit', kind: 'text' },
  billedCost: { sql: 'billed_cost', kind: 'money' },
  effectiveCost: { sql: 'effective_cost', kind: 'money' },
  listCost: { sql: 'list_cost', kind: 'money' },
  contractedCost: { sql: 'contracted_cost', kind: 'money' },
  currency: { sql: 'currency', kind: 'text' },
};

export function dimensionColumn(dimension: LedgerDimension): string {
  return LEDGER_COLUMNS[dimension].sql;
}

/**
 * The ORDER BY of a list of lines: the asked sort, then the line id so that
 * pages never overlap or skip lines when many share a sort value. The id runs
 * in the direction of the last sort key ("highest cost first" lists equal
 * costs newest line first): that is the order an index on the sort column
 * stores (it ends with the id), so a deep page is a walk along the index
 * rather than a sort of the million lines. The grid and its export share it.
 */
export function lineOrderSql(sort: readonly { field: LedgerField; dir: 'asc' | 'desc' }[], alias = '', periodAsText = false): string {
  const dir = (d: 'asc' | 'desc') => (d === 'desc' ? 'DESC' : 'ASC');
  // Over the ledger_lines view (periodAsText) the period is its text: ordered as its epoch again, as the ids were found.
  const key = (field: LedgerField) => {
    const column = LEDGER_COLUMNS[field];
    return periodAsText && column.kind === 'instant' ? `unixepoch(${alias}${column.sql}, 'subsec')` : `${alias}${column.sql}`;
  };
  const order = sort.map((s) => `${key(s.field)} ${dir(s.dir)}`);
  if (!sort.some((s) => s.field === 'id')) order.push(`${alias}id ${dir(sort.at(-1)?.dir ?? 'asc')}`);
  return order.join(', ');
}

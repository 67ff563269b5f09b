/**
 * The push-down query's result, shared by the SQL compiler (query.ts) and the
 * importer of that result (../ledger-aggregate.ts): its columns, and what a
 * source (a vendor export sitting in a warehouse) declares so that both can
 * be written from one description.
 */
import type { FormatId } from '../types';
import type { Dialect, DialectId } from './dialects';

export const PUSHDOWN_SOURCES = ['focus', 'aws-cur', 'gcp-billing', 'azure-cost'] as const;
export type PushdownSource = (typeof PUSHDOWN_SOURCES)[number];

export function isPushdownSource(value: string): value is PushdownSource {
  return (PUSHDOWN_SOURCES as readonly string[]).includes(value);
}

/** Result columns every source has, in this order; then src_* (raw keys and extra sums) and tag_*. */
export const RESULT = {
  /** 'group' (one per ledger grain) or 'control' (one per currency: what the query read). */
  row: 'aispend_row',
  source: 'aispend_source',
  version: 'aispend_source_version',
  /** Source rows in the group (control: every row read in that currency). */
  rows: 'aispend_source_rows',
  day: 'charge_day',
  start: 'period_start',
  end: 'period_end',
  currency: 'currency',
  billed: 'billed_cost',
  chargeCategory: 'charge_category',
  usageClass: 'usage_class',
  serviceTier: 'service_tier',
  contextBand: 'context_band',
} as const;

export const RESULT_COLUMNS: readonly string[] = Object.values(RESULT);
export const SOURCE_COLUMN_PREFIX = 'src_';
export const TAG_COLUMN_PREFIX = 'tag_';

/** A tag name as a result column: tag_ and the name with anything but letters, digits and _ as _. */
export function tagColumn(name: string): string {
  return `${TAG_COLUMN_PREFIX}${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/** A source column as a result column: src_ and its name with dots as _. */
export function sourceColumn(name: string): string {
  return `${SOURCE_COLUMN_PREFIX}${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/** What a source's per-row SQL is written from: the dialect, the table's columns and the chosen tags. */
export interface SourceContext {
  d: Dialect;
  /** True when the table has the column (exact name, or the same name in another case). */
  has(name: string): boolean;
  /** The column as an identifier, or a text NULL when the table lacks it. */
  col(name: string): string;
  /** The column's value as text, '' when null or absent. */
  textOrBlank(name: string): string;
  /** The column as trimmed text, NULL when null, absent, blank or spelled null/NULL/None (the importer's blankToNull). */
  blankToNull(name: string): string;
  /** An exact decimal of the column (NULL when absent). */
  decimal(name: string): string;
}

/** What the helpers and the compiled classification are written from: the dialect and a group's values by name. */
export interface RowContext {
  d: Dialect;
  /** A group's value (src_… key, g_… group-only value, h_… helper), by its name. */
  ref(name: string): string;
  /** Trimmed text, NULL when blank or spelled null/NULL/None (the importer's blankToNull). */
  blankToNull(expr: string): string;
}

/** A per-row value of the first stage: its result name and its SQL. */
export interface RowValue {
  name: string;
  expr: string;
}

/** The compiled rules: per-row SQL for what the importer derives, checked against it on import. */
export interface CompiledClassification {
  chargeCategory: string;
  usageClass: string;
  serviceTier: string;
  contextBand: string;
}

/** One group of the result as text cells, read by a source to rebuild the row its importer maps. */
export interface GroupCells {
  get(column: string): string;
  /** The chosen tags that have a value, in the order chosen. */
  tags: readonly (readonly [string, string])[];
}

/**
 * A vendor export in a warehouse, described once for the SQL compiler and
 * the importer of the query's result. The query runs in three stages: per-row
 * values from the table (keys, sums, group-only values, tags); one group per
 * distinct day, currency, key, group-only value and tag; then, once per
 * group, the helpers and the classification compiled from the importers'
 * rules over the group's keys (the rules read nothing else, so classifying a
 * group is classifying each of its rows, at a fraction of the cost).
 */
export interface SourceSpec {
  id: PushdownSource;
  /** The format whose importer maps a group (the same code as for the raw file). */
  formatId: FormatId;
  label: string;
  /** The table name written when none is given. */
  defaultTable: string;
  defaultVersion: string;
  /** The columns of the vendor's standard export, assumed when the table's own are not given. */
  standardColumns: readonly string[];
  /** Dialects this source cannot be written for, with the reason. */
  unsupported?: Partial<Record<DialectId, string>>;
  /** The charge period's start and end (timestamps, for the day, MIN and MAX and the period filter). */
  start(c: SourceContext): string;
  end(c: SourceContext): string;
  /** The day as 'YYYY-MM-DD' text when it is not the start's calendar day (Azure's Date is a day already). */
  day?(c: SourceContext): string;
  /** The currency as the importer reads it (trimmed, upper case) and the billed cost (exact decimal). */
  currency(c: SourceContext): string;
  billed(c: SourceContext): string;
  /** Raw values the importer maps, grouped on and returned as src_<name>. */
  keys(c: SourceContext): RowValue[];
  /** Exact decimals summed per group and returned as text, as src_<name>. */
  sums(c: SourceContext): RowValue[];
  /** Values grouped on but not returned (whether an optional cost is null, which quantity counts), as g_<name>. */
  groupOnly(c: SourceContext): RowValue[];
  /** Helper values the classification reads, from the group's keys (src_…) and group-only values (g_…), as h_<name>. */
  helpers(r: RowContext): RowValue[];
  classify(r: RowContext): CompiledClassification;
  /** A chosen tag's value. */
  tag(c: SourceContext, name: string): string;
  /** The header of the row the importer maps, and that row for one group. */
  sourceHeader: readonly string[];
  sourceRow(g: GroupCells): string[];
}

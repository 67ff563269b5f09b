/**
 * Writes the push-down query: the SQL that aggregates a vendor export in a
 * warehouse to the ledger's grain (day × charge category × usage class ×
 * tier × band × the raw values the importer names models and accounts from
 * × chosen tags × currency), with one control row per currency that counts
 * the source rows read and sums their billed cost, so the imported result can
 * be reconciled to what the warehouse read.
 *
 *   SELECT * FROM (
 *     SELECT 'group' …, <classification compiled from the importers' rules> … FROM (
 *       SELECT *, <helpers over the group's keys> FROM (
 *         SELECT COUNT(*), MIN(start), MAX(end), SUM(billed) …, <keys> FROM (
 *           SELECT <per-row values> FROM <table> WHERE <period>) AS aispend_rows
 *         GROUP BY <day, currency, keys, tags>) AS aispend_groups) AS aispend_keys
 *     UNION ALL
 *     SELECT 'control' …, COUNT(*), SUM(billed) … FROM <table> WHERE <period> GROUP BY currency
 *   ) AS aispend_result ORDER BY …
 *
 * Nested subqueries rather than WITH, GROUPING SETS or positional GROUP BY:
 * that is what every dialect here, ClickHouse 18.16 included, reads alike.
 */
import { WorkbenchError } from '../../domain/errors';
import { DIALECTS, type Dialect, type DialectId } from './dialects';
import { awsCurSource } from './sources/aws-cur';
import { azureCostSource } from './sources/azure-cost';
import { focusSource } from './sources/focus';
import { gcpBillingSource } from './sources/gcp-billing';
import { RESULT, sourceColumn, tagColumn, type PushdownSource, type RowValue, type SourceContext, type SourceSpec } from './types';

export const SOURCES: Record<PushdownSource, SourceSpec> = {
  focus: focusSource,
  'aws-cur': awsCurSource,
  'gcp-billing': gcpBillingSource,
  'azure-cost': azureCostSource,
};

export interface PushdownOptions {
  source: PushdownSource;
  dialect: DialectId;
  /** The table (or view, or table function such as read_parquet('…')) as the engine names it. */
  table?: string;
  /** Tag keys to keep as dimensions (FOCUS Tags, CUR resource tags, Azure Tags, Google labels). */
  tags?: readonly string[];
  /** First day included (YYYY-MM-DD or YYYY-MM). */
  from?: string;
  /** Last day included (YYYY-MM-DD, or YYYY-MM for the whole month). */
  to?: string;
  /** The table's column names; the vendor's standard export when absent. */
  columns?: readonly string[];
  /** The source's version (FOCUS 1.2, Azure amortized …), carried to the importer. */
  sourceVersion?: string;
}

export interface PushdownQuery {
  sql: string;
  /** The result's columns, in order. */
  columns: string[];
  /** Columns of the source the query reads (those the table lacks are read as NULL). */
  reads: string[];
  missing: string[];
}

const DAY = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;

function dayBound(text: string, field: 'from' | 'to'): string {
  const m = DAY.exec(text.trim());
  const bad = (): never => {
    throw new WorkbenchError('bad_input', `--${field} must be a day (2026-03-01) or a month (2026-03), not "${text}"`, { field });
  };
  if (!m) return bad();
  const [y, mo, d] = [Number(m[1]), Number(m[2]), m[3] === undefined ? null : Number(m[3])];
  if (mo < 1 || mo > 12) return bad();
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d !== null && (d < 1 || d > last)) return bad();
  // The filter is start >= from and start < the day after to.
  if (field === 'from') return `${m[1]}-${m[2]}-${String(d ?? 1).padStart(2, '0')}`;
  const next = new Date(Date.UTC(y, mo - 1, (d ?? last) + 1));
  return next.toISOString().slice(0, 10);
}

function context(d: Dialect, columns: readonly string[], reads: Set<string>): SourceContext {
  const exact = new Set(columns);
  const folded = new Map(columns.map((c) => [c.toLowerCase(), c] as const));
  const actual = (name: string): string | null => (exact.has(name) ? name : (folded.get(name.toLowerCase()) ?? null));
  const ctx: SourceContext = {
    d,
    has: (name) => actual(name) !== null,
    col: (name) => {
      const a = actual(name);
      if (a === null) return d.nullText;
      reads.add(a);
      return d.ident(a);
    },
    textOrBlank: (name) => `coalesce(${d.text(ctx.col(name))}, '')`,
    blankToNull: (name) => {
      const t = d.trim(ctx.textOrBlank(name));
      return `CASE WHEN ${t} IN ('', 'null', 'NULL', 'None') THEN ${d.nullText} ELSE ${t} END`;
    },
    decimal: (name) => (actual(name) === null ? d.nullDecimal : d.decimal(ctx.col(name))),
  };
  return ctx;
}

/** The SQL that aggregates one vendor export to the ledger's grain in one dialect. */
export function pushdownQuery(options: PushdownOptions): PushdownQuery {
  const spec = SOURCES[options.source];
  if (!spec) throw new WorkbenchError('bad_input', `unknown source "${options.source}"; choose focus, aws-cur, gcp-billing or azure-cost`, { field: 'source' });
  const d = DIALECTS[options.dialect];
  if (!d) throw new WorkbenchError('bad_input', `unknown dialect "${options.dialect}"; choose ${Object.keys(DIALECTS).join(', ')}`, { field: 'dialect' });
  const refusal = spec.unsupported?.[options.dialect];
  if (refusal) throw new WorkbenchError('bad_input', `${spec.label} cannot be aggregated in ${d.label}: ${refusal}`, { field: 'dialect' });
  const tags = [...new Set((options.tags ?? []).map((t) => t.trim()).filter((t) => t !== ''))];
  const tagColumns = tags.map(tagColumn);
  if (new Set(tagColumns).size !== tagColumns.length) throw new WorkbenchError('bad_input', `tags ${tags.join(', ')} give the same column name twice`, { field: 'tags' });
  const table = options.table?.trim() || d.ident(spec.defaultTable);
  const version = options.sourceVersion?.trim() || spec.defaultVersion;
  const columns = options.columns && options.columns.length > 0 ? options.columns : spec.standardColumns;
  const reads = new Set<string>();
  const c = context(d, columns, reads);
  const q = (name: string): string => d.ident(name);

  const start = spec.start(c);
  const filters: string[] = [];
  if (options.from) filters.push(`${start} >= ${d.dayStart(dayBound(options.from, 'from'))}`);
  if (options.to) filters.push(`${start} < ${d.dayStart(dayBound(options.to, 'to'))}`);
  const where = filters.length > 0 ? `\n    WHERE ${filters.join(' AND ')}` : '';

  const keys = spec.keys(c).map((k): RowValue => ({ name: sourceColumn(k.name), expr: k.expr }));
  const sums = spec.sums(c).map((k): RowValue => ({ name: sourceColumn(k.name), expr: k.expr }));
  const groupOnly = spec.groupOnly(c).map((k): RowValue => ({ name: `g_${k.name}`, expr: k.expr }));
  const tagValues = tags.map((t, i): RowValue => ({ name: tagColumns[i] as string, expr: spec.tag(c, t) }));
  const perRow: RowValue[] = [
    { name: RESULT.day, expr: spec.day ? spec.day(c) : d.day(start) },
    { name: RESULT.start, expr: start },
    { name: RESULT.end, expr: spec.end(c) },
    { name: RESULT.currency, expr: spec.currency(c) },
    { name: RESULT.billed, expr: spec.billed(c) },
    ...keys,
    ...sums,
    ...groupOnly,
    ...tagValues,
  ];
  const groupContext = {
    d,
    ref: q,
    blankToNull: (expr: string) => {
      const t = d.trim(`coalesce(${expr}, '')`);
      return `CASE WHEN ${t} IN ('', 'null', 'NULL', 'None') THEN ${d.nullText} ELSE ${t} END`;
    },
  };
  const helpers = spec.helpers(groupContext).map((k): RowValue => ({ name: `h_${k.name}`, expr: k.expr }));
  const classification = spec.classify(groupContext);
  const classified: RowValue[] = [
    { name: RESULT.chargeCategory, expr: classification.chargeCategory },
    { name: RESULT.usageClass, expr: classification.usageClass },
    { name: RESULT.serviceTier, expr: classification.serviceTier },
    { name: RESULT.contextBand, expr: classification.contextBand },
  ];

  const lit = (text: string): string => d.string(text);
  const grouped = [RESULT.day, RESULT.currency, ...keys.map((k) => k.name), ...groupOnly.map((g) => g.name), ...tagColumns];
  const aggregated: [string, string][] = [
    [RESULT.rows, 'COUNT(*)'],
    [RESULT.start, `MIN(${q(RESULT.start)})`],
    [RESULT.end, `MAX(${q(RESULT.end)})`],
    [RESULT.billed, `SUM(${q(RESULT.billed)})`],
    ...sums.map((k): [string, string] => [k.name, `SUM(${q(k.name)})`]),
    ...grouped.map((name): [string, string] => [name, q(name)]),
  ];
  const outputs: [string, string][] = [
    [RESULT.row, lit('group')],
    [RESULT.source, lit(spec.id)],
    [RESULT.version, lit(version)],
    [RESULT.rows, q(RESULT.rows)],
    [RESULT.day, q(RESULT.day)],
    [RESULT.start, q(RESULT.start)],
    [RESULT.end, q(RESULT.end)],
    [RESULT.currency, q(RESULT.currency)],
    [RESULT.billed, d.text(q(RESULT.billed))],
    ...classified.map((v): [string, string] => [v.name, v.expr]),
    ...keys.map((k): [string, string] => [k.name, q(k.name)]),
    ...sums.map((k): [string, string] => [k.name, d.text(q(k.name))]),
    ...tagColumns.map((t): [string, string] => [t, q(t)]),
  ];
  const control: Record<string, string> = {
    [RESULT.row]: lit('control'),
    [RESULT.source]: lit(spec.id),
    [RESULT.version]: lit(version),
    [RESULT.rows]: 'COUNT(*)',
    [RESULT.currency]: q(RESULT.currency),
    [RESULT.billed]: d.text(`SUM(${q(RESULT.billed)})`),
  };
  const indent = (values: string[], pad: string): string => values.join(`,\n${pad}`);
  const as = (expr: string, name: string): string => `${expr} AS ${q(name)}`;

  const sql = [
    `-- AI Spend Workbench push-down query (${d.label}): ${spec.label} aggregated to the ledger's grain.`,
    '-- One group row per day, currency, the raw values the workbench names models, accounts and classes',
    '-- from, and chosen tags (classified once per group by the importers\' own rules, compiled: charge',
    '-- category, usage class, tier, band); one control row per currency with the source rows read and',
    '-- their billed cost. Import the whole result as it is (CSV, Parquet or JSON Lines).',
    ...d.preamble,
    'SELECT * FROM (',
    `  SELECT ${indent(
      outputs.map(([name, expr]) => as(expr, name)),
      '    ',
    )}`,
    '  FROM (',
    helpers.length > 0 ? `    SELECT *, ${indent(helpers.map((v) => as(v.expr, v.name)), '      ')}` : '    SELECT *',
    '    FROM (',
    `      SELECT ${indent(
      aggregated.map(([name, expr]) => as(expr, name)),
      '        ',
    )}`,
    '      FROM (',
    `        SELECT ${indent(
      perRow.map((v) => as(v.expr, v.name)),
      '          ',
    )}`,
    `        FROM ${table}${where.replace('\n    ', '\n        ')}`,
    '      ) AS aispend_rows',
    `      GROUP BY ${grouped.map(q).join(', ')}`,
    '    ) AS aispend_groups',
    '  ) AS aispend_keys',
    '  UNION ALL',
    `  SELECT ${indent(
      outputs.map(([name]) => as(control[name] ?? (name === RESULT.start || name === RESULT.end ? 'NULL' : d.nullText), name)),
      '    ',
    )}`,
    '  FROM (',
    `    SELECT ${as(spec.currency(c), RESULT.currency)}, ${as(spec.billed(c), RESULT.billed)}`,
    `    FROM ${table}${where}`,
    '  ) AS aispend_control',
    `  GROUP BY ${q(RESULT.currency)}`,
    ') AS aispend_result',
    `ORDER BY ${[RESULT.row, RESULT.currency, RESULT.day, RESULT.chargeCategory, RESULT.usageClass, RESULT.serviceTier].map(q).join(', ')}`,
    '',
  ].join('\n');
  const missing = [...new Set([...spec.standardColumns].filter((name) => !c.has(name)))];
  return { sql, columns: outputs.map(([name]) => name), reads: [...reads], missing };
}

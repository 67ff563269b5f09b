/**
 * What differs between the SQL engines the push-down queries run on: how an
 * identifier and a string are quoted, how a regular expression is tested,
 * how a value becomes text, an exact decimal or a day, and how a key is read
 * from JSON text or a nested billing-export field. Everything else in the
 * generated SQL is the common core of these dialects (SELECT, CASE, COALESCE,
 * NULLIF, LOWER, UPPER, SUM, COUNT, MIN, MAX, GROUP BY, UNION ALL).
 *
 * Money and quantities are summed as exact decimals with 12 decimal places
 * and 38 digits in all (BigQuery: BIGNUMERIC) and handed back as text, so no
 * export format can turn them into binary floating point. Each value is read
 * through its text: a DOUBLE cost column becomes the decimal it prints as
 * (the digits the vendor wrote), not its binary value rounded; blank text is
 * null, as the importers read it.
 */

export const DIALECT_IDS = ['duckdb', 'trino', 'bigquery', 'spark', 'snowflake', 'clickhouse'] as const;
export type DialectId = (typeof DIALECT_IDS)[number];

export interface Dialect {
  id: DialectId;
  label: string;
  /** Engines this dialect is for, for the README and the app. */
  engines: string;
  ident(name: string): string;
  string(text: string): string;
  /** The expression's value as text. */
  text(expr: string): string;
  /** Unicode lower case. */
  lower(expr: string): string;
  /** Unicode upper case. */
  upper(expr: string): string;
  /** Leading and trailing spaces removed. */
  trim(expr: string): string;
  /** True when the regular expression (already in this engine's flavour) matches anywhere in the text. */
  matches(expr: string, pattern: string): string;
  /** Every match of the pattern replaced. */
  replaceAll(expr: string, pattern: string, replacement: string): string;
  /** Concatenation of text expressions (none of them null). */
  concat(parts: string[]): string;
  /** An exact decimal (38 digits, 12 after the point). */
  decimal(expr: string): string;
  /** The UTC calendar day of a timestamp, as 'YYYY-MM-DD' text. */
  day(expr: string): string;
  /** A timestamp literal for a day ('2026-03-01'), for the period filter. */
  dayStart(isoDay: string): string;
  /** A key's value from a JSON object held as text, as text (null when absent or not JSON). */
  jsonText(expr: string, key: string): string;
  /** A text null typed to sit in a UNION ALL. */
  nullText: string;
  /** A decimal null (a column the table lacks). */
  nullDecimal: string;
  /** Whether nested billing-export fields (GCP's structs and arrays) can be read. */
  nested?: {
    field(expr: string, field: string): string;
    /** Sum of an array of structs' decimal field (0 when empty). */
    sumOf(expr: string, field: string): string;
    /** Number of elements in an array (0 when null). */
    count(expr: string): string;
    /** The value of the last {key, value} element whose key is `key`. */
    keyValue(expr: string, key: string): string;
  };
  /** Statements to run before the query (session settings), written at the top of the file. */
  preamble: string[];
}

const double = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const backtick = (name: string): string => `\`${name.replace(/`/g, '``')}\``;
/** A string literal where backslash is an ordinary character (standard SQL). */
const standardString = (text: string): string => `'${text.replace(/'/g, "''")}'`;
/** A string literal where backslash escapes (BigQuery, Spark, Snowflake, ClickHouse). */
const escapedString = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
/** ClickHouse 18.16 has no trim(): leading and trailing white space removed by a regular expression. */
const chTrim = (e: string): string => `replaceRegexpAll(${e}, ${escapedString('^\\s+|\\s+$')}, '')`;
const jsonPathKey = (key: string): string => `$."${key.replace(/["\\]/g, '')}"`;

export const DIALECTS: Record<DialectId, Dialect> = {
  duckdb: {
    id: 'duckdb',
    label: 'DuckDB',
    engines: 'DuckDB (embedded, MotherDuck), over Parquet, CSV or tables',
    ident: double,
    string: standardString,
    text: (e) => `CAST(${e} AS VARCHAR)`,
    lower: (e) => `lower(${e})`,
    upper: (e) => `upper(${e})`,
    trim: (e) => `trim(${e})`,
    matches: (e, p) => `regexp_matches(${e}, ${standardString(p)})`,
    replaceAll: (e, p, r) => `regexp_replace(${e}, ${standardString(p)}, ${standardString(r)}, 'g')`,
    concat: (parts) => parts.join(' || '),
    // typeof is folded to a constant per column, so each column pays only its own path. A DECIMAL or integer casts
    // directly; text goes through its digits; a binary float below 1000 casts directly too (its distance to the
    // decimal it prints as is under 6e-14, so rounding it to 12 places gives exactly that decimal), larger ones go
    // through their text: DuckDB's text-to-decimal cast costs microseconds a value.
    decimal: (e) =>
      `CASE WHEN typeof(${e}) IN ('DOUBLE', 'FLOAT') THEN (CASE WHEN abs(TRY_CAST(${e} AS DOUBLE)) < 1000 THEN CAST(${e} AS DECIMAL(38, 12)) ELSE CAST(CAST(${e} AS VARCHAR) AS DECIMAL(38, 12)) END) ` +
      `WHEN typeof(${e}) = 'VARCHAR' THEN CAST(nullif(trim(CAST(${e} AS VARCHAR)), '') AS DECIMAL(38, 12)) ELSE CAST(${e} AS DECIMAL(38, 12)) END`,
    day: (e) => `CAST(CAST(${e} AS DATE) AS VARCHAR)`,
    dayStart: (d) => `TIMESTAMP '${d} 00:00:00'`,
    jsonText: (e, k) => `CASE WHEN json_valid(${e}) THEN json_extract_string(${e}, ${standardString(jsonPathKey(k))}) END`,
    nullText: 'CAST(NULL AS VARCHAR)',
    nullDecimal: 'CAST(NULL AS DECIMAL(38, 12))',
    nested: {
      field: (e, f) => `${e}.${double(f)}`,
      sumOf: (e, f) => `coalesce(list_sum(list_transform(${e}, c -> CAST(c.${double(f)} AS DECIMAL(38, 12)))), CAST(0 AS DECIMAL(38, 12)))`,
      count: (e) => `coalesce(len(${e}), 0)`,
      keyValue: (e, k) => `list_filter(${e}, l -> l."key" = ${standardString(k)})[-1]."value"`,
    },
    preamble: ["SET TimeZone = 'UTC';"],
  },
  trino: {
    id: 'trino',
    label: 'Trino',
    engines: 'Trino, Presto, Amazon Athena (CUR over S3)',
    ident: double,
    string: standardString,
    text: (e) => `CAST(${e} AS VARCHAR)`,
    lower: (e) => `lower(${e})`,
    upper: (e) => `upper(${e})`,
    trim: (e) => `trim(${e})`,
    matches: (e, p) => `regexp_like(${e}, ${standardString(p)})`,
    replaceAll: (e, p, r) => `regexp_replace(${e}, ${standardString(p)}, ${standardString(r)})`,
    concat: (parts) => parts.join(' || '),
    decimal: (e) => `CAST(nullif(trim(CAST(${e} AS VARCHAR)), '') AS DECIMAL(38, 12))`,
    day: (e) => `CAST(CAST(${e} AS DATE) AS VARCHAR)`,
    dayStart: (d) => `TIMESTAMP '${d} 00:00:00'`,
    jsonText: (e, k) => `json_extract_scalar(${e}, ${standardString(`$["${k.replace(/["\\]/g, '')}"]`)})`,
    nullText: 'CAST(NULL AS VARCHAR)',
    nullDecimal: 'CAST(NULL AS DECIMAL(38, 12))',
    nested: {
      field: (e, f) => `${e}.${double(f)}`,
      sumOf: (e, f) => `reduce(coalesce(${e}, ARRAY[]), CAST(0 AS DECIMAL(38, 12)), (s, c) -> s + CAST(c.${double(f)} AS DECIMAL(38, 12)), s -> s)`,
      count: (e) => `coalesce(cardinality(${e}), 0)`,
      keyValue: (e, k) => `element_at(filter(${e}, l -> l."key" = ${standardString(k)}), -1)."value"`,
    },
    preamble: ["-- Session time zone UTC (Trino: SET TIME ZONE 'UTC'), so days are UTC days."],
  },
  bigquery: {
    id: 'bigquery',
    label: 'BigQuery',
    engines: 'Google BigQuery (the Cloud Billing export lives here)',
    ident: backtick,
    string: escapedString,
    text: (e) => `CAST(${e} AS STRING)`,
    lower: (e) => `LOWER(${e})`,
    upper: (e) => `UPPER(${e})`,
    trim: (e) => `TRIM(${e})`,
    matches: (e, p) => `REGEXP_CONTAINS(${e}, ${escapedString(p)})`,
    replaceAll: (e, p, r) => `REGEXP_REPLACE(${e}, ${escapedString(p)}, ${escapedString(r)})`,
    concat: (parts) => `CONCAT(${parts.join(', ')})`,
    decimal: (e) => `CAST(NULLIF(TRIM(CAST(${e} AS STRING)), '') AS BIGNUMERIC)`,
    day: (e) => `CAST(DATE(${e}) AS STRING)`,
    dayStart: (d) => `TIMESTAMP '${d} 00:00:00 UTC'`,
    jsonText: (e, k) => `SAFE.JSON_VALUE(${e}, ${escapedString(jsonPathKey(k))})`,
    nullText: 'CAST(NULL AS STRING)',
    nullDecimal: 'CAST(NULL AS BIGNUMERIC)',
    nested: {
      field: (e, f) => `${e}.${backtick(f)}`,
      sumOf: (e, f) => `COALESCE((SELECT SUM(CAST(c.${backtick(f)} AS BIGNUMERIC)) FROM UNNEST(${e}) AS c), CAST(0 AS BIGNUMERIC))`,
      count: (e) => `ARRAY_LENGTH(IFNULL(${e}, []))`,
      keyValue: (e, k) => `(SELECT l.value FROM UNNEST(${e}) AS l WITH OFFSET AS o WHERE l.key = ${escapedString(k)} ORDER BY o DESC LIMIT 1)`,
    },
    preamble: [],
  },
  spark: {
    id: 'spark',
    label: 'Spark SQL',
    engines: 'Apache Spark, Databricks, Microsoft Fabric (Azure exports)',
    ident: backtick,
    string: escapedString,
    text: (e) => `CAST(${e} AS STRING)`,
    lower: (e) => `lower(${e})`,
    upper: (e) => `upper(${e})`,
    trim: (e) => `trim(${e})`,
    matches: (e, p) => `(${e} RLIKE ${escapedString(p)})`,
    replaceAll: (e, p, r) => `regexp_replace(${e}, ${escapedString(p)}, ${escapedString(r)})`,
    concat: (parts) => `concat(${parts.join(', ')})`,
    decimal: (e) => `CAST(nullif(trim(CAST(${e} AS STRING)), '') AS DECIMAL(38, 12))`,
    day: (e) => `CAST(CAST(${e} AS DATE) AS STRING)`,
    dayStart: (d) => `TIMESTAMP '${d} 00:00:00'`,
    jsonText: (e, k) => `get_json_object(${e}, ${escapedString(`$['${k.replace(/['\\]/g, '')}']`)})`,
    nullText: 'CAST(NULL AS STRING)',
    nullDecimal: 'CAST(NULL AS DECIMAL(38, 12))',
    nested: {
      field: (e, f) => `${e}.${backtick(f)}`,
      sumOf: (e, f) => `aggregate(coalesce(${e}, array()), CAST(0 AS DECIMAL(38, 12)), (s, c) -> s + CAST(c.${backtick(f)} AS DECIMAL(38, 12)))`,
      count: (e) => `CASE WHEN ${e} IS NULL THEN 0 ELSE size(${e}) END`,
      keyValue: (e, k) => `element_at(filter(${e}, l -> l.key = ${escapedString(k)}), -1).value`,
    },
    preamble: ["-- Session time zone UTC (SET TIME ZONE 'UTC'), so days are UTC days."],
  },
  snowflake: {
    id: 'snowflake',
    label: 'Snowflake',
    engines: 'Snowflake (FOCUS data shares and loaded exports)',
    ident: double,
    string: escapedString,
    text: (e) => `CAST(${e} AS VARCHAR)`,
    lower: (e) => `LOWER(${e})`,
    upper: (e) => `UPPER(${e})`,
    trim: (e) => `TRIM(${e})`,
    matches: (e, p) => `(REGEXP_INSTR(${e}, ${escapedString(p)}) > 0)`,
    replaceAll: (e, p, r) => `REGEXP_REPLACE(${e}, ${escapedString(p)}, ${escapedString(r)})`,
    concat: (parts) => parts.join(' || '),
    decimal: (e) => `CAST(NULLIF(TRIM(CAST(${e} AS VARCHAR)), '') AS NUMBER(38, 12))`,
    day: (e) => `TO_VARCHAR(CAST(${e} AS DATE), 'YYYY-MM-DD')`,
    dayStart: (d) => `CAST('${d} 00:00:00' AS TIMESTAMP_NTZ)`,
    jsonText: (e, k) => `CAST(GET(TRY_PARSE_JSON(${e}), ${escapedString(k)}) AS VARCHAR)`,
    nullText: 'CAST(NULL AS VARCHAR)',
    nullDecimal: 'CAST(NULL AS NUMBER(38, 12))',
    preamble: ["ALTER SESSION SET TIMEZONE = 'UTC';"],
  },
  clickhouse: {
    id: 'clickhouse',
    label: 'ClickHouse',
    engines: 'ClickHouse (LLM gateway and observability stores: Langfuse, Helicone), 18.16 and current',
    ident: backtick,
    string: escapedString,
    text: (e) => `toString(${e})`,
    lower: (e) => `lowerUTF8(${e})`,
    upper: (e) => `upperUTF8(${e})`,
    trim: chTrim,
    matches: (e, p) => `match(${e}, ${escapedString(p)})`,
    replaceAll: (e, p, r) => `replaceRegexpAll(${e}, ${escapedString(p)}, ${escapedString(r)})`,
    concat: (parts) => `concat(${parts.join(', ')})`,
    decimal: (e) => `CAST(nullIf(${chTrim(`toString(${e})`)}, '') AS Nullable(Decimal(38, 12)))`,
    day: (e) => `toString(toDate(${e}))`,
    dayStart: (d) => `toDateTime('${d} 00:00:00')`,
    jsonText: (e, k) => `nullIf(visitParamExtractString(${e}, ${escapedString(k)}), '')`,
    nullText: 'CAST(NULL AS Nullable(String))',
    nullDecimal: 'CAST(NULL AS Nullable(Decimal(38, 12)))',
    preamble: ['-- Server time zone UTC (the timezone setting in config.xml), so days are UTC days.'],
  },
};

export function isDialectId(value: string): value is DialectId {
  return (DIALECT_IDS as readonly string[]).includes(value);
}

/**
 * The whole-organisation CUR 2.0 of formats.ts (`aws-cur-account`), written
 * by DuckDB in SQL so that tens of millions of lines take a minute rather
 * than an hour of JavaScript. Same columns, spellings, shares and amount
 * ranges as the JavaScript writer (2% Bedrock with its tax, credits and
 * refunds; compute, storage and network by the hour over 20 accounts, 1% of
 * them billed in EUR under a second payer); the draws come from DuckDB's
 * hash of (row, draw, seed), so a file is reproducible for a DuckDB version,
 * not byte-identical with the JavaScript writer's.
 *
 * Exactness: every cost is a DECIMAL(18,8) in the table the files are
 * written from, and the expected per-currency totals are DuckDB's DECIMAL
 * sums of that column — no floating point between the amounts written and
 * the totals the import must reconcile to. The gzip CSV carries the decimals
 * as text; the Parquet carries them as DOUBLE, as AWS writes CUR 2.0 Parquet
 * (and as DuckDB typed the JavaScript writer's CSV): every cost has at most
 * 12 significant digits, so each double reads back to the same decimal.
 */
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { constants, createGzip } from 'node:zlib';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { perTokenUnits } from './amounts';
import { ACCOUNT_SERVICES as SERVICES, MODELS, TEAMS } from './catalog';

export interface SqlCurAccount {
  gz: string;
  parquet: string;
  /** Exact per-currency totals, trailing zeros trimmed to at least two decimals. */
  totals: Record<string, string>;
  rows: number;
  /** Seconds the files took to write (when reused, as recorded when they were written). */
  seconds: number;
  reused: boolean;
}

const BEDROCK_SUFFIX: Record<string, string> = { input: 'input-tokens', output: 'output-tokens', cached_input: 'cache-read-input-token-count', cache_write_5m: 'cache-write-input-token-count' };
/** Usage-class weights as catalog.ts's TOKEN_CLASSES (input 5, output 3, cached input 2, cache write 1), as cumulative elevenths. */
const CLASS_BY_ELEVENTH = ['input', 'input', 'input', 'input', 'input', 'output', 'output', 'output', 'cached_input', 'cached_input', 'cache_write_5m'];

const q = (text: string) => `'${text.replace(/'/g, "''")}'`;
const list = (items: readonly string[]) => `[${items.map(q).join(', ')}]`;

/** The SELECT producing the table, one row per range value. */
function tableSql(rows: number, seed: number): string {
  const bedrockModels = MODELS.filter((m) => m.bedrockUsageType);
  // One line per (model, class): usage type stem and cost per 1K tokens in 1e-7 currency units (perTokenUnits is 1e-10 per token).
  const priced = bedrockModels.flatMap((m) =>
    CLASS_BY_ELEVENTH.map((usageClass) => {
      const price = m.prices[usageClass as keyof typeof m.prices] ?? (m.prices.input as number);
      const cls = m.prices[usageClass as keyof typeof m.prices] === undefined ? 'input' : usageClass;
      return [`${m.bedrockUsageType}-${BEDROCK_SUFFIX[cls]}`, perTokenUnits(price)] as const;
    }),
  );
  const h = (draw: number) => `(hash(range, ${draw}, ${seed}) >> 1)::BIGINT`;
  const service = `${h(2)} % ${SERVICES.length}`;
  const usageTypes = `[${SERVICES.map(([, types]) => list(types)).join(', ')}][${service} + 1]`;
  return `
WITH draws AS (
  SELECT range AS i,
    ${h(0)} % 10000 < 200 AS bedrock,
    '11112222' || (1000 + ${h(1)} % 20)::VARCHAR AS account,
    ${list(SERVICES.map(([code]) => code))}[${service} + 1] AS product_code,
    ${usageTypes}[${h(3)} % len(${usageTypes}) + 1] AS other_usage_type,
    ${list(SERVICES.map(([, , unit]) => unit))}[${service} + 1] AS other_unit,
    ${h(4)} % 2000 AS type_draw,
    ${h(5)} % 100 = 0 AS eur,
    ${h(6)} % 720 AS hour,
    1 + ${h(7)} % 2000000 AS other_cents_e6,
    (1 + ${h(8)} % 100000)::VARCHAR || '.' || (${h(9)} % 1000)::VARCHAR AS other_amount,
    printf('r-%012x', ${h(10)} % 281474976710656) AS resource,
    ${list(TEAMS)}[${h(11)} % ${TEAMS.length} + 1] AS team,
    ${list(['USE1', 'USW2', 'EUC1'])}[${h(12)} % 3 + 1] AS region,
    ${h(13)} % ${priced.length} AS priced_index,
    1 + ${h(14)} % 2000 AS thousands,
    ${h(15)} % 31 AS day,
    1 + ${h(16)} % 20000 AS cents
  FROM range(${rows})
), typed AS (
  SELECT *,
    CASE WHEN bedrock THEN (CASE WHEN type_draw < 1900 THEN 'Usage' WHEN type_draw < 1940 THEN 'Tax' WHEN type_draw < 1980 THEN 'Credit' ELSE 'Refund' END)
         ELSE (CASE WHEN type_draw < 1940 THEN 'Usage' WHEN type_draw < 1960 THEN 'Tax' WHEN type_draw < 1990 THEN 'Credit' ELSE 'Refund' END) END AS line_type,
    ${list(priced.map(([stem]) => stem))}[priced_index + 1] AS bedrock_stem,
    [${priced.map(([, units]) => units).join(', ')}][priced_index + 1] AS per_1k_e7
  FROM draws
)
SELECT
  TIMESTAMP '2026-03-01 00:00:00' AS bill_billing_period_start_date,
  CASE WHEN NOT bedrock AND eur THEN 999988880000 ELSE 999988887777 END::BIGINT AS bill_payer_account_id,
  account::BIGINT AS line_item_usage_account_id,
  line_type AS line_item_line_item_type,
  CASE WHEN bedrock THEN TIMESTAMP '2026-03-01' + to_days(day::INTEGER) ELSE TIMESTAMP '2026-03-01' + to_hours(hour::INTEGER) END AS line_item_usage_start_date,
  CASE WHEN bedrock THEN TIMESTAMP '2026-03-01' + to_days(day::INTEGER + 1) ELSE TIMESTAMP '2026-03-01' + to_hours(hour::INTEGER + 1) END AS line_item_usage_end_date,
  CASE WHEN bedrock THEN 'AmazonBedrock' ELSE product_code END AS line_item_product_code,
  CASE WHEN line_type <> 'Usage' THEN NULL WHEN bedrock THEN region || '-' || bedrock_stem ELSE 'USE1-' || other_usage_type END AS line_item_usage_type,
  CASE WHEN bedrock THEN 'InvokeModelInference' ELSE 'Run' END AS line_item_operation,
  CASE WHEN NOT bedrock AND line_type = 'Usage' THEN resource END AS line_item_resource_id,
  CASE WHEN line_type <> 'Usage' THEN NULL WHEN bedrock THEN thousands::DOUBLE ELSE other_amount::DOUBLE END AS line_item_usage_amount,
  CASE WHEN NOT bedrock AND eur THEN 'EUR' ELSE 'USD' END AS line_item_currency_code,
  (CASE
     WHEN bedrock AND line_type = 'Usage' THEN (thousands * per_1k_e7)::DECIMAL(18, 0) * 0.0000001::DECIMAL(8, 7)
     WHEN bedrock THEN (CASE WHEN line_type = 'Tax' THEN cents ELSE -cents END)::DECIMAL(18, 0) * 0.01::DECIMAL(3, 2)
     ELSE (CASE WHEN line_type IN ('Usage', 'Tax') THEN other_cents_e6 ELSE -other_cents_e6 END)::DECIMAL(18, 0) * 0.00000001::DECIMAL(9, 8)
   END)::DECIMAL(18, 8) AS cost,
  line_type || ' line' AS line_item_line_item_description,
  CASE WHEN line_type <> 'Usage' THEN NULL WHEN bedrock THEN '1K tokens' ELSE other_unit END AS pricing_unit,
  CASE WHEN bedrock THEN '{"product_name":"Amazon Bedrock"}' END AS product,
  'us-east-1' AS product_region_code,
  CASE WHEN NOT bedrock AND line_type = 'Usage' THEN '{"user_team": "' || team || '"}' END AS resource_tags
FROM typed`;
}

/** Columns in the CUR 2.0 order of the JavaScript writer; `cost` is written twice (unblended and net). */
function columns(costAs: 'text' | 'double'): string {
  const when = (name: string) => (costAs === 'text' ? `strftime(${name}, '%Y-%m-%dT%H:%M:%SZ') AS ${name}` : `${name}::TIMESTAMPTZ AS ${name}`);
  const cost = costAs === 'text' ? 'cost::VARCHAR' : 'cost::DOUBLE';
  return [
    when('bill_billing_period_start_date'),
    'bill_payer_account_id',
    'line_item_usage_account_id',
    'line_item_line_item_type',
    when('line_item_usage_start_date'),
    when('line_item_usage_end_date'),
    'line_item_product_code',
    'line_item_usage_type',
    'line_item_operation',
    'line_item_resource_id',
    costAs === 'text' ? 'line_item_usage_amount::VARCHAR AS line_item_usage_amount' : 'line_item_usage_amount',
    'line_item_currency_code',
    `${cost} AS line_item_unblended_cost`,
    `${cost} AS line_item_net_unblended_cost`,
    'line_item_line_item_description',
    'pricing_unit',
    'product',
    'product_region_code',
    'resource_tags',
  ].join(', ');
}

function trimDecimal(text: string): string {
  const [whole, fraction = ''] = text.split('.');
  return `${whole}.${fraction.replace(/0+$/, '').padEnd(2, '0')}`;
}

/**
 * Writes DIR/cur.csv.gz and DIR/cur.parquet (row groups of rowGroupSize
 * lines) and returns the exact totals both must import to.
 */
export async function generateCurAccountSql(options: { rows: number; seed: number; dir: string; rowGroupSize: number; log?: (step: string) => void }): Promise<SqlCurAccount> {
  let started = performance.now();
  const step = (name: string) => {
    options.log?.(`${name} ${((performance.now() - started) / 1000).toFixed(1)} s`);
    started = performance.now();
  };
  const gz = path.join(options.dir, 'cur.csv.gz');
  const parquet = path.join(options.dir, 'cur.parquet');
  // A folder that already holds this very file (same rows, seed, row groups) is reused: 20M lines take minutes to write.
  const stamp = path.join(options.dir, 'expected.json');
  const wanted = { rows: options.rows, seed: options.seed, rowGroupSize: options.rowGroupSize };
  const previous = await fs.readFile(stamp, 'utf8').then((text) => JSON.parse(text) as { of: typeof wanted; totals: Record<string, string>; seconds?: number }, () => null);
  if (previous && JSON.stringify(previous.of) === JSON.stringify(wanted)) return { gz, parquet, totals: previous.totals, rows: options.rows, seconds: previous.seconds ?? Number.NaN, reused: true };
  const began = performance.now();
  await fs.rm(stamp, { force: true });
  const dbFile = path.join(options.dir, 'generate.duckdb');
  const db = await DuckDBInstance.create(dbFile, { temp_directory: path.join(options.dir, 'generate.tmp') });
  const connection = await db.connect();
  try {
    await connection.run(`SET TimeZone = 'UTC'`);
    await connection.run(`CREATE TABLE cur AS ${tableSql(options.rows, options.seed)}`);
    step('table');
    // DuckDB's gzip writer manages a few MB/s; plain CSV then zlib at level 1 (still a standard gzip file) is ten times faster.
    const plain = path.join(options.dir, 'cur.csv');
    await connection.run(`COPY (SELECT ${columns('text')} FROM cur) TO ${q(plain)} (FORMAT csv, HEADER)`);
    step('plain CSV');
    await pipeline(createReadStream(plain, { highWaterMark: 1 << 20 }), createGzip({ level: constants.Z_BEST_SPEED, chunkSize: 1 << 20 }), createWriteStream(gz));
    await fs.rm(plain, { force: true });
    step('gzip');
    await connection.run(`COPY (SELECT ${columns('double')} FROM cur) TO ${q(parquet)} (FORMAT parquet, ROW_GROUP_SIZE ${Math.floor(options.rowGroupSize)})`);
    step('Parquet');
    const sums = await connection.runAndReadAll('SELECT line_item_currency_code, sum(cost)::VARCHAR, count(*) FROM cur GROUP BY 1 ORDER BY 1');
    const totals: Record<string, string> = {};
    let rows = 0;
    for (const [currency, total, count] of sums.getRows()) {
      totals[String(currency)] = trimDecimal(String(total));
      rows += Number(count);
    }
    if (rows !== options.rows) throw new Error(`generated ${rows} rows of ${options.rows}`);
    const seconds = Math.round((performance.now() - began) / 100) / 10;
    await fs.writeFile(stamp, `${JSON.stringify({ of: wanted, totals, seconds })}\n`);
    return { gz, parquet, totals, rows, seconds, reused: false };
  } finally {
    connection.closeSync();
    db.closeSync();
    await fs.rm(dbFile, { force: true });
    await fs.rm(`${dbFile}.wal`, { force: true });
    await fs.rm(path.join(options.dir, 'generate.tmp'), { recursive: true, force: true });
  }
}

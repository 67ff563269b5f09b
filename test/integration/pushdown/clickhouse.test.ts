/**
 * ClickHouse, where LLM gateways and observability tools keep per-request
 * cost: Debian's clickhouse-server (18.16) started as two shards on loopback,
 * a FOCUS-shaped table spread over both behind a Distributed table, the
 * push-down query run there, its CSV result imported, and the ledger compared
 * with importing the raw file: same totals by month, provider, model, class,
 * tier and category, and the same exact source total per currency.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateStatement } from '../../../bench/generate';
import { readStatement } from '../../../electron/backend/imports/readers';
import { agreesToTheCent } from '../../../shared/domain/money';
import { pushdownQuery, SOURCES } from '../../../shared/formats/pushdown/query';
import { DIALECTS } from '../../../shared/formats/pushdown/dialects';
import { compileTextRules } from '../../../shared/formats/pushdown/compile-rules';
import { matchTextRules } from '../../../shared/formats/rules/text-rules';
import { startClickHouseCluster, type ClickHouseCluster } from '../../helpers/clickhouse';
import { ledgerTotals, sqlString, withDuckDb } from '../../helpers/pushdown';
import { RULE_SETS, ruleSamples } from '../../helpers/rule-samples';

const dir = mkdtempSync(path.join(os.tmpdir(), 'aispend-clickhouse-'));
let cluster: ClickHouseCluster;

/** The FOCUS table as a gateway or FinOps store would type it. */
const COLUMNS: [string, string][] = [
  ['BillingAccountId', 'Nullable(String)'],
  ['BillingCurrency', 'String'],
  ['BillingPeriodStart', 'DateTime'],
  ['ChargeCategory', 'String'],
  ['ChargeDescription', 'Nullable(String)'],
  ['ChargePeriodStart', 'DateTime'],
  ['ChargePeriodEnd', 'DateTime'],
  ['BilledCost', 'Decimal(38, 12)'],
  ['EffectiveCost', 'Nullable(Decimal(38, 12))'],
  ['ListCost', 'Nullable(Decimal(38, 12))'],
  ['ConsumedQuantity', 'Nullable(Decimal(38, 12))'],
  ['ConsumedUnit', 'Nullable(String)'],
  ['PricingQuantity', 'Nullable(Decimal(38, 12))'],
  ['PricingUnit', 'Nullable(String)'],
  ['InvoiceIssuerName', 'Nullable(String)'],
  ['ProviderName', 'Nullable(String)'],
  ['PublisherName', 'Nullable(String)'],
  ['RegionId', 'Nullable(String)'],
  ['ResourceId', 'Nullable(String)'],
  ['SkuMeter', 'Nullable(String)'],
  ['SkuPriceDetails', 'Nullable(String)'],
  ['SubAccountId', 'Nullable(String)'],
  ['Tags', 'Nullable(String)'],
];
const TIMES = new Set(['BillingPeriodStart', 'ChargePeriodStart', 'ChargePeriodEnd']);

beforeAll(async () => {
  cluster = await startClickHouseCluster(path.join(dir, 'clickhouse'), 2);
}, 90_000);

afterAll(async () => {
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 30_000);

describe('ClickHouse push-down over a two-shard Distributed table', () => {
  it('aggregates FOCUS rows on both shards and imports to the raw file\'s ledger', async () => {
    const raw = path.join(dir, 'focus.csv');
    const generated = await generateStatement({ format: 'focus', rows: 3000, seed: 9, out: raw });
    const direct = await readStatement(raw);

    // The rows as ClickHouse reads CSV: timestamps without a zone (the server runs in UTC), \N for null.
    const forClickHouse = path.join(dir, 'focus-ch.csv');
    await withDuckDb(async (connection) => {
      const select = COLUMNS.map(([name]) => (TIMES.has(name) ? `strftime(${JSON.stringify(name)}, '%Y-%m-%d %H:%M:%S')` : JSON.stringify(name))).join(', ');
      await connection.run(`COPY (SELECT ${select} FROM read_csv(${sqlString(raw)})) TO ${sqlString(forClickHouse)} (HEADER false, NULLSTR '\\N')`);
    });
    const rows = readFileSync(forClickHouse, 'utf8').split('\n').filter((l) => l !== '');
    expect(rows.length).toBe(3000);

    const [one, two] = cluster.shards as [(typeof cluster.shards)[0], (typeof cluster.shards)[0]];
    const ddl = COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ');
    for (const shard of cluster.shards) await shard.query(`CREATE TABLE focus_local (${ddl}) ENGINE = MergeTree ORDER BY ChargePeriodStart`);
    await one.query(`CREATE TABLE focus (${ddl}) ENGINE = Distributed(${cluster.cluster}, default, focus_local)`);
    await one.query('INSERT INTO focus_local FORMAT CSV', `${rows.filter((_, i) => i % 2 === 0).join('\n')}\n`);
    await two.query('INSERT INTO focus_local FORMAT CSV', `${rows.filter((_, i) => i % 2 === 1).join('\n')}\n`);
    expect((await one.query('SELECT count() FROM focus_local')).trim()).toBe('1500');
    expect((await two.query('SELECT count() FROM focus_local')).trim()).toBe('1500');
    expect((await one.query('SELECT count() FROM focus')).trim()).toBe('3000');

    const query = pushdownQuery({ source: 'focus', dialect: 'clickhouse', table: 'focus', tags: ['team'], columns: COLUMNS.map(([name]) => name) });
    const csv = await one.query(`${query.sql}\nFORMAT CSVWithNames`);
    const result = path.join(dir, 'result.csv');
    writeFileSync(result, csv);

    const aggregated = await readStatement(result);
    expect(aggregated.chosen.format.id).toBe('ledger-aggregate');
    expect(aggregated.summary.rejected.slice(0, 3)).toEqual([]);
    expect(aggregated.summary.rowsRejected).toBe(0);
    expect(aggregated.lines.length).toBeLessThan(direct.lines.length);
    const sources = (s: typeof direct.summary) => Object.fromEntries(s.reconciliation.map((r) => [r.currency, r.sourceTotal]));
    expect(sources(aggregated.summary)).toEqual(generated.expected.totals());
    const a = ledgerTotals(aggregated.lines);
    const b = ledgerTotals(direct.lines);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [key, t] of b) {
      const g = a.get(key)!;
      expect(g.quantity, key).toBe(t.quantity);
      expect(agreesToTheCent(g.billed, t.billed), key).toBe(true);
    }
  }, 120_000);

  it('runs the CUR and Azure queries on 18.16 too (tables of their standard columns)', async () => {
    const [one] = cluster.shards;
    const types: Record<string, string> = {
      line_item_usage_start_date: 'DateTime', line_item_usage_end_date: 'Nullable(DateTime)', bill_billing_period_start_date: 'DateTime',
      line_item_unblended_cost: 'Decimal(38, 12)', line_item_net_unblended_cost: 'Nullable(Decimal(38, 12))', line_item_usage_amount: 'Nullable(Decimal(38, 12))',
      pricing_public_on_demand_cost: 'Nullable(Decimal(38, 12))', savings_plan_savings_plan_effective_cost: 'Nullable(Decimal(38, 12))',
      reservation_effective_cost: 'Nullable(Decimal(38, 12))', CostInBillingCurrency: 'Decimal(38, 12)', Quantity: 'Nullable(Decimal(38, 12))',
      PaygCostInBillingCurrency: 'Nullable(Decimal(38, 12))', EffectivePrice: 'Nullable(Decimal(38, 12))', Date: 'Date', BillingPeriodStartDate: 'Date',
    };
    for (const source of ['aws-cur', 'azure-cost'] as const) {
      const columns = SOURCES[source].standardColumns;
      const table = source.replace('-', '_');
      await one!.query(`CREATE TABLE ${table} (${columns.map((c) => `${c} ${types[c] ?? 'Nullable(String)'}`).join(', ')}) ENGINE = Memory`);
      const sql = pushdownQuery({ source, dialect: 'clickhouse', table, tags: ['team'], from: '2026-03', to: '2026-04', columns }).sql;
      expect((await one!.query(`${sql}\nFORMAT CSVWithNames`)).split('\n')[0]).toContain('"aispend_row","aispend_source"');
    }
  }, 60_000);

  it('reads every compiled keyword rule as the importer does (ClickHouse\'s own regular expressions and lowerUTF8)', async () => {
    const [one] = cluster.shards;
    const samples = ruleSamples(800, 43);
    await one!.query('CREATE TABLE samples (i UInt32, s String) ENGINE = Memory');
    await one!.query('INSERT INTO samples FORMAT JSONEachRow', samples.map((s, i) => JSON.stringify({ i, s })).join('\n'));
    for (const set of RULE_SETS) {
      const out = await one!.query(`SELECT i, ${compileTextRules(DIALECTS.clickhouse, set, 's')} AS v FROM samples ORDER BY i FORMAT JSONEachRow`);
      const sql = out.split('\n').filter((l) => l !== '').map((l) => (JSON.parse(l) as { v: string | null }).v);
      const differing = samples.map((s, i) => [s, matchTextRules(set, s), sql[i]]).filter(([, a, b]) => a !== b);
      expect(differing, set.name).toEqual([]);
    }
  }, 60_000);
});

/**
 * `aispend pushdown` and `aispend export-focus` as a user runs them: one JSON
 * document with --json, the SQL in the file asked for, exit 2 for bad input
 * (an unknown dialect, a source the dialect cannot read), 1 for a refusal
 * (the export folder exists).
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { aispend } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp';

const { dir, cleanup } = tempDir();
const env = { AISPEND_HOME: path.join(dir, 'home') };

afterAll(() => cleanup());

describe('aispend pushdown', () => {
  it('writes the SQL to --out and prints one JSON document', () => {
    const out = path.join(dir, 'cur.trino.sql');
    const run = aispend(['pushdown', '--source', 'aws-cur', '--dialect', 'trino', '--tags', 'user_team', '--from', '2026-03', '--to', '2026-03', '--out', out, '--json'], env);
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout) as { ok: boolean; sql: string; columns: string[]; columnsFrom: string };
    expect(doc.ok).toBe(true);
    expect(readFileSync(out, 'utf8')).toBe(doc.sql);
    expect(doc.columnsFrom).toBe('standard');
    expect(doc.columns.slice(0, 4)).toEqual(['aispend_row', 'aispend_source', 'aispend_source_version', 'aispend_source_rows']);
    expect(doc.columns.at(-1)).toBe('tag_user_team');
    // March 2026: from its first day to the day after its last.
    expect(doc.sql).toContain(`"line_item_usage_start_date" >= TIMESTAMP '2026-03-01 00:00:00' AND "line_item_usage_start_date" < TIMESTAMP '2026-04-01 00:00:00'`);
  });

  it('takes the table\'s columns from a sample export (--like)', () => {
    const sample = path.join(dir, 'sample.csv');
    writeFileSync(sample, 'BilledCost,ChargePeriodStart,ChargePeriodEnd,BillingCurrency,ChargeCategory,x_ModelId\n1.00,2026-03-01T00:00:00Z,2026-03-02T00:00:00Z,USD,Usage,gpt-4o\n');
    const run = aispend(['pushdown', '--source', 'focus', '--dialect', 'duckdb', '--like', sample, '--json'], env);
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout) as { columnsFrom: string; reads: string[]; missing: string[]; sql: string };
    expect(doc.columnsFrom).toBe('sample');
    expect(doc.reads.sort()).toEqual(['BilledCost', 'BillingCurrency', 'ChargeCategory', 'ChargePeriodEnd', 'ChargePeriodStart', 'x_ModelId']);
    expect(doc.missing).toContain('SkuPriceDetails');
    expect(doc.sql).toContain('CAST("x_ModelId" AS VARCHAR)');
  });

  it('exits 2 for an unknown dialect and for a source the dialect cannot read', () => {
    expect(aispend(['pushdown', '--source', 'focus', '--dialect', 'oracle'], env).status).toBe(2);
    const run = aispend(['pushdown', '--source', 'gcp-billing', '--dialect', 'snowflake', '--json'], env);
    expect(run.status).toBe(2);
    expect((JSON.parse(run.stdout) as { error: { message: string } }).error.message).toContain('cannot be aggregated in Snowflake');
    expect(aispend(['pushdown', '--source', 'focus', '--dialect', 'duckdb', '--from', '2026-13'], env).status).toBe(2);
  });
});

describe('aispend export-focus', () => {
  it('exports one billing period as Parquet and refuses to overwrite without --overwrite', () => {
    const workspace = path.join(dir, 'demo.aispend');
    expect(aispend(['demo', '--workspace', workspace], env).status).toBe(0);
    const out = path.join(dir, 'focus-out');
    const run = aispend(['export-focus', '--workspace', workspace, '--out', out, '--format', 'parquet', '--month', '2026-05', '--json'], env);
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout) as { files: { billingPeriod: string; rows: number }[]; rows: number; focusVersion: string; totals: { currency: string; billedCost: string }[] };
    expect(doc.focusVersion).toBe('1.3');
    expect(doc.files.map((f) => f.billingPeriod)).toEqual(['2026-05']);
    expect(readdirSync(out)).toEqual(['BillingPeriod=2026-05']);
    expect(readdirSync(path.join(out, 'BillingPeriod=2026-05'))).toEqual(['focus-cost-and-usage.parquet']);
    // OpenAI's and Anthropic's reports name no billing period, so the export's BillingPeriod is a line's own
    // (AWS's CUR) or else its charge month: May 2026 is every line charged in May.
    const ledger = JSON.parse(aispend(['ledger', 'summary', '--workspace', workspace, '--by', 'month', '--json'], env).stdout) as { rows: { month: string; lines: number; billedCost: string; currency: string }[] };
    const may = ledger.rows.find((r) => r.month === '2026-05')!;
    // 31 days × (26 OpenAI + 12 Anthropic + 2 AWS) lines.
    expect(may.lines).toBe(31 * 40);
    expect(doc.rows).toBe(may.lines);
    expect(doc.totals).toEqual([{ currency: may.currency, billedCost: may.billedCost }]);

    const again = aispend(['export-focus', '--workspace', workspace, '--out', out, '--json'], env);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exists');
    expect(aispend(['export-focus', '--workspace', workspace, '--out', out, '--month', 'May'], env).status).toBe(2);
  });
});

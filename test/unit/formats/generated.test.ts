/**
 * The seeded generator and the importer check each other: every generated
 * vendor file must be detected as its format and import with no rejection to
 * exactly the totals the generator computed while writing it.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED_FORMATS, GENERIC_MAPPING_YAML, generateStatement, type GeneratedFormat } from '../../../bench/generate';
import { generateCurAccountSql } from '../../../bench/generate/cur-account-sql';
import { readStatement } from '../../../electron/backend/imports/readers';
import { TOKEN_CLASSES } from '../../../shared/domain/usage';
import { parseMappingYaml } from '../../../shared/formats/generic/mapping-schema';

const dir = mkdtempSync(path.join(os.tmpdir(), 'aispend-generated-'));
const EXTENSION: Partial<Record<GeneratedFormat, string>> = { 'openai-costs': 'json', 'openai-usage': 'json', 'anthropic-cost': 'json', 'anthropic-usage': 'json', gcp: 'jsonl' };
const mapping = parseMappingYaml(GENERIC_MAPPING_YAML);

async function roundTrip(format: GeneratedFormat, file: string, rows: number, extra: { rowGroupSize?: number; varchar?: boolean } = {}) {
  const generated = await generateStatement({ format, rows, seed: 11, out: file, ...extra });
  const { chosen, summary, lines } = await readStatement(file, format === 'generic' ? { mapping } : {});
  expect(chosen.format.id).toBe(generated.formatId);
  expect(summary.rowsRejected).toBe(0);
  expect(summary.rowsRead).toBe(generated.expected.rows);
  expect(summary.linesImported).toBe(generated.expected.lines);
  // The source total is exact; landed lines carry nano-units, so the imported total agrees to the cent.
  const totals = Object.fromEntries(summary.reconciliation.map((r) => [r.currency, r.sourceTotal]));
  expect(totals).toEqual(generated.expected.totals());
  for (const r of summary.reconciliation) expect(r.reconciles).toBe(true);
  const tokens: Record<string, number> = {};
  for (const l of lines) {
    if (l.quantity !== null && l.quantity !== 0 && ((TOKEN_CLASSES as readonly string[]).includes(l.usageClass) || l.usageClass === 'tool_call')) tokens[l.usageClass] = (tokens[l.usageClass] ?? 0) + l.quantity;
  }
  expect(tokens).toEqual(generated.expected.tokens);
  return generated;
}

describe('generated statements import to the generator\'s own totals', () => {
  for (const format of GENERATED_FORMATS) {
    it(format, async () => {
      await roundTrip(format, path.join(dir, `${format}.${EXTENSION[format] ?? 'csv'}`), 300);
    });
  }

  it('focus as gzip, and as Parquet over several row groups, typed or as text', async () => {
    await roundTrip('focus', path.join(dir, 'focus.csv.gz'), 500);
    const typed = await roundTrip('focus', path.join(dir, 'focus.parquet'), 5000, { rowGroupSize: 2048 });
    expect(typed.bytes).toBeGreaterThan(0);
    await roundTrip('focus', path.join(dir, 'focus-text.parquet'), 500, { varchar: true });
  });

  it('CUR, Azure and Google Cloud exports as Parquet', async () => {
    await roundTrip('aws-cur', path.join(dir, 'cur.parquet'), 400);
    await roundTrip('azure', path.join(dir, 'azure.parquet'), 400, { varchar: true });
    await roundTrip('gcp-csv', path.join(dir, 'gcp.parquet'), 400);
  });

  it('is deterministic for a seed and differs across seeds', async () => {
    const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
    await generateStatement({ format: 'focus', rows: 200, seed: 7, out: path.join(dir, 'a.csv') });
    await generateStatement({ format: 'focus', rows: 200, seed: 7, out: path.join(dir, 'b.csv') });
    await generateStatement({ format: 'focus', rows: 200, seed: 8, out: path.join(dir, 'c.csv') });
    expect(hash(path.join(dir, 'a.csv'))).toBe(hash(path.join(dir, 'b.csv')));
    expect(hash(path.join(dir, 'a.csv'))).not.toBe(hash(path.join(dir, 'c.csv')));
  });

  it('the whole-account CUR written by DuckDB in SQL imports, as gzip CSV and Parquet, to the DECIMAL totals DuckDB summed', async () => {
    const out = mkdtempSync(path.join(dir, 'cur-sql-'));
    const generated = await generateCurAccountSql({ rows: 6000, seed: 3, dir: out, rowGroupSize: 1000 });
    expect(generated.rows).toBe(6000);
    // Both currencies drawn (1% of the non-Bedrock lines are EUR), amounts to 1e-8.
    expect(Object.keys(generated.totals)).toEqual(['EUR', 'USD']);
    for (const file of [generated.gz, generated.parquet]) {
      for (const keep of ['all', 'ai'] as const) {
        const { chosen, summary } = await readStatement(file, { keep });
        expect(chosen.format.id).toBe('aws-cur');
        expect(summary.rowsRejected).toBe(0);
        expect(summary.rowsRead).toBe(6000);
        expect(Object.fromEntries(summary.reconciliation.map((r) => [r.currency, r.sourceTotal]))).toEqual(generated.totals);
        for (const r of summary.reconciliation) expect(r.reconciles).toBe(true);
        // About 2% of the lines are Bedrock and kept line by line; the rest is summed into far fewer aggregates.
        if (keep === 'ai') expect(summary.linesAggregated).toBeGreaterThan(5500);
      }
    }
    // The same folder is reused without writing again: same totals, same files.
    const before = readFileSync(generated.parquet);
    const again = await generateCurAccountSql({ rows: 6000, seed: 3, dir: out, rowGroupSize: 1000 });
    expect(again.totals).toEqual(generated.totals);
    expect(readFileSync(again.parquet).equals(before)).toBe(true);
  });
});

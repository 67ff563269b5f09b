import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportLedgerView } from '../../../electron/backend/ledger/ledger-export';
import { downloadsDir } from '../../../electron/backend/files/downloads';
import type { JobContext } from '../../../electron/backend/jobs/job-runner';
import { LedgerExportInput } from '../../../shared/api/ledger-export';
import { WorkbenchError } from '../../../shared/domain/errors';
import { startBackend } from '../../helpers/backend';
import { createLedgerWorkspace, usageLine } from '../../helpers/ledger-workspace';

type Started = Awaited<ReturnType<typeof startBackend>>;

/** CSV text to rows, read by csv-parse as a spreadsheet's importer would. */
function parseCsv(text: string): string[][] {
  return parse(text, { bom: true, relax_column_count: false }) as string[][];
}

describe('ledger.export: the view as a file', () => {
  let s: Started;
  beforeAll(async () => {
    s = await startBackend({ openDemo: false });
    const file = path.join(s.dir, 'export.aispend');
    createLedgerWorkspace(file, [
      // Text a spreadsheet would run as a formula, from a vendor file's project, model, key and region columns.
      usageLine('2026-05-01', { billed: '1.123456789', subAccount: '=HYPERLINK("http://evil.example","click")', credential: '+cmd|calc', region: '-2+3' }),
      usageLine('2026-05-02', { billed: '10.5', model: '@SUM(A1)', subAccount: 'team, with comma' }),
      usageLine('2026-06-01', { billed: '-0.25', chargeCategory: 'credit' }),
      usageLine('2026-06-02', { billed: '3', provider: 'anthropic', model: 'claude-haiku-4-5', tags: { workload: 'support' } }),
    ]);
    await s.client.call('workspace.open', { path: file });
  });
  afterAll(async () => s.stop());

  it('writes the lines in the view’s order and filter, amounts exact, formula-looking text guarded', async () => {
    const out = path.join(s.dir, 'openai.csv');
    const result = await s.client.runJob('ledger.export', { format: 'csv', filters: [{ field: 'provider', op: 'eq', value: 'openai' }], sort: [{ field: 'billedCost', dir: 'desc' }], out }).result;
    expect(result).toMatchObject({ file: out, fileName: 'openai.csv', format: 'csv', rows: 3, grouped: false });
    const rows = parseCsv(readFileSync(out, 'utf8'));
    const header = rows[0]!;
    const col = (name: string) => header.indexOf(name);
    expect(rows).toHaveLength(4);
    // Dearest first, as the grid sorted them: 10.5, 1.123456789, −0.25 (every digit kept).
    expect(rows.slice(1).map((r) => r[col('Billed cost')])).toEqual(['10.50', '1.123456789', '-0.25']);
    expect(rows[1]![col('Model')]).toBe("'@SUM(A1)");
    expect(rows[1]![col('Project')]).toBe('team, with comma');
    expect(rows[2]![col('Project')]).toBe('\'=HYPERLINK("http://evil.example","click")');
    expect(rows[2]![col('API key')]).toBe("'+cmd|calc");
    expect(rows[2]![col('Region')]).toBe("'-2+3");
    expect(rows[2]![col('Import file')]).toBe('fixture.csv');
    expect(rows[3]![col('Charge category')]).toBe('credit');
    // The file starts with a byte-order mark so Excel reads it as UTF-8.
    expect(readFileSync(out).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('writes groups when the view is grouped, with their exact sums', async () => {
    const out = path.join(s.dir, 'by-month.csv');
    const result = await s.client.runJob('ledger.export', { format: 'csv', by: ['month', 'provider'], sort: [{ field: 'billedCost', dir: 'desc' }], out }).result;
    expect(result).toMatchObject({ rows: 3, grouped: true });
    const rows = parseCsv(readFileSync(out, 'utf8'));
    expect(rows[0]).toEqual(['Month', 'Provider', 'Currency', 'Lines', 'Quantity', 'Billed cost', 'Effective cost', 'List cost']);
    // May openai: 1.123456789 + 10.5 = 11.623456789; June anthropic 3; June openai −0.25.
    expect(rows.slice(1).map((r) => [r[0], r[1], r[3], r[5]])).toEqual([
      ['2026-05', 'openai', '2', '11.623456789'],
      ['2026-06', 'anthropic', '1', '3.00'],
      ['2026-06', 'openai', '1', '-0.25'],
    ]);
  });

  it('writes XLSX whose text cells stay text (no formula) and whose amounts are numbers, with a sheet saying what the view was', async () => {
    const out = path.join(s.dir, 'ledger.xlsx');
    const result = await s.client.runJob('ledger.export', { format: 'xlsx', sort: [{ field: 'chargePeriodStart', dir: 'asc' }], filters: [{ field: 'currency', op: 'eq', value: 'USD' }], out, title: 'Every USD line' }).result;
    expect(result).toMatchObject({ rows: 4, format: 'xlsx' });
    const book = XLSX.read(readFileSync(out), { cellFormula: true });
    expect(book.SheetNames).toEqual(['Ledger', 'About this export']);
    const sheet = book.Sheets.Ledger!;
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet, { raw: true });
    expect(rows).toHaveLength(4);
    expect(rows[0]!['Project']).toBe('=HYPERLINK("http://evil.example","click")');
    expect(rows[0]!['Billed cost']).toBe(1.123456789);
    expect(rows[2]!['Billed cost']).toBe(-0.25);
    // Not one formula in the sheet: formula-looking text is a plain text cell.
    const cells = Object.entries(sheet).filter(([k]) => !k.startsWith('!')) as [string, XLSX.CellObject][];
    expect(cells.filter(([, c]) => c.f !== undefined)).toEqual([]);
    expect(cells.find(([, c]) => c.v === '=HYPERLINK("http://evil.example","click")')?.[1].t).toBe('s');
    const about = XLSX.utils.sheet_to_json<{ What: string; Value: string }>(book.Sheets['About this export']!);
    expect(about.find((r) => r.What === 'View')?.Value).toBe('Every USD line');
    expect(about.find((r) => r.What === 'Filters')?.Value).toBe('currency = USD');
    expect(about.find((r) => r.What === 'Rows')?.Value).toBe('4');
  });

  it('writes a file for the browser to download when no path is given', async () => {
    const result = await s.client.runJob('ledger.export', { format: 'csv' }).result;
    expect(result.file.startsWith(downloadsDir())).toBe(true);
    expect(result.fileName).toBe('fixture-ledger.csv');
    expect(result.rows).toBe(4);
  });

  it('refuses a file name that does not match the format', async () => {
    await expect(s.client.runJob('ledger.export', { format: 'xlsx', out: path.join(s.dir, 'wrong.csv') }).result).rejects.toMatchObject({ code: 'bad_input', field: 'out' });
  });

  it('a cancelled export leaves no file and no partial file behind', async () => {
    const out = path.join(s.dir, 'cancelled.csv');
    let calls = 0;
    const job: JobContext = {
      signal: new AbortController().signal,
      progress: () => undefined,
      throwIfCancelled: () => {
        calls++;
        throw new WorkbenchError('cancelled', 'cancelled by the user');
      },
    };
    const input = LedgerExportInput.parse({ format: 'csv', out });
    await expect(exportLedgerView(s.backend, input, job)).rejects.toMatchObject({ code: 'cancelled' });
    expect(calls).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(s.dir).filter((f) => f.startsWith('cancelled'))).toEqual([]);
  });
});

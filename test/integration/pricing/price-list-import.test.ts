/**
 * Importing a price list (the price book's CSV): a job that reads the file
 * on a worker thread as a stream, checks the header before anything else,
 * applies the statement reader's row limit, reports progress, can be
 * cancelled, and writes its rows with one audit entry or not at all.
 */
import { createWriteStream, writeFileSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobEvent } from '../../../shared/api/jobs';
import { type WorkbenchError } from '../../../shared/domain/errors';
import { PRICE_CSV_COLUMNS } from '../../../shared/domain/pricebook/csv';
import { startBackend } from '../../helpers/backend';

type Started = Awaited<ReturnType<typeof startBackend>>;

const HEADER = 'provider,model,usage_class,service_tier,context_above,region,meter,effective_from,effective_to,currency,price,per,unit';
const row = (model: string, price = '2.50', per = '1000000', from = '2027-01-01') => `openai,${model},input,standard,,,,${from},,USD,${price},${per},token`;

describe('price list import', () => {
  let s: Started;
  const failure = (input: { path: string } | { csv: string; fileName: string }) => s.client.runJob('pricing.importCsv', input).result.catch((e: unknown) => e) as Promise<WorkbenchError>;
  const userRows = async () => (await s.client.call('pricing.info', {})).userRows;
  const auditCount = () => (s.backend.workspace().db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

  beforeAll(async () => {
    s = await startBackend();
  });
  afterAll(async () => s.stop());

  it('refuses a 50 MB file of one line at its first row, by the 4 MB row limit', async () => {
    const file = path.join(s.dir, 'one-line.csv');
    const out = createWriteStream(file);
    const chunk = 'x,'.repeat(512 * 1024);
    for (let written = 0; written < 50e6; written += chunk.length) if (!out.write(chunk)) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
    const before = await userRows();
    const error = await failure({ path: file });
    expect(error).toMatchObject({ code: 'invalid_file', file: 'one-line.csv', row: 1 });
    expect(error.message).toBe('a row is longer than the 4 MB limit (is a quote left open, or is this not a price list?)');
    expect(await userRows()).toBe(before);
  });

  it('checks the header before any row: a file without the columns is refused at line 1, not where it breaks later', async () => {
    const lines = ['model,price,note', ...Array.from({ length: 1000 }, (_, i) => `m${i},1.00,fine`), 'm-broken,"2.00,never closed'];
    const error = await failure({ csv: lines.join('\n'), fileName: 'sheet.csv' });
    expect(error).toMatchObject({ code: 'invalid_file', file: 'sheet.csv', row: 1, field: 'provider' });
    expect(error.message).toContain('missing column provider');
  });

  it('names the line and column of a ragged row, and imports nothing', async () => {
    const before = await userRows();
    const error = await failure({ csv: [HEADER, row('acme-a'), row('acme-b'), 'openai,acme-c,input'].join('\n'), fileName: 'ragged.csv' });
    expect(error).toMatchObject({ code: 'invalid_file', file: 'ragged.csv', row: 4, field: 'service_tier' });
    expect(await userRows()).toBe(before);
  });

  it('refuses absurd numbers with the line, the column and a plain reason', async () => {
    const cases: [string, string, string][] = [
      [row('acme-x', '9'.repeat(300)), 'price', 'is too large: an amount of money is at most 1,000,000,000 (a billion) in its currency'],
      [row('acme-x', '2.50', '9'.repeat(30)), 'per', 'per: must be at most 1,000,000,000,000 units'],
      [row('acme-x', '2.50', '1000000', '9999-01-01'), 'effective_from', 'effective_from: 9999-01-01 is outside the years the workbench plans in (2000 to 2099)'],
    ];
    for (const [line, field, message] of cases) {
      const error = await failure({ csv: [HEADER, row('acme-ok'), line].join('\n'), fileName: 'absurd.csv' });
      expect({ field, code: error.code, row: error.row, errorField: error.field }).toEqual({ field, code: 'invalid_file', row: 3, errorField: field });
      expect(error.message).toContain(message);
    }
  });

  it('reads on a worker thread with progress, and a cancel leaves the price book and the audit log as they were', async () => {
    // About 12 MB: long enough to cancel while it is read.
    const file = path.join(s.dir, 'big.csv');
    const out = createWriteStream(file);
    out.write(`${PRICE_CSV_COLUMNS.join(',')}\n`);
    for (let i = 0; i < 120_000; i += 1) {
      const line = `,openai,bulk-model-${i},input,,standard,,,2027-01-01,,USD,${(i % 97) + 1}.25,1000000,token,user,bulk row ${i} with a note long enough to matter\n`;
      if (!out.write(line)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    const before = { rows: await userRows(), audit: auditCount() };
    const events: JobEvent[] = [];
    const job = s.client.runJob('pricing.importCsv', { path: file }, (event) => {
      events.push(event);
      if (/[1-9][\d,]* rows read · [\d.]+ MB of [\d.]+ MB/.test(event.message)) void job.cancel();
    });
    const error = (await job.result.catch((e: unknown) => e)) as WorkbenchError;
    expect(error.code).toBe('cancelled');
    expect(events.some((e) => /rows read · [\d.]+ MB of 1[0-9]\.\d MB/.test(e.message))).toBe(true);
    expect({ rows: await userRows(), audit: auditCount() }).toEqual(before);

  });

  it('writes every row of a list with one audit entry for the file', async () => {
    const before = { rows: await userRows(), audit: auditCount() };
    const lines = [HEADER, ...Array.from({ length: 2000 }, (_, i) => row(`listed-${i}`, `${(i % 9) + 1}.50`))];
    writeFileSync(path.join(s.dir, 'list.csv'), `${lines.join('\n')}\n`);
    const done = await s.client.runJob('pricing.importCsv', { path: path.join(s.dir, 'list.csv') }).result;
    expect(done).toEqual({ added: 2000, replaced: 0, unchanged: 0 });
    expect(await userRows()).toBe(before.rows + 2000);
    await s.backend.jobs.idle();
    const added = s.backend.workspace().auditEntries(10).filter((e) => e.id > 0).slice(0, auditCount() - before.audit);
    // The import's own entry, and the list-cost refill that follows a price edit.
    expect(added.map((e) => e.action).filter((a) => a !== 'pricing.listCostsFilled')).toEqual(['pricing.importCsv']);
    expect(added.find((e) => e.action === 'pricing.importCsv')).toMatchObject({ details: { file: 'list.csv', rows: 2000, added: 2000, replaced: 0 } });
    // The same file again changes nothing and writes no entry.
    const audit = auditCount();
    expect(await s.client.runJob('pricing.importCsv', { path: path.join(s.dir, 'list.csv') }).result).toEqual({ added: 0, replaced: 0, unchanged: 2000 });
    expect(auditCount()).toBe(audit);
  });

  it('imports a list written by a spreadsheet: semicolons, a byte-order mark, CRLF', async () => {
    const csv = `\uFEFF${HEADER.replaceAll(',', ';')}\r\n${row('acme-semicolon', '3.75').replaceAll(',', ';')}\r\n`;
    writeFileSync(path.join(s.dir, 'excel.csv'), csv);
    expect(await s.client.runJob('pricing.importCsv', { path: path.join(s.dir, 'excel.csv') }).result).toEqual({ added: 1, replaced: 0, unchanged: 0 });
    const found = await s.client.call('pricing.rows', { model: 'acme-semicolon', source: 'user' });
    expect(found.rows.map((r) => [r.row.price, r.row.per])).toEqual([['3.75', 1_000_000]]);
  });
});

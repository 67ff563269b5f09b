/**
 * The bad-input cases (README, Statement import > Bad input) through the import itself (reader, mapper,
 * writer, transaction): each is refused with an error naming the file (and
 * the row and field where there is one), and the workspace is exactly as it
 * was. The readers' own tests (test/unit/readers/bad-input.test.ts) cover
 * what each case reads as; here the point is that nothing is written.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importInline } from '../../../electron/backend/imports/import-service';
import { Workspace } from '../../../electron/backend/workspace/workspace';
import { isWorkbenchError, type WorkbenchError } from '../../../shared/domain/errors';
import { csvToParquet } from '../../unit/readers/helpers';

const FIXTURES = path.resolve(__dirname, '../../fixtures/formats');
const FOCUS = readFileSync(path.join(FIXTURES, 'focus', 'focus-1.2-ai.csv'), 'utf8');
const [HEADER = '', FIRST_ROW = ''] = FOCUS.split(/\r?\n/);

describe('bad input never writes anything', () => {
  let dir: string;
  let workspace: Workspace;
  let before: { lines: number; imports: number; sum: string };
  const snapshot = () =>
    workspace.db.prepare('SELECT (SELECT count(*) FROM ledger_lines) AS lines, (SELECT count(*) FROM imports) AS imports, (SELECT CAST(coalesce(sum(billed_cost), 0) AS TEXT) FROM ledger_lines) AS sum').get() as {
      lines: number;
      imports: number;
      sum: string;
    };
  const file = (name: string, content: string | Uint8Array) => {
    const target = path.join(dir, name);
    writeFileSync(target, content);
    return target;
  };
  async function refusal(target: string, options: { format?: string } = {}): Promise<WorkbenchError> {
    try {
      await importInline(workspace.db, target, options, { onRejects: 'abort', onOverlap: 'ask', dryRun: false });
    } catch (error) {
      if (!isWorkbenchError(error)) throw error;
      expect(snapshot()).toEqual(before);
      expect(workspace.db.inTransaction).toBe(false);
      return error;
    }
    throw new Error(`${path.basename(target)} was imported`);
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'aispend-bad-input-'));
    workspace = Workspace.create(path.join(dir, 'ws.aispend'), { appVersion: 'test' });
    // Something already in the ledger, which must survive every refusal untouched.
    await importInline(workspace.db, path.join(FIXTURES, 'openai-costs', 'costs-page.json'), {}, { onRejects: 'abort', onOverlap: 'ask', dryRun: false });
    before = snapshot();
    expect(before.lines).toBe(6);
  });
  afterAll(() => {
    workspace.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an empty file, a header with no rows, binary garbage', async () => {
    expect(await refusal(file('empty.csv', ''))).toMatchObject({ code: 'invalid_file', file: 'empty.csv', message: 'the file is empty' });
    expect(await refusal(file('header.csv', `${HEADER}\n`))).toMatchObject({ code: 'invalid_file', file: 'header.csv', row: 2 });
    const garbage = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    expect((await refusal(file('garbage.csv', garbage))).file).toBe('garbage.csv');
  });

  it('duplicate or missing required headers, naming the column', async () => {
    const duplicate = await refusal(file('dup.csv', `${HEADER},BilledCost\n${FIRST_ROW},1\n`));
    expect([duplicate.code, duplicate.row, duplicate.field]).toEqual(['invalid_file', 1, 'BilledCost']);
    const missing = await refusal(file('missing.csv', `${HEADER.replace('BilledCost', 'Cost')}\n${FIRST_ROW}\n`), { format: 'focus' });
    expect([missing.code, missing.row, missing.field]).toEqual(['invalid_file', 1, 'BilledCost']);
  });

  it('a truncated last line or a ragged row, when the user aborts on rejections', async () => {
    const truncated = await refusal(file('truncated.csv', `${HEADER}\n${FIRST_ROW}\n${FIRST_ROW.slice(0, 40)}`));
    expect([truncated.code, truncated.row]).toEqual(['invalid_file', 3]);
    expect(truncated.message).toContain('incomplete');
    const ragged = await refusal(file('ragged.csv', `${HEADER}\n${FIRST_ROW}\na,b,c\n`));
    expect([ragged.code, ragged.row]).toEqual(['invalid_file', 3]);
  });

  it('a cell of megabytes, naming the row and field', async () => {
    const cells = FIRST_ROW.split(',');
    cells[7] = 'x'.repeat(2 << 20);
    const error = await refusal(file('huge-cell.csv', `${HEADER}\n${FIRST_ROW}\n${cells.join(',')}\n`));
    expect([error.code, error.row, error.field]).toEqual(['invalid_file', 3, HEADER.split(',')[7]]);
  });

  it('an XLSX zip bomb and a Parquet file with a lying footer', async () => {
    const bomb = zipSync({ '[Content_Types].xml': new TextEncoder().encode('<Types/>'), 'xl/worksheets/sheet1.xml': new Uint8Array(20 << 20) }, { level: 9 });
    expect((await refusal(file('bomb.xlsx', bomb))).message).toMatch(/zip bomb/);
    const good = path.join(dir, 'good.parquet');
    await csvToParquet(path.join(FIXTURES, 'focus', 'focus-1.2-ai.csv'), good);
    const bytes = Buffer.from(readFileSync(good));
    bytes.writeUInt32LE(0x7fffffff, bytes.length - 8);
    expect(await refusal(file('liar.parquet', bytes))).toMatchObject({ code: 'invalid_file', file: 'liar.parquet' });
  });

  it('the same file twice, and a file that overlaps, when the user leaves it to ask', async () => {
    expect((await refusal(path.join(FIXTURES, 'openai-costs', 'costs-page.json'))).code).toBe('conflict');
    expect((await refusal(path.join(FIXTURES, 'openai-costs', 'costs-buckets.jsonl'))).message).toContain('overlaps import #1');
  });
});

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../../electron/backend/workspace/workspace';
import { aispend } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp';

const { dir, cleanup } = tempDir();
const env = { AISPEND_HOME: path.join(dir, 'home') };
const workspace = path.join(dir, 'bills.aispend');
const FIXTURES = path.resolve(__dirname, '../../fixtures/formats');
const fixture = (...parts: string[]) => path.join(FIXTURES, ...parts);

interface FileReport {
  file: string;
  status: string;
  importId: number | null;
  format: string | null;
  version: string | null;
  rowsRead: number;
  rowsImported: number;
  rowsRejected: number;
  totals: { currency: string; sourceTotal: string; importedTotal: string; reconciled: boolean }[];
  rejected: { row: number; field: string; reason: string }[];
  profile: { thread: string; stage: string; seconds: number }[];
  error?: { code: string; message: string };
}

function importJson(args: string[]): { status: number; files: FileReport[]; stderr: string } {
  const run = aispend(['import', ...args, '--workspace', workspace, '--json'], env);
  const doc = JSON.parse(run.stdout) as { files: FileReport[] };
  return { status: run.status, files: doc.files, stderr: run.stderr };
}

describe('aispend import / aispend imports', () => {
  beforeAll(() => {
    Workspace.create(workspace, { appVersion: 'test', name: 'bills' }).close();
  });
  afterAll(() => cleanup());

  it('imports statements and prints per file the format, rows and per-currency totals; exit 0 when all reconcile', () => {
    const { status, files, stderr } = importJson([fixture('focus', 'focus-1.2-ai.csv'), fixture('anthropic-cost', 'cost-report.json')]);
    expect(status, stderr).toBe(0);
    expect(files.map((f) => [f.file, f.status, f.format, f.version])).toEqual([
      ['focus-1.2-ai.csv', 'imported', 'focus', '1.2'],
      ['cost-report.json', 'imported', 'anthropic-cost', 'v1'],
    ]);
    const focus = files[0]!;
    expect([focus.rowsRead, focus.rowsImported, focus.rowsRejected]).toEqual([12, 12, 0]);
    // --json says where the time went, for both threads.
    expect(focus.profile.map((p) => `${p.thread}: ${p.stage}`)).toEqual(expect.arrayContaining(['read: read the file (decompress, decode, tokenise)', 'write: insert rows (SQLite)', 'write: commit']));
    // README: USD 988.360000042 (11 rows), EUR 7.89 (1 row).
    expect(focus.totals.map((t) => [t.currency, t.sourceTotal, t.importedTotal, t.reconciled])).toEqual([
      ['EUR', '7.89', '7.89', true],
      ['USD', '988.360000042', '988.360000042', true],
    ]);
    // Progress goes to stderr as plain lines when stderr is not a terminal.
    expect(stderr).toMatch(/focus-1\.2-ai\.csv: \d+\/\d+ /);
  });

  it('exits 1 when the same file is imported again, naming the earlier import', () => {
    const { status, files } = importJson([fixture('focus', 'focus-1.2-ai.csv')]);
    expect(status).toBe(1);
    expect(files[0]).toMatchObject({ status: 'failed', error: { code: 'conflict' } });
    expect(files[0]!.error!.message).toContain('already imported: import #1 (focus-1.2-ai.csv');
  });

  it('exits 2 for a file it cannot recognise, and still imports the others', () => {
    const notes = path.join(dir, 'notes.csv');
    writeFileSync(notes, 'name,colour\nalice,blue\n');
    const { status, files } = importJson([notes, fixture('openai-costs', 'costs-page.json')]);
    expect(status).toBe(2);
    expect(files.map((f) => f.status)).toEqual(['failed', 'imported']);
    expect(files[0]!.error!.code).toBe('unrecognised_format');
  });

  it('lists rejected rows with row, field and reason; aborts by default, imports the rest on request', () => {
    const openAiUsage = importJson([fixture('openai-usage', 'completions-page.json'), '--on-overlap', 'keep']);
    expect(openAiUsage.status).toBe(2);
    expect(openAiUsage.files[0]!.rejected).toEqual([{ row: 18, field: 'input_cached_tokens', reason: 'cached tokens (20) exceed input tokens (10), which include them', value: '20' }]);
    const rest = importJson([fixture('openai-usage', 'completions-page.json'), '--on-rejects', 'import', '--on-overlap', 'keep']);
    expect(rest.status).toBe(0);
    expect(rest.files[0]).toMatchObject({ status: 'imported', rowsRead: 4, rowsImported: 3, rowsRejected: 1, totals: [] });
  });

  it('reads a generic file with --mapping FILE, and --dry-run writes nothing', () => {
    const dry = importJson([fixture('generic', 'litellm-spend.csv'), '--mapping', fixture('generic', 'litellm-mapping.yaml'), '--dry-run']);
    expect(dry.status).toBe(0);
    expect(dry.files[0]).toMatchObject({ status: 'dry_run', importId: null, format: 'generic', rowsRead: 4, totals: [{ currency: 'USD', sourceTotal: '0.019', reconciled: true }] });
    const before = JSON.parse(aispend(['imports', '--workspace', workspace, '--json'], env).stdout) as { imports: unknown[] };
    // The gateway's OpenAI and Anthropic rows fall on days the vendors' own bills above cover: flagged, kept on purpose.
    // OpenAI's usage report of the same days (completions-page.json) carries no cost: it is not a second bill, so not an overlap.
    expect((dry.files[0] as FileReport & { overlaps: { fileName: string }[] }).overlaps.map((o) => o.fileName)).toEqual(['cost-report.json', 'costs-page.json']);
    const asked = importJson([fixture('generic', 'litellm-spend.csv'), '--mapping', fixture('generic', 'litellm-mapping.yaml')]);
    expect([asked.status, asked.files[0]!.error!.code]).toEqual([1, 'conflict']);
    expect(asked.files[0]!.error!.message).toContain('overlaps import #');
    const real = importJson([fixture('generic', 'litellm-spend.csv'), '--mapping', fixture('generic', 'litellm-mapping.yaml'), '--on-overlap', 'keep']);
    expect(real.status).toBe(0);
    const after = JSON.parse(aispend(['imports', '--workspace', workspace, '--json'], env).stdout) as { imports: { fileName: string; mappingName: string | null }[] };
    expect(after.imports.length).toBe(before.imports.length + 1);
    expect(after.imports[0]).toMatchObject({ fileName: 'litellm-spend.csv', mappingName: 'litellm-mapping' });
  });

  it('prints tax, credits and refunds as their own lines under the imported total', () => {
    const run = aispend(['import', fixture('aws-cur', 'cur2-bedrock.csv'), '--workspace', workspace, '--dry-run'], env);
    expect(run.status).toBe(0);
    // The fixture's README: usage 14,409.5041 + tax 1.23 − credit 100.00 − refund 5.00 = 14,305.7341, shown 14,305.73;
    // the parts shown (14,409.50 + 1.23 − 100.00 − 5.00) add up to it.
    expect(run.stdout).toMatch(/USD\s+14,305\.73\s+14,305\.73/);
    expect(run.stdout).toMatch(/of which usage\s+8 lines\s+14,409\.50/);
    expect(run.stdout).toMatch(/of which tax\s+1 line\s+1\.23/);
    expect(run.stdout).toMatch(/of which credits\s+1 line\s+-100\.00/);
    expect(run.stdout).toMatch(/of which refunds\s+1 line\s+-5\.00/);
  });

  it('lists imports as a table for people', () => {
    const run = aispend(['imports', '--workspace', workspace], env);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/focus-1\.2-ai\.csv\s+focus 1\.2\s+complete/);
    expect(run.stdout).toContain('988.36');
    expect(run.stdout).toMatch(/completions-page\.json\s+openai-usage completions\s+partial \(usage only\)/);
  });
});

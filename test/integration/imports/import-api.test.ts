import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnMapping } from '../../../shared/api/imports';
import { isWorkbenchError } from '../../../shared/domain/errors';
import { startBackend } from '../../helpers/backend';

type Started = Awaited<ReturnType<typeof startBackend>>;

const FIXTURES = path.resolve(__dirname, '../../fixtures/formats');
const fixture = (...parts: string[]) => path.join(FIXTURES, ...parts);

describe('import wizard API: detect, preview, mappings, remove', () => {
  let s: Started;

  beforeAll(async () => {
    s = await startBackend({ openDemo: false });
    await s.client.call('workspace.new', { path: path.join(s.dir, 'Analysis 2026.aispend') });
  });
  afterAll(async () => s.stop());

  it('detects the format and version with its confidence and the columns that decided it', async () => {
    const found = await s.client.call('imports.detect', { path: fixture('focus', 'focus-1.2-ai.csv') });
    expect(found.fileKind).toBe('csv');
    expect(found.detections[0]).toMatchObject({ formatId: 'focus', version: '1.2', confidence: 1, label: 'FOCUS cost and usage export (1.0–1.3)' });
    expect(found.detections[0]!.decidedBy).toEqual(expect.arrayContaining(['BilledCost', 'ChargePeriodStart', 'InvoiceId']));
    expect(found.header).toContain('SkuPriceDetails');
    expect(found.sampleRows).toHaveLength(12);
    expect(found.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(found.alreadyImported).toBeNull();
    expect(found.unrecognised).toBeNull();
    expect(found.reader).toMatchObject({ encoding: 'utf-8', delimiter: ',' });

    const generic = await s.client.call('imports.detect', { path: fixture('generic', 'litellm-spend.csv') });
    expect(generic.detections).toEqual([]);
    expect(generic.unrecognised).toContain('no known statement format matches columns "request_id", "startTime"');
  });

  it('previews the first rows as they will land, with rejected rows and reasons, writing nothing', async () => {
    const preview = await s.client.call('imports.preview', { path: fixture('openai-usage', 'completions-page.json'), rows: 50 });
    expect(preview.detection.formatId).toBe('openai-usage');
    expect(preview.costBasis).toBe('list');
    // README: 12 lines from results 1, 2 and 4; result 3 rejected.
    expect(preview.lines).toHaveLength(12);
    expect(preview.lines.every((l) => l.billedCost === null)).toBe(true);
    expect(preview.lines[0]).toMatchObject({ model: 'gpt-4o-mini', usageClass: 'input', quantity: 200, provider: 'openai' });
    expect([preview.rowsRead, preview.rowsRejected]).toEqual([4, 1]);
    expect(preview.rejected[0]).toMatchObject({ field: 'input_cached_tokens', value: '20' });
    expect(preview.unknownModels.map((m) => m.modelId)).toContain('gpt-9-preview');

    const focus = await s.client.call('imports.preview', { path: fixture('focus', 'focus-1.2-ai.csv'), rows: 3 });
    expect(focus.lines.map((l) => [l.sourceRow, l.model, l.usageClass, l.billedCost])).toEqual([
      [2, 'gpt-4o', 'input', '12.50'],
      [3, 'gpt-4o', 'cached_input', '0.625'],
      [4, 'gpt-4o', 'output', '20.00'],
    ]);
    // 12.50 + 0.625 + 20.00 = 33.125
    expect(focus.totals).toEqual([{ currency: 'USD', sourceTotal: '33.125', importedTotal: '33.125', rejectedTotal: '0.00', difference: '0.00', reconciled: true, categories: [{ category: 'usage', importedTotal: '33.125', lines: 3 }] }]);
    expect((await s.client.call('workspace.info', {})).ledgerLines).toBe(0);
  });

  it('lets the user override the detected format, and says why a wrong choice cannot read the file', async () => {
    const error = await s.client.call('imports.preview', { path: fixture('anthropic-cost', 'cost-report.csv'), format: 'focus' }).catch((e: unknown) => e);
    expect(isWorkbenchError(error) && [error.code, error.field, error.file]).toEqual(['invalid_file', 'BilledCost', 'cost-report.csv']);
    const versioned = await s.client.call('imports.preview', { path: fixture('focus', 'focus-1.2-ai.csv'), format: 'focus', version: '1.0', rows: 1 });
    expect(versioned.detection).toMatchObject({ formatId: 'focus', version: '1.0' });
  });

  it('saves a column mapping as YAML beside the workspace and imports with it by name', async () => {
    const mapping = parseYaml(readFileSync(fixture('generic', 'litellm-mapping.yaml'), 'utf8')) as ColumnMapping;
    const saved = await s.client.call('imports.mappings.save', { name: 'litellm', mapping });
    expect(saved.file).toBe(path.join(s.dir, 'Analysis 2026.mappings', 'litellm.yaml'));
    expect(readFileSync(saved.file, 'utf8')).toContain('chargePeriodStart: startTime');
    const clash = await s.client.call('imports.mappings.save', { name: 'litellm', mapping }).catch((e: unknown) => e);
    expect(isWorkbenchError(clash) && clash.code).toBe('conflict');

    const listed = await s.client.call('imports.mappings.list', {});
    expect(listed.mappings).toEqual([{ name: 'litellm', file: saved.file, mappingName: 'LiteLLM spend logs', columns: expect.arrayContaining(['startTime', 'spend', 'prompt_tokens']) }]);
    const found = await s.client.call('imports.detect', { path: fixture('generic', 'litellm-spend.csv') });
    expect(found.matchingMappings).toEqual(['litellm']);

    const result = await s.client.runJob('imports.run', { path: fixture('generic', 'litellm-spend.csv'), mappingName: 'litellm' }).result;
    // README: 4 rows → 8 lines; USD 0.0045 + 0.0135 + 0 + 0.001 = 0.019.
    expect([result.detection.formatId, result.rowsImported, result.linesImported]).toEqual(['generic', 4, 8]);
    expect(result.totals).toEqual([{ currency: 'USD', sourceTotal: '0.019', importedTotal: '0.019', rejectedTotal: '0.00', difference: '0.00', reconciled: true, categories: [{ category: 'usage', importedTotal: '0.019', lines: 8 }] }]);
    const stored = await s.client.call('imports.get', { importId: result.importId! });
    expect(stored.mappingName).toBe('litellm');
    const yaml = s.backend.workspace().db.prepare('SELECT mapping FROM imports WHERE id = ?').get(result.importId) as { mapping: string };
    expect(yaml.mapping).toContain('prompt_tokens');
  });

  it('removes an import with its lines in one step', async () => {
    const { imports } = await s.client.call('imports.list', {});
    const before = await s.client.call('workspace.info', {});
    const removed = await s.client.call('imports.remove', { importId: imports[0]!.id });
    expect(removed.removedLines).toBe(8);
    const after = await s.client.call('workspace.info', {});
    expect([after.imports, after.ledgerLines]).toEqual([before.imports - 1, before.ledgerLines - 8]);
    expect(s.backend.workspace().auditEntries(1)[0]).toMatchObject({ action: 'import.removed' });
  });

  it('lists the formats it reads for the override choice', async () => {
    const { formats } = await s.client.call('imports.formats', {});
    expect(formats.map((f) => f.id)).toContain('aispend-ledger');
    expect(formats.find((f) => f.id === 'openai-usage')?.costBasis).toBeNull();
  });

  it('prices usage-only lines from the price book after the import (list cost, never a bill of 0)', async () => {
    const result = await s.client.runJob('imports.run', { path: fixture('openai-usage', 'completions-page.json'), onRejects: 'import' }).result;
    await s.backend.jobs.idle();
    const db = s.backend.workspace().db;
    const priced = db
      .prepare("SELECT model, usage_class, quantity, CAST(list_cost AS TEXT) AS list, cost_basis FROM ledger_lines WHERE import_id = ? AND model = 'gpt-4o-mini' AND usage_class = 'output'")
      .get(result.importId) as { model: string; usage_class: string; quantity: number; list: string | null; cost_basis: string };
    // gpt-4o-mini output lists at $0.60 per million tokens: 500 tokens = $0.0003 = 300,000 nano-dollars.
    expect(priced).toEqual({ model: 'gpt-4o-mini', usage_class: 'output', quantity: 500, list: '300000', cost_basis: 'list' });
    // The ledger API says so, so no view reads the stored 0 as a bill.
    const page = await s.client.call('ledger.query', { offset: 0, limit: 5, filters: [{ field: 'importId', op: 'eq', value: result.importId! }] });
    expect(page.rows.map((r) => r.costBasis)).toEqual(['list', 'list', 'list', 'list', 'list']);
    const unknown = db.prepare("SELECT list_cost FROM ledger_lines WHERE import_id = ? AND model = 'gpt-9-preview'").all(result.importId) as { list_cost: null }[];
    expect(unknown.every((u) => u.list_cost === null)).toBe(true);
    expect(existsSync(path.join(s.dir, 'Analysis 2026.aispend'))).toBe(true);
  });

  it('refuses a mapping file path in a name', async () => {
    const error = await s.client.call('imports.mappings.get', { name: '../secrets' }).catch((e: unknown) => e);
    expect(isWorkbenchError(error) && error.code).toBe('bad_input');
    writeFileSync(path.join(s.dir, 'Analysis 2026.mappings', 'broken.yaml'), 'columns: [1, 2');
    const listed = await s.client.call('imports.mappings.list', {});
    expect(listed.mappings.map((m) => m.name)).toEqual(['litellm']);
  });
});

describe('reconciliation: tax, credits and refunds as their own lines under the total', () => {
  let s: Started;
  beforeAll(async () => {
    s = await startBackend({ openDemo: false });
    await s.client.call('workspace.new', { path: path.join(s.dir, 'Bedrock.aispend') });
  });
  afterAll(async () => s.stop());

  it('splits the imported total by charge category in the run, the preview and the stored import', async () => {
    const file = fixture('aws-cur', 'cur2-bedrock.csv');
    // The fixture's README: usage 14,409.5041 + tax 1.23 − credit 100.00 − refund 5.00 = 14,305.7341.
    const expected = [
      { category: 'usage', importedTotal: '14409.5041', lines: 8 },
      { category: 'tax', importedTotal: '1.23', lines: 1 },
      { category: 'credit', importedTotal: '-100.00', lines: 1 },
      { category: 'refund', importedTotal: '-5.00', lines: 1 },
    ];
    const preview = await s.client.call('imports.preview', { path: file, rows: 50 });
    expect(preview.totals[0]).toMatchObject({ importedTotal: '14305.7341', categories: expected });
    const run = await s.client.runJob('imports.run', { path: file }).result;
    expect(run.totals[0]).toMatchObject({ importedTotal: '14305.7341', categories: expected });
    const stored = await s.client.call('imports.get', { importId: run.importId! });
    expect(stored.totals[0]!.categories).toEqual(expected);
  });
});

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkbenchError } from '../../../shared/domain/errors';
import { startBackend } from '../../helpers/backend';
import { createLedgerWorkspace, usageLine } from '../../helpers/ledger-workspace';

type Started = Awaited<ReturnType<typeof startBackend>>;

/**
 * A small ledger whose vendors gave no list cost (except one line), with a
 * model the price book does not know.
 */
const LINES = [
  // 3M tokens × $2.00/M = $6.00
  usageLine('2026-06-10', { model: 'gpt-4.1', usageClass: 'input', quantity: 3_000_000, billed: '6.00' }),
  // 1,234,567 × $8.00/M = $9.876536
  usageLine('2026-07-15', { model: 'gpt-4.1', modelRaw: 'gpt-4.1-2025-04-14', usageClass: 'output', quantity: 1_234_567, billed: '9.876536' }),
  // 333,333 × $0.075/M = $0.024999975
  usageLine('2026-07-15', { model: 'gpt-4o-mini', usageClass: 'cached_input', quantity: 333_333, billed: '0.02' }),
  // 2M × $2.00/M = $4.00 (before any override)
  usageLine('2026-07-20', { model: 'gpt-4.1', usageClass: 'input', quantity: 2_000_000, billed: '4.00' }),
  // Google cache reads at $0.01875/M: 1,000,001 × 18.75 nano = 18,750,018.75 nano, rounded half-even to 18,750,019 nano.
  usageLine('2026-07-15', { provider: 'google', model: 'gemini-1.5-flash', usageClass: 'cached_input', quantity: 1_000_001, billed: '0.02' }),
  // A model nobody has priced yet.
  usageLine('2026-07-15', { model: null, modelRaw: 'gpt-9-preview', usageClass: 'input', quantity: 5_000_000, billed: '12.50' }),
  // The vendor's own list cost is kept.
  usageLine('2026-07-15', { provider: 'anthropic', model: 'claude-haiku-4-5', usageClass: 'input', quantity: 1_000_000, billed: '0.90', list: '1.00' }),
  // Not usage: never priced.
  usageLine('2026-07-31', { model: null, usageClass: 'other', chargeCategory: 'credit', quantity: 1, billed: '-5.00' }),
];

describe('price book API on a workspace', () => {
  let s: Started;
  beforeAll(async () => {
    s = await startBackend({ openDemo: false });
    const file = path.join(s.dir, 'prices.aispend');
    createLedgerWorkspace(file, LINES);
    await s.client.call('workspace.open', { path: file });
  });
  afterAll(async () => s.stop());

  async function listCosts(): Promise<Map<string, string | null>> {
    const page = await s.client.call('ledger.query', { sort: [{ field: 'id', dir: 'asc' }], limit: 100 });
    return new Map(page.rows.map((r) => [`${r.chargePeriodStart.slice(0, 10)} ${r.model ?? r.modelRaw} ${r.usageClass}`, r.listCost]));
  }

  it('says where its prices come from and as of when', async () => {
    const info = await s.client.call('pricing.info', {});
    expect(info).toMatchObject({ catalogueAsOf: '2026-09-23', cataloguePackage: '@pydantic/genai-prices', catalogueVersion: '0.1.8', userRows: 0 });
    expect(info.providers.map((p) => p.id)).toEqual(expect.arrayContaining(['openai', 'anthropic', 'google', 'aws', 'azure', 'mistral']));
  });

  it('fills list costs the vendors did not give, exactly, and never prices an unknown model at zero', async () => {
    const result = await s.client.runJob('pricing.fillListCosts', {}).result;
    expect(result).toMatchObject({ filled: 5, unpriced: 1, status: { vendor: 1, priceBook: 5, missing: 1 } });
    const costs = await listCosts();
    expect(costs.get('2026-06-10 gpt-4.1 input')).toBe('6.00');
    expect(costs.get('2026-07-15 gpt-4.1 output')).toBe('9.876536');
    expect(costs.get('2026-07-15 gpt-4o-mini cached_input')).toBe('0.024999975');
    expect(costs.get('2026-07-15 gemini-1.5-flash cached_input')).toBe('0.018750019');
    expect(costs.get('2026-07-15 gpt-9-preview input')).toBeNull();
    expect(costs.get('2026-07-15 claude-haiku-4-5 input')).toBe('1.00');
    expect(costs.get('2026-07-31 null other')).toBeNull();
    const unknown = await s.client.call('pricing.unknownModels', {});
    expect(unknown.models).toEqual([{ provider: 'openai', model: 'gpt-9-preview', modelRaw: 'gpt-9-preview', lines: 1, firstMonth: '2026-07', lastMonth: '2026-07', billedCost: '12.50', currency: 'USD' }]);
  });

  it('names the row that priced a lookup, with its source note', async () => {
    const batch = await s.client.call('pricing.lookup', { provider: 'openai', model: 'gpt-4.1-2025-04-14', usageClass: 'input', serviceTier: 'batch', date: '2026-07-01' });
    expect(batch).toMatchObject({ ok: true, model: 'gpt-4.1', rowId: 'cat:openai:gpt-4.1:input:standard:0:*:start', multiplierId: 'sup:openai:batch', price: '1.00', per: 1_000_000, verify: false });
    // A supplement row resting on a secondary source says so.
    const band = await s.client.call('pricing.lookup', { provider: 'aws', model: 'global.anthropic.claude-sonnet-4-5-20250929-v1:0', usageClass: 'input', date: '2026-07-01', promptTokens: 250_000 });
    expect(band).toMatchObject({ ok: true, rowId: 'sup:aws:claude-sonnet-4-5:input:ctx200k:global', price: '6.00', source: 'supplement', verify: true });
    const unknown = await s.client.call('pricing.lookup', { provider: 'openai', model: 'gpt-9-preview', usageClass: 'input', date: '2026-07-01' });
    expect(unknown).toMatchObject({ ok: false, reason: 'unknown_model' });
  });

  it('lists rows in force on a day, searched, with the verify flag', async () => {
    const page = await s.client.call('pricing.rows', { provider: 'openai', model: 'gpt-4.1', asOf: '2026-07-01' });
    expect(page.rows.map((r) => `${r.row.usageClass}/${r.row.serviceTier}`)).toEqual(expect.arrayContaining(['input/standard', 'cached_input/standard', 'output/standard']));
    expect(page.total).toBe(page.rows.length);
    const verify = await s.client.call('pricing.rows', { search: 'ptu', provider: 'azure' });
    expect(verify.rows.some((r) => r.verify)).toBe(true);
  });

  it('overrides a price from a date: earlier days keep the old price, list costs are refilled', async () => {
    const before = (await s.client.call('workspace.audit', { limit: 1000 })).entries.length;
    const row = await s.client.call('pricing.override', { baseRowId: 'cat:openai:gpt-4.1:input:standard:0:*:start', price: '1.80', effectiveFrom: '2026-07-01', note: 'renegotiated list' });
    expect(row).toMatchObject({ source: 'user', effectiveFrom: '2026-07-01', price: '1.8', note: 'renegotiated list' });
    await s.backend.jobs.idle();
    const costs = await listCosts();
    expect(costs.get('2026-06-10 gpt-4.1 input')).toBe('6.00');
    // 2M × $1.80/M
    expect(costs.get('2026-07-20 gpt-4.1 input')).toBe('3.60');
    const rows = await s.client.call('pricing.rows', { provider: 'openai', model: 'gpt-4.1', usageClass: 'input', serviceTier: 'standard' });
    expect(rows.rows.find((r) => r.row.id === 'cat:openai:gpt-4.1:input:standard:0:*:start')?.overriddenFrom).toBe('2026-07-01');
    const audit = (await s.client.call('workspace.audit', { limit: 1000 })).entries;
    expect(audit.length).toBe(before + 2);
    expect(audit.map((e) => e.action).slice(0, 2).sort()).toEqual(['pricing.listCostsFilled', 'pricing.override']);
  });

  it('adds a model by cloning another; the unknown model is priced from then on', async () => {
    const { rows } = await s.client.call('pricing.cloneModel', { provider: 'openai', fromModel: 'gpt-4.1', toModel: 'gpt-9-preview', effectiveFrom: '2026-01-01', note: 'priced like gpt-4.1 until OpenAI publishes' });
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.every((r) => r.source === 'user' && r.model === 'gpt-9-preview')).toBe(true);
    await s.backend.jobs.idle();
    expect((await s.client.call('pricing.unknownModels', {})).models).toEqual([]);
    // Copied on 2026-01-01, before the $1.80 override: 5M × $2.00/M.
    expect((await listCosts()).get('2026-07-15 gpt-9-preview input')).toBe('10.00');
    const single = await s.client.call('pricing.cloneRow', { rowId: 'cat:openai:gpt-4o-mini:input:standard:0:*:start', model: 'gpt-4o-mini-acme', price: '0.12' });
    expect(single).toMatchObject({ model: 'gpt-4o-mini-acme', price: '0.12', source: 'user', usageClass: 'input' });
  });

  it('exports and imports CSV: an exported book imports back unchanged; a bad row rejects the file', async () => {
    const all = await s.client.call('pricing.exportCsv', {});
    const info = await s.client.call('pricing.info', {});
    expect(all.rows).toBe(info.rows);
    const back = await s.client.runJob('pricing.importCsv', { csv: all.csv, fileName: 'book.csv' }).result;
    expect(back).toEqual({ added: 0, replaced: 0, unchanged: all.rows });
    // Written to a file (the desktop save dialog's path) and read back from it.
    const file = path.join(s.dir, 'book.csv');
    expect((await s.client.call('pricing.exportCsv', { path: file })).path).toBe(file);
    expect(await s.client.runJob('pricing.importCsv', { path: file }).result).toEqual({ added: 0, replaced: 0, unchanged: all.rows });

    const user = await s.client.call('pricing.exportCsv', { sources: ['user'] });
    const lines = user.csv.trimEnd().split('\r\n');
    const header = lines[0]!.split(',');
    const priceColumn = header.indexOf('price');
    const cells = lines[1]!.split(',');
    cells[priceColumn] = '-2.00';
    const bad = [lines[0], lines[1], cells.join(',')].join('\r\n');
    const before = (await s.client.call('pricing.info', {})).userRows;
    const error = (await s.client.runJob('pricing.importCsv', { csv: bad, fileName: 'bad.csv' }).result.catch((e: unknown) => e)) as WorkbenchError;
    expect(error).toMatchObject({ code: 'invalid_file', file: 'bad.csv', row: 3, field: 'price' });
    expect((await s.client.call('pricing.info', {})).userRows).toBe(before);

    // A changed price in an imported file becomes a user row.
    const changed = [lines[0], lines[1]!.replace(/,1\.80,/, ',1.75,')].join('\r\n');
    const imported = await s.client.runJob('pricing.importCsv', { csv: changed, fileName: 'mine.csv' }).result;
    expect(imported.added + imported.replaced).toBe(1);
  });

  it('refuses to delete catalogue rows', async () => {
    const e = (await s.client.call('pricing.deleteUserRow', { id: 'cat:openai:gpt-4.1:input:standard:0:*:start' }).catch((x: unknown) => x)) as WorkbenchError;
    expect(e).toMatchObject({ code: 'not_found', field: 'id' });
  });
});

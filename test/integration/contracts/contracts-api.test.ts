import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { termSheetWorkbook } from '../../../scenarios/contracts/build-examples';
import { loadContractYaml } from '../../../shared/domain/contracts/load';
import { ContractFileSchema } from '../../../shared/domain/contracts/schema';
import { bundledPriceBook } from '../../../shared/domain/pricebook/bundled';
import { parseExactYaml } from '../../../shared/domain/yaml-text';
import { type WorkbenchError } from '../../../shared/domain/errors';
import { startBackend } from '../../helpers/backend';
import { REPO_ROOT, tempDir } from '../../helpers/temp';

type Started = Awaited<ReturnType<typeof startBackend>>;

const HEAD = `name: Acme × OpenAI 2027
vendor: openai
currency: USD
`;

const { dir, cleanup } = tempDir('aispend-contracts-api-');

describe('contracts API', () => {
  let s: Started;
  beforeAll(async () => {
    s = await startBackend();
  });
  afterAll(async () => {
    await s.stop();
    cleanup();
  });

  /** What must not change when a save is refused: the stored contracts and the audit log. */
  async function snapshot(): Promise<string> {
    const { contracts } = await s.client.call('contracts.list', {});
    const audit = await s.client.call('workspace.audit', { limit: 1000 });
    return JSON.stringify([contracts, audit.entries.length]);
  }

  async function refused(yaml: string, fileName = 'offer-2027.yaml'): Promise<WorkbenchError> {
    const before = await snapshot();
    const error = await s.client.call('contracts.save', { yaml, fileName }).then(
      () => {
        throw new Error('expected the save to be refused');
      },
      (e: unknown) => e as WorkbenchError,
    );
    expect(await snapshot()).toBe(before);
    return error;
  }

  it('refuses overlapping periods for one vendor, naming the file and field', async () => {
    const e = await refused(`${HEAD}term: { start: 2027-01-01, end: 2027-12-31 }\ndiscounts: [{ percentOff: 20 }]\n`);
    expect(e).toMatchObject({ code: 'invalid_file', file: 'offer-2027.yaml', field: 'term.start' });
    expect(e.message).toContain('overlaps the stored openai contract "Acme × OpenAI enterprise agreement" (openai-enterprise.yaml, 2025-11-01 to 2027-04-30)');
  });

  it('refuses negative and missing rates, unknown models, mixed currencies, a commitment without period, credits expiring before they start', async () => {
    const term = 'term: { start: 2027-05-01, end: 2028-04-30 }\n';
    const cases: [string, string, RegExp][] = [
      [`${HEAD}${term}rates:\n  - { model: gpt-4.1, usageClass: input, price: "-1.60" }\n`, 'rates[0].price', /must not be negative/],
      [`${HEAD}${term}rates:\n  - { model: gpt-4.1, usageClass: input }\n`, 'rates[0].price', /is required/],
      [`${HEAD}${term}discounts:\n  - { percentOff: 10, models: [gpt-4.1, gpt-9-ultra] }\n`, 'discounts[0].models[1]', /gpt-9-ultra.*does not know for openai/],
      [`${HEAD}${term}rates:\n  - { model: gpt-4.1, usageClass: input, price: "1.50", currency: EUR }\n`, 'rates[0].currency', /mixed currencies: EUR in a USD contract/],
      [`${HEAD}${term}commitment: { amount: "1000" }\n`, 'commitment.period', /a commitment needs a period/],
      [`${HEAD.replace('USD', 'EUR')}${term}discounts: [{ percentOff: 10 }]\n`, 'currency', /mixed currencies: openai's list prices are in USD but the contract is in EUR/],
      [`${HEAD}${term}credits:\n  grants:\n    - { id: promo, amount: "500", start: 2027-06-01, expires: 2027-05-31 }\n`, 'credits.grants[0].expires', /expires \(2027-05-31\) before it starts \(2027-06-01\)/],
    ];
    for (const [yaml, field, message] of cases) {
      const e = await refused(yaml);
      expect({ code: e.code, file: e.file, field: e.field }, yaml).toEqual({ code: 'invalid_file', file: 'offer-2027.yaml', field });
      expect(e.message).toMatch(message);
    }
  });

  it('validates without saving and lists every issue with its field, for the editor', async () => {
    const result = await s.client.call('contracts.validate', {
      yaml: `${HEAD}term: { start: 2027-05-01, end: 2027-04-30 }\nrates:\n  - { model: gpt-4.1, usageClass: input, price: abc }\n`,
      fileName: 'draft.yaml',
    });
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => i.field).sort()).toEqual(['rates[0].price', 'term.end']);
    const yamlError = await s.client.call('contracts.validate', { yaml: 'name: [unclosed', fileName: 'draft.yaml' });
    expect(yamlError.issues[0]?.message).toMatch(/not valid YAML.*line 1/);
  });

  it('saves, replaces under a new id, and deletes a contract, each with an audit entry', async () => {
    const saved = await s.client.call('contracts.save', { yaml: `${HEAD}id: openai-2027\nterm: { start: 2027-05-01, end: 2028-04-30 }\ndiscounts: [{ percentOff: "17.5" }]\n`, fileName: 'openai-2027.yaml' });
    expect(saved).toMatchObject({ id: 'openai-2027', vendor: 'openai', start: '2027-05-01', end: '2028-04-30', file: 'openai-2027.yaml', highlights: ['17.5% off list'] });
    // Saving a new contract under an id already stored is refused; editing it (previousId) replaces it.
    const again = await refused(`${HEAD}id: openai-2027\nterm: { start: 2029-01-01, end: 2029-12-31 }\n`, 'other.yaml');
    expect(again).toMatchObject({ code: 'invalid_file', file: 'other.yaml', field: 'id' });
    const renamed = await s.client.call('contracts.save', { yaml: `${HEAD}id: openai-2027b\nterm: { start: 2027-05-01, end: 2028-04-30 }\ndiscounts: [{ percentOff: 18 }]\n`, fileName: 'openai-2027.yaml', previousId: 'openai-2027' });
    expect(renamed.highlights).toEqual(['18% off list']);
    const ids = (await s.client.call('contracts.list', {})).contracts.map((c) => c.id);
    expect(ids).toEqual(['acme-anthropic-2025', 'acme-openai-enterprise', 'openai-2027b']);
    const got = await s.client.call('contracts.get', { id: 'openai-2027b' });
    expect(got.yaml).toContain('percentOff: 18');
    expect(await s.client.call('contracts.delete', { id: 'openai-2027b' })).toEqual({ deleted: true });
    expect(await s.client.call('contracts.delete', { id: 'openai-2027b' })).toEqual({ deleted: false });
    const audit = (await s.client.call('workspace.audit', { limit: 3 })).entries.map((e) => e.action);
    expect(audit).toEqual(['contract.deleted', 'contract.added', 'contract.added']);
  });

  it('reads a term-sheet workbook into YAML for review, and it saves', async () => {
    const sheet = path.join(REPO_ROOT, 'scenarios', 'contracts', 'azure-term-sheet-2027.xlsx');
    const read = await s.client.call('contracts.importFile', { path: sheet });
    expect(read.issues).toEqual([]);
    expect(read.fileName).toBe('azure-term-sheet-2027.xlsx');
    expect(read.yaml).toContain('vendor: azure');
    const saved = await s.client.call('contracts.save', { yaml: read.yaml, fileName: read.fileName });
    expect(saved.vendor).toBe('azure');
    await s.client.call('contracts.delete', { id: saved.id });
    // A YAML file reads the same way; this one is already stored, which the review says.
    const yaml = await s.client.call('contracts.importFile', { path: path.join(REPO_ROOT, 'scenarios', 'demo', 'contracts', 'openai-enterprise.yaml') });
    expect(yaml.yaml).toContain('percentOff: "15"');
    expect(yaml.issues.map((i) => i.field)).toEqual(['id']);
    const other = (await s.client.call('contracts.importFile', { path: path.join(REPO_ROOT, 'README.md') }).catch((e: unknown) => e)) as WorkbenchError;
    expect(other).toMatchObject({ code: 'invalid_file', file: 'README.md' });
  });

  it('reads a term sheet with a version block into YAML with versions:, and it saves with them', async () => {
    // The versioned fixture written as a term sheet ([Version 2]: from 2028-08-01, phase 2 pricing, new rates, a
    // commitment, a minimum fee, a ramp credit, pilot withdrawn), read back through the API the Contracts view uses.
    const file = 'test/fixtures/workbook/openai-versioned-contract.yaml';
    const parsed = ContractFileSchema.parse(parseExactYaml(readFileSync(path.join(REPO_ROOT, file), 'utf8'), file));
    const sheet = path.join(dir, 'versioned-openai.xlsx');
    writeFileSync(sheet, await termSheetWorkbook(parsed));
    const read = await s.client.call('contracts.importFile', { path: sheet });
    expect(read.issues).toEqual([]);
    // The same terms (amounts compared as money: a number cell reads back as "0.3" where the YAML says "0.30").
    const book = bundledPriceBook({ userRows: [] });
    const { file: _a, ...back } = loadContractYaml(read.yaml!, { file: 'versioned-openai.xlsx', book });
    const { file: _b, ...original } = loadContractYaml(readFileSync(path.join(REPO_ROOT, file), 'utf8'), { file, book });
    expect(back.versions).toHaveLength(1);
    expect(back).toEqual(original);
    expect(read.yaml).toContain('reason: phase 2 pricing');
    const saved = await s.client.call('contracts.save', { yaml: read.yaml!, fileName: read.fileName });
    expect(saved.id).toBe('versioned-openai');
    await s.client.call('contracts.delete', { id: saved.id });
  });

  it('refuses a price book edit that would leave a stored contract naming an unknown model', async () => {
    const { rows } = await s.client.call('pricing.cloneModel', { provider: 'openai', fromModel: 'gpt-4.1', toModel: 'gpt-4.1-acme-ft', effectiveFrom: '2026-01-01' });
    await s.client.call('contracts.save', { yaml: `${HEAD}id: ft\nterm: { start: 2028-05-01, end: 2028-12-31 }\ndiscounts: [{ percentOff: 5, models: [gpt-4.1-acme-ft] }]\n`, fileName: 'ft.yaml' });
    const input = rows.find((r) => r.usageClass === 'input' && r.serviceTier === 'standard')!;
    const error = await s.client.call('pricing.deleteUserRow', { id: input.id }).catch((e: unknown) => e as WorkbenchError);
    // Deleting one row leaves other rows of the model: still priced, so the contract still resolves.
    expect(error).toEqual({ deleted: true });
    let last: unknown;
    for (const r of rows.filter((x) => x.id !== input.id)) last = await s.client.call('pricing.deleteUserRow', { id: r.id }).catch((e: unknown) => e);
    expect(last).toMatchObject({ code: 'conflict', file: 'ft.yaml', field: 'discounts[0].models[0]' });
    expect((last as WorkbenchError).message).toMatch(/leave the stored contract ft \(ft\.yaml\) invalid/);
    await s.client.call('contracts.delete', { id: 'ft' });
  });
});

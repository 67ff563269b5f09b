import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend } from '../../helpers/backend';

type Started = Awaited<ReturnType<typeof startBackend>>;

const FIXTURES = path.resolve(__dirname, '../../fixtures/formats');

/** After a contract or the ledger changes, a stored check is shown with what changed, never dropped as "not checked yet". */
describe('invoice check: what changed since it ran', () => {
  let s: Started;
  beforeAll(async () => {
    s = await startBackend();
  });
  afterAll(async () => s.stop());

  const resave = async (id: string, edit: (yaml: string) => string) => {
    const { yaml, summary } = await s.client.call('contracts.get', { id });
    return s.client.call('contracts.save', { yaml: edit(yaml), fileName: summary.file, previousId: id });
  };

  it('keeps a one-contract check after the contract is saved, saying the contract changed since: run it again', async () => {
    const scope = { contractId: 'acme-openai-enterprise', month: '2026-10' };
    const run = await s.client.runJob('contracts.invoiceCheck', scope).result;
    expect(await s.client.call('contracts.lastInvoiceCheck', scope)).toMatchObject({ run: { runId: run.runId }, changedSince: null });

    await resave('acme-openai-enterprise', (y) => y.replace('percentOff: "15"', 'percentOff: "16"'));
    const after = await s.client.call('contracts.lastInvoiceCheck', scope);
    expect(after.run?.runId).toBe(run.runId);
    expect(after.changedSince).toEqual({ contractsChanged: ['Acme × OpenAI enterprise agreement'], contractsDeleted: [], importsAdded: 0, importsRemoved: 0, message: 'the contract changed since this check: run it again' });

    const again = await s.client.runJob('contracts.invoiceCheck', scope).result;
    expect(await s.client.call('contracts.lastInvoiceCheck', scope)).toMatchObject({ run: { runId: again.runId }, changedSince: null });
  });

  it('follows a contract whose id changes', async () => {
    const scope = { contractId: 'acme-openai-enterprise', month: '2026-10' };
    const run = await s.client.runJob('contracts.invoiceCheck', scope).result;
    await resave('acme-openai-enterprise', (y) => y.replace('id: acme-openai-enterprise', 'id: acme-openai-2026'));
    const moved = await s.client.call('contracts.lastInvoiceCheck', { ...scope, contractId: 'acme-openai-2026' });
    expect(moved.run?.runId).toBe(run.runId);
    expect(moved.run?.scope.contractId).toBe('acme-openai-2026');
    expect(moved.changedSince?.message).toBe('the contract changed since this check: run it again');
    expect((await s.client.call('contracts.lastInvoiceCheck', scope)).run).toBeNull();
  });

  it('names the contract changed, the contract deleted and the imports added or removed, for a check of every vendor', async () => {
    const run = await s.client.runJob('contracts.invoiceCheck', { month: '2026-10' }).result;
    expect((await s.client.call('contracts.lastInvoiceCheck', { month: '2026-10' })).changedSince).toBeNull();

    await resave('acme-anthropic-2025', (y) => y.replace('name: Acme × Anthropic commercial terms 2025–2027', 'name: Acme × Anthropic terms 2026'));
    let last = await s.client.call('contracts.lastInvoiceCheck', { month: '2026-10' });
    expect(last.run?.runId).toBe(run.runId);
    expect(last.changedSince?.message).toBe('the contract Acme × Anthropic terms 2026 changed since this check: run it again');

    await s.client.call('contracts.delete', { id: 'acme-openai-2026' });
    const imported = await s.client.runJob('imports.run', { path: path.join(FIXTURES, 'aws-cur', 'cur2-bedrock.csv') }).result;
    last = await s.client.call('contracts.lastInvoiceCheck', { month: '2026-10' });
    expect(last.changedSince).toEqual({
      contractsChanged: ['Acme × Anthropic terms 2026'],
      contractsDeleted: ['acme-openai-2026'],
      importsAdded: 1,
      importsRemoved: 0,
      message: 'the contract Acme × Anthropic terms 2026 changed; 1 contract it used was deleted (acme-openai-2026); 1 import added to the ledger since this check: run it again',
    });

    await s.client.runJob('contracts.invoiceCheck', { month: '2026-10' }).result;
    await s.client.call('imports.remove', { importId: imported.importId! });
    last = await s.client.call('contracts.lastInvoiceCheck', { month: '2026-10' });
    expect(last.changedSince).toMatchObject({ contractsChanged: [], contractsDeleted: [], importsAdded: 0, importsRemoved: 1, message: '1 import removed from the ledger since this check: run it again' });
  });
});

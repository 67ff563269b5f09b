import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillListCosts } from '../../../electron/backend/pricing/list-costs';
import { Workspace } from '../../../electron/backend/workspace/workspace';
import { bundledPriceBook } from '../../../shared/domain/pricebook/bundled';
import { aispend } from '../../helpers/cli';
import { createLedgerWorkspace, usageLine } from '../../helpers/ledger-workspace';
import { tempDir } from '../../helpers/temp';

const { dir, cleanup } = tempDir();
const env = { AISPEND_HOME: path.join(dir, 'home') };
const workspace = path.join(dir, 'azure.aispend');

/** Azure lines: curie output (Azure lists only its input price: OpenAI's curie output, borrowed), gpt-4o (not in Azure's catalogue: OpenAI's list), ada output (never borrowed). */
const LINES = [
  // 1,000,000 output tokens × $2 per M = $2.00 and 500,000 × $2 per M = $1.00, at OpenAI's curie price (the same GPT-3 model).
  usageLine('2026-09-01', { provider: 'azure', model: 'curie', usageClass: 'output', quantity: 1_000_000, billed: '2.00' }),
  usageLine('2026-09-02', { provider: 'azure', model: 'curie', usageClass: 'output', quantity: 500_000, billed: '1.00' }),
  // 1M input tokens × $2.50 = $2.50 at OpenAI's gpt-4o list price (Azure's catalogue does not list gpt-4o).
  usageLine('2026-09-01', { provider: 'azure', model: 'gpt-4o', usageClass: 'input', quantity: 1_000_000, billed: '2.50' }),
  // Azure's ada is an embedding model: its input is Azure's own $0.10 per M; an output line has no price (OpenAI's GPT-3 ada is another model).
  usageLine('2026-09-01', { provider: 'azure', model: 'ada', usageClass: 'input', quantity: 10_000_000, billed: '1.00' }),
  usageLine('2026-09-01', { provider: 'azure', model: 'ada', usageClass: 'output', quantity: 1_000_000, billed: '0.40' }),
];

describe('aispend pricebook borrowed', () => {
  beforeAll(() => {
    createLedgerWorkspace(workspace, LINES);
    // List costs from the price book, as the app fills them after an import.
    const ws = Workspace.open(workspace, { appVersion: 'test' });
    fillListCosts(ws, bundledPriceBook());
    ws.close();
  });
  afterAll(cleanup);

  it('lists the borrowed prices, the ledger lines priced with them and the shared names never borrowed', () => {
    const run = aispend(['pricebook', 'borrowed', '--workspace', workspace, '--json'], env);
    expect(run.status, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout) as {
      borrowed: { provider: string; model: string; usageClass: string; meter: string | null; from: string }[];
      sharedNames: { provider: string; model: string; publisher: string; why: string }[];
      ledger: { provider: string; model: string; usageClass: string; from: string; scope: string; lines: number }[];
    };
    expect(doc.borrowed).toContainEqual(expect.objectContaining({ provider: 'azure', model: 'o4-mini', usageClass: 'tool_call', meter: 'web_search', from: 'openai' }));
    expect(doc.sharedNames).toContainEqual({ provider: 'azure', model: 'ada', publisher: 'openai', why: "input_mtok 0.1 against the publisher's 0.4" });
    expect(doc.ledger).toEqual(
      expect.arrayContaining([
        { provider: 'azure', model: 'curie', usageClass: 'output', from: 'openai', scope: 'usage_class', lines: 2 },
        { provider: 'azure', model: 'gpt-4o', usageClass: 'input', from: 'openai', scope: 'model', lines: 1 },
      ]),
    );
    expect(doc.ledger.some((b) => b.model === 'ada')).toBe(false);
    const table = aispend(['pricebook', 'borrowed', '--workspace', workspace], env);
    expect(table.status, table.stderr).toBe(0);
    expect(table.stdout).toContain('Same name, different model (nothing borrowed)');
    expect(table.stdout).toMatch(/azure\s+curie\s+output\s+openai\s+class not listed by the reseller\s+2/);
  });

  it("leaves the ada output line without a list cost (OpenAI's GPT-3 ada is not Azure's ada) and prices the rest exactly", () => {
    const ws = Workspace.open(workspace, { appVersion: 'test' });
    const rows = ws.db.prepare('SELECT model, usage_class AS usageClass, CAST(list_cost AS TEXT) AS listCost FROM ledger_lines ORDER BY id').all();
    ws.close();
    // curie: 1M × $2/M = $2; 500,000 × $2/M = $1. gpt-4o: 1M × $2.50/M. ada input: 10M × $0.10/M = $1.00 (Azure's own price). ada output: none.
    expect(rows).toEqual([
      { model: 'curie', usageClass: 'output', listCost: '2000000000' },
      { model: 'curie', usageClass: 'output', listCost: '1000000000' },
      { model: 'gpt-4o', usageClass: 'input', listCost: '2500000000' },
      { model: 'ada', usageClass: 'input', listCost: '1000000000' },
      { model: 'ada', usageClass: 'output', listCost: null },
    ]);
  });
});

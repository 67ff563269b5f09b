import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { InvoiceCheckRun } from '../../shared/api/contracts';
import { startBackend } from './backend';
import { aispend } from './cli';
import { createLedgerWorkspace } from './ledger-workspace';
import type { LedgerLine } from '../../shared/domain/ledger-line';
import { tempDir } from './temp';

/**
 * A hand-made ledger and one contract file, checked through two doors: the CLI
 * (`aispend price --contract FILE`) and the API (contracts.invoiceCheck with the
 * same YAML). Call inside a describe: the workspace is written before its tests
 * and removed after them.
 */
export function contractCase(name: string, lines: readonly LedgerLine[], contract: { yaml: string; fileName: string }) {
  const { dir, cleanup } = tempDir();
  const env = { AISPEND_HOME: path.join(dir, 'home') };
  const workspace = path.join(dir, `${name}.aispend`);
  const contractFile = path.join(dir, contract.fileName);
  beforeAll(() => {
    createLedgerWorkspace(workspace, lines);
    writeFileSync(contractFile, contract.yaml);
  });
  afterAll(cleanup);
  return {
    workspace,
    /** `aispend price --workspace W --contract FILE ...args`. */
    price: (...args: string[]) => aispend(['price', '--workspace', workspace, '--contract', contractFile, ...args], env),
    /** The same check through the typed API, as the app runs it. */
    async viaApi(input: { month?: string } = {}): Promise<InvoiceCheckRun> {
      const s = await startBackend({ openDemo: false });
      try {
        await s.client.call('workspace.open', { path: workspace });
        return await s.client.runJob('contracts.invoiceCheck', { contract: { yaml: contract.yaml, fileName: contract.fileName }, ...input }).result;
      } finally {
        await s.stop();
      }
    },
  };
}

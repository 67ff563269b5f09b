import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fillListCosts } from '../pricing/list-costs';
import { priceBookFor } from '../pricing/price-book-service';
import { commit } from '../workspace/commit';
import type { Workspace } from '../workspace/workspace';
import { saveContract } from './contract-service';

/**
 * The demo's contracts (scenarios/demo/contracts/*.yaml) stored in the demo
 * workspace, and list costs filled where the demo statements give none, so
 * the invoice check works on first start.
 */
export function loadDemoContracts(workspace: Workspace, demoDir: string): number {
  const dir = path.join(demoDir, 'contracts');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => /\.ya?ml$/i.test(f)).sort() : [];
  for (const file of files) commit(workspace, () => saveContract(workspace, { yaml: readFileSync(path.join(dir, file), 'utf8'), fileName: file }));
  fillListCosts(workspace, priceBookFor(workspace));
  return files.length;
}

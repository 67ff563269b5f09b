import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { commit } from '../workspace/commit';
import type { Workspace } from '../workspace/workspace';
import { savePolicy } from './policy-service';

/** Stores the demo's allocation policy (scenarios/demo/allocation.yaml) when the demo has one. */
export function loadDemoAllocationPolicy(workspace: Workspace, demoDir: string): void {
  const file = path.join(demoDir, 'allocation.yaml');
  if (!existsSync(file)) return;
  commit(workspace, () => savePolicy(workspace, { yaml: readFileSync(file, 'utf8'), fileName: 'allocation.yaml' }));
}

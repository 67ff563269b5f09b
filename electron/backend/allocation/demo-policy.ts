import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadPolicyYaml } from '../../../shared/domain/allocation/policy';
import type { Workspace } from '../workspace/workspace';
import { PolicyRepository } from './policy-repository';

/** Stores the demo's allocation policy (scenarios/demo/allocation.yaml) when the demo has one. */
export function loadDemoAllocationPolicy(workspace: Workspace, demoDir: string): void {
  const file = path.join(demoDir, 'allocation.yaml');
  if (!existsSync(file)) return;
  const yaml = readFileSync(file, 'utf8');
  loadPolicyYaml(yaml, 'allocation.yaml');
  new PolicyRepository(workspace.db).save('allocation.yaml', yaml);
}

/**
 * The workspace's allocation policy: read (or a template to start from),
 * checked, and saved. Saving allocates the whole ledger with the new policy
 * first, so a split basis that sums to zero in some month is refused before
 * anything is stored.
 */
import type { MethodOutput } from '../../../shared/api';
import { checkPolicyYaml, loadPolicyYaml } from '../../../shared/domain/allocation/policy';
import { changed, type Change } from '../workspace/commit';
import type { Workspace } from '../workspace/workspace';
import { runAllocation } from './allocation-service';
import { PolicyRepository } from './policy-repository';
import { POLICY_TEMPLATE } from './policy-template';

export interface PolicyText {
  yaml: string;
  fileName: string;
}

export function getPolicy(workspace: Workspace): MethodOutput<'allocation.getPolicy'> {
  const stored = new PolicyRepository(workspace.db).get();
  if (!stored) return { yaml: POLICY_TEMPLATE, fileName: 'allocation.yaml', stored: false, issues: [] };
  const check = checkPolicyYaml(stored.yaml, stored.fileName);
  return { yaml: stored.yaml, fileName: stored.fileName, stored: true, issues: check.ok ? [] : check.issues };
}

export function validatePolicyText({ yaml, fileName }: PolicyText): MethodOutput<'allocation.validatePolicy'> {
  const check = checkPolicyYaml(yaml, fileName);
  return { ok: check.ok, issues: check.ok ? [] : check.issues };
}

export function savePolicy(workspace: Workspace, { yaml, fileName }: PolicyText): Change<MethodOutput<'allocation.savePolicy'>> {
  const policy = loadPolicyYaml(yaml, fileName);
  const { run } = runAllocation(workspace, policy);
  new PolicyRepository(workspace.db).save(fileName, yaml);
  return changed({ saved: true }, 'allocation.policySaved', {
    file: fileName,
    teams: policy.teams.length,
    rules: policy.rules.length,
    budgets: policy.budgets.length,
    allowances: policy.allowances.length,
    lines: run.stats.ledgerLines,
  });
}

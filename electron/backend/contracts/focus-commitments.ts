import type { MethodOutput } from '../../../shared/api';
import { csvDocument } from '../../../shared/domain/csv-text';
import { validateContract } from '../../../shared/domain/contracts/load';
import type { Contract } from '../../../shared/domain/contracts/types';
import { WorkbenchError } from '../../../shared/domain/errors';
import { parseExactYaml } from '../../../shared/domain/yaml-text';
import { CONTRACT_COMMITMENT_COLUMNS, contractCommitmentRows } from '../../../shared/formats/focus-commitments';
import { writeTextFile } from '../files/text-files';
import type { Workspace } from '../workspace/workspace';
import { ContractRepository } from './contract-repository';

/** The stored contracts as the FOCUS Contract Commitment dataset (shared/formats/focus-commitments.ts), as CSV text and, when asked, a file. */
export function exportFocusCommitments(workspace: Workspace, path: string | undefined): MethodOutput<'contracts.exportFocusCommitments'> {
  const contracts: Contract[] = new ContractRepository(workspace.db).list().map((stored) => {
    const checked = validateContract(parseExactYaml(stored.yaml, stored.fileName), { file: stored.fileName });
    if (!checked.ok) {
      const first = checked.issues[0];
      throw new WorkbenchError('invalid_file', `the stored contract no longer validates: ${first?.message ?? ''}`, { file: stored.fileName, ...(first ? { field: first.field } : {}) });
    }
    // The stored id is the one ContractApplied names.
    return { ...checked.contract, id: stored.id };
  });
  const rows = contractCommitmentRows(contracts);
  const csv = csvDocument(CONTRACT_COMMITMENT_COLUMNS, rows.map((r) => CONTRACT_COMMITMENT_COLUMNS.map((c) => r[c])));
  if (path) writeTextFile(path, csv);
  const withCommitment = new Set(rows.map((r) => r.ContractId)).size;
  return { csv, rows: rows.length, contracts: withCommitment, contractsWithoutCommitment: contracts.length - withCommitment, path: path ?? null };
}

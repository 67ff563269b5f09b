import { basename } from 'node:path';
import YAML from 'yaml';
import type { MethodOutput } from '../../../shared/api';
import { contractsFromCommitmentDataset, type CommitmentDraft } from '../../../shared/formats/focus-commitments';
import type { Workspace } from '../workspace/workspace';
import { readCommitmentDataset } from './commitment-dataset-file';
import { checkContractText } from './contract-service';

/**
 * A draft contract as YAML text: where it came from and what the dataset
 * leaves for the user to complete as comments at the top, then the terms.
 * The CLI writes it to a file; the app opens it in the contract editor.
 */
export function draftYaml(draft: CommitmentDraft, sourceName: string): string {
  const todo = draft.toComplete.map((t) => `#   ${t.field}: ${t.message}`);
  const head = ['# yaml-language-server: $schema=contract.schema.json', `# Drafted from ${sourceName}, rows ${draft.rows.join(', ')}.`, ...(todo.length > 0 ? ['# To complete before saving:', ...todo] : [])];
  return `${head.join('\n')}\n${YAML.stringify(draft.file, { lineWidth: 0 })}`;
}

/** A FOCUS 1.3 Contract Commitment dataset read into draft contracts, each checked as saving would check it; nothing is stored. */
export async function draftsFromCommitmentDataset(workspace: Workspace, path: string, vendor: string | undefined): Promise<MethodOutput<'contracts.draftsFromFocusCommitments'>> {
  const sourceName = basename(path);
  const records = await readCommitmentDataset(path);
  const drafts = contractsFromCommitmentDataset(records, sourceName, vendor === undefined ? {} : { vendor });
  return {
    fileName: sourceName,
    drafts: drafts.map((d) => {
      const yaml = draftYaml(d, sourceName);
      const fileName = `${String(d.file.id)}.yaml`;
      const check = checkContractText(workspace, yaml, fileName);
      return { contractId: d.contractId, fileName, yaml, toComplete: d.toComplete, rows: d.rows, issues: check.issues, valid: check.ok };
    }),
  };
}

import { basename } from 'node:path';
import type { MethodOutput } from '../../../shared/api';
import { contractsFromCommitmentDataset, draftYaml } from '../../../shared/formats/focus-commitments';
import type { Workspace } from '../workspace/workspace';
import { readCommitmentDataset } from '../files/commitment-dataset';
import { checkContractText } from './contract-service';

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

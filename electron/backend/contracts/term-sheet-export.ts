import path from 'node:path';
import type { MethodOutput } from '../../../shared/api';
import { ContractFileSchema } from '../../../shared/domain/contracts/schema';
import { WorkbenchError } from '../../../shared/domain/errors';
import { parseExactYaml } from '../../../shared/domain/yaml-text';
import { writeExportFile } from '../files/export-file';
import type { Workspace } from '../workspace/workspace';
import { getContract } from './contract-service';
import { termSheetWorkbook } from './term-sheet-writer';

/**
 * A stored contract as procurement's term-sheet workbook: the terms as
 * signed and each version after them, in the layout the import reads, so a
 * sheet sent out for review and returned edited comes back in as a contract.
 */
export async function exportTermSheet(workspace: Workspace, id: string, file: string, overwrite: boolean): Promise<MethodOutput<'contracts.exportTermSheet'>> {
  const stored = getContract(workspace, id);
  const fileName = `${id}.yaml`;
  const parsed = ContractFileSchema.safeParse(parseExactYaml(stored.yaml, fileName));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new WorkbenchError('invalid_file', `stored contract ${id} cannot be written as a term sheet: ${issue?.message ?? 'its terms do not read'}`, { file: fileName, field: issue?.path.join('.') ?? '' });
  }
  const bytes = await termSheetWorkbook(parsed.data);
  const written = writeExportFile(file, bytes, { overwrite });
  return { path: written, fileName: path.basename(written), versions: parsed.data.versions?.length ?? 0, bytes: bytes.byteLength };
}

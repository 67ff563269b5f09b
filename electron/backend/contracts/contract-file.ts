import { basename } from 'node:path';
import type { MethodOutput } from '../../../shared/api';
import { contractFileToYaml } from '../../../shared/domain/contracts/load';
import { WorkbenchError } from '../../../shared/domain/errors';
import { readContractText } from '../files/text-files';
import { priceBookFor } from '../pricing/price-book-service';
import type { Workspace } from '../workspace/workspace';
import { checkContractText } from './contract-service';
import { readTermSheet } from './term-sheet-reader';

/**
 * A contract file read for review, nothing stored: YAML as it is, or a
 * term-sheet workbook turned into contract YAML (its issues name the cell).
 * Checked against the workspace as saving would check it (overlaps, ids).
 */
export async function readContractFile(workspace: Workspace, path: string): Promise<MethodOutput<'contracts.importFile'>> {
  const fileName = basename(path);
  if (/\.ya?ml$/i.test(fileName)) {
    const yaml = readContractText(path);
    const check = checkContractText(workspace, yaml, fileName);
    return { yaml, issues: check.issues, fileName, termsValid: check.ok || check.termsValid };
  }
  if (!/\.(xlsx|xlsm|xls)$/i.test(fileName)) throw new WorkbenchError('invalid_file', 'a contract is a YAML file (.yaml) or a term-sheet workbook (.xlsx)', { file: fileName });
  const read = await readTermSheet(path, { book: priceBookFor(workspace) });
  if (read.validation.ok) {
    // Also against the stored contracts (overlaps, ids), as saving would.
    const yaml = read.yaml ?? contractFileToYaml(read.validation.parsed);
    return { yaml, issues: checkContractText(workspace, yaml, fileName).issues, fileName, termsValid: true };
  }
  // Not valid yet: still the terms as YAML, for the user to fix in the editor next to the messages.
  return { yaml: contractFileToYaml(read.mapped), issues: read.validation.issues, fileName, termsValid: false };
}

import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { WorkbenchClient } from '../../shared/api/client';
import { WorkbenchError } from '../../shared/domain/errors';

/** A contract file is YAML text; a term sheet is read by the backend into the same YAML (its problems name the cell). */
export async function readContractFile(file: string, client: WorkbenchClient): Promise<{ yaml: string; fileName: string }> {
  const fileName = path.basename(file);
  if (!existsSync(file) || !statSync(file).isFile()) throw new WorkbenchError('not_found', 'no such contract file', { file: fileName, field: '--contract' });
  if (/\.(xlsx|xlsm|xls)$/i.test(file)) {
    const read = await client.call('contracts.importFile', { path: path.resolve(file) });
    // Clashes with stored contracts are left to the command: pricing under a file does not store it, and saving checks them itself.
    if (!read.termsValid) {
      const issues = read.issues;
      const first = issues[0];
      const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
      throw new WorkbenchError('invalid_file', `${first?.message ?? 'the term sheet is not valid'}${first?.cell ? ` (cell ${first.cell})` : ''}${more}`, {
        file: fileName,
        ...(first?.field ? { field: first.field } : {}),
        details: { issues },
      });
    }
    return { yaml: read.yaml, fileName };
  }
  if (statSync(file).size > 2_000_000) throw new WorkbenchError('invalid_file', 'a contract file should be a few kilobytes of YAML', { file: fileName });
  return { yaml: readFileSync(file, 'utf8'), fileName };
}

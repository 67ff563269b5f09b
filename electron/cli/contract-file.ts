import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../shared/domain/errors';
import type { Backend } from '../backend/backend';
import { readTermSheet } from '../backend/contracts/term-sheet-reader';
import { priceBookFor } from '../backend/pricing/price-book-service';

/** A contract file is YAML text; a term sheet is read into the same YAML (its problems name the cell). */
export async function readContractFile(file: string, backend: Backend): Promise<{ yaml: string; fileName: string }> {
  const fileName = path.basename(file);
  if (!existsSync(file) || !statSync(file).isFile()) throw new WorkbenchError('not_found', 'no such contract file', { file: fileName, field: '--contract' });
  if (/\.(xlsx|xlsm|xls)$/i.test(file)) {
    const read = await readTermSheet(path.resolve(file), { book: priceBookFor(backend.workspace()) });
    if (!read.validation.ok || read.yaml === null) {
      const issues = read.validation.ok ? [] : read.validation.issues;
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

import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../../shared/domain/errors';

/** A contract is a page or two of YAML; anything much larger is not one. */
const MAX_CONTRACT_BYTES = 2_000_000;

export function readContractText(file: string): string {
  const name = path.basename(file);
  const size = statSync(file, { throwIfNoEntry: false })?.size;
  if (size === undefined) throw new WorkbenchError('not_found', 'no such file', { file: name });
  if (size > MAX_CONTRACT_BYTES) throw new WorkbenchError('invalid_file', `a contract file should be a few kilobytes of YAML; this one is ${size} bytes`, { file: name });
  return readFileSync(file, 'utf8');
}

/** Writes an export the user chose a place for (the desktop app's save dialog); the folder must exist. */
export function writeTextFile(file: string, text: string): void {
  const absolute = path.resolve(file);
  if (!existsSync(path.dirname(absolute))) throw new WorkbenchError('not_found', `the folder ${path.dirname(absolute)} does not exist`, { file: absolute });
  writeFileSync(absolute, text);
}

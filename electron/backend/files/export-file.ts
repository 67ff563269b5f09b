import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../../shared/domain/errors';

/**
 * Writes a small export (a term sheet) where the user chose: the folder must
 * exist, an existing file is replaced only when the caller says so (the save
 * dialog has asked), and the bytes go to a file beside the target that is
 * renamed into place, so a failed write never leaves half a file.
 */
export function writeExportFile(file: string, bytes: Uint8Array, options: { overwrite: boolean }): string {
  const target = path.resolve(file);
  if (!existsSync(path.dirname(target))) throw new WorkbenchError('not_found', `the folder ${path.dirname(target)} does not exist`, { file: target });
  if (existsSync(target) && !options.overwrite) throw new WorkbenchError('conflict', 'the file already exists; choose another name or overwrite it', { file: target });
  const partial = `${target}.${process.pid}.partial`;
  try {
    writeFileSync(partial, bytes);
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { force: true });
    // A full disk or a read-only folder reaches the user as what it is (toErrorInfo).
    throw error;
  }
  return target;
}

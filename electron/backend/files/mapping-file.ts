import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../../shared/domain/errors';
import type { GenericMapping } from '../../../shared/formats/generic/mapping';
import { parseMappingYaml } from '../../../shared/formats/generic/mapping-schema';

/** A mapping file is small; anything larger is not one. */
const MAX_MAPPING_BYTES = 256 * 1024;

/** Reads a generic column mapping (YAML, as the wizard saves it: the CLI's --mapping or the mappings folder), naming the file in errors. */
export function readMappingFile(file: string): GenericMapping {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new WorkbenchError('not_found', 'no such mapping file', { file });
  }
  if (size > MAX_MAPPING_BYTES) throw new WorkbenchError('bad_input', 'a column mapping file should be a few kilobytes of YAML', { file });
  return parseMappingYaml(readFileSync(file, 'utf8'), path.basename(file));
}

/**
 * Generic column mappings saved beside the workspace, one YAML file each:
 * `<folder of the workspace>/<workspace name>.mappings/<name>.yaml`. Beside
 * (not inside) the workspace so that a mapping is an ordinary file the user
 * can read, mail, keep in version control and pass to
 * `aispend import --mapping FILE`.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../../shared/domain/errors';
import { mappedColumns, mappingToYaml, parseMappingYaml, type GenericMapping } from '../../../shared/formats/generic/mapping';

/** A mapping file is small; anything larger is not one. */
const MAX_MAPPING_BYTES = 256 * 1024;

export function mappingsDir(workspacePath: string): string {
  return path.join(path.dirname(workspacePath), `${path.basename(workspacePath).replace(/\.aispend$/i, '')}.mappings`);
}

export interface SavedMappingInfo {
  name: string;
  file: string;
  columns: string[];
  mappingName: string | null;
  mapping: GenericMapping;
}

/** Reads a mapping YAML file (from the CLI's --mapping or the mappings folder), naming the file in errors. */
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

export function listMappings(workspacePath: string): SavedMappingInfo[] {
  const dir = mappingsDir(workspacePath);
  if (!existsSync(dir)) return [];
  const out: SavedMappingInfo[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!/\.ya?ml$/i.test(name)) continue;
    const file = path.join(dir, name);
    try {
      const mapping = readMappingFile(file);
      out.push({ name: name.replace(/\.ya?ml$/i, ''), file, columns: mappedColumns(mapping), mappingName: mapping.name ?? null, mapping });
    } catch {
      // A file someone edited into an invalid mapping is skipped here; opening it by name says why.
    }
  }
  return out;
}

function fileFor(workspacePath: string, name: string): string {
  if (name !== path.basename(name) || name.startsWith('.')) throw new WorkbenchError('bad_input', 'a mapping name cannot contain folders', { field: 'name' });
  return path.join(mappingsDir(workspacePath), `${name}.yaml`);
}

export function readSavedMapping(workspacePath: string, name: string): { file: string; mapping: GenericMapping; yaml: string } {
  const file = fileFor(workspacePath, name);
  if (!existsSync(file)) throw new WorkbenchError('not_found', `there is no saved mapping called "${name}"`, { file, field: 'mappingName' });
  const mapping = readMappingFile(file);
  return { file, mapping, yaml: readFileSync(file, 'utf8') };
}

export function saveMapping(workspacePath: string, name: string, mapping: GenericMapping, overwrite: boolean): string {
  const file = fileFor(workspacePath, name);
  if (existsSync(file) && !overwrite) throw new WorkbenchError('conflict', `a mapping called "${name}" already exists`, { file, field: 'name' });
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, mappingToYaml({ ...mapping, name: mapping.name ?? name }));
  return file;
}

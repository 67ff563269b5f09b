/**
 * Generic column mappings saved beside the workspace, one YAML file each:
 * `<folder of the workspace>/<workspace name>.mappings/<name>.yaml`. Beside
 * (not inside) the workspace so that a mapping is an ordinary file the user
 * can read, mail, keep in version control and pass to
 * `aispend import --mapping FILE`.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../../shared/domain/errors';
import { mappedColumns, type GenericMapping } from '../../../shared/formats/generic/mapping';
import { mappingToYaml } from '../../../shared/formats/generic/mapping-schema';
import { readMappingFile } from '../files/mapping-file';

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

/** The mappings folder and what each saved mapping reads, for the import wizard's list. */
export function savedMappings(workspacePath: string): { dir: string; mappings: Omit<SavedMappingInfo, 'mapping'>[] } {
  return { dir: mappingsDir(workspacePath), mappings: listMappings(workspacePath).map(({ name, file, columns, mappingName }) => ({ name, file, columns, mappingName })) };
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

/** Saves a mapping under a name; it must read at least one column of a file (constants alone map nothing). */
export function saveMapping(workspacePath: string, name: string, mapping: GenericMapping, overwrite: boolean): string {
  if (mappedColumns(mapping).length === 0) throw new WorkbenchError('bad_input', 'the mapping reads no column of the file', { field: 'mapping' });
  const file = fileFor(workspacePath, name);
  if (existsSync(file) && !overwrite) throw new WorkbenchError('conflict', `a mapping called "${name}" already exists`, { file, field: 'name' });
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, mappingToYaml({ ...mapping, name: mapping.name ?? name }));
  return file;
}

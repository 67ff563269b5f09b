import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../shared/domain/errors';

/** A policy or an assumptions file is a few kilobytes of YAML; anything much larger is not one. */
const MAX_BYTES = 2_000_000;

/** A YAML file named on the command line, as text and name (the API checks it and names the file in every problem). */
export function readYamlOption(file: string, option: string): { yaml: string; fileName: string } {
  const size = statSync(file, { throwIfNoEntry: false })?.size;
  if (size === undefined) throw new WorkbenchError('not_found', 'no such file', { file, field: option });
  if (size > MAX_BYTES) throw new WorkbenchError('invalid_file', `${option} takes a few kilobytes of YAML; this file is ${size} bytes`, { file, field: option });
  return { yaml: readFileSync(file, 'utf8'), fileName: path.basename(file) };
}

/** The --rules file as the API takes it; without --rules the workspace's stored policy is used. */
export function policySource(file: string | undefined): { yaml?: string; fileName?: string } {
  return file === undefined ? {} : readYamlOption(file, '--rules');
}

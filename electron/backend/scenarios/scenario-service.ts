import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RunOptions, type RunResult, type RunSource, type ScenarioFileSummary, type ValidationIssue } from '../../../shared/api/scenarios';
import { WorkbenchError } from '../../../shared/domain/errors';
import { checkScenarioYaml, resolveScenarioFile, type ResolvedScenarioFile, type ScenarioText } from '../../../shared/engine/scenario-file';
import { NO_WORKSPACE_PRICING, type PricingInputs } from '../../../shared/engine/tasks';
import { ContractRepository } from '../contracts/contract-repository';
import { priceBookFor } from '../pricing/price-book-service';
import { rowToWire } from '../../../shared/domain/pricebook/book';
import { changed, commit, unchanged, type Change } from '../workspace/commit';
import type { Workspace } from '../workspace/workspace';
import { RunRepository } from './run-repository';
import { runInWorkers, type RunControl } from './run-in-workers';
import { ScenarioFileRepository } from './scenario-file-repository';
import { applyWorkspaceInputs } from './workspace-inputs';

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** "scenarios/../x.yaml" style ids resolve like paths, but never above the workspace's top. */
function relativeId(fromId: string, relative: string): string {
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(fromId), relative));
  if (joined.startsWith('../') || joined === '..' || path.posix.isAbsolute(joined)) {
    throw new WorkbenchError('bad_input', `extends: ${relative} points outside the workspace's scenario files`, { file: fromId, field: 'extends' });
  }
  return joined;
}

/** What the list shows of a file; a file that no longer parses still lists, under its id. */
function summaryOf(id: string, yaml: string, updatedAt: string): ScenarioFileSummary {
  const { file } = checkScenarioYaml(yaml);
  return {
    id,
    name: file?.name ?? id,
    description: file?.description ?? null,
    extends: file?.extends ?? null,
    scenarios: file?.scenarios.map((s) => ({ id: s.id, name: s.name })) ?? [],
    updatedAt,
  };
}

export function listScenarioFiles(workspace: Workspace): ScenarioFileSummary[] {
  return new ScenarioFileRepository(workspace.db).list().map((f) => summaryOf(f.id, f.yaml, f.updatedAt));
}

export function getScenarioFile(workspace: Workspace, id: string): { id: string; yaml: string; updatedAt: string } {
  const file = new ScenarioFileRepository(workspace.db).get(id);
  if (!file) throw new WorkbenchError('not_found', `there is no scenario file ${id} in this workspace`, { field: 'id' });
  return { id: file.id, yaml: file.yaml, updatedAt: file.updatedAt };
}

/** The line of a top-level key, for issues about the file as a whole. */
function lineOfKey(yaml: string, key: string): number | null {
  const index = yaml.search(new RegExp(`^${key}\\s*:`, 'm'));
  return index < 0 ? null : yaml.slice(0, index).split('\n').length;
}

/** Schema issues, plus what only the workspace can tell: does the file it extends exist? */
export function checkWorkspaceScenario(workspace: Workspace, id: string, yaml: string): ValidationIssue[] {
  const { file, issues } = checkScenarioYaml(yaml);
  if (!file) return issues;
  if (file.extends !== undefined) {
    let target: string;
    try {
      target = relativeId(id, file.extends);
    } catch (error) {
      return [{ path: 'extends', message: (error as Error).message, line: lineOfKey(yaml, 'extends') }];
    }
    if (target === id) return [{ path: 'extends', message: 'a file cannot extend itself', line: lineOfKey(yaml, 'extends') }];
    if (!new ScenarioFileRepository(workspace.db).get(target)) {
      return [{ path: 'extends', message: `there is no scenario file ${target} in this workspace to extend`, line: lineOfKey(yaml, 'extends') }];
    }
  }
  return [];
}

/** Validates and stores a scenario file, to be committed with its audit entry; a file with issues is not stored. */
export function saveScenarioFile(workspace: Workspace, id: string, yaml: string): Change<{ id: string; saved: boolean; issues: ValidationIssue[] }> {
  const issues = checkWorkspaceScenario(workspace, id, yaml);
  if (issues.length > 0) return unchanged({ id, saved: false, issues });
  const name = checkScenarioYaml(yaml).file?.name ?? id;
  const how = new ScenarioFileRepository(workspace.db).upsert({ id, name, yaml }, new Date().toISOString());
  return changed({ id, saved: true, issues: [] }, how === 'added' ? 'scenario.added' : 'scenario.saved', { id, name, bytes: yaml.length });
}

/** Removes a scenario file and its saved runs; refused while another file extends it. */
export function deleteScenarioFile(workspace: Workspace, id: string): Change<{ deleted: boolean }> {
  const repo = new ScenarioFileRepository(workspace.db);
  const existing = repo.get(id);
  if (!existing) return unchanged({ deleted: false });
  for (const other of repo.list()) {
    if (other.id === id) continue;
    const ext = checkScenarioYaml(other.yaml).file?.extends;
    if (ext !== undefined && relativeIdOrNull(other.id, ext) === id) {
      throw new WorkbenchError('conflict', `${other.id} extends ${id}; change or delete it first`, { file: other.id, field: 'extends' });
    }
  }
  repo.delete(id);
  return changed({ deleted: true }, 'scenario.deleted', { id, name: existing.name });
}

function relativeIdOrNull(fromId: string, relative: string): string | null {
  try {
    return relativeId(fromId, relative);
  } catch {
    return null;
  }
}

export interface ResolvedSource {
  file: ResolvedScenarioFile;
  /** The same before the workspace's drivers and workloads were filled in (what the file itself says). */
  unfilled: ResolvedScenarioFile;
  /** The workspace file run as saved (its result may be kept with it), else null. */
  savedFileId: string | null;
  yamlSha256: string;
  notes: string[];
}

/**
 * The text of what to run and every file it extends — from the workspace's
 * files or from disk — with the workspace's drivers and derived workloads
 * filled in where the baseline asks for them.
 */
export function resolveRunSource(workspace: Workspace | null, source: { id?: string; path?: string; yaml?: string }): ResolvedSource {
  let entry: ScenarioText;
  let readRelative: (from: string, relative: string) => ScenarioText;
  let savedFileId: string | null = null;
  if (source.id !== undefined) {
    if (!workspace) throw new WorkbenchError('unavailable', 'no workspace is open', { field: 'id' });
    const repo = new ScenarioFileRepository(workspace.db);
    const stored = repo.get(source.id);
    if (source.yaml === undefined && !stored) throw new WorkbenchError('not_found', `there is no scenario file ${source.id} in this workspace`, { field: 'id' });
    const text = source.yaml ?? stored!.yaml;
    if (stored && text === stored.yaml) savedFileId = stored.id;
    entry = { path: source.id, text };
    readRelative = (from, relative) => {
      const target = relativeId(from, relative);
      const file = repo.get(target);
      if (!file) throw new WorkbenchError('not_found', `extends: there is no scenario file ${target} in this workspace`, { file: from, field: 'extends' });
      return { path: target, text: file.yaml };
    };
  } else {
    const file = path.resolve(source.path!);
    entry = { path: file, text: source.yaml ?? readText(file, null) };
    readRelative = (from, relative) => {
      const target = path.resolve(path.dirname(from), relative);
      return { path: target, text: readText(target, from) };
    };
  }
  const resolved = resolveScenarioFile(entry, readRelative);
  const filled = applyWorkspaceInputs(resolved, workspace);
  return { file: filled.file, unfilled: resolved, savedFileId, yamlSha256: sha256(entry.text), notes: filled.notes };
}

function readText(file: string, from: string | null): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const what = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'this is a folder, not a scenario file' : `cannot read it (${code ?? String(error)})`;
    throw new WorkbenchError(from ? 'invalid_file' : 'not_found', from ? `extends ${path.basename(file)}: ${what}` : what, { file: from ?? file, ...(from ? { field: 'extends' } : {}) });
  }
}

/** The workspace's own price rows and stored contracts, as the engine workers rebuild them (none without a workspace: the shipped price book). */
export function pricingInputs(workspace: Workspace | null): PricingInputs {
  if (!workspace) return NO_WORKSPACE_PRICING;
  const userPriceRows = priceBookFor(workspace)
    .rows.filter((r) => r.source === 'user')
    .map(rowToWire);
  const contracts = new ContractRepository(workspace.db).list().map((c) => ({ fileName: c.fileName, yaml: c.yaml }));
  return { userPriceRows, contracts };
}

/**
 * Runs what the source names in the engine's worker threads; a run of a saved
 * workspace file is kept with it (the compare view and the workbook read it).
 */
export async function runSource(workspace: Workspace | null, source: RunSource, control: RunControl = {}): Promise<RunResult> {
  const resolved = resolveRunSource(workspace, source);
  const options = RunOptions.parse(source.options ?? {});
  const result = await runInWorkers({ file: resolved.file, options, pricing: pricingInputs(workspace) }, control);
  if (resolved.notes.length > 0 && result.scenarios[0]) result.scenarios[0].warnings.push(...resolved.notes);
  if (workspace && resolved.savedFileId) {
    const fileId = resolved.savedFileId;
    commit(workspace, () => {
      new RunRepository(workspace.db).save(fileId, resolved.yamlSha256, result, new Date().toISOString());
      return changed(null, 'scenario.ran', { id: fileId, draws: result.draws, seed: result.seed, scenarios: result.scenarios.length });
    });
  }
  return result;
}

/** The newest kept run of a workspace file, if the file has not changed since. */
export function lastRun(workspace: Workspace, id: string) {
  const file = getScenarioFile(workspace, id);
  return new RunRepository(workspace.db).latest(id, sha256(file.yaml));
}

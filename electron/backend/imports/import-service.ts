/**
 * What the API handlers call: detect and preview (in a short-lived worker),
 * the import job (two worker threads, one transaction), and the same
 * pipeline inline for callers that own the thread anyway (the demo build).
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { DetectOutput, PreviewOutput, RunImportResult } from '../../../shared/api/imports';
import type { MethodParsedInput, JobParsedInput } from '../../../shared/api';
import { WorkbenchError } from '../../../shared/domain/errors';
import type { GenericMapping } from '../../../shared/formats/generic/mapping';
import { presentColumns } from '../../../shared/formats/columns';
import { offersKeepAi, type KeepChoice } from '../../../shared/formats/keep';
import type { BackendContext } from '../context';
import { ImportRepository } from './import-repository';
import type { JobContext } from '../jobs/job-runner';
import type { Workspace } from '../workspace/workspace';
import { sha256File } from './file-hash';
import { inspectInThread, runImportThreads, type ThreadProgress } from './import-threads';
import { ImportWriter } from './import-writer';
import type { DetectFindings, PreviewFindings } from './inspect';
import { listMappings, readSavedMapping } from './mapping-files';
import type { ImportPolicy, ReadOptions } from './protocol';
import { parseStatement } from './statement-parser';

function checkFile(filePath: string, fileName: string): number {
  let stat;
  try {
    stat = statSync(filePath);
  } catch {
    throw new WorkbenchError('not_found', 'no such file', { file: fileName, field: 'path' });
  }
  if (!stat.isFile()) throw new WorkbenchError('bad_input', 'this is a folder, not a statement file', { file: fileName, field: 'path' });
  return stat.size;
}

/** The mapping to read with: given inline, or saved beside the workspace under a name. */
function resolveMapping(workspace: Workspace, input: { mapping?: GenericMapping; mappingName?: string }): { mapping?: GenericMapping; mappingName: string | null } {
  if (input.mapping !== undefined) return { mapping: input.mapping, mappingName: input.mappingName ?? input.mapping.name ?? null };
  if (input.mappingName !== undefined) return { mapping: readSavedMapping(workspace.path, input.mappingName).mapping, mappingName: input.mappingName };
  return { mappingName: null };
}

function readOptions(workspace: Workspace, input: MethodParsedInput<'imports.preview'> | JobParsedInput<'imports.run'>): ReadOptions {
  const { mapping, mappingName } = resolveMapping(workspace, input);
  return {
    fileName: input.fileName ?? path.basename(input.path),
    ...(input.format !== undefined ? { format: input.format } : {}),
    ...(input.version !== undefined ? { version: input.version } : {}),
    ...(mapping !== undefined ? { mapping } : {}),
    mappingName,
    ...(input.decimal !== undefined ? { decimal: input.decimal } : {}),
    ...(input.dateOrder !== undefined ? { dateOrder: input.dateOrder } : {}),
  };
}

/** Where the workspace remembers its keep choice for cloud exports. */
const KEEP_META = 'imports.keep';

export function rememberedKeep(workspace: Workspace): KeepChoice {
  return workspace.meta(KEEP_META) === 'ai' ? 'ai' : 'all';
}

export async function detectFile(backend: BackendContext, input: MethodParsedInput<'imports.detect'>): Promise<DetectOutput> {
  const workspace = backend.workspace();
  const fileName = input.fileName ?? path.basename(input.path);
  checkFile(input.path, fileName);
  const { mapping } = resolveMapping(workspace, input);
  const findings = await inspectInThread<DetectFindings>({ role: 'detect', filePath: input.path, fileName, ...(mapping !== undefined ? { mapping } : {}) });
  const repo = new ImportRepository(workspace.db);
  const matchingMappings = findings.header.length === 0 ? [] : listMappings(workspace.path).filter((m) => presentColumns(findings.header, m.columns).length === m.columns.length).map((m) => m.name);
  return { ...findings, alreadyImported: repo.refBySha256(findings.sha256) ?? null, matchingMappings, rememberedKeep: rememberedKeep(workspace) };
}

export async function previewFile(backend: BackendContext, input: MethodParsedInput<'imports.preview'>): Promise<PreviewOutput> {
  const workspace = backend.workspace();
  const read = readOptions(workspace, input);
  checkFile(input.path, read.fileName as string);
  const { scopes, ...findings } = await inspectInThread<PreviewFindings>({ role: 'preview', filePath: input.path, read: { ...read, rows: input.rows } });
  return { ...findings, likelyOverlaps: new ImportRepository(workspace.db).overlapping(scopes, null, findings.costBasis) };
}

function size(bytes: number, unit: 'MB' | 'KB'): string {
  return unit === 'MB' ? `${Math.round(bytes / 1e6).toLocaleString('en-US')} MB` : `${Math.ceil(bytes / 1e3).toLocaleString('en-US')} KB`;
}

/**
 * "120,000 rows read · 118,000 lines written · 120 MB of 551 MB · about 8 s left". Bytes and the
 * estimate follow the writer (it trails the reader): the rate since its first batch applied to the
 * bytes left, plus the last step (indexes and commit) announced once every line is written.
 */
export function progressReporter(): (p: ThreadProgress) => string {
  let first: { at: number; bytes: number } | null = null;
  return (p) => {
    const now = Date.now();
    if (first === null && p.bytesWritten > 0) first = { at: now, bytes: p.bytesWritten };
    const parts = [`${p.rowsRead.toLocaleString('en-US')} rows read`, `${p.linesWritten.toLocaleString('en-US')} lines written`];
    if (p.finishing) return `${parts.join(' · ')} · building the ledger's indexes and committing`;
    const unit = p.totalBytes >= 10e6 ? 'MB' : 'KB';
    if (p.totalBytes > 0) parts.push(`${size(p.bytesWritten, unit)} of ${size(p.totalBytes, unit)}`);
    if (first !== null && now - first.at > 500 && p.bytesWritten > first.bytes && p.bytesWritten < p.totalBytes) {
      const perMs = (p.bytesWritten - first.bytes) / (now - first.at);
      parts.push(`about ${Math.max(1, Math.round((p.totalBytes - p.bytesWritten) / perMs / 1000))} s left`);
    }
    return parts.join(' · ');
  };
}

export async function runImportJob(backend: BackendContext, input: JobParsedInput<'imports.run'>, job: JobContext): Promise<RunImportResult> {
  const workspace = backend.workspace();
  // Refused before the file is read: the import threads write through their own connection.
  workspace.assertWritable();
  const read: ReadOptions = { ...readOptions(workspace, input), keep: input.keep ?? rememberedKeep(workspace) };
  const fileSize = checkFile(input.path, read.fileName as string);
  const started = Date.now();
  const describe = progressReporter();
  job.progress(0, fileSize, `reading ${read.fileName}`);
  const outcome = await runImportThreads({
    dbPath: workspace.path,
    nativeBinding: backend.options.nativeBinding,
    filePath: input.path,
    read,
    policy: { onRejects: input.onRejects, onOverlap: input.onOverlap, dryRun: input.dryRun },
    signal: job.signal,
    onProgress: (p) => job.progress(p.finishing ? p.totalBytes || fileSize : p.bytesWritten, p.totalBytes || fileSize, describe(p)),
  });
  // A choice made for a cloud export is the workspace's default for the next one.
  if (input.keep !== undefined && offersKeepAi(outcome.detection.formatId) && input.keep !== rememberedKeep(workspace) && outcome.status !== 'dry_run') workspace.setMeta(KEEP_META, input.keep);
  if (outcome.status === 'imported') {
    workspace.changed();
    if (backend.workspace() === workspace) backend.emit({ type: 'workspace', info: workspace.info() });
  }
  return { ...outcome, profile: outcome.profile ?? [], seconds: Math.round((Date.now() - started) / 10) / 100 };
}

/**
 * The same pipeline on the calling thread, for callers that own it anyway
 * (the demo build before the app is up, tests): same parser, same writer,
 * same transaction and checks.
 */
export async function importInline(db: Database.Database, filePath: string, read: ReadOptions & { rememberPath?: boolean }, policy: ImportPolicy, signal?: AbortSignal): Promise<RunImportResult> {
  const started = Date.now();
  const writer = new ImportWriter(db, policy);
  const hashing = sha256File(filePath, signal);
  hashing.catch(() => undefined);
  try {
    const summary = await parseStatement(filePath, read, { signal, meta: (meta) => writer.start(meta), lines: (batch) => writer.write(batch) });
    const outcome = writer.finish(summary, await hashing);
    return { ...outcome, profile: outcome.profile ?? [], seconds: Math.round((Date.now() - started) / 10) / 100 };
  } catch (error) {
    writer.rollback();
    throw error;
  }
}

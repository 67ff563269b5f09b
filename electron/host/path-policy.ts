import { randomUUID } from 'node:crypto';
import { lstatSync, mkdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { findPaths, isJobKind, isMethodName, jobs, methods, type PathAccess } from '../../shared/api';
import { WorkbenchError } from '../../shared/domain/errors';

/**
 * Browser mode's rule for file paths, applied at the host boundary to every
 * path an HTTP call carries (found from the method's declared input schema,
 * see shared/api/paths.ts). The HTTP API answers anything that holds the
 * run's token, so it reads only what the browser uploaded and the
 * workspace's own files, never replaces a file unless the call says so,
 * and writes exports only where the page can download them. Electron and
 * the CLI pass paths the local user chose, unchanged.
 */
export interface BrowserPaths {
  /** This run's uploads (statement and other files picked in the browser). */
  readonly uploadsDir: string;
  /** Where exports are written for the page to download (inside this run's folder). */
  readonly downloadsDir: string;
  /** The app's own workspaces folder. */
  readonly workspacesDir: string;
  /** The open workspace's file, if any. */
  workspacePath(): string | null;
  /** Workspace files opened before (the Open dialog's recent list). */
  recentWorkspaces(): readonly string[];
}

function realOrNull(p: string): string | null {
  try {
    return realpathSync(p);
  } catch {
    return null;
  }
}

function inside(child: string, parent: string | null): boolean {
  if (parent === null) return false;
  const relative = path.relative(parent, child);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** A file directly in `folder` (not in a subfolder), and not a hidden one. */
function directlyIn(file: string, folder: string | null): boolean {
  return folder !== null && path.dirname(file) === folder && !path.basename(file).startsWith('.');
}

function absolute(requested: string, field: string): string {
  if (!path.isAbsolute(requested)) throw new WorkbenchError('bad_input', 'in browser mode a file path must be absolute', { field });
  return path.resolve(requested);
}

function readable(requested: string, field: string, where: BrowserPaths): string {
  const real = realOrNull(absolute(requested, field));
  if (real === null) throw new WorkbenchError('not_found', 'no such file', { file: requested, field });
  const workspace = where.workspacePath();
  const allowed =
    inside(real, realOrNull(where.uploadsDir)) ||
    directlyIn(real, workspace ? realOrNull(path.dirname(workspace)) : null) ||
    directlyIn(real, realOrNull(where.workspacesDir)) ||
    where.recentWorkspaces().some((file) => realOrNull(file) === real);
  if (!allowed) {
    throw new WorkbenchError(
      'forbidden',
      "in browser mode the workbench reads only files uploaded through the page and files in the workspace's own folder; upload this file instead",
      { file: requested, field },
    );
  }
  return real;
}

function writable(requested: string, field: string, overwrite: boolean): string {
  const target = absolute(requested, field);
  const name = path.basename(target);
  if (name.startsWith('.')) throw new WorkbenchError('forbidden', 'in browser mode the workbench does not write hidden files', { file: requested, field });
  const folder = realOrNull(path.dirname(target));
  if (folder === null) throw new WorkbenchError('not_found', `the folder ${path.dirname(target)} does not exist`, { file: requested, field });
  const resolved = path.join(folder, name);
  const existing = lstatSync(resolved, { throwIfNoEntry: false });
  if (existing?.isSymbolicLink()) throw new WorkbenchError('forbidden', 'this name is a symbolic link; the workbench does not write through links in browser mode', { file: requested, field });
  if (existing && !overwrite) throw new WorkbenchError('conflict', 'a file with this name already exists', { file: requested, field });
  return resolved;
}

/**
 * An export's file in the downloads folder: a download target the host handed
 * out (/api/download-target) as it is, any other path as a fresh folder of
 * its own there (the name the user asked for is kept for the download).
 */
function downloadTarget(requested: string, where: BrowserPaths): string {
  const folder = realOrNull(path.dirname(path.resolve(requested)));
  if (folder !== null && path.dirname(folder) === realOrNull(where.downloadsDir) && !path.basename(requested).startsWith('.')) return path.join(folder, path.basename(requested));
  const name = path.basename(requested).replace(/[^\w.\- ()]/g, '_').replace(/^\.+/, '') || 'export';
  const fresh = path.join(where.downloadsDir, `${process.pid}-${randomUUID()}`);
  mkdirSync(fresh, { recursive: true, mode: 0o700 });
  return path.join(fresh, name);
}

/**
 * The one policy for a path in browser mode: the path the call may use
 * instead of the one it sent (resolved, symbolic links followed and
 * checked), or a clear refusal. Every method that takes a path reaches it
 * through `applyPathPolicy`; call it directly only for a path that is not
 * in a declared input.
 */
export function resolveBrowserPath(access: PathAccess, requested: string, where: BrowserPaths, options: { field?: string; overwrite?: boolean } = {}): string {
  const field = options.field ?? 'path';
  switch (access) {
    case 'read':
    case 'import':
      return readable(requested, field, where);
    case 'write':
      return writable(requested, field, options.overwrite === true);
    case 'export':
      return downloadTarget(requested, where);
  }
}

export interface PolicyOutcome {
  /** The input with every path replaced by the one the policy resolved. */
  input: unknown;
  /** Uploaded files this call reads once: remove them when it (or the job it starts) ends. */
  consumed: string[];
}

/** The declared input schema of an HTTP call: a method's, or for `jobs.start` the job's. */
function schemaFor(method: string, input: unknown) {
  if (method === 'jobs.start') {
    const kind = typeof input === 'object' && input !== null ? (input as { kind?: unknown }).kind : undefined;
    return typeof kind === 'string' && isJobKind(kind) ? { schema: jobs[kind].input, value: (input as { input?: unknown }).input } : null;
  }
  return isMethodName(method) ? { schema: methods[method].input, value: input } : null;
}

/** Applies `resolveBrowserPath` to every path an HTTP call carries. Unknown methods pass through (the backend refuses them). */
export function applyPathPolicy(method: string, input: unknown, where: BrowserPaths): PolicyOutcome {
  const target = schemaFor(method, input);
  if (!target) return { input, consumed: [] };
  const uploads = realOrNull(where.uploadsDir);
  const consumed: string[] = [];
  for (const hit of findPaths(target.schema, target.value)) {
    const overwrite = !Array.isArray(hit.holder) && hit.holder.overwrite === true;
    const field = String(hit.key);
    const resolved = resolveBrowserPath(hit.access, hit.value, where, { field, overwrite });
    (hit.holder as Record<string | number, unknown>)[hit.key] = resolved;
    if (hit.access === 'import' && inside(resolved, uploads)) consumed.push(resolved);
  }
  return { input, consumed };
}

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/temp';

/**
 * The CLI is a client like the renderer and the tests: it speaks to the
 * backend through the typed client (shared/api/client.ts) and its one job
 * runner, never by calling backend internals. Only the session, which owns
 * the in-process backend, may construct one.
 */

const CLI = path.join(REPO_ROOT, 'electron', 'cli');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

const rel = (file: string) => path.relative(REPO_ROOT, file).split(path.sep).join('/');

/** What a CLI file takes from electron/backend, as paths relative to it. */
function backendImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/from\s+['"]([^'"]+)['"]/g)]
    .map((m) => path.resolve(path.dirname(file), m[1]!))
    .map((resolved) => path.relative(path.join(REPO_ROOT, 'electron', 'backend'), resolved).split(path.sep).join('/'))
    .filter((p) => !p.startsWith('..'));
}

describe('the CLI is a client of the typed API', () => {
  it('finds the CLI sources it checks', () => {
    expect(files(CLI).map(rel)).toContain('electron/cli/commands/import.ts');
  });

  it('calls no backend method directly (whose answer would need a cast), nor its workspace or jobs', () => {
    const found = files(CLI).filter((f) => {
      const source = readFileSync(f, 'utf8');
      // The session owns the in-process backend: it waits for its background jobs and closes it.
      return /\.invoke\(/.test(source) || (rel(f) !== 'electron/cli/session.ts' && /\bbackend\.(jobs|workspace|call|subscribe)\b/.test(source));
    });
    expect(found.map(rel)).toEqual([]);
  });

  it('only the session reaches the backend itself; commands use app facts and file readers', () => {
    const allowedEverywhere = (p: string) => p === 'app-version' || p.startsWith('files/');
    const found: string[] = [];
    for (const file of files(CLI)) {
      for (const target of backendImports(file)) {
        if (allowedEverywhere(target)) continue;
        if (rel(file) === 'electron/cli/session.ts' && ['backend', 'in-process-transport', 'app-root', 'paths'].includes(target)) continue;
        found.push(`${rel(file)} imports electron/backend/${target}`);
      }
    }
    expect(found).toEqual([]);
  });
});

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './temp';

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `aispend` entry point (bin/aispend.cjs) as a user would; `as` runs it as another user (tests running as root that need file permissions to hold). */
export function aispend(args: string[], env: Record<string, string> = {}, as?: { uid: number; gid: number }): CliResult {
  const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'aispend.cjs'), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
    ...(as ?? {}),
    // A check of every line prints megabytes of JSON.
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

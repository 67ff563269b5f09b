import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Fixed for the run so tests can call the API too; a real run gets a random one. */
export const E2E_TOKEN = 'e2e-token-0123456789abcdef';
const READY = /is ready: (http:\/\/127\.0\.0\.1:\d+\/)#token=/;

function waitForUrl(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the host did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = READY.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the host exited with code ${code}:\n${output}`));
    });
  });
}

/**
 * Builds what is stale, starts the browser-mode host on a free port with a
 * throwaway data folder (so the demo workspace is built fresh) and a fixed
 * token, and hands its address to the tests through the environment.
 * Returns the teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const buildLib = (await import(pathToFileURL(path.join(ROOT, 'scripts', 'build-lib.mjs')).href)) as { buildIfStale: (o?: { quiet?: boolean }) => Promise<string[]> };
  await buildLib.buildIfStale({ quiet: true });

  const home = mkdtempSync(path.join(os.tmpdir(), 'aispend-e2e-'));
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'host', 'host.cjs'), '--port', '0'], {
    cwd: ROOT,
    // The writer pauses 3 ms a batch of 250 lines, so a 300,000-line import lasts long enough for the
    // progress-and-Cancel test to cancel it before its COMMIT (about 1 s otherwise); small imports barely notice.
    env: { ...process.env, AISPEND_TOKEN: E2E_TOKEN, AISPEND_HOME: home, AISPEND_TEST_IMPORT_BATCH_DELAY_MS: '3' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let url: string;
  try {
    url = await waitForUrl(child, 120_000);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(home, { recursive: true, force: true });
    throw error;
  }
  process.env.AISPEND_E2E_URL = url;
  process.env.AISPEND_E2E_TOKEN = E2E_TOKEN;
  process.env.AISPEND_E2E_HOME = home;

  return async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(home, { recursive: true, force: true });
  };
}

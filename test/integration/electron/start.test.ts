import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../../helpers/temp';
import { demoLedgerLineCount } from '../../helpers/demo-statements';

/**
 * `npm start` as a user runs it (node scripts/start.mjs), here where Electron cannot start: it must say
 * why in one line and serve browser mode, whose URL answers API calls with its token.
 */

const START = path.join(REPO_ROOT, 'scripts', 'start.mjs');
const FALLBACK = /^Electron cannot start here: .+\. Serving browser mode instead\.$/;
const READY = /AI Spend Workbench \(browser mode\) is ready: (http:\/\/127\.0\.0\.1:(\d+)\/#token=([\w-]+))/;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Started {
  child: ChildProcess;
  url: string;
  port: number;
  token: string;
  stdout: () => string;
  stderr: () => string;
}

const running = new Set<ChildProcess>();

/** Starts the launcher in its own process group (so that the host it spawns is stopped with it) and waits for the URL. */
function startLauncher(args: string[], env: NodeJS.ProcessEnv): Promise<Started> {
  // --no-open: a test must not open the developer's browser.
  const child = spawn(process.execPath, [START, '--no-open', ...args], { cwd: REPO_ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = READY.exec(out);
      if (match) resolve({ child, url: match[1]!, port: Number(match[2]), token: match[3]!, stdout: () => out, stderr: () => err });
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`start.mjs exited with ${code} before serving\nstdout: ${out}\nstderr: ${err}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  running.delete(child);
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      resolve();
    }
  });
}

function callApi(port: number, token: string, method: string): Promise<{ status: number; body: { ok: boolean; value?: Record<string, unknown> } }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: 'POST', path: '/api/call', headers: { 'content-type': 'application/json', 'x-workbench-token': token } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ method, input: {} }));
  });
}

/** An environment where Electron cannot start whatever the machine: no display, and no binary it may download. */
function noElectronEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, AISPEND_HOME: home, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', ...extra };
  delete env.AISPEND_TOKEN;
  return env;
}

describe('npm start', () => {
  const temp = tempDir('aispend-start-');
  afterAll(async () => {
    await Promise.all([...running].map(stop));
    temp.cleanup();
  });

  it('--browser serves browser mode on the requested port, answering workspace.info with its token', async () => {
    const home = path.join(temp.dir, 'home-browser');
    const port = await freePort();
    const env = noElectronEnv(home);
    const started = await startLauncher(['--browser', '--port', String(port)], env);
    try {
      expect(started.port).toBe(port);
      expect(started.stderr()).toContain('Browser mode (--browser).');
      expect(started.stderr()).not.toMatch(/Electron cannot start/);
      const info = await callApi(port, started.token, 'workspace.info');
      expect(info.status).toBe(200);
      expect(info.body.value?.isDemo).toBe(true);
      expect(info.body.value?.ledgerLines).toBe(demoLedgerLineCount());
      expect(String(info.body.value?.path).startsWith(home)).toBe(true);
      expect((await callApi(port, 'wrong-token', 'workspace.info')).status).toBe(401);
    } finally {
      await stop(started.child);
    }
  });

  it('without a display: one line saying why, then browser mode', async () => {
    const home = path.join(temp.dir, 'home-plain');
    const env = noElectronEnv(home);
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    const port = await freePort();
    const started = await startLauncher(['--port', String(port)], env);
    try {
      const reasons = started.stderr().split('\n').filter((line) => line.startsWith('Electron cannot start'));
      expect(reasons).toHaveLength(1);
      expect(reasons[0]).toMatch(FALLBACK);
      if (process.platform === 'linux') expect(reasons[0]).toContain('there is no display');
      const info = await callApi(started.port, started.token, 'workspace.info');
      expect(info.body.ok).toBe(true);
    } finally {
      await stop(started.child);
    }
  });

  it("with a display but no Electron binary (and no download allowed): says so, serves browser mode, opens --workspace", async () => {
    const home = path.join(temp.dir, 'home-display');
    const emptyDist = path.join(temp.dir, 'no-electron-here');
    mkdirSync(emptyDist);
    // The demo from the first test, handed over as a file of the user's.
    const workspace = path.join(temp.dir, 'Handed over.aispend');
    copyFileSync(path.join(temp.dir, 'home-browser', 'workspaces', 'Acme Lending demo.aispend'), workspace);
    const env = noElectronEnv(home, { DISPLAY: ':99', ELECTRON_OVERRIDE_DIST_PATH: emptyDist });
    const started = await startLauncher(['--workspace', workspace, '--port', String(await freePort())], env);
    try {
      const reasons = started.stderr().split('\n').filter((line) => line.startsWith('Electron cannot start'));
      expect(reasons).toEqual([
        "Electron cannot start here: Electron's binary is missing and could not be downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD is set). Serving browser mode instead.",
      ]);
      const info = await callApi(started.port, started.token, 'workspace.info');
      expect(info.body.value?.path).toBe(workspace);
    } finally {
      await stop(started.child);
    }
  });

  it('refuses a bad --port with exit code 2', async () => {
    const child = spawn(process.execPath, [START, '--port', 'eighty'], { cwd: REPO_ROOT, env: noElectronEnv(path.join(temp.dir, 'home-bad')), stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain('--port takes a number');
  });
});

#!/usr/bin/env node
// `npm start`: builds what is stale, then opens the desktop app (Electron). Where Electron cannot start
// (no display, its binary missing and not downloadable, better-sqlite3 not buildable for it, or it exits
// before its window is up) it prints one line saying why and serves browser mode instead.
// `npm start -- --browser` goes straight to browser mode.
//
//   node scripts/start.mjs [--browser] [--workspace FILE] [--port N] [--no-open] [--dev]
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Electron's main process prints this once its window is up (READY_LINE in electron/main/launch-args.ts). */
export const READY_LINE = 'AI Spend Workbench (Electron) is ready';
export const FALLBACK_PREFIX = 'Electron cannot start here';

const DEFAULT_DOWNLOAD_TIMEOUT_MS = 5 * 60 * 1000;

export function parseStartArgs(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      browser: { type: 'boolean', default: false },
      workspace: { type: 'string' },
      port: { type: 'string' },
      dev: { type: 'boolean', default: false },
      'no-open': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.port !== undefined && !/^\d{1,5}$/.test(values.port)) throw new Error('--port takes a number from 0 to 65535');
  return values;
}

/** Where the electron package says its binary is, without requiring it (require('electron') may download, unbounded). */
export function electronBinary(root = ROOT, env = process.env) {
  const pkgDir = path.join(root, 'node_modules', 'electron');
  if (!existsSync(path.join(pkgDir, 'package.json'))) return { installed: false, reason: 'the electron package is not installed' };
  const version = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
  const pathFile = path.join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH || path.join(pkgDir, 'dist');
  const executable = relative ? path.join(distDir, relative) : undefined;
  return { installed: true, version, pkgDir, executable, present: executable !== undefined && existsSync(executable) };
}

/** Reasons Electron cannot start that need no attempt to find out. */
export function quickReasons({ platform = process.platform, env = process.env } = {}) {
  const reasons = [];
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) reasons.push('there is no display (DISPLAY and WAYLAND_DISPLAY are unset)');
  return reasons;
}

function say(line) {
  process.stderr.write(`${line}\n`);
}

/** Runs a child to completion within a time limit; resolves { ok, output, timedOut }. */
function runBounded(command, args, { timeoutMs, env = process.env, cwd = ROOT }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk) => {
      output = (output + chunk.toString()).slice(-10_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, output: `${output}\n${error.message}`, timedOut: false });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ ok: code === 0, output, timedOut: signal === 'SIGKILL' });
    });
  });
}

function lastErrorLine(output) {
  const lines = output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('at '));
  const error = lines.find((line) => /(Error|ENOTFOUND|ECONN|EAI_AGAIN|fetch failed)/.test(line));
  return (error ?? lines.at(-1) ?? 'no output').slice(0, 200);
}

/** The electron package's own installer (what `require('electron')` would run), bounded by a timeout. */
async function downloadElectron(electron, timeoutMs) {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return { ok: false, why: 'ELECTRON_SKIP_BINARY_DOWNLOAD is set' };
  say(`Downloading Electron ${electron.version} for the first start (once; up to ${Math.round(timeoutMs / 1000)} s)...`);
  const result = await runBounded(process.execPath, [path.join(electron.pkgDir, 'install.js')], { timeoutMs });
  if (result.timedOut) return { ok: false, why: `the download did not finish within ${Math.round(timeoutMs / 1000)} s` };
  if (!result.ok) return { ok: false, why: lastErrorLine(result.output) };
  return { ok: true };
}

/**
 * Launches Electron and waits until its window is up (it prints READY_LINE) or it exits. Resolves
 * { started: true, exit } when the window came up (exit resolves with Electron's exit code), or
 * { started: false, why } when Electron ended first.
 */
function launchElectron(executable, { workspace, dev }) {
  const args = [ROOT];
  if (workspace) args.push('--workspace', path.resolve(workspace));
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would turn Electron into plain Node
  if (dev) env.AISPEND_DEVTOOLS = '1';
  const child = spawn(executable, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderrTail = '';
  let started = false;
  return new Promise((resolve) => {
    const exit = new Promise((resolveExit) => {
      child.on('close', (code, signal) => resolveExit(code ?? (signal ? 1 : 0)));
    });
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      if (started) return;
      buffered = (buffered + chunk.toString()).slice(-4000);
      if (buffered.includes(READY_LINE)) {
        started = true;
        resolve({ started: true, exit, child });
      }
    });
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      stderrTail = (stderrTail + chunk.toString()).slice(-4000);
    });
    child.on('error', (error) => {
      if (!started) resolve({ started: false, why: `Electron did not run (${error.message})` });
    });
    void exit.then((code) => {
      if (started) return;
      const own = /AI Spend Workbench could not start: (.*)/.exec(stderrTail)?.[1];
      resolve({ started: false, why: own ?? `Electron exited with code ${code} before its window opened (${lastErrorLine(stderrTail)})` });
    });
  });
}

function forwardSignals(child) {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal);
    });
  }
}

/** Browser mode: the host serves the renderer and the API on 127.0.0.1 and prints the URL to open. */
function serveBrowserMode({ workspace, port, 'no-open': noOpen }) {
  const args = [path.join(ROOT, 'dist', 'host', 'host.cjs')];
  if (!noOpen) args.push('--open');
  if (port !== undefined) args.push('--port', port);
  if (workspace) args.push('--workspace', path.resolve(workspace));
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  forwardSignals(child);
  child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/**
 * Tries each step Electron needs, stopping at the first that fails. Resolves to null when Electron is
 * running (and owns the process from then on), or to the one-line reason it cannot run here.
 */
async function tryElectron(options) {
  const electron = electronBinary();
  if (!electron.installed) return electron.reason;
  const quick = quickReasons();
  if (quick.length > 0) return electron.present ? quick.join('; ') : `${quick.join('; ')}, and Electron's binary is not downloaded yet`;

  if (!electron.present) {
    const timeoutMs = Number(process.env.AISPEND_ELECTRON_DOWNLOAD_TIMEOUT_MS ?? DEFAULT_DOWNLOAD_TIMEOUT_MS);
    const download = await downloadElectron(electron, timeoutMs);
    if (!download.ok) return `Electron's binary is missing and could not be downloaded (${download.why})`;
    const again = electronBinary();
    if (!again.present) return "Electron's installer finished but its binary is still missing";
    electron.executable = again.executable;
  }

  const { ensureElectronBinding } = await import('./electron-native.mjs');
  let binding;
  try {
    binding = await ensureElectronBinding({ electronVersion: electron.version, say });
  } catch (error) {
    return `better-sqlite3 could not be prepared for Electron ${electron.version} (${error instanceof Error ? error.message : String(error)})`;
  }
  process.env.AISPEND_SQLITE_BINDING = binding.path;

  const launched = await launchElectron(electron.executable, options);
  if (!launched.started) return launched.why;
  forwardSignals(launched.child);
  process.exit(await launched.exit);
  return null;
}

async function main() {
  let options;
  try {
    options = parseStartArgs(process.argv.slice(2));
  } catch (error) {
    say(`npm start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write('Usage: npm start -- [--browser] [--workspace FILE] [--port N] [--no-open] [--dev]\n');
    return;
  }
  const { buildIfStale } = await import('./build-lib.mjs');
  await buildIfStale();

  if (options.browser) {
    say('Browser mode (--browser).');
    serveBrowserMode(options);
    return;
  }
  const reason = await tryElectron(options);
  if (reason === null) return;
  say(`${FALLBACK_PREFIX}: ${reason}. Serving browser mode instead.`);
  serveBrowserMode(options);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    say(`npm start failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    process.exit(1);
  });
}

#!/usr/bin/env node
// better-sqlite3 for Electron. better-sqlite3 is a native addon compiled for one ABI: node_modules holds
// Node's build (tests, CLI, browser mode), and Electron needs its own. This script puts an Electron build in
// .cache/electron-native/<electronVersion>-<platform>-<arch>/better_sqlite3.node, next to a stamp naming the
// better-sqlite3 version it was built from, without touching node_modules:
//   1. better-sqlite3's own prebuilt binary for Electron (prebuild-install --runtime electron), else
//   2. a compile with node-gyp against Electron's headers,
// both in a temporary copy of the package. The Electron main process passes the file to better-sqlite3 as
// its `nativeBinding`. Both steps download (GitHub release asset, Electron headers) the first time only;
// nothing downloads when the app runs.
//
//   node scripts/electron-native.mjs [--electron-version V] [--platform P] [--arch A] [--force]
//                                    [--from FILE] [--print-path] [--timeout-ms N]
//
// Also electron-builder's beforePack hook (electron-builder.yml): builds/fetches the binding for the
// platform and arch being packaged and stages it where `extraResources` picks it up.
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BINDING_NAME = 'better_sqlite3.node';
const STAMP_NAME = 'binding.json';
const DEFAULT_TIMEOUT_MS = 15 * 60 * 1000;

/** The cache folder; AISPEND_ELECTRON_NATIVE_CACHE moves it (tests). */
export function cacheRoot(root = ROOT, env = process.env) {
  return env.AISPEND_ELECTRON_NATIVE_CACHE ? path.resolve(env.AISPEND_ELECTRON_NATIVE_CACHE) : path.join(root, '.cache', 'electron-native');
}

/** Same layout as devBindingPath() in electron/main/app-paths.ts. */
export function bindingPath({ electronVersion, platform, arch, cache = cacheRoot() }) {
  return path.join(cache, `${electronVersion}-${platform}-${arch}`, BINDING_NAME);
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

export function installedElectronVersion(root = ROOT) {
  return readJson(path.join(root, 'node_modules', 'electron', 'package.json')).version;
}

function betterSqliteDir(root = ROOT) {
  return path.dirname(createRequire(path.join(root, 'package.json')).resolve('better-sqlite3/package.json'));
}

export function betterSqliteVersion(root = ROOT) {
  return readJson(path.join(betterSqliteDir(root), 'package.json')).version;
}

/** The binding in the cache when it was built from the installed better-sqlite3 (an upgrade invalidates it). */
export function cachedBinding(target, root = ROOT) {
  const file = bindingPath(target);
  const stamp = path.join(path.dirname(file), STAMP_NAME);
  if (!existsSync(file) || !existsSync(stamp)) return undefined;
  try {
    const info = readJson(stamp);
    return info.betterSqlite3 === betterSqliteVersion(root) && info.electron === target.electronVersion ? file : undefined;
  } catch {
    return undefined;
  }
}

/**
 * npm passes its config to scripts as npm_config_* variables. On machines where `nodedir` points at Node's
 * headers, node-gyp would silently build for Node's ABI instead of Electron's; target/runtime/arch/platform
 * set for another package would redirect prebuild-install. None of them may leak into these builds.
 */
export function cleanBuildEnv(env = process.env) {
  const clean = {};
  for (const [key, value] of Object.entries(env)) {
    if (/^npm_config_(nodedir|target|runtime|arch|platform|disturl|dist_url|build_from_source|devdir)$/i.test(key)) continue;
    clean[key] = value;
  }
  return clean;
}

export function prebuildArgs({ electronVersion, platform, arch }) {
  return ['--runtime', 'electron', '--target', electronVersion, '--platform', platform, '--arch', arch, '--verbose'];
}

export function nodeGypArgs({ electronVersion, arch }) {
  return ['rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`, `--arch=${arch}`, '--dist-url=https://electronjs.org/headers'];
}

function run(command, args, { cwd, timeoutMs, log }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: cleanBuildEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk) => {
      output = (output + chunk.toString()).slice(-20_000);
      if (log.verbose) process.stderr.write(chunk);
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

/** What went wrong, in one line, from prebuild-install's or node-gyp's chatter. */
export function failureReason(output) {
  const lines = output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  // node-gyp spreads one message over several "ERR! stack" lines before the "at ..." frames.
  const first = lines.findIndex((line) => /ERR! stack \w*Error: /.test(line));
  let stackError;
  if (first >= 0) {
    const parts = [];
    for (const line of lines.slice(first)) {
      const text = line.replace(/^gyp ERR! stack\s+/, '');
      if (!/ERR! stack /.test(line) || text.startsWith('at ')) break;
      parts.push(text);
    }
    stackError = parts.join(' ');
  }
  const specific = lines.find(
    (line) => /ERR!/.test(line) && !/ERR! (not ok|cwd|command|System|node -v|node-gyp -v|stack)/.test(line) && !/ERR!\s*\w+ error\s*$/.test(line),
  );
  const warn = lines.find((line) => /^prebuild-install warn /.test(line));
  const chosen = stackError ?? specific ?? warn ?? lines.filter((line) => !/^(gyp|prebuild-install) (info|verb|http)/.test(line)).at(-1) ?? 'no output';
  return chosen
    .replace(/^gyp ERR! (stack )?/, '')
    .replace(/^prebuild-install warn (install )?/, '')
    .slice(0, 300);
}

function nodeGypScript(root = ROOT) {
  const candidates = [];
  try {
    candidates.push(createRequire(path.join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // not installed next to the app; try npm's own copy
  }
  if (process.env.npm_execpath) candidates.push(path.join(path.dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  candidates.push(path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  return candidates.find((file) => existsSync(file));
}

/** Does the file start like a shared library for that platform (ELF, Mach-O, PE)? */
export function looksLikeLibrary(file, platform) {
  const head = readFileSync(file).subarray(0, 4);
  if (platform === 'win32') return head[0] === 0x4d && head[1] === 0x5a; // "MZ"
  if (platform === 'darwin') return [0xcffaedfe, 0xcefaedfe, 0xcafebabe, 0xfeedfacf, 0xfeedface].includes(head.readUInt32BE(0));
  return head.equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46])); // "\x7fELF"
}

/** The ABI (NODE_MODULE_VERSION) of an Electron version, from the node-abi table prebuild-install uses. */
export function electronAbi(electronVersion, root = ROOT) {
  try {
    const fromPrebuild = createRequire(createRequire(path.join(betterSqliteDir(root), 'package.json')).resolve('prebuild-install/package.json'));
    return String(fromPrebuild('node-abi').getAbi(electronVersion, 'electron'));
  } catch {
    return undefined;
  }
}

/**
 * Loads the binding in a throwaway Node process. A build for Node's ABI loads (and would crash Electron);
 * one for Electron is refused, usually naming the NODE_MODULE_VERSION it was built for.
 */
export async function probeInNode(file) {
  const probe = `try { process.dlopen({ exports: {} }, ${JSON.stringify(file)}); console.log('LOADED'); } catch (e) { console.log('REFUSED ' + e.message); }`;
  const result = await run(process.execPath, ['-e', probe], { cwd: os.tmpdir(), timeoutMs: 30_000, log: {} });
  const built = /using\s+NODE_MODULE_VERSION (\d+)/.exec(result.output);
  return { loads: result.output.includes('LOADED'), builtForAbi: built?.[1] };
}

/** Throws when the file is clearly not an Electron build of the addon for this target. */
export async function verifyBinding(file, target, root = ROOT) {
  if (!existsSync(file) || statSync(file).size === 0) throw new Error(`${file} is missing or empty`);
  if (!looksLikeLibrary(file, target.platform)) throw new Error(`${file} is not a native library for ${target.platform}`);
  if (target.platform !== process.platform || target.arch !== process.arch) return;
  const probe = await probeInNode(file);
  if (probe.loads) throw new Error(`${file} is built for Node's ABI, not Electron ${target.electronVersion}'s (did npm's nodedir leak into the build?)`);
  const expected = electronAbi(target.electronVersion, root);
  if (probe.builtForAbi && expected && probe.builtForAbi !== expected) {
    throw new Error(`${file} is built for ABI ${probe.builtForAbi}; Electron ${target.electronVersion} needs ${expected}`);
  }
}

function writeStamp(file, target, source, root) {
  writeFileSync(
    path.join(path.dirname(file), STAMP_NAME),
    `${JSON.stringify({ electron: target.electronVersion, platform: target.platform, arch: target.arch, betterSqlite3: betterSqliteVersion(root), source, builtAt: new Date().toISOString() }, null, 2)}\n`,
  );
}

async function install(built, file, target, source, root) {
  await verifyBinding(built, target, root);
  mkdirSync(path.dirname(file), { recursive: true });
  copyFileSync(built, file);
  writeStamp(file, target, source, root);
  return { path: file, source };
}

/**
 * Makes sure the Electron binding exists; resolves to { path, source } or throws an Error whose message is
 * one line saying what was tried and why it failed.
 */
export async function ensureElectronBinding(options = {}) {
  const root = options.root ?? ROOT;
  const target = {
    electronVersion: options.electronVersion ?? installedElectronVersion(root),
    platform: options.platform ?? process.platform,
    arch: options.arch ?? process.arch,
    cache: options.cache ?? cacheRoot(root),
  };
  const log = { verbose: Boolean(options.verbose) };
  const say = options.say ?? ((line) => process.stderr.write(`${line}\n`));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const file = bindingPath(target);

  if (options.from) return install(path.resolve(options.from), file, target, `file ${options.from}`, root);
  if (!options.force) {
    const cached = cachedBinding(target, root);
    if (cached) return { path: cached, source: 'cache' };
  }

  // A private copy of the package: prebuild-install and node-gyp write into build/, and node_modules must
  // keep Node's binding for the tests and the CLI.
  const work = mkdtempSync(path.join(os.tmpdir(), 'aispend-electron-native-'));
  try {
    const pkg = path.join(work, 'better-sqlite3');
    cpSync(betterSqliteDir(root), pkg, { recursive: true, filter: (src) => !/[\\/]build([\\/]|$)/.test(path.relative(betterSqliteDir(root), src)) });
    const built = path.join(pkg, 'build', 'Release', BINDING_NAME);

    say(`Fetching better-sqlite3's prebuilt binary for Electron ${target.electronVersion} (${target.platform}-${target.arch})...`);
    const prebuildBin = createRequire(path.join(betterSqliteDir(root), 'package.json')).resolve('prebuild-install/bin.js');
    const prebuilt = await run(process.execPath, [prebuildBin, ...prebuildArgs(target)], { cwd: pkg, timeoutMs, log });
    if (prebuilt.ok && existsSync(built)) return await install(built, file, target, 'prebuild-install', root);
    const prebuildWhy = prebuilt.timedOut ? `timed out after ${timeoutMs} ms` : failureReason(prebuilt.output);

    if (target.platform !== process.platform || target.arch !== process.arch) {
      throw new Error(`no prebuilt better-sqlite3 for Electron ${target.electronVersion} ${target.platform}-${target.arch} (${prebuildWhy}), and node-gyp cannot cross-compile it here`);
    }
    const gyp = nodeGypScript(root);
    if (!gyp) throw new Error(`no prebuilt better-sqlite3 for Electron ${target.electronVersion} (${prebuildWhy}), and node-gyp was not found to compile one`);
    say(`No prebuilt binary (${prebuildWhy}); compiling better-sqlite3 against Electron ${target.electronVersion}'s headers (a minute or two)...`);
    const compiled = await run(process.execPath, [gyp, ...nodeGypArgs(target)], { cwd: pkg, timeoutMs, log });
    if (compiled.ok && existsSync(built)) return await install(built, file, target, 'node-gyp', root);
    const gypWhy = compiled.timedOut ? `timed out after ${timeoutMs} ms` : failureReason(compiled.output);
    throw new Error(`could not get better-sqlite3 for Electron ${target.electronVersion}: prebuilt binary: ${prebuildWhy}; node-gyp: ${gypWhy}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// electron-builder's Arch enum (builder-util): the hook receives the number.
const BUILDER_ARCH = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];
const BUILDER_OS = { darwin: 'mac', linux: 'linux', win32: 'win', mas: 'mac' };

/**
 * Where beforePack leaves the binding for `extraResources` (electron-builder.yml: from
 * .cache/electron-native/stage/${os}-${arch}); always under the project, wherever the cache is.
 */
export function stageDir({ os: osName, arch, root = ROOT }) {
  return path.join(root, '.cache', 'electron-native', 'stage', `${osName}-${arch}`);
}

/** electron-builder beforePack hook. */
export async function beforePack(context) {
  const platform = context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName;
  const arch = typeof context.arch === 'number' ? BUILDER_ARCH[context.arch] : String(context.arch);
  if (arch === 'universal') throw new Error('universal macOS builds need one better-sqlite3 per arch merged with lipo; build x64 and arm64 separately');
  const electronVersion = context.packager?.config?.electronVersion ?? context.packager?.info?.framework?.version ?? installedElectronVersion();
  const { path: binding, source } = await ensureElectronBinding({ electronVersion, platform, arch });
  const dir = stageDir({ os: BUILDER_OS[context.electronPlatformName] ?? platform, arch });
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  copyFileSync(binding, path.join(dir, BINDING_NAME));
  process.stderr.write(`better-sqlite3 for Electron ${electronVersion} ${platform}-${arch} (${source}) staged for packaging\n`);
}

async function main() {
  const { values } = parseArgs({
    options: {
      'electron-version': { type: 'string' },
      platform: { type: 'string' },
      arch: { type: 'string' },
      force: { type: 'boolean', default: false },
      from: { type: 'string' },
      'print-path': { type: 'boolean', default: false },
      'timeout-ms': { type: 'string' },
      verbose: { type: 'boolean', default: false },
    },
  });
  const target = {
    electronVersion: values['electron-version'] ?? installedElectronVersion(),
    platform: values.platform ?? process.platform,
    arch: values.arch ?? process.arch,
  };
  if (values['print-path']) {
    process.stdout.write(`${bindingPath(target)}\n`);
    return;
  }
  try {
    const result = await ensureElectronBinding({
      ...target,
      force: values.force,
      from: values.from,
      verbose: values.verbose,
      timeoutMs: values['timeout-ms'] ? Number(values['timeout-ms']) : undefined,
    });
    process.stdout.write(`${result.path} (${result.source})\n`);
  } catch (error) {
    process.stderr.write(`electron-native: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();

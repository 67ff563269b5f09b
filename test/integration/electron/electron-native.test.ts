import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../../helpers/temp';

interface Target {
  electronVersion: string;
  platform: string;
  arch: string;
  cache?: string;
}
interface NativeScript {
  ROOT: string;
  bindingPath(target: Target): string;
  cachedBinding(target: Target): string | undefined;
  betterSqliteVersion(): string;
  cleanBuildEnv(env: Record<string, string | undefined>): Record<string, string | undefined>;
  prebuildArgs(target: Target): string[];
  nodeGypArgs(target: Target): string[];
  failureReason(output: string): string;
  looksLikeLibrary(file: string, platform: string): boolean;
  electronAbi(version: string): string | undefined;
  verifyBinding(file: string, target: Target): Promise<void>;
  ensureElectronBinding(options: Target & { cache?: string; say?: (line: string) => void }): Promise<{ path: string; source: string }>;
  stageDir(options: { os: string; arch: string }): string;
  beforePack(context: unknown): Promise<void>;
}

const native = (await import(path.join(REPO_ROOT, 'scripts', 'electron-native.mjs'))) as NativeScript;
const nodeBinding = path.join(REPO_ROOT, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const script = path.join(REPO_ROOT, 'scripts', 'electron-native.mjs');

/** A cache entry as the script leaves it: the binding and its stamp. */
function seedCache(cache: string, target: Target, betterSqlite3 = native.betterSqliteVersion()): string {
  const file = native.bindingPath({ ...target, cache });
  mkdirSync(path.dirname(file), { recursive: true });
  copyFileSync(nodeBinding, file); // stands in for an Electron build; the cache trusts its stamp
  writeFileSync(path.join(path.dirname(file), 'binding.json'), JSON.stringify({ electron: target.electronVersion, betterSqlite3 }));
  return file;
}

describe('better-sqlite3 for Electron (scripts/electron-native.mjs)', () => {
  const temp = tempDir('aispend-native-');
  afterAll(() => temp.cleanup());

  it('keeps npm settings that would retarget the build out of it', () => {
    const env = native.cleanBuildEnv({ PATH: '/usr/bin', npm_config_nodedir: '/usr', npm_config_target: '20.20.2', npm_config_runtime: 'node', npm_config_cache: '/c', HOME: '/root' });
    expect(env).toEqual({ PATH: '/usr/bin', npm_config_cache: '/c', HOME: '/root' });
  });

  it('asks prebuild-install and node-gyp for the Electron runtime and version', () => {
    const target = { electronVersion: '45.4.1', platform: 'linux', arch: 'x64' };
    expect(native.prebuildArgs(target)).toEqual(['--runtime', 'electron', '--target', '45.4.1', '--platform', 'linux', '--arch', 'x64', '--verbose']);
    expect(native.nodeGypArgs(target)).toEqual(['rebuild', '--release', '--runtime=electron', '--target=45.4.1', '--arch=x64', '--dist-url=https://electronjs.org/headers']);
    // Electron 45's ABI, as in node_modules/electron/abi_version
    expect(native.electronAbi('45.4.1')).toBe(readFileSync(path.join(REPO_ROOT, 'node_modules', 'electron', 'abi_version'), 'utf8').trim());
  });

  it('says in one line why a download or compile failed', () => {
    const prebuild = [
      'prebuild-install info begin Prebuild-install version 7.1.3',
      'prebuild-install http request GET https://github.com/WiseLibs/better-sqlite3/releases/download/v12.11.1/x.tar.gz',
      'prebuild-install warn install getaddrinfo ENOTFOUND github.com',
    ].join('\n');
    expect(native.failureReason(prebuild)).toBe('getaddrinfo ENOTFOUND github.com');
    const gyp = [
      'gyp info it worked if it ends with ok',
      'gyp http GET https://electronjs.org/headers/v45.4.1/node-v45.4.1-headers.tar.gz',
      'gyp ERR! configure error ',
      'gyp ERR! stack Error: This is most likely not a problem with node-gyp or the package itself and',
      'gyp ERR! stack is related to network connectivity.',
      'gyp ERR! stack     at go (/x/node-gyp/lib/install.js:244:21)',
      'gyp ERR! not ok ',
    ].join('\n');
    expect(native.failureReason(gyp)).toBe('Error: This is most likely not a problem with node-gyp or the package itself and is related to network connectivity.');
    expect(native.failureReason('gyp ERR! find Python Python is not set from command line or npm configuration\ngyp ERR! not ok')).toBe(
      'find Python Python is not set from command line or npm configuration',
    );
  });

  it("refuses Node's own build (it would crash Electron) and files that are not libraries", async () => {
    const target = { electronVersion: '45.4.1', platform: process.platform, arch: process.arch };
    await expect(native.verifyBinding(nodeBinding, target)).rejects.toThrow(/built for Node's ABI/);
    const garbage = path.join(temp.dir, 'garbage.node');
    writeFileSync(garbage, 'not a library');
    await expect(native.verifyBinding(garbage, target)).rejects.toThrow(/not a native library/);
    expect(native.looksLikeLibrary(nodeBinding, process.platform)).toBe(true);

    const cli = spawnSync(process.execPath, [script, '--from', nodeBinding], { env: { ...process.env, AISPEND_ELECTRON_NATIVE_CACHE: path.join(temp.dir, 'cli-cache') }, encoding: 'utf8' });
    expect(cli.status).toBe(1);
    expect(cli.stderr.trim().split('\n')).toHaveLength(1);
    expect(cli.stderr).toMatch(/^electron-native: .* is built for Node's ABI, not Electron 45\.4\.1's/);
    expect(existsSync(path.join(temp.dir, 'cli-cache'))).toBe(false);
  });

  it('reuses a cached build only when it was made from the installed better-sqlite3', async () => {
    const cache = path.join(temp.dir, 'cache');
    const target = { electronVersion: '45.4.1', platform: 'linux', arch: 'arm64', cache };
    expect(native.cachedBinding(target)).toBeUndefined();
    const file = seedCache(cache, target, '11.0.0');
    expect(native.cachedBinding(target)).toBeUndefined();
    seedCache(cache, target);
    expect(native.cachedBinding(target)).toBe(file);
    const lines: string[] = [];
    expect(await native.ensureElectronBinding({ ...target, say: (line) => lines.push(line) })).toEqual({ path: file, source: 'cache' });
    expect(lines).toEqual([]);
  });

  it('prints where the binding goes', () => {
    const cli = spawnSync(process.execPath, [script, '--print-path', '--electron-version', '45.4.1', '--platform', 'win32', '--arch', 'x64'], { encoding: 'utf8', env: { ...process.env, AISPEND_ELECTRON_NATIVE_CACHE: '' } });
    expect(cli.stdout.trim()).toBe(path.join(REPO_ROOT, '.cache', 'electron-native', '45.4.1-win32-x64', 'better_sqlite3.node'));
  });
});

describe('electron-builder beforePack hook', () => {
  const temp = tempDir('aispend-native-pack-');
  const staged = native.stageDir({ os: 'linux', arch: 'arm64' });
  afterAll(() => {
    rmSync(staged, { recursive: true, force: true });
    temp.cleanup();
  });

  it('stages the binding for the platform and arch being packaged where extraResources takes it from', async () => {
    const previous = process.env.AISPEND_ELECTRON_NATIVE_CACHE;
    process.env.AISPEND_ELECTRON_NATIVE_CACHE = temp.dir;
    try {
      const seeded = seedCache(temp.dir, { electronVersion: '45.4.1', platform: 'linux', arch: 'arm64' });
      // electron-builder's Arch enum: ia32 0, x64 1, armv7l 2, arm64 3
      await native.beforePack({ electronPlatformName: 'linux', arch: 3, packager: { config: { electronVersion: '45.4.1' } } });
      expect(staged).toBe(path.join(REPO_ROOT, '.cache', 'electron-native', 'stage', 'linux-arm64'));
      expect(readFileSync(path.join(staged, 'better_sqlite3.node')).equals(readFileSync(seeded))).toBe(true);
      await expect(native.beforePack({ electronPlatformName: 'darwin', arch: 4, packager: { config: { electronVersion: '45.4.1' } } })).rejects.toThrow(/universal/);
    } finally {
      if (previous === undefined) delete process.env.AISPEND_ELECTRON_NATIVE_CACHE;
      else process.env.AISPEND_ELECTRON_NATIVE_CACHE = previous;
    }
  });
});

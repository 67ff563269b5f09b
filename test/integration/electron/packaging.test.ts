import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { electronPaths } from '../../../electron/main/app-paths';
import { REPO_ROOT, tempDir } from '../../helpers/temp';
import { buildElectronBundles } from './build-electron';

/**
 * electron-builder.yml: valid for the installed electron-builder, and (with a stand-in for the Electron
 * binary, which cannot be downloaded here) packed into the layout the main process expects: code and
 * renderer in app.asar, demo inputs, price data and the Electron build of better-sqlite3 in resources.
 */

const require = createRequire(import.meta.url);
const configFile = path.join(REPO_ROOT, 'electron-builder.yml');
const config = YAML.parse(readFileSync(configFile, 'utf8')) as Record<string, unknown> & {
  extraResources: Array<{ from: string; to: string }>;
  electronFuses: Record<string, boolean>;
  beforePack: string;
};
const electronVersion = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema validation', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as { validateConfiguration(c: unknown, l: unknown): Promise<void> };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, npmRebuld: false }, new DebugLogger(false))).rejects.toThrow(/unknown property 'npmRebuld'/);
  });

  it('builds for Linux (AppImage, deb), Windows (NSIS) and macOS (dmg) without rebuilding native modules', () => {
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'] });
    expect(config.win).toMatchObject({ target: ['nsis'] });
    expect(config.mac).toMatchObject({ target: ['dmg'] });
    expect(config.npmRebuild).toBe(false);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['node_modules/better-sqlite3/**']);
    expect(config.publish).toBeNull();
    expect(existsSync(path.join(REPO_ROOT, config.beforePack))).toBe(true);
  });

  it('locks the packaged binary down with Electron fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});

describe('packing with a stand-in Electron', () => {
  const temp = tempDir('aispend-pack-');
  const stage = path.join(REPO_ROOT, '.cache', 'electron-native', 'stage', 'linux-x64');
  const binding = Buffer.from('stand-in for the Electron build of better_sqlite3.node');
  let resources: string;
  let asarFiles: string[];
  let result: ReturnType<typeof spawnSync>;

  beforeAll(async () => {
    await buildElectronBundles();

    // The Electron build of better-sqlite3, as scripts/electron-native.mjs leaves it in its cache.
    const cache = path.join(temp.dir, 'native-cache');
    const cached = path.join(cache, `${electronVersion}-linux-x64`);
    mkdirSync(cached, { recursive: true });
    writeFileSync(path.join(cached, 'better_sqlite3.node'), binding);
    const betterSqlite3 = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')) as { version: string }).version;
    writeFileSync(path.join(cached, 'binding.json'), JSON.stringify({ electron: electronVersion, betterSqlite3 }));

    // Electron's unpacked distribution, minus Electron: enough for electron-builder to lay the app out.
    const fakeElectron = path.join(temp.dir, 'electron-dist');
    mkdirSync(fakeElectron);
    writeFileSync(path.join(fakeElectron, 'electron'), '#!/bin/sh\nexit 0\n');
    chmodSync(path.join(fakeElectron, 'electron'), 0o755);
    writeFileSync(path.join(fakeElectron, 'version'), `v${electronVersion}`);
    writeFileSync(path.join(fakeElectron, 'LICENSE'), '');

    // Fuses are flipped inside the real Electron binary; the stand-in has none to flip.
    const packConfig = { ...config } as Record<string, unknown>;
    delete packConfig.electronFuses;
    const packConfigFile = path.join(temp.dir, 'electron-builder.yml');
    writeFileSync(packConfigFile, YAML.stringify(packConfig));

    const output = path.join(temp.dir, 'release');
    result = spawnSync(
      process.execPath,
      [
        require.resolve('electron-builder/cli.js'),
        '--linux',
        'dir',
        '--x64',
        '--config',
        packConfigFile,
        `-c.electronDist=${fakeElectron}`,
        `-c.electronVersion=${electronVersion}`,
        `-c.directories.output=${output}`,
        '-c.compression=store',
      ],
      { cwd: REPO_ROOT, env: { ...process.env, AISPEND_ELECTRON_NATIVE_CACHE: cache }, encoding: 'utf8', timeout: 300_000 },
    );
    resources = path.join(output, 'linux-unpacked', 'resources');
    const asar = require('@electron/asar') as { listPackage(file: string, options: object): string[] };
    asarFiles = existsSync(path.join(resources, 'app.asar')) ? asar.listPackage(path.join(resources, 'app.asar'), {}).map((f) => f.split(path.sep).join('/')) : [];
  }, 320_000);

  afterAll(() => {
    rmSync(stage, { recursive: true, force: true });
    temp.cleanup();
  });

  it('packs without error, running the beforePack hook', () => {
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(`${result.stdout}${result.stderr}`).toContain(`better-sqlite3 for Electron ${electronVersion} linux-x64 (cache) staged for packaging`);
  });

  it('ships the Electron build of better-sqlite3, the demo inputs and the price data as resources', () => {
    expect(readFileSync(path.join(resources, 'native', 'better_sqlite3.node')).equals(binding)).toBe(true);
    expect(existsSync(path.join(resources, 'scenarios', 'demo'))).toBe(true);
    expect(existsSync(path.join(resources, 'data', 'prices', 'catalogue.json'))).toBe(true);
  });

  it('puts main, preload and renderer in app.asar, without source maps or Node’s binding', () => {
    expect(asarFiles).toContain('/package.json');
    expect(asarFiles).toContain('/dist/electron/main.cjs');
    expect(asarFiles).toContain('/dist/electron/preload.cjs');
    if (existsSync(path.join(REPO_ROOT, 'dist', 'renderer', 'index.html'))) expect(asarFiles).toContain('/dist/renderer/index.html');
    expect(asarFiles.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(asarFiles.some((f) => f.startsWith('/dist/host/') || f.startsWith('/dist/cli/'))).toBe(false);
    expect(asarFiles.some((f) => f.startsWith('/node_modules/better-sqlite3/build/'))).toBe(false);
    expect(existsSync(path.join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'lib', 'index.js'))).toBe(true);
    expect(asarFiles.some((f) => f.startsWith('/node_modules/electron/'))).toBe(false);
  });

  it('matches where the packaged main process looks for its parts', () => {
    const appAsar = path.join(resources, 'app.asar');
    const paths = electronPaths({
      isPackaged: true,
      appPath: appAsar,
      resourcesPath: resources,
      mainDir: path.join(appAsar, 'dist', 'electron'),
      electronVersion,
      platform: 'linux',
      arch: 'x64',
      env: {},
    });
    expect(existsSync(paths.demoDir)).toBe(true);
    expect(existsSync(paths.nativeBinding)).toBe(true);
    expect(asarFiles).toContain(`/${path.relative(appAsar, paths.preload).split(path.sep).join('/')}`);
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { devBindingPath, electronPaths } from '../../../electron/main/app-paths';
import { READY_LINE, workspaceFromArgs } from '../../../electron/main/launch-args';
import { REPO_ROOT } from '../../helpers/temp';

describe('command line', () => {
  it('finds the workspace to open however it was passed', () => {
    expect(workspaceFromArgs(['/opt/electron', '/repo', '--workspace', '/w/a.aispend'])).toBe('/w/a.aispend');
    expect(workspaceFromArgs(['/opt/electron', '/repo', '--workspace=/w/b.aispend'])).toBe('/w/b.aispend');
    expect(workspaceFromArgs(['C:\\App\\AI Spend Workbench.exe', 'C:\\Users\\me\\Q3.aispend'])).toBe('C:\\Users\\me\\Q3.aispend');
    expect(workspaceFromArgs(['/opt/app', '--no-sandbox', '--workspace'])).toBeUndefined();
    expect(workspaceFromArgs(['/opt/app', '--workspace', '--inspect'])).toBeUndefined();
    expect(workspaceFromArgs(['/opt/app', '--enable-logging', '/repo'])).toBeUndefined();
    expect(workspaceFromArgs(['/home/me/old.aispend'])).toBeUndefined();
  });

  it('uses the same ready line as the launcher', async () => {
    const start = (await import(path.join(REPO_ROOT, 'scripts', 'start.mjs'))) as { READY_LINE: string };
    expect(start.READY_LINE).toBe(READY_LINE);
  });
});

describe('where the Electron shell finds its parts', () => {
  const common = { mainDir: '/repo/dist/electron', electronVersion: '45.4.1', platform: 'linux', arch: 'x64', env: {} };

  it('in a checkout: everything under the repo, the binding in .cache/electron-native', () => {
    expect(electronPaths({ ...common, isPackaged: false, appPath: '/repo', resourcesPath: '/opt/electron/resources' })).toEqual({
      rendererDir: path.join('/repo', 'dist', 'renderer'),
      preload: path.join('/repo/dist/electron', 'preload.cjs'),
      demoDir: path.join('/repo', 'scenarios', 'demo'),
      nativeBinding: path.join('/repo', '.cache', 'electron-native', '45.4.1-linux-x64', 'better_sqlite3.node'),
    });
  });

  it('packaged: renderer inside app.asar, demo inputs and binding in resources (as electron-builder.yml ships them)', () => {
    const resources = '/opt/AI Spend Workbench/resources';
    expect(
      electronPaths({ ...common, isPackaged: true, appPath: `${resources}/app.asar`, resourcesPath: resources, mainDir: `${resources}/app.asar/dist/electron` }),
    ).toEqual({
      rendererDir: path.join(`${resources}/app.asar`, 'dist', 'renderer'),
      preload: path.join(`${resources}/app.asar/dist/electron`, 'preload.cjs'),
      demoDir: path.join(resources, 'scenarios', 'demo'),
      nativeBinding: path.join(resources, 'native', 'better_sqlite3.node'),
    });
  });

  it('AISPEND_SQLITE_BINDING overrides the binding', () => {
    const paths = electronPaths({ ...common, isPackaged: false, appPath: '/repo', resourcesPath: '/r', env: { AISPEND_SQLITE_BINDING: '/custom/b.node' } });
    expect(paths.nativeBinding).toBe('/custom/b.node');
  });

  it('agrees with scripts/electron-native.mjs on where the binding lives', async () => {
    const native = (await import(path.join(REPO_ROOT, 'scripts', 'electron-native.mjs'))) as {
      bindingPath(target: { electronVersion: string; platform: string; arch: string; cache: string }): string;
      cacheRoot(root: string, env: Record<string, string>): string;
    };
    for (const [version, platform, arch] of [['45.4.1', 'linux', 'x64'], ['45.4.1', 'win32', 'arm64'], ['46.0.0', 'darwin', 'arm64']] as const) {
      expect(native.bindingPath({ electronVersion: version, platform, arch, cache: native.cacheRoot(REPO_ROOT, {}) })).toBe(devBindingPath(REPO_ROOT, version, platform, arch));
    }
  });
});

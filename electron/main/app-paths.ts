import path from 'node:path';

/**
 * Where the Electron shell finds its parts, from a source checkout (`npm
 * start`) and from a packaged app (electron-builder.yml puts the demo inputs,
 * the price data and the Electron build of better-sqlite3 in the resources
 * folder, next to app.asar).
 */
export interface ElectronPathsInput {
  isPackaged: boolean;
  /** app.getAppPath(): the checkout root, or resources/app.asar when packaged. */
  appPath: string;
  /** process.resourcesPath. */
  resourcesPath: string;
  /** The folder of the running main bundle (dist/electron). */
  mainDir: string;
  electronVersion: string;
  platform: string;
  arch: string;
  env: Record<string, string | undefined>;
}

export interface ElectronPaths {
  rendererDir: string;
  preload: string;
  demoDir: string;
  /** better-sqlite3 compiled for this Electron's ABI (Node's build in node_modules would not load). */
  nativeBinding: string;
}

/**
 * Where scripts/electron-native.mjs keeps the Electron build of better-sqlite3
 * in a checkout; the script computes the same path (a test checks they agree).
 */
export function devBindingPath(root: string, electronVersion: string, platform: string, arch: string): string {
  return path.join(root, '.cache', 'electron-native', `${electronVersion}-${platform}-${arch}`, 'better_sqlite3.node');
}

export const PACKAGED_BINDING = path.join('native', 'better_sqlite3.node');

export function electronPaths(input: ElectronPathsInput): ElectronPaths {
  const override = input.env.AISPEND_SQLITE_BINDING;
  if (input.isPackaged) {
    return {
      rendererDir: path.join(input.appPath, 'dist', 'renderer'),
      preload: path.join(input.mainDir, 'preload.cjs'),
      demoDir: path.join(input.resourcesPath, 'scenarios', 'demo'),
      nativeBinding: override || path.join(input.resourcesPath, PACKAGED_BINDING),
    };
  }
  const root = input.appPath;
  return {
    rendererDir: path.join(root, 'dist', 'renderer'),
    preload: path.join(input.mainDir, 'preload.cjs'),
    demoDir: path.join(root, 'scenarios', 'demo'),
    nativeBinding: override || devBindingPath(root, input.electronVersion, input.platform, input.arch),
  };
}

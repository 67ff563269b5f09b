import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'AI Spend Workbench';

/**
 * Where the app keeps its settings and workspaces: AISPEND_HOME if set (tests,
 * portable installs), else the platform's per-user application data folder
 * (the same folder Electron's app.getPath('userData') uses).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.AISPEND_HOME) return path.resolve(env.AISPEND_HOME);
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
}

export function workspacesDir(dataDir: string): string {
  return path.join(dataDir, 'workspaces');
}

/** The workspace opened on first start: the demo, built from scenarios/demo. */
export function defaultWorkspacePath(dataDir: string): string {
  return path.join(workspacesDir(dataDir), 'Acme Lending demo.aispend');
}

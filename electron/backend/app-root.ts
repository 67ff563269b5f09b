import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

declare const __dirname: string | undefined;

function isAppRoot(dir: string): boolean {
  const file = path.join(dir, 'package.json');
  if (!existsSync(file)) return false;
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'ai-spend-workbench';
  } catch {
    return false;
  }
}

/**
 * The folder holding package.json, scenarios/ and dist/: found by walking up
 * from the running file, so the same code works from source (tests, tsx),
 * from dist/ bundles and inside a packaged app (AISPEND_APP_ROOT).
 */
export function appRoot(): string {
  if (process.env.AISPEND_APP_ROOT) return path.resolve(process.env.AISPEND_APP_ROOT);
  let dir = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (isAppRoot(dir)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

export function demoDir(root = appRoot()): string {
  return path.join(root, 'scenarios', 'demo');
}

export function rendererDir(root = appRoot()): string {
  return path.join(root, 'dist', 'renderer');
}

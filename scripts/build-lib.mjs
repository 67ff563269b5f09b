// Build steps shared by `npm run build`, `npm start`, `npm test` and bin/aispend:
// esbuild bundles the Node side (host, CLI, Electron main and preload, workers),
// Vite builds the renderer. Each part is rebuilt only when its sources changed.
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');

function newestMtime(entries) {
  let newest = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p)) if (name !== 'node_modules' && !name.startsWith('.')) visit(path.join(p, name));
    } else if (st.mtimeMs > newest) newest = st.mtimeMs;
  };
  for (const e of entries) visit(path.join(ROOT, e));
  return newest;
}

const PARTS = {
  node: { stamp: path.join(DIST, '.node-build'), sources: ['shared', 'electron', 'package.json', 'scripts/build-lib.mjs', 'data'] },
  renderer: { stamp: path.join(DIST, '.renderer-build'), sources: ['shared', 'renderer', 'package.json', 'vite.config.ts', 'scripts/build-lib.mjs'] },
};

export function isStale(part) {
  const { stamp, sources } = PARTS[part];
  if (!existsSync(stamp)) return true;
  return newestMtime(sources) > statSync(stamp).mtimeMs;
}

function touch(part) {
  mkdirSync(DIST, { recursive: true });
  writeFileSync(PARTS[part].stamp, new Date().toISOString());
}

/** Worker entry points: any electron/**\/*.worker.ts becomes dist/workers/<name>.cjs. */
function workerEntries() {
  const found = [];
  const visit = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) visit(p);
      else if (name.endsWith('.worker.ts')) found.push(p);
    }
  };
  visit(path.join(ROOT, 'electron'));
  return found;
}

export async function buildNode({ quiet = false } = {}) {
  const esbuild = await import('esbuild');
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'linked',
    outExtension: { '.js': '.cjs' },
    logLevel: quiet ? 'error' : 'warning',
    absWorkingDir: ROOT,
    // import.meta.url only appears on code paths that ESM runs (tests); the CJS bundles use __dirname.
    logOverride: { 'empty-import-meta': 'silent' },
  };
  const started = Date.now();
  await Promise.all([
    esbuild.build({ ...common, entryPoints: { host: 'electron/host/main.ts' }, outdir: 'dist/host', packages: 'external' }),
    esbuild.build({ ...common, entryPoints: { aispend: 'electron/cli/main.ts' }, outdir: 'dist/cli', packages: 'external' }),
    existsSync(path.join(ROOT, 'electron/main/main.ts'))
      ? esbuild.build({ ...common, entryPoints: { main: 'electron/main/main.ts' }, outdir: 'dist/electron', packages: 'external', external: ['electron'] })
      : Promise.resolve(),
    // The sandboxed preload can require nothing but electron: bundle everything else into it.
    existsSync(path.join(ROOT, 'electron/preload/preload.ts'))
      ? esbuild.build({ ...common, entryPoints: { preload: 'electron/preload/preload.ts' }, outdir: 'dist/electron', external: ['electron'] })
      : Promise.resolve(),
    ...workerEntries().map((entry) =>
      esbuild.build({ ...common, entryPoints: { [path.basename(entry, '.ts')]: entry }, outdir: 'dist/workers', packages: 'external' }),
    ),
  ]);
  touch('node');
  if (!quiet) process.stderr.write(`built Node bundles in ${Date.now() - started} ms\n`);
}

export async function buildRenderer({ quiet = false } = {}) {
  // A renderer build is always production, even when a test runner (vitest sets NODE_ENV=test) started
  // this process: React's JSX transform follows NODE_ENV, and a dev transform against production React
  // fails at run time ("jsxDEV is not a function").
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  const { build } = await import('vite');
  const started = Date.now();
  try {
    await build({ configFile: path.join(ROOT, 'vite.config.ts'), mode: 'production', logLevel: quiet ? 'error' : 'warn' });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
  touch('renderer');
  if (!quiet) process.stderr.write(`built the renderer in ${Date.now() - started} ms\n`);
}

/** Builds what is stale; returns the parts built. */
export async function buildIfStale(options = {}) {
  const built = [];
  if (isStale('node')) {
    await buildNode(options);
    built.push('node');
  }
  if (isStale('renderer') && existsSync(path.join(ROOT, 'renderer', 'index.html'))) {
    await buildRenderer(options);
    built.push('renderer');
  }
  return built;
}

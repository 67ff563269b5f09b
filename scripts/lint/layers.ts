/**
 * The layer table: which folder may import which, and where each folder's
 * code runs. It is the one statement of ARCHITECTURE.md's rules between
 * layers; ESLint enforces it on every import (scripts/lint/layer-rule.ts,
 * wired in eslint.config.ts) and test/unit/architecture/layers.test.ts walks
 * the tree with the same check. Change the rules here and nowhere else.
 *
 * A folder always may import from itself. Folders not in the table (test/,
 * bench/, scripts/, scenarios/) may import anything.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';

/** Where a folder's code runs: decides which packages and built-ins it may use. */
export type Runtime =
  /** Node, browsers and workers alike: no Node built-ins, no Node-only or DOM-only package. */
  | 'anywhere'
  /** A browser page or Web Worker: no Node built-ins or Node-only package. */
  | 'browser'
  /** Node or Electron's main process: no DOM-only package. */
  | 'node';

export interface LayerRule {
  runs: Runtime;
  /** Other folders of the table (or data/, package.json) it may import; "shared/*" is every folder of shared/. */
  mayImport: readonly string[];
}

export const LAYERS = {
  /** Money, usage classes, the ledger line, the price book, contracts, the invoice check: the finance vocabulary. Reads the bundled price catalogue as JSON. */
  'shared/domain': { runs: 'anywhere', mayImport: ['data'] },
  /** Scenarios, levers, projections, Monte Carlo: built on the domain. */
  'shared/engine': { runs: 'anywhere', mayImport: ['shared/domain'] },
  /** Vendor statement formats: rows → ledger lines. */
  'shared/formats': { runs: 'anywhere', mayImport: ['shared/domain'] },
  /** The board workbook as data: sheets and formulas from the engine's named assumptions. */
  'shared/workbook': { runs: 'anywhere', mayImport: ['shared/engine', 'shared/domain'] },
  /** The one typed API: declares methods over the schemas of the other shared folders. */
  'shared/api': { runs: 'anywhere', mayImport: ['shared/domain', 'shared/engine', 'shared/formats', 'shared/workbook'] },
  /** The React UI: talks to the backend only through shared/api. */
  renderer: { runs: 'browser', mayImport: ['shared/*'] },
  /** Implements shared/api: workspace, imports, jobs, export. */
  'electron/backend': { runs: 'node', mayImport: ['shared/*', 'package.json'] },
  /** `aispend`: runs a backend in-process. */
  'electron/cli': { runs: 'node', mayImport: ['electron/backend', 'shared/*'] },
  /** Browser mode: serves the renderer and the backend's API on 127.0.0.1. */
  'electron/host': { runs: 'node', mayImport: ['electron/backend', 'shared/*'] },
  /** The Electron app: window, menu, dialogs, IPC to the backend. */
  'electron/main': { runs: 'node', mayImport: ['electron/backend', 'electron/host', 'shared/*'] },
  /** contextBridge: exposes the typed API and nothing else. */
  'electron/preload': { runs: 'node', mayImport: ['shared/api'] },
} as const satisfies Record<string, LayerRule>;

export type Layer = keyof typeof LAYERS;

/** Packages that only work in Node or Electron's main process. */
export const NODE_ONLY_PACKAGES: readonly string[] = ['better-sqlite3', 'electron', '@cj-tech-master/excelts', '@duckdb/node-api', 'csv-parse', 'commander', 'cli-progress', 'hyparquet'];
/** Subpaths of Node-only packages that are isomorphic (csv-parse ships a browser build). */
export const ISOMORPHIC_SUBPATHS: readonly string[] = ['csv-parse/browser/'];
/** Packages that need a DOM. */
export const DOM_ONLY_PACKAGES: readonly string[] = ['react', 'react-dom', 'echarts', 'echarts-for-react', 'ag-grid-community', 'ag-grid-react'];

const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** The table entry a repo-relative path belongs to ("shared/engine/compile.ts" → "shared/engine"), or null. */
export function layerOf(file: string): Layer | null {
  const parts = file.split(/[\\/]/);
  const two = `${parts[0]}/${parts[1]}`;
  if (two in LAYERS) return two as Layer;
  if ((parts[0] ?? '') in LAYERS) return parts[0] as Layer;
  return null;
}

/** What an import target is called in the table: its layer, else its top folder or file ("data", "package.json", "test"). */
function targetName(file: string): string {
  return layerOf(file) ?? file.split(/[\\/]/)[0] ?? file;
}

function allows(rule: LayerRule, target: string): boolean {
  return rule.mayImport.some((allowed) => allowed === target || (allowed.endsWith('/*') && target.startsWith(allowed.slice(0, -1))));
}

/** "shared/api" → "shared/api/", "shared/*" → "shared/", files as they are. */
function folder(name: string): string {
  if (name.endsWith('/*')) return name.slice(0, -1);
  return name.includes('.') ? name : `${name}/`;
}

function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? spec);
}

/**
 * Why `from` (a repo-relative path, "shared/domain/money.ts") may not import
 * `spec` as written in its source, or null when it may.
 */
export function layerProblem(from: string, spec: string): string | null {
  const layer = layerOf(from);
  if (layer === null) return null;
  const rule: LayerRule = LAYERS[layer];
  if (spec.startsWith('.')) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(from.split(path.sep).join('/')), spec));
    if (target.startsWith('../')) return `reaches outside the repository (${target})`;
    const name = targetName(target);
    if (name === layer) return null;
    if (!allows(rule, name)) return `${layer}/ may not import ${folder(name)}; it may import only ${[...rule.mayImport.map(folder), 'itself'].join(', ').replace(/, (?=[^,]*$)/, ' and ')}`;
    if (name === 'data' && !target.endsWith('.json')) return 'data/ holds data files: import its JSON only';
    return null;
  }
  const pkg = packageName(spec);
  if (rule.runs !== 'node' && NODE_BUILTINS.has(spec)) return `${layer}/ runs ${rule.runs === 'browser' ? 'in a browser' : 'in the browser too'}: no Node built-ins`;
  if (rule.runs !== 'node' && NODE_ONLY_PACKAGES.includes(pkg) && !ISOMORPHIC_SUBPATHS.some((s) => spec.startsWith(s))) return `${layer}/ imports no Node-only package (${pkg})`;
  if (rule.runs !== 'browser' && DOM_ONLY_PACKAGES.includes(pkg)) return `${layer}/ imports no DOM-only package (${pkg})`;
  return null;
}

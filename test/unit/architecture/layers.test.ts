import { readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/temp';

/**
 * ARCHITECTURE.md's rules between layers, checked on every import in the
 * tree (the rule is the documentation):
 * - shared/ imports nothing from electron/ or renderer/, and no Node-only or DOM-only module
 *   (it may read JSON data files from data/);
 * - renderer/ never imports electron/, nor Node-only modules;
 * - electron/ never imports renderer/ (the two talk only through shared/api).
 */

const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
/** Packages that only work in Node or Electron's main process. */
const NODE_ONLY_PACKAGES = ['better-sqlite3', 'electron', '@cj-tech-master/excelts', '@duckdb/node-api', 'csv-parse', 'commander', 'cli-progress', 'hyparquet'];
/** Packages that need a DOM. */
const DOM_ONLY_PACKAGES = ['react', 'react-dom', 'echarts', 'echarts-for-react', 'ag-grid-community', 'ag-grid-react'];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (name === 'node_modules' || name === 'dist') continue;
      if (statSync(p).isDirectory()) visit(p);
      else if (/\.(ts|tsx|mts|cts)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
    }
  };
  visit(path.join(REPO_ROOT, dir));
  return out;
}

/** Every module specifier a file imports: static, re-export, dynamic import and require. */
export function importsOf(source: string): string[] {
  const specs: string[] = [];
  const patterns = [
    /^\s*import\s+(?:type\s+)?[\s\S]*?\sfrom\s+['"]([^'"]+)['"]/gm,
    /^\s*import\s+['"]([^'"]+)['"]/gm,
    /^\s*export\s+(?:type\s+)?[\s\S]*?\sfrom\s+['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of source.matchAll(pattern)) if (m[1]) specs.push(m[1]);
  return specs;
}

function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? spec);
}

function layerOf(file: string): string {
  return path.relative(REPO_ROOT, file).split(path.sep)[0] ?? '';
}

function violations(dir: string, rule: (spec: string, resolved: string | null) => string | null): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(dir)) {
    const source = readFileSync(file, 'utf8');
    for (const spec of importsOf(source)) {
      const resolved = spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : null;
      const problem = rule(spec, resolved);
      if (problem) found.push(`${path.relative(REPO_ROOT, file)} imports ${spec}: ${problem}`);
    }
  }
  return found;
}

describe('layer rules (ARCHITECTURE.md)', () => {
  it('finds the imports it checks (the scanner itself works)', () => {
    expect(importsOf("import { a } from './x';\nimport type { B } from '../y';\nexport * from './z';\nconst m = await import('node:fs');\nrequire('electron');")).toEqual([
      './x',
      '../y',
      './z',
      'node:fs',
      'electron',
    ]);
  });

  it('shared/ imports nothing from electron/ or renderer/, and no Node-only or DOM-only module', () => {
    const found = violations('shared', (spec, resolved) => {
      // data/ holds plain data files (the price catalogue) that the pure core may read as JSON.
      if (resolved && layerOf(resolved) === 'data' && resolved.endsWith('.json')) return null;
      if (resolved && layerOf(resolved) !== 'shared') return `reaches into ${layerOf(resolved)}/`;
      if (NODE_BUILTINS.has(spec)) return 'a Node built-in';
      // csv-parse ships an isomorphic browser build; only its Node stream API is off limits.
      if (spec.startsWith('csv-parse/browser/')) return null;
      if (NODE_ONLY_PACKAGES.includes(packageName(spec))) return 'a Node-only package';
      if (DOM_ONLY_PACKAGES.includes(packageName(spec))) return 'a DOM-only package';
      return null;
    });
    expect(found).toEqual([]);
  });

  it('shared/ uses no DOM or Node globals', () => {
    const found: string[] = [];
    for (const file of sourceFiles('shared')) {
      const source = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      const globals: [string, RegExp][] = [
        ['document', /(?<![.\w])document\./],
        ['window', /(?<![.\w])window\./],
        ['localStorage', /(?<![.\w])localStorage\b/],
        ['process', /(?<![.\w])process\./],
        ['Buffer', /(?<![.\w])Buffer\./],
        ['__dirname', /(?<![.\w])__dirname\b/],
        ['require()', /(?<![.\w])require\(\s*['"]/],
      ];
      for (const [name, pattern] of globals) if (pattern.test(source)) found.push(`${path.relative(REPO_ROOT, file)} uses ${name}`);
    }
    expect(found).toEqual([]);
  });

  it('renderer/ never imports electron/ or Node-only modules', () => {
    const found = violations('renderer', (spec, resolved) => {
      if (resolved && layerOf(resolved) === 'electron') return 'reaches into electron/';
      if (NODE_BUILTINS.has(spec)) return 'a Node built-in';
      if (NODE_ONLY_PACKAGES.includes(packageName(spec))) return 'a Node-only package';
      return null;
    });
    expect(found).toEqual([]);
  });

  it('electron/ never imports renderer/ or DOM-only packages', () => {
    const found = violations('electron', (spec, resolved) => {
      if (resolved && layerOf(resolved) === 'renderer') return 'reaches into renderer/';
      if (DOM_ONLY_PACKAGES.includes(packageName(spec))) return 'a DOM-only package';
      return null;
    });
    expect(found).toEqual([]);
  });
});

import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { LAYERS, layerOf, layerProblem } from '../../../scripts/lint/layers';
import { REPO_ROOT } from '../../helpers/temp';

/**
 * ARCHITECTURE.md's rules between layers, as the one layer table in
 * scripts/lint/layers.ts states them (the rule is the documentation), checked
 * on every import in the tree. ESLint applies the same table as you type
 * (layers/imports); this walks the tree once more, dynamic imports and
 * require() included, and shows on fixtures that the rule can fail.
 */

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'layers');

function sourceFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (name === 'node_modules' || name === 'dist') continue;
      if (statSync(p).isDirectory()) visit(p);
      else if (/\.(ts|tsx|mts|cts)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
    }
  };
  visit(path.join(root, dir));
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

/** Each import of the files under `dir` that the layer table forbids, as "file imports spec: why". */
function violations(root: string, dir: string): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(root, dir)) {
    const from = path.relative(root, file).split(path.sep).join('/');
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      const problem = layerProblem(from, spec);
      if (problem) found.push(`${from} imports ${spec}: ${problem}`);
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

  it('the table names every folder of shared/ and electron/ that holds code', () => {
    const folders = ['shared', 'electron'].flatMap((top) => readdirSync(path.join(REPO_ROOT, top)).filter((d) => statSync(path.join(REPO_ROOT, top, d)).isDirectory()).map((d) => `${top}/${d}`));
    expect(folders.filter((f) => layerOf(`${f}/x.ts`) === null)).toEqual([]);
    expect(Object.keys(LAYERS)).toContain('shared/domain');
  });

  it('shared/ imports inside shared only as the table allows, nothing from electron/ or renderer/, and no Node-only or DOM-only module', () => {
    expect(violations(REPO_ROOT, 'shared')).toEqual([]);
  });

  it('shared/ uses no DOM or Node globals', () => {
    const found: string[] = [];
    for (const file of sourceFiles(REPO_ROOT, 'shared')) {
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
    expect(violations(REPO_ROOT, 'renderer')).toEqual([]);
  });

  it('electron/ never imports renderer/ or DOM-only packages, and its parts import each other only as the table allows', () => {
    expect(violations(REPO_ROOT, 'electron')).toEqual([]);
  });
});

describe('the layer rule on fixtures (test/fixtures/layers)', () => {
  it('fails a shared/domain → shared/api import and passes shared/engine → shared/domain', () => {
    expect(violations(FIXTURES, 'shared')).toEqual([
      'shared/domain/imports-api.ts imports ../api: shared/domain/ may not import shared/api/; it may import only data/ and itself',
    ]);
  });

  it('fails the lint run on the same file (ESLint applies the table)', async () => {
    const eslint = new ESLint({ cwd: REPO_ROOT });
    const lint = async (fixture: string) => {
      const [result] = await eslint.lintText(readFileSync(path.join(FIXTURES, fixture), 'utf8'), { filePath: path.join(REPO_ROOT, fixture) });
      return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
    };
    expect(await lint('shared/domain/imports-api.ts')).toEqual([
      'layers/imports: shared/domain/ may not import shared/api/; it may import only data/ and itself: ../api (layer table: scripts/lint/layers.ts)',
    ]);
    expect(await lint('shared/engine/imports-domain.ts')).toEqual([]);
  });

  it('names the rule for packages and built-ins by where the code runs', () => {
    expect(layerProblem('shared/formats/x.ts', 'node:fs')).toBe('shared/formats/ runs in the browser too: no Node built-ins');
    expect(layerProblem('shared/formats/x.ts', 'csv-parse/browser/esm/sync')).toBeNull();
    expect(layerProblem('shared/formats/x.ts', 'csv-parse/sync')).toBe('shared/formats/ imports no Node-only package (csv-parse)');
    expect(layerProblem('renderer/src/x.tsx', 'better-sqlite3')).toBe('renderer/ imports no Node-only package (better-sqlite3)');
    expect(layerProblem('renderer/src/x.tsx', 'react')).toBeNull();
    expect(layerProblem('electron/backend/x.ts', 'react-dom')).toBe('electron/backend/ imports no DOM-only package (react-dom)');
    expect(layerProblem('electron/preload/x.ts', '../backend/backend')).toBe('electron/preload/ may not import electron/backend/; it may import only shared/api/ and itself');
    expect(layerProblem('shared/domain/pricebook/bundled.ts', '../../../data/prices/catalogue.json')).toBeNull();
    expect(layerProblem('test/unit/x.test.ts', '../../electron/backend/backend')).toBeNull();
  });
});

/**
 * Every stylesheet closes each rule it opens. A rule left open does not fail
 * the build: the bundler reads what follows as nested rules, and the app
 * renders unstyled (a merge once did exactly that to contracts.css).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const RENDERER = path.resolve(__dirname, '../../../renderer/src');

function stylesheets(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return stylesheets(full);
    return e.name.endsWith('.css') ? [full] : [];
  });
}

/** The first place the braces stop balancing (comments and strings left out), or null. */
export function unbalancedAt(css: string): string | null {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'/g, (s) => s.replace(/[^\n]/g, ' '));
  let depth = 0;
  let line = 1;
  for (const ch of text) {
    if (ch === '\n') line++;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth < 0) return `an extra } on line ${line}`;
  }
  return depth === 0 ? null : `${depth} rule(s) left open at the end`;
}

describe('stylesheets', () => {
  it('finds an open rule and an extra brace', () => {
    expect(unbalancedAt('.a { color: red;\n.b { color: blue; }\n')).toBe('1 rule(s) left open at the end');
    expect(unbalancedAt('.a { color: red; }\n}\n')).toBe('an extra } on line 2');
    // Braces inside comments and strings do not count.
    expect(unbalancedAt('/* { */ .a::after { content: "}"; }\n')).toBeNull();
  });

  it('every renderer stylesheet closes the rules it opens', () => {
    const files = stylesheets(RENDERER);
    expect(files.length).toBeGreaterThan(3);
    const problems = files.map((f) => [path.relative(RENDERER, f), unbalancedAt(readFileSync(f, 'utf8'))]).filter(([, p]) => p !== null);
    expect(problems).toEqual([]);
  });
});

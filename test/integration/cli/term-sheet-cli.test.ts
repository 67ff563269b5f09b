import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { termSheetGrid } from '../../../electron/backend/contracts/term-sheet-reader';
import { aispend } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp';

/**
 * A stored contract out as a term sheet and back in, through the CLI as
 * procurement would use it: export the demo's OpenAI agreement (the terms as
 * signed plus its phase-2 version), store the sheet in its place, and the
 * contract prices every month exactly as before.
 */
describe('aispend contracts export-term-sheet', () => {
  const { dir, cleanup } = tempDir();
  const env = { AISPEND_HOME: path.join(dir, 'home') };
  const workspace = path.join(dir, 'demo.aispend');
  const months = () => {
    const run = aispend(['contracts', 'months', '--workspace', workspace, '--id', 'acme-openai-enterprise', '--json'], env);
    expect(run.status, run.stderr).toBe(0);
    const { workspace: _w, ...priced } = JSON.parse(run.stdout) as Record<string, unknown>;
    return priced;
  };
  beforeAll(() => {
    expect(aispend(['demo', '--workspace', workspace], env).status).toBe(0);
  });
  afterAll(cleanup);

  it('writes the terms and each version; stored back in place of the YAML, every month prices the same', () => {
    const before = months();
    const sheet = path.join(dir, 'openai-term-sheet.xlsx');
    const run = aispend(['contracts', 'export-term-sheet', '--workspace', workspace, '--id', 'acme-openai-enterprise', '--out', sheet, '--json'], env);
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { ok: boolean; contract: string; file: string; versions: number; bytes: number };
    expect(out).toMatchObject({ ok: true, contract: 'acme-openai-enterprise', file: sheet, versions: 1 });
    expect(out.bytes).toBe(statSync(sheet).size);

    // The sheet as a person sees it: the contract's id and vendor, its version block, the 15% discount as 15%.
    const { grid } = termSheetGrid(new Uint8Array(readFileSync(sheet)), 'openai-term-sheet.xlsx');
    const label = (name: string) => grid.find((r) => r[0] === name)?.[1];
    expect(label('Contract id')).toBe('acme-openai-enterprise');
    expect(label('Vendor')).toBe('openai');
    expect(grid.map((r) => r[0])).toContain('[Version 2]');
    expect(label('Effective from')).toBe('2026-11-01');

    const replaced = aispend(['contracts', 'add', '--workspace', workspace, '--replace', sheet, '--json'], env);
    expect(replaced.status, replaced.stderr).toBe(0);
    expect((JSON.parse(replaced.stdout) as { contracts: { id: string }[] }).contracts.map((c) => c.id)).toEqual(['acme-openai-enterprise']);
    expect(months()).toEqual(before);
  });

  it('keeps an existing file unless --force, and names a contract that is not stored', () => {
    const sheet = path.join(dir, 'anthropic.xlsx');
    const first = aispend(['contracts', 'export-term-sheet', '--workspace', workspace, '--id', 'acme-anthropic-2025', '--out', sheet], env);
    // The demo's Anthropic agreement has no versions: the sentence says only where it went.
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toBe(`Wrote the term sheet of acme-anthropic-2025 to ${sheet}.\n`);
    const size = statSync(sheet).size;
    const again = aispend(['contracts', 'export-term-sheet', '--workspace', workspace, '--id', 'acme-anthropic-2025', '--out', sheet], env);
    // A file already there is a choice to make, not a bad argument: exit 1 (failure), and the file is untouched.
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exists');
    expect(statSync(sheet).size).toBe(size);
    expect(aispend(['contracts', 'export-term-sheet', '--workspace', workspace, '--id', 'acme-anthropic-2025', '--out', sheet, '--force'], env).status).toBe(0);

    const missing = aispend(['contracts', 'export-term-sheet', '--workspace', workspace, '--id', 'nope', '--out', path.join(dir, 'nope.xlsx'), '--json'], env);
    // An id that names no stored contract is bad input (exit 2); --json still prints one document, the error.
    expect(missing.status).toBe(2);
    expect(JSON.parse(missing.stdout)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(missing.stderr).toContain('there is no stored contract nope');
    expect(existsSync(path.join(dir, 'nope.xlsx'))).toBe(false);
  });
});

import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { aispend } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp';

const { dir, cleanup } = tempDir();
const env = { AISPEND_HOME: path.join(dir, 'home') };

describe('aispend workspace new', () => {
  afterAll(cleanup);

  it('creates an empty workspace that the other commands open, and never overwrites a file', () => {
    const file = path.join(dir, 'Q3 review.aispend');
    const created = aispend(['workspace', 'new', file, '--json'], env);
    expect(created.status, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ ok: true, workspace: { path: file, name: 'Q3 review', ledgerLines: 0, imports: 0, isDemo: false } });
    const info = aispend(['workspace', 'info', '--workspace', file, '--json'], env);
    expect(JSON.parse(info.stdout)).toMatchObject({ ledgerLines: 0, providers: [], firstMonth: null });
    const size = statSync(file).size;

    const again = aispend(['workspace', 'new', file, '--json'], env);
    expect(again.status).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: false, error: { code: 'conflict', file } });
    expect(statSync(file).size).toBe(size);

    // Someone else's file with that name is left alone too.
    const notes = path.join(dir, 'notes.aispend');
    writeFileSync(notes, 'my notes');
    expect(aispend(['workspace', 'new', notes], env).status).toBe(1);
    expect(readFileSync(notes, 'utf8')).toBe('my notes');
  });

  it('refuses a name without .aispend or a missing folder as bad input (exit 2), writing nothing', () => {
    const txt = path.join(dir, 'plain.txt');
    const wrong = aispend(['workspace', 'new', txt], env);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('.aispend');
    expect(existsSync(txt)).toBe(false);
    const missing = aispend(['workspace', 'new', path.join(dir, 'no such folder', 'w.aispend')], env);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('does not exist');
  });

  it('says what it does in --help, as every command does', () => {
    for (const args of [['workspace', 'new', '--help'], ['workspace', '--help'], ['--help']]) {
      const help = aispend(args, env);
      expect(help.status, args.join(' ')).toBe(0);
      expect(help.stdout).toContain('Usage: aispend');
      expect(help.stdout).not.toMatch(/will arrive|not built yet/);
    }
    expect(aispend(['workspace', 'new', '--help'], env).stdout).toMatch(/never\s+overwrites\s+a\s+file/);
    expect(aispend(['--help'], env).stdout).toMatch(/workspace\s+Workspace files:\s+create\s+one/);
  });
});

import { chmodSync, chownSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../../electron/backend/workspace/workspace';
import { aispend } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp';

/**
 * A workspace on a read-only folder or medium (a colleague's share, a locked
 * card): it opens read-only and says so, changes are refused with a clear
 * message, and nothing is written beside it. File permissions do not bind
 * root, so when the suite runs as root the CLI runs as `nobody`.
 */
const asRoot = process.getuid?.() === 0;
const user = asRoot ? { uid: 65534, gid: 65534 } : undefined;

const { dir, cleanup } = tempDir();
const home = path.join(dir, 'home');
const shared = path.join(dir, 'shared');
const env = { AISPEND_HOME: home };
const PRICES = 'provider,model,usage_class,meter,service_tier,context_above,region,effective_from,effective_to,currency,price,per,unit\nopenai,gpt-4.1,input,,standard,,,2027-01-01,,USD,1.50,1000000,token\n';

function makeReadOnly(folder: string): void {
  for (const name of readdirSync(folder)) chmodSync(path.join(folder, name), 0o444);
  chmodSync(folder, 0o555);
}

describe('a read-only workspace', () => {
  beforeAll(() => {
    // The user the CLI runs as can read everything here and write only its home.
    chmodSync(dir, 0o755);
    mkdirSync(home);
    if (user) chownSync(home, user.uid, user.gid);
    mkdirSync(shared);
    Workspace.create(path.join(shared, 'q3.aispend'), { appVersion: 'test', name: 'Q3' }).close();
    writeFileSync(path.join(dir, 'prices.csv'), PRICES);
    chmodSync(path.join(dir, 'prices.csv'), 0o644);
    makeReadOnly(shared);
    // Built as the test's own user: the other user cannot write dist/.
    expect(aispend(['--version'], env).status).toBe(0);
  });
  afterAll(() => {
    chmodSync(shared, 0o755);
    cleanup();
  });

  it('opens read-only, says so, refuses a change and leaves nothing beside the file', () => {
    const file = path.join(shared, 'q3.aispend');
    const before = readFileSync(file);

    const info = aispend(['workspace', 'info', '--workspace', file, '--json'], env, user);
    expect(info.status, info.stderr).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({ name: 'Q3', readOnly: 'the file is read-only' });
    expect(info.stderr).toContain(`${file} is open read-only because the file is read-only`);
    const table = aispend(['workspace', 'info', '--workspace', file], env, user);
    expect(table.stdout).toMatch(/^read-only\s+yes: the file is read-only/m);

    const change = aispend(['pricebook', 'import', path.join(dir, 'prices.csv'), '--workspace', file, '--json'], env, user);
    expect(change.status).toBe(1);
    const refused = JSON.parse(change.stdout) as { ok: boolean; error: { code: string; message: string } };
    expect(refused.error.code).toBe('read_only');
    expect(refused.error.message).toContain('this workspace is open read-only because the file is read-only: nothing was changed');

    expect(readdirSync(shared)).toEqual(['q3.aispend']);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('says why a workspace left in WAL mode cannot be opened from a read-only folder, instead of calling it damaged', () => {
    const folder = path.join(dir, 'left-open');
    mkdirSync(folder);
    const file = path.join(folder, 'open-elsewhere.aispend');
    Workspace.create(file, { appVersion: 'test' }).close();
    // As another app would leave it: WAL mode recorded in the file's header.
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.close();
    makeReadOnly(folder);
    try {
      const run = aispend(['workspace', 'info', '--workspace', file, '--json'], env, user);
      expect(run.status).toBe(1);
      const { error } = JSON.parse(run.stdout) as { error: { code: string; message: string } };
      expect(error.code).toBe('read_only');
      expect(error.message).toContain('copy it to a folder you can write to and open the copy');
      expect(readdirSync(folder)).toEqual(['open-elsewhere.aispend']);
    } finally {
      chmodSync(folder, 0o755);
    }
  });
});

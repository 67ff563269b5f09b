/**
 * Two handlers step past one expected failure: a stored contract whose terms
 * no longer validate is still listed (without its terms, so it can be opened
 * and fixed), and a scenario file on disk runs with no workspace open. Any
 * other failure must surface, not be mistaken for those.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { priceBookChanged } from '../../../electron/backend/pricing/price-book-service';
import { startBackend } from '../../helpers/backend';
import { REPO_ROOT } from '../../helpers/temp';

type Started = Awaited<ReturnType<typeof startBackend>>;

describe('stored contracts that no longer validate', () => {
  let s: Started;
  beforeAll(async () => {
    s = await startBackend();
  });
  afterAll(async () => s.stop());

  it('are listed without their terms; a database failure is reported', async () => {
    const before = await s.client.call('contracts.list', {});
    const [broken] = before.contracts;
    expect(broken?.highlights.length).toBeGreaterThan(0);
    const workspace = s.backend.workspace();
    workspace.db.prepare('UPDATE contracts SET yaml = ? WHERE id = ?').run('name: [unclosed', broken!.id);
    priceBookChanged(workspace);
    const after = await s.client.call('contracts.list', {});
    expect(after.contracts.map((c) => c.id)).toEqual(before.contracts.map((c) => c.id));
    expect(after.contracts.find((c) => c.id === broken!.id)?.highlights).toEqual([]);

    workspace.db.exec('ALTER TABLE price_rows RENAME TO price_rows_moved');
    priceBookChanged(workspace);
    await expect(s.backend.invoke('contracts.list', {})).rejects.toThrow(/no such table: price_rows/);
    workspace.db.exec('ALTER TABLE price_rows_moved RENAME TO price_rows');
  });
});

describe('a scenario file on disk with no workspace', () => {
  let s: Started;
  beforeAll(async () => {
    s = await startBackend({ openDemo: false });
  });
  afterAll(async () => s.stop());

  const source = { path: path.join(REPO_ROOT, 'scenarios', 'lever-route.yaml') };

  it('resolves when no workspace is open, and reports a workspace that fails to open', async () => {
    const resolved = await s.client.call('scenarios.resolve', source);
    expect(resolved.file.name).toBe('Routing examples');
    s.backend.workspace = () => {
      throw new Error('SQLITE_IOERR: disk I/O error');
    };
    await expect(s.backend.invoke('scenarios.resolve', source)).rejects.toThrow('SQLITE_IOERR: disk I/O error');
  });
});

import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoLedgerLineCount } from '../../helpers/demo-statements';
import { REPO_ROOT, tempDir } from '../../helpers/temp';

/**
 * A disk that fills up: a 1.5 MB tmpfs (an empty workspace of 16 KiB pages is
 * about 0.8 MB, the demo workspace about 3.9 MB)
 * mounted in a user and mount namespace of its own (`unshare -rm`, no
 * privileges needed on Linux), so the child sees real ENOSPC / SQLITE_FULL
 * from the kernel. The child reports what it saw (full-disk.child.ts).
 */
const { dir, cleanup } = tempDir();
afterAll(() => cleanup());

interface Seen {
  opened: string;
  demoFailure: { code: string; message: string } | null;
  afterDemo: string[];
  saveFailure: { code: string; message: string } | null;
  afterSave: string[];
  auditAdded: number;
  stillOpen: string;
  saved: { path: string; ledgerLines: number; lastAudit: string };
  rebuilt: { path: string; ledgerLines: number };
  afterRetry: string[];
}

describe('a full disk', () => {
  it('building the demo or Save As leaves no file behind and no audit entry, and a retry after freeing space works', () => {
    const disk = path.join(dir, 'disk');
    const work = path.join(dir, 'work');
    mkdirSync(disk);
    mkdirSync(work);
    const run = spawnSync(
      'unshare',
      ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=1500k tmpfs "$0" && exec "$1" --import tsx test/integration/backend/full-disk.child.ts "$0" "$2"', disk, process.execPath, work],
      { cwd: REPO_ROOT, encoding: 'utf8', timeout: 240_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    const seen = JSON.parse(run.stdout) as Seen;

    expect(seen.demoFailure).toEqual({ code: 'disk_full', message: 'the disk is full: the demo was not built and nothing was kept; free some space and try again' });
    expect(seen.afterDemo).toEqual([]);
    expect(seen.saveFailure).toEqual({ code: 'disk_full', message: 'the disk is full: the copy was not saved; free some space and try again' });
    expect(seen.afterSave).toEqual([]);
    // Neither failure touched the open workspace: no audit entry, still the same file.
    expect(seen.auditAdded).toBe(0);
    expect(seen.stillOpen).toBe(seen.opened);

    // With space freed, both work: the copy holds the demo's ledger lines (counted from its statements) and its own savedAs entry.
    expect(seen.saved).toEqual({ path: path.join(disk, 'copy.aispend'), ledgerLines: demoLedgerLineCount(), lastAudit: 'workspace.savedAs' });
    expect(seen.rebuilt).toEqual({ path: path.join(disk, 'demo.aispend'), ledgerLines: demoLedgerLineCount() });
    // The rebuilt demo is open (its WAL beside it); no temporary file remains.
    expect(seen.afterRetry).toEqual(['copy.aispend', 'demo.aispend', 'demo.aispend-shm', 'demo.aispend-wal']);
  }, 300_000);
});

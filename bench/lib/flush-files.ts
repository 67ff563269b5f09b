/**
 * Puts files a benchmark has just written on disk before it times anything.
 * A bench writes its inputs (the import bench about 1.5 GB of seeded
 * statements) and then times runs that sync their own output: left in the
 * page cache, those inputs are written back by the kernel during the timed
 * runs, and on ext4 (data=ordered) a run's fsync can wait for another
 * file's writeback (as the import bench's runs did for the workspaces
 * earlier runs left behind: see runChild there). Both sides of a
 * comparison (the import and DuckDB) run after the
 * flush, so neither pays for the inputs.
 */
import { closeSync, fsyncSync, openSync } from 'node:fs';

export function flushFiles(files: readonly string[]): void {
  for (const file of files) {
    const fd = openSync(file, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Workspace } from '../workspace/workspace';

/**
 * Whether a demo workspace still matches the demo it was built from. A demo
 * built by an older version of the app keeps its old statements and figures
 * (the README's tour would no longer describe it); one the user has not
 * changed since it was built can be rebuilt from the shipped demo without
 * losing anything of theirs.
 */

/** A digest of every file of the shipped demo (paths and bytes), so any change to its inputs changes it. */
export function demoDigest(demoDir: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) hash.update(`${path.relative(demoDir, full)}\0`).update(readFileSync(full)).update('\0');
    }
  };
  walk(demoDir);
  return hash.digest('hex');
}

function lastAuditId(ws: Workspace): number {
  return ws.auditEntries(1)[0]?.id ?? 0;
}

/** Marks a just-built demo with the digest of its inputs and the audit log's end, to tell later whether it was changed. */
export function stampDemo(ws: Workspace, digest: string): void {
  ws.setMeta('demo_digest', digest);
  ws.setMeta('demo_audit_mark', String(lastAuditId(ws)));
}

/** A demo built from other demo inputs than these, and not changed since it was built (so rebuilding loses nothing). */
export function isOutdatedUnchangedDemo(ws: Workspace, digest: string): boolean {
  if (!ws.info().isDemo || ws.info().readOnly !== null) return false;
  const built = ws.meta('demo_digest');
  const mark = ws.meta('demo_audit_mark');
  if (built === undefined || mark === undefined || built === digest) return false;
  return lastAuditId(ws) === Number(mark);
}

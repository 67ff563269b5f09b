import { chmodSync, mkdirSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * The host's own files: what the browser uploaded (statements, price
 * lists, contracts, drivers) and exports waiting to be downloaded, private
 * to the user (folders 0700, files 0600). Uploads are kept in a folder per
 * run of the host under `<data>/uploads`, downloads in a folder each under
 * `<data>/downloads` named after the run's process. An upload is removed as
 * soon as the import that reads it ends, a download once it is fetched,
 * what a run holds when the host stops, and whatever runs that are no longer
 * alive (killed, or crashed) left behind when the next one starts.
 */
export class HostFiles {
  readonly root: string;
  readonly runDir: string;
  readonly uploadsDir: string;
  readonly downloadsDir: string;
  private readonly downloadPrefix = `${process.pid}-`;

  constructor(uploadRoot: string, downloadRoot: string) {
    this.root = uploadRoot;
    this.runDir = path.join(uploadRoot, `run-${process.pid}-${Date.now()}`);
    this.uploadsDir = path.join(this.runDir, 'in');
    this.downloadsDir = path.resolve(downloadRoot);
  }

  /** Creates this run's folders (private), after removing what runs that are no longer alive left behind. */
  start(): void {
    privateDir(this.root);
    removeStale(this.root, this.runDir, /^run-(\d+)-\d+$/);
    for (const dir of [this.runDir, this.uploadsDir, this.downloadsDir]) privateDir(dir);
    removeStale(this.downloadsDir, null, /^(\d+)-/);
  }

  /** A fresh private folder for one upload or one download. */
  newFolder(kind: 'in' | 'out', id: string): string {
    const dir = kind === 'in' ? path.join(this.uploadsDir, id) : path.join(this.downloadsDir, `${this.downloadPrefix}${id}`);
    privateDir(dir);
    return dir;
  }

  /** Removes an upload or download (its own folder with it), if it is one of this run's. */
  remove(file: string): void {
    for (const base of [this.uploadsDir, this.downloadsDir]) {
      const relative = path.relative(realOr(base), realOr(file));
      if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) continue;
      const folder = path.join(base, relative.split(path.sep)[0] as string);
      rmSync(folder, { recursive: true, force: true });
      return;
    }
  }

  /** A download target (a file directly in a folder of the downloads folder), resolved, or null. */
  download(file: string): string | null {
    const real = realOr(file);
    const parts = path.relative(realOr(this.downloadsDir), real).split(path.sep);
    return parts.length === 2 && parts[0] !== '..' && parts[0] !== '' && !path.isAbsolute(parts[0] as string) ? real : null;
  }

  /** The host stops: nothing it received or produced stays on disk. */
  stop(): void {
    rmSync(this.runDir, { recursive: true, force: true });
    for (const name of readdirSync(this.downloadsDir)) {
      if (name.startsWith(this.downloadPrefix)) rmSync(path.join(this.downloadsDir, name), { recursive: true, force: true });
    }
  }
}

function realOr(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/** mkdir with mode 0700, also tightening a folder that already existed (the umask may have widened it). */
function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Everything in `root` except `own` and what belongs to processes still running (the pid is the pattern's first group). */
function removeStale(root: string, own: string | null, owner: RegExp): void {
  for (const name of readdirSync(root)) {
    const full = path.join(root, name);
    if (full === own) continue;
    const run = owner.exec(name);
    if (run && Number(run[1]) !== process.pid && alive(Number(run[1]))) continue;
    rmSync(full, { recursive: true, force: true });
  }
}

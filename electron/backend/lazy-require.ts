/**
 * Libraries that only a few commands use — the spreadsheet reader (SheetJS)
 * and writer (excelts) — are loaded on first use rather than when the
 * backend starts. Loaded up front they cost the backend's process 45 MB of
 * RSS before any work (its heap 83 → 36 MB; measured on the bundled
 * backend: 141 MB → 96 MB just after start), and that memory sat under
 * every statement import's peak: a million-line FOCUS CSV import peaked at
 * 299–303 MB with them, 264 MB without.
 *
 * A require (not `await import`) because their callers are synchronous (a
 * driver table read inside a workspace transaction, a term sheet's grid).
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

declare const __filename: string | undefined;

const requireHere = createRequire(typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url));

/** A function that loads the module `id` the first time it is called and returns it every time. */
export function onFirstUse<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requireHere(id) as T);
}

import type { MethodOutput, MethodParsedInput } from '../../../shared/api';
import { WorkbenchError } from '../../../shared/domain/errors';
import type { BackendContext } from '../context';
import { changed, type Change } from '../workspace/commit';
import type { Workspace } from '../workspace/workspace';
import { ImportRepository, type ImportRecord } from './import-repository';

/** The workspace's stored imports: one with its reconciliation, its rejected rows, and removing one with its ledger lines. */

function found(repo: ImportRepository, importId: number): ImportRecord {
  const stored = repo.get(importId);
  if (!stored) throw new WorkbenchError('not_found', `there is no import #${importId}`, { field: 'importId' });
  return stored;
}

export function storedImport(workspace: Workspace, importId: number): ImportRecord {
  return found(new ImportRepository(workspace.db), importId);
}

export function importRejections(workspace: Workspace, page: MethodParsedInput<'imports.rejections'>): MethodOutput<'imports.rejections'> {
  const repo = new ImportRepository(workspace.db);
  const stored = found(repo, page.importId);
  return { total: stored.rowsRejected, ...repo.rejections(page.importId, page.offset, page.limit) };
}

/** Removes an import and every ledger line it brought; the UI is told the workspace's new totals. */
export function removeImport(backend: BackendContext, importId: number): Change<{ removedLines: number }> {
  const workspace = backend.workspace();
  const repo = new ImportRepository(workspace.db);
  const stored = found(repo, importId);
  const lines = repo.remove([importId]);
  return changed({ removedLines: lines }, 'import.removed', { importId, file: stored.fileName, sha256: stored.sha256, lines }, () =>
    backend.emit({ type: 'workspace', info: workspace.info() }),
  );
}

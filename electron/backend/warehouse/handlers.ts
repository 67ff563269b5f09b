import Database from 'better-sqlite3';
import type { AreaHandlers, JobHandlerMap } from '../area';
import { exportFocus } from './focus-export';
import { pushdownCatalogue, writePushdownQuery } from './pushdown-service';

/** The warehouse area: push-down queries (no workspace needed) and the FOCUS export of the open workspace. */
export const warehouseHandlers: AreaHandlers<'warehouse.catalogue' | 'warehouse.pushdown'> = {
  'warehouse.catalogue': () => pushdownCatalogue(),
  'warehouse.pushdown': (input) => writePushdownQuery(input),
};

export const warehouseJobs: JobHandlerMap<'warehouse.exportFocus'> = {
  'warehouse.exportFocus': async (input, backend, job) => {
    // A read-only connection of its own: the export streams lines while the workspace stays usable.
    const db = new Database(backend.workspace().path, { readonly: true, fileMustExist: true });
    try {
      return await exportFocus(db, input, job);
    } finally {
      db.close();
    }
  },
};

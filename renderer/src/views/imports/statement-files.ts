import { useMemo } from 'react';
import { useConnection } from '../../api/ClientContext';

/** A statement the backend can read: the file itself in Electron, the uploaded copy in browser mode. */
export interface StatementFile {
  path: string;
  /** The name the user knows the file by (kept with the import). */
  name: string;
  /**
   * Browser mode: the host removes an upload once an import has read it (whatever the outcome), so a
   * second attempt (another overlap choice, importing the other rows) uploads the file again.
   */
  again?: () => Promise<StatementFile>;
}

const STATEMENT_FILTERS = [
  { name: 'Vendor statements', extensions: ['csv', 'gz', 'xlsx', 'parquet', 'json', 'jsonl', 'ndjson', 'tsv', 'txt'] },
  { name: 'All files', extensions: ['*'] },
];

export interface StatementFiles {
  /** Electron's native open dialog; null in browser mode (the view shows a file input instead). */
  pick: (() => Promise<StatementFile | null>) | null;
  /** A File from a drop or a file input, made readable by the backend. */
  fromFile(file: File): Promise<StatementFile>;
}

/**
 * Hides the one difference between Electron and browser mode for statement
 * files: Electron hands the backend the real path (native dialog, or
 * webUtils' path of a dropped file); a browser uploads the bytes to the host
 * (POST /api/upload), which answers with the path of its copy.
 */
export function useStatementFiles(): StatementFiles {
  const { bridge, http } = useConnection();
  return useMemo<StatementFiles>(
    () => ({
      pick: bridge
        ? async () => {
            const [path] = await bridge.pickFiles({ title: 'Import a vendor statement', filters: STATEMENT_FILTERS });
            return path ? { path, name: path.split(/[\\/]/).pop() ?? path } : null;
          }
        : null,
      async fromFile(file) {
        if (bridge) {
          const path = bridge.pathForFile(file);
          if (path) return { path, name: file.name };
        }
        if (!http) throw new Error('this window cannot hand files to the workbench');
        const upload = async (): Promise<StatementFile> => {
          const uploaded = await http.upload(file, file.name);
          return { path: uploaded.path, name: file.name, again: upload };
        };
        return upload();
      },
    }),
    [bridge, http],
  );
}

import { useCallback, useState } from 'react';
import type { JobEvent } from '../../../../shared/api/jobs';
import type { LedgerExportFormat, LedgerExportInput, LedgerExportResult } from '../../../../shared/api/ledger-export';
import { isWorkbenchError } from '../../../../shared/domain/errors';
import { useClient } from '../../api/ClientContext';
import { describeError } from '../../api/describe-error';
import { useFiles } from '../../api/files';
import { formatCount } from '../../format/money';

export interface ExportState {
  busy: boolean;
  /** What happened last, in words ("Saved 2,576 lines to ledger.csv"), or the progress of a running export. */
  message: string | null;
  error: string | null;
}

const KINDS: Record<LedgerExportFormat, { kind: string; extension: string }> = {
  csv: { kind: 'CSV', extension: 'csv' },
  xlsx: { kind: 'Excel workbook', extension: 'xlsx' },
};

/**
 * Exports a ledger view as a job: the desktop app asks where to save first,
 * a browser downloads the file the host wrote. Progress and the outcome are
 * told in words beside the button.
 */
export function useLedgerExport() {
  const client = useClient();
  const files = useFiles();
  const [state, setState] = useState<ExportState>({ busy: false, message: null, error: null });

  const run = useCallback(
    async (view: Omit<LedgerExportInput, 'out'>, baseName: string) => {
      const { kind, extension } = KINDS[view.format];
      setState({ busy: true, message: 'Exporting…', error: null });
      const onProgress = (e: JobEvent) => {
        if (e.total) setState((s) => ({ ...s, message: `Exporting… ${formatCount(e.done)} of ${formatCount(e.total ?? 0)} rows` }));
      };
      try {
        const written: { result: LedgerExportResult | null } = { result: null };
        // The desktop app writes where the save dialog chose; a browser has the host name a target, then downloads it.
        const saved = await files.saveFile({
          title: 'Export the ledger view',
          fileName: `${baseName}.${extension}`,
          kind,
          extensions: [extension],
          writeTo: async (out) => {
            written.result = await client.runJob('ledger.export', { ...view, out }, onProgress).result;
          },
        });
        const result = saved ? written.result : null;
        setState({
          busy: false,
          message: result ? `Saved ${formatCount(result.rows)} ${result.grouped ? (result.rows === 1 ? 'group' : 'groups') : result.rows === 1 ? 'line' : 'lines'} to ${result.fileName}` : null,
          error: null,
        });
      } catch (error) {
        const cancelled = isWorkbenchError(error) && error.code === 'cancelled';
        setState({ busy: false, message: cancelled ? 'Export cancelled' : null, error: cancelled ? null : describeError(error) });
      }
    },
    [client, files],
  );

  return { ...state, run };
}

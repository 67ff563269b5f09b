import { useState } from 'react';
import { useClient } from '../../api/ClientContext';
import { describeError } from '../../api/describe-error';
import { useFiles } from '../../api/files';
import { MenuButton } from '../../components/MenuButton';
import { formatCount } from '../../format/money';

const FORMATS = {
  csv: { label: 'CSV', kind: 'CSV', extension: 'csv' },
  parquet: { label: 'Parquet', kind: 'Parquet', extension: 'parquet' },
} as const;
type Format = keyof typeof FORMATS;

/**
 * Every allocated line with its FOCUS 1.3 allocation columns, as CSV or
 * Parquet: the export job writes it (to the path the save dialog chose, or
 * for a browser to the host, which then downloads it).
 */
export function ExportLinesMenu({ onDone, onError }: { onDone: (message: string | null) => void; onError: (message: string) => void }) {
  const client = useClient();
  const files = useFiles();
  const [running, setRunning] = useState(false);

  const exportAs = async (format: Format) => {
    const { kind, extension } = FORMATS[format];
    const fileName = `allocated-lines.${extension}`;
    setRunning(true);
    onDone(null);
    try {
      let written: { lines: number; bytes: number } | null = null;
      const saved = await files.saveFile({
        title: 'Export the allocated lines',
        fileName,
        kind,
        extensions: [extension],
        writeTo: async (path, overwrite) => {
          written = await client.runJob('allocation.export', { path, format, overwrite }).result;
        },
      });
      const done = written as { lines: number; bytes: number } | null;
      onDone(saved && done ? `Exported ${formatCount(done.lines)} allocated lines to ${fileName}.` : null);
    } catch (e) {
      onError(describeError(e));
    } finally {
      setRunning(false);
    }
  };

  return (
    <MenuButton
      label={running ? 'Exporting…' : 'Export lines'}
      items={(Object.keys(FORMATS) as Format[]).map((f) => ({ id: f, label: `Allocated lines (${FORMATS[f].label})`, onSelect: () => void exportAs(f) }))}
    />
  );
}

import { useId } from 'react';
import type { DetectOutput } from '../../../../shared/api/imports';
import { DataTable, type TableColumn } from '../../components/table/DataTable';
import { formatDay } from '../../format/dates';
import { formatCount } from '../../format/money';
import { useApiData } from '../../state/useApiData';

export interface FormatChoice {
  format: string;
  version: string;
}

function sizeText(bytes: number): string {
  if (bytes < 10_000) return `${formatCount(bytes)} bytes`;
  if (bytes < 10_000_000) return `${formatCount(Math.round(bytes / 1000))} KB`;
  return `${formatCount(Math.round(bytes / 1_000_000))} MB`;
}

type Detection = DetectOutput['detections'][number];

/** The formats that claim the file, each a choice (the radio button in its first cell). */
function detectionColumns(choice: FormatChoice | null, onChoose: (choice: FormatChoice) => void): TableColumn<Detection>[] {
  return [
    {
      id: 'format',
      header: 'Format',
      type: 'text',
      value: (d) => d.label,
      text: (d) => `${d.label} ${d.formatId}`,
      csv: (d) => d.formatId,
      render: (d) => (
        <label className="radio-row">
          <input type="radio" name="format" checked={choice?.format === d.formatId} onChange={() => onChoose({ format: d.formatId, version: d.version })} />
          <span>
            {d.label} <span className="muted mono small">{d.formatId}</span>
          </span>
        </label>
      ),
    },
    { id: 'version', header: 'Version', type: 'text', value: (d) => d.version },
    { id: 'confidence', header: 'Confidence', type: 'percent', value: (d) => Math.round(d.confidence * 100) },
    { id: 'decidedBy', header: 'Decided by', type: 'text', value: (d) => d.decidedBy.join(', '), className: 'mono small' },
  ];
}

/** The file's first rows as written: one text column per column of the widest row, headed by the file's header where it has one. */
function sampleColumns(header: readonly string[], rows: readonly (readonly string[])[]): TableColumn<readonly string[]>[] {
  const width = Math.max(header.length, ...rows.map((r) => r.length));
  return Array.from({ length: width }, (_v, i) => ({ id: `c${i}`, header: header[i] ?? `Column ${i + 1}`, type: 'text' as const, value: (row: readonly string[]) => row[i] ?? '' }));
}

/** What the file is and which formats claim it; the user may pick another. */
export function DetectStep({ found, choice, onChoose }: { found: DetectOutput; choice: FormatChoice | null; onChoose: (choice: FormatChoice) => void }) {
  const { data } = useApiData((c) => c.call('imports.formats', {}), []);
  const overrideId = useId();
  const versionId = useId();
  const r = found.reader;
  const reader = [
    r.gzip === true ? 'gzip' : null,
    typeof r.encoding === 'string' ? r.encoding.toUpperCase() : null,
    typeof r.delimiter === 'string' ? `delimiter ${r.delimiter === ',' ? 'comma' : r.delimiter === ';' ? 'semicolon' : r.delimiter}` : null,
    typeof r.sheet === 'string' ? `sheet ${r.sheet}` : null,
  ]
    .filter((x): x is string => x !== null)
    .join(' · ');
  const detected = new Set(found.detections.map((d) => d.formatId));
  const sample = found.sampleRows.slice(0, 8);
  return (
    <div className="wizard-step" data-testid="wizard-detect">
      <dl className="facts file-facts">
        <div>
          <dt>File</dt>
          <dd className="file-name">{found.fileName}</dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd>{sizeText(found.fileSize)}</dd>
        </div>
        <div>
          <dt>Kind</dt>
          <dd>
            {found.fileKind.toUpperCase()}
            {reader ? <span className="muted"> · {reader}</span> : null}
          </dd>
        </div>
        <div>
          <dt>SHA-256</dt>
          <dd className="mono small" title={found.sha256}>
            {found.sha256.slice(0, 16)}…
          </dd>
        </div>
      </dl>
      {found.alreadyImported ? (
        <p className="notice notice-bad" role="alert" data-testid="already-imported">
          This file is already imported: import #{found.alreadyImported.id} ({found.alreadyImported.fileName}), on {formatDay(found.alreadyImported.finishedAt)}. Importing it again will be refused.
        </p>
      ) : null}
      {found.unrecognised ? (
        <p className="notice" data-testid="unrecognised">
          {found.unrecognised}. Choose a format below, or map the columns yourself (generic CSV/XLSX).
        </p>
      ) : null}

      {found.detections.length > 0 ? (
        <fieldset className="choices">
          <legend>Detected format</legend>
          <DataTable
            rows={found.detections}
            columns={detectionColumns(choice, onChoose)}
            label="Formats that read the file"
            rowKey={(d) => d.formatId}
            rowProps={() => ({ 'data-testid': 'detection' })}
            testId="detections"
            compact
          />
        </fieldset>
      ) : null}

      <div className="field-inline override">
        <label htmlFor={overrideId}>{found.detections.length > 0 ? 'Or read it as' : 'Read it as'}</label>
        <select
          id={overrideId}
          value={choice && !detected.has(choice.format) ? choice.format : ''}
          onChange={(e) => e.target.value && onChoose({ format: e.target.value, version: e.target.value === 'generic' ? 'mapping' : '' })}
        >
          <option value="">{found.detections.length > 0 ? '(the detected format)' : 'choose a format…'}</option>
          {data?.formats
            .filter((f) => !detected.has(f.id) && f.kinds.includes(found.fileKind === 'json' ? 'json' : 'tabular'))
            .map((f) => (
              <option key={f.id} value={f.id}>
                {f.id === 'generic' ? 'Generic CSV/XLSX: map the columns myself' : f.label}
              </option>
            ))}
        </select>
        {choice && choice.format !== 'generic' && !detected.has(choice.format) ? (
          <>
            <label htmlFor={versionId}>version</label>
            <input id={versionId} className="input narrow" value={choice.version} placeholder="default" onChange={(e) => onChoose({ ...choice, version: e.target.value })} />
          </>
        ) : null}
      </div>

      {found.header.length > 0 || found.sampleRows.length > 0 ? (
        <details className="raw-sample">
          <summary>First rows as written in the file</summary>
          <DataTable rows={sample} columns={sampleColumns(found.header, sample)} label={`First rows of ${found.fileName}`} rowKey={(_row, i) => String(i)} testId="raw-sample" className="mono small" compact />
        </details>
      ) : null}
    </div>
  );
}

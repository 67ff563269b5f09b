import { useEffect, useMemo, useState } from 'react';
import type { ExportResult, ExportSheet, LedgerMode } from '../../../../shared/api/export';
import type { JobEvent } from '../../../../shared/api/jobs';
import { useClient, useConnection } from '../../api/ClientContext';
import { describeError } from '../../api/describe-error';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import { formatCount } from '../../format/money';
import { useWorkspace } from '../../state/StoresContext';
import { useApiData } from '../../state/useApiData';
import './export.css';

const ALWAYS = ['Summary: KPIs per scenario, comparison, charts, what moves the cost per unit', 'Assumptions: every input, named; change one and the book recalculates', 'Monthly: one sheet per scenario, formulas back to the Assumptions'];

function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The board workbook: choose scenario files and scenarios, the optional
 * sheets and the ledger extract, then export as a job with progress and
 * cancel. Electron asks where to save and offers to show the file; a
 * browser downloads it.
 */
export function ExportView() {
  const client = useClient();
  const { bridge, http } = useConnection();
  const { info } = useWorkspace();
  const options = useApiData((c) => c.call('export.options', {}), [info?.path]);
  const [files, setFiles] = useState<Record<string, string[] | null>>({});
  const [sheets, setSheets] = useState<Set<ExportSheet>>(new Set(['unit-economics', 'contracts', 'invoice-check', 'chargeback', 'budgets', 'risk', 'provenance']));
  const [ledger, setLedger] = useState<LedgerMode>('none');
  const [draws, setDraws] = useState(2000);
  const [title, setTitle] = useState('');
  const [running, setRunning] = useState<{ cancel: () => Promise<void> } | null>(null);
  const [progress, setProgress] = useState<JobEvent | null>(null);
  const [result, setResult] = useState<ExportResult | null>(null);
  // The host sends a download once and removes it; the browser keeps the bytes for "Download again".
  const [downloaded, setDownloaded] = useState<Blob | null>(null);
  const [error, setError] = useState<string | null>(null);

  const workspaceName = info?.path ? (info.path.split(/[\\/]/).pop() ?? '').replace(/\.aispend$/i, '') : 'AI spend';
  // The first file with scenarios is chosen to start with (the demo's board question).
  useEffect(() => {
    const list = options.data?.files ?? [];
    if (list.length === 0 || Object.keys(files).length > 0) return;
    const first = list.find((f) => f.scenarios.length > 0) ?? list[0]!;
    setFiles({ [first.id]: first.scenarios.map((s) => s.id) });
  }, [options.data, files]);

  // The Chargeback and Budgets sheets need the workspace's allocation policy; without one they are offered, greyed, with the reason.
  const available = (id: ExportSheet): boolean => (id !== 'chargeback' && id !== 'budgets') || options.data?.hasAllocationPolicy === true;

  const chosen = useMemo(() => Object.entries(files).filter((entry): entry is [string, string[]] => entry[1] !== null), [files]);
  const tooManyLines = ledger === 'lines' && (options.data?.ledgerLines ?? 0) > (options.data?.maxLedgerLines ?? Infinity);

  const toggleFile = (id: string, scenarios: string[]) => setFiles((f) => ({ ...f, [id]: f[id] ? null : scenarios }));
  const toggleScenario = (file: string, id: string) =>
    setFiles((f) => {
      const current = f[file] ?? [];
      return { ...f, [file]: current.includes(id) ? current.filter((s) => s !== id) : [...current, id] };
    });
  const toggleSheet = (id: ExportSheet) =>
    setSheets((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const start = async () => {
    setError(null);
    setResult(null);
    setDownloaded(null);
    const finalTitle = title.trim() || `${workspaceName}: board workbook`;
    const fileName = `${finalTitle.replace(/[^\w.\- ]+/g, '').trim().replace(/\s+/g, '-') || 'board-workbook'}.xlsx`;
    let out: string | undefined;
    if (bridge) {
      const picked = await bridge.pickSavePath({ title: 'Save the board workbook', defaultName: fileName, filters: [{ name: 'Excel workbook', extensions: ['xlsx'] }] });
      if (!picked) return;
      out = picked;
    } else if (http) {
      out = await http.downloadTarget(fileName);
    }
    const wantedSheets = [...[...sheets].filter(available), ...(ledger !== 'none' ? (['ledger'] as const) : [])];
    const job = client.runJob(
      'export.workbook',
      {
        files: chosen.map(([id, scenarios]) => ({ id, scenarios })),
        ...(out ? { out, force: true } : {}),
        sheets: wantedSheets,
        ledger,
        draws,
        title: finalTitle,
      },
      setProgress,
    );
    setRunning(job);
    setProgress(null);
    try {
      const done = await job.result;
      setResult(done);
      if (!bridge && http) {
        const blob = await http.download(done.file);
        setDownloaded(blob);
        saveBlob(blob, done.fileName);
      }
    } catch (e) {
      setError(describeError(e));
    } finally {
      setRunning(null);
    }
  };

  const data = options.data;
  return (
    <section className="view view-export" aria-labelledby="export-title">
      <header className="view-header">
        <h1 id="export-title" tabIndex={-1}>
          Export
        </h1>
        <p className="view-subtitle">The board workbook: what executives open. Live formulas on named assumptions that recalculate to the app’s numbers, native charts, ready to print.</p>
      </header>
      {options.error ? <ErrorNote title="The export options could not be read" message={describeError(options.error)} /> : null}
      {data && data.files.length === 0 ? (
        <EmptyState title="No scenario files yet" icon="export" action={{ label: 'Build a scenario', href: '#/scenarios' }}>
          Build a scenario in the Scenarios view first: the workbook shows its baseline and scenarios month by month.
        </EmptyState>
      ) : null}
      {data && data.files.length > 0 ? (
        <div className="export-grid">
          <div className="panel export-panel">
            <div className="panel-header">
              <h2>Scenario files</h2>
            </div>
            <p className="muted small export-hint">Each file’s baseline is always in; pick its scenarios.</p>
            <ul className="export-files">
              {data.files.map((f) => {
                const on = files[f.id] !== undefined && files[f.id] !== null;
                return (
                  <li key={f.id}>
                    <label className="check-row">
                      <input type="checkbox" checked={on} onChange={() => toggleFile(f.id, f.scenarios.map((s) => s.id))} data-testid={`export-file-${f.id}`} />
                      <span className="file-name">{f.name}</span> <span className="muted mono small">{f.id}</span>
                    </label>
                    {on && f.scenarios.length > 0 ? (
                      <ul className="export-scenarios">
                        {f.scenarios.map((s) => (
                          <li key={s.id}>
                            <label className="check-row">
                              <input type="checkbox" checked={files[f.id]?.includes(s.id) ?? false} onChange={() => toggleScenario(f.id, s.id)} />
                              {s.name}
                            </label>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </div>
          <div className="panel export-panel">
            <div className="panel-header">
              <h2>Sheets</h2>
            </div>
            <ul className="export-sheets">
              {ALWAYS.map((text) => (
                <li key={text}>
                  <label className="check-row muted">
                    <input type="checkbox" checked disabled /> {text}
                  </label>
                </li>
              ))}
              {data.sheets
                .filter((s) => s.id !== 'ledger')
                .map((s) => (
                  <li key={s.id}>
                    <label className={available(s.id) ? 'check-row' : 'check-row muted'}>
                      <input
                        type="checkbox"
                        checked={sheets.has(s.id) && available(s.id)}
                        disabled={!available(s.id)}
                        onChange={() => toggleSheet(s.id)}
                        data-testid={`export-sheet-${s.id}`}
                      />
                      <span>
                        <strong>{s.title}</strong>: {s.what}
                      </span>
                    </label>
                  </li>
                ))}
            </ul>
            <fieldset className="export-ledger">
              <legend>Ledger extract ({formatCount(data.ledgerLines)} lines)</legend>
              {(['none', 'aggregated', 'lines'] as const).map((mode) => (
                <label key={mode} className="radio-row">
                  <input type="radio" name="ledger" value={mode} checked={ledger === mode} onChange={() => setLedger(mode)} data-testid={`export-ledger-${mode}`} />
                  {mode === 'none' ? 'None' : mode === 'aggregated' ? 'Aggregated: month × provider × model × usage class × tier' : 'Every line'}
                </label>
              ))}
              {tooManyLines ? <p className="notice">More lines than one sheet holds ({formatCount(data.maxLedgerLines)}): they are exported aggregated, with a note.</p> : null}
            </fieldset>
          </div>
          <div className="panel export-panel export-run">
            <div className="panel-header">
              <h2>Workbook</h2>
            </div>
            <label className="field">
              <span>Title</span>
              <input className="input" value={title} placeholder={`${workspaceName}: board workbook`} onChange={(e) => setTitle(e.target.value)} maxLength={200} data-testid="export-title" />
            </label>
            <label className="field">
              <span>Monte Carlo draws for the Risk sheet and P10–P90</span>
              <input className="input narrow" type="number" min={0} max={100000} step={500} value={draws} onChange={(e) => setDraws(Math.max(0, Math.min(100_000, Number(e.target.value) || 0)))} />
            </label>
            <div className="export-actions">
              <button type="button" className="button primary" disabled={running !== null || chosen.length === 0} onClick={() => void start()} data-testid="export-start">
                {bridge ? 'Export workbook…' : 'Export and download'}
              </button>
              {running ? (
                <button type="button" className="button" onClick={() => void running.cancel()} data-testid="export-cancel">
                  Cancel
                </button>
              ) : null}
            </div>
            {running ? (
              <p className="export-progress" role="status">
                <progress max={progress?.total ?? 1} value={progress?.total ? progress.done : undefined} aria-label="Export progress" /> {progress?.message ?? 'Starting'}
              </p>
            ) : null}
            {error ? <ErrorNote title="The workbook was not written" message={error} /> : null}
            {result ? (
              <div className="notice export-result" role="status" data-testid="export-result">
                <p>
                  <strong>{result.fileName}</strong> written ({formatCount(Math.round(result.bytes / 1024))} KB): {result.sheets.length} sheets, {formatCount(result.formulas)} formulas, {formatCount(result.names)} named cells, {result.charts} charts
                  {result.draws > 0 ? `, ${formatCount(result.draws)} Monte Carlo draws` : ''}.
                </p>
                <p className="muted small">
                  {formatCount(result.checked.figures)} key figures checked against the engine before writing.{result.ledger.mode !== 'none' ? ` Ledger extract: ${result.ledger.mode}, ${formatCount(result.ledger.rows)} rows.` : ''}
                </p>
                {bridge ? (
                  <button type="button" className="button small" onClick={() => void bridge.showInFolder(result.file)}>
                    Show in folder
                  </button>
                ) : downloaded ? (
                  <button type="button" className="button small" onClick={() => saveBlob(downloaded, result.fileName)}>
                    Download again
                  </button>
                ) : null}
              </div>
            ) : null}
          </div>
        </div>
      ) : null}
    </section>
  );
}

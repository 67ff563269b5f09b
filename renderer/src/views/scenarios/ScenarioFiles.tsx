import { useEffect, useId, useState } from 'react';
import { useClient } from '../../api/ClientContext';
import { describeError } from '../../api/describe-error';
import { Dialog } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import { formatTimestamp } from '../../format/dates';
import { formatCount } from '../../format/money';
import { useApiData } from '../../state/useApiData';
import { CompareView } from './CompareView';
import { ScenarioBuilder } from './ScenarioBuilder';
import { useScenarioFile } from './use-scenario-file';
import { YamlView } from './YamlView';

type Pane = 'compare' | 'build' | 'yaml';

const DRAW_CHOICES = [
  { value: 0, label: 'none (exact run)' },
  { value: 1000, label: '1,000' },
  { value: 10000, label: '10,000' },
  { value: 50000, label: '50,000' },
];

/** A new file starts from the workspace's status quo when there is one. */
function newFileYaml(base: string | null, name: string): string {
  if (base) {
    return `version: 1\nname: ${name}\nextends: ${base}\nscenarios:\n  - id: my-scenario\n    name: My scenario\n    levers: []\n`;
  }
  const start = new Date().toISOString().slice(0, 7);
  return `version: 1\nname: ${name}\nbaseline:\n  start: ${start}\n  months: 24\n  fromWorkspace:\n    drivers: true\n    workloads: { from: ${start}, to: ${start} }\nscenarios:\n  - id: my-scenario\n    name: My scenario\n    levers: []\n`;
}

/** The Scenarios tab: pick a file, build it with forms or YAML, preview as you type, run with draws, compare. */
export function ScenarioFiles() {
  const client = useClient();
  const [refresh, setRefresh] = useState(0);
  const list = useApiData((c) => c.call('scenarios.list', {}), [refresh]);
  const contracts = useApiData((c) => c.call('contracts.list', {}).catch(() => ({ contracts: [] as { id: string }[] })), []);
  const files = list.data?.files ?? [];
  const [selected, setSelected] = useState<string | null>(null);
  const id = selected && files.some((f) => f.id === selected) ? selected : (files.find((f) => f.scenarios.length > 0)?.id ?? files[0]?.id ?? null);
  const file = useScenarioFile(id);
  const [pane, setPane] = useState<Pane>('compare');
  const [draws, setDraws] = useState(10000);
  const [seed, setSeed] = useState(1);
  const [dialog, setDialog] = useState<'new' | 'delete' | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const drawsId = useId();
  const seedId = useId();

  useEffect(() => setSaveError(null), [id]);

  const save = async () => {
    setSaveError(null);
    try {
      const answer = await file.save();
      if (answer.saved) setRefresh((n) => n + 1);
      else setSaveError('Not saved: fix the problems listed in the YAML view first.');
    } catch (error) {
      setSaveError(describeError(error));
    }
  };

  const running = file.job !== null;
  const percent = file.job && file.job.total ? Math.round((file.job.done / file.job.total) * 100) : null;
  const shown = file.state;
  // A workspace without scenario files offers to start one, rather than an empty picker and a file that cannot run.
  const noFiles = list.data !== undefined && files.length === 0;

  return (
    <div className="sc-files">
      {list.error ? <ErrorNote title="Could not list the scenario files" message={describeError(list.error)} /> : null}
      <div className="toolbar sc-toolbar">
        <label className="field-inline">
          Scenario file
          <select value={id ?? ''} onChange={(e) => setSelected(e.target.value)} data-testid="scenario-file-select">
            {files.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name} ({f.id})
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button" onClick={() => setDialog('new')} data-testid="new-scenario-file">
          New file
        </button>
        <button type="button" className="button primary" disabled={!file.dirty} onClick={() => void save()} data-testid="save-scenario-file">
          Save
        </button>
        <button type="button" className="button" disabled={!file.dirty} onClick={file.revert}>
          Revert
        </button>
        <button type="button" className="button ghost" disabled={id === null} onClick={() => setDialog('delete')}>
          Delete…
        </button>
      </div>
      {noFiles ? (
        <EmptyState title="No scenario files yet" icon="scenarios" action={{ label: 'New scenario file', onClick: () => setDialog('new') }}>
          A scenario file holds a baseline (from the ledger’s workloads and the business drivers) and the what-ifs to compare with it: start one here and build it with forms or YAML.
        </EmptyState>
      ) : (
        <>
      <div className="toolbar sc-toolbar sc-run-bar">
        <label className="field-inline" htmlFor={drawsId}>
          Monte Carlo draws
        </label>
        <select id={drawsId} value={draws} onChange={(e) => setDraws(Number(e.target.value))} data-testid="draws-select">
          {DRAW_CHOICES.map((d) => (
            <option key={d.value} value={d.value}>
              {d.label}
            </option>
          ))}
        </select>
        <label className="field-inline" htmlFor={seedId}>
          Seed
        </label>
        <input
          id={seedId}
          className="input sc-seed"
          inputMode="numeric"
          value={seed}
          onChange={(e) => /^\d{0,9}$/.test(e.target.value) && setSeed(Number(e.target.value || 0))}
          title="The same seed gives the same P10/P50/P90 on every machine"
        />
        {running ? (
          <button type="button" className="button" onClick={file.cancelRun} data-testid="cancel-run">
            Cancel
          </button>
        ) : (
          <button type="button" className="button primary" disabled={id === null || file.issues.length > 0} onClick={() => void file.run(draws, seed)} data-testid="run-scenarios">
            Run
          </button>
        )}
        <span className="muted small">Runs go to the workbench’s worker threads as a job; the preview below updates as you edit.</span>
      </div>

      {running ? (
        <div className="sc-progress" role="status" aria-live="polite" data-testid="run-progress">
          <progress max={100} value={percent ?? undefined} aria-label="Run progress" />
          <span>{file.job?.message ?? 'Starting'}</span>
        </div>
      ) : null}
      {file.jobError ? <ErrorNote title="The run failed" message={file.jobError} /> : null}
      {saveError ? <ErrorNote title="Could not save" message={saveError} /> : null}
      {file.loadError ? <ErrorNote title="Could not open the file" message={file.loadError} /> : null}

      <div className="sc-subnav">
        <div className="segmented" role="group" aria-label="Scenario file views">
          {(
            [
              ['compare', 'Compare'],
              ['build', 'Build'],
              ['yaml', `YAML${file.issues.length > 0 ? ` (${file.issues.length} problem${file.issues.length === 1 ? '' : 's'})` : ''}`],
            ] as const
          ).map(([value, label]) => (
            <button key={value} type="button" aria-pressed={pane === value} onClick={() => setPane(value)} data-testid={`pane-${value}`}>
              {label}
            </button>
          ))}
        </div>
        <span className="muted small" data-testid="results-source">
          {shown.source === 'run'
            ? `Run at ${formatTimestamp(shown.ranAt!)}${shown.result && shown.result.draws > 0 ? ` with ${formatCount(shown.result.draws)} draws, seed ${shown.result.seed}` : ' (exact)'}`
            : shown.source === 'saved'
              ? `Saved run of ${formatTimestamp(shown.ranAt!)}${shown.result && shown.result.draws > 0 ? `, ${formatCount(shown.result.draws)} draws, seed ${shown.result.seed}` : ''}`
              : shown.source === 'preview'
                ? `Preview${file.dirty ? ' of unsaved edits' : ''}: exact run in this window${file.previewing ? ' (updating…)' : ''}`
                : file.previewing
                  ? 'Working it out…'
                  : ''}
          {file.dirty ? <span className="badge badge-neutral sc-dirty">unsaved</span> : null}
        </span>
      </div>

      {pane === 'compare' ? (
        shown.result ? (
          <CompareView run={shown.result} waterfalls={shown.waterfalls} />
        ) : file.issues.length > 0 ? (
          <ErrorNote title="This file cannot run yet" message={file.issues.map((i) => `${i.line !== null ? `line ${i.line}: ` : ''}${i.path ? `${i.path}: ` : ''}${i.message}`).join('; ')} />
        ) : (
          <p className="muted">Working out the projection…</p>
        )
      ) : null}
      {pane === 'build' ? (
        <div className="sc-build">
          {file.issues.length > 0 ? (
            <ErrorNote title={`${file.issues.length} problem${file.issues.length === 1 ? '' : 's'}`} message={file.issues.map((i) => `${i.line !== null ? `line ${i.line}: ` : ''}${i.path ? `${i.path}: ` : ''}${i.message}`).join('; ')} />
          ) : null}
          <ScenarioBuilder
            text={file.draft}
            onChange={file.setDraft}
            ctx={{
              workloads: file.context?.workloads ?? [],
              models: file.context?.models ?? [],
              contracts: (contracts.data?.contracts ?? []).map((c) => c.id),
              start: file.context?.start ?? new Date().toISOString().slice(0, 7),
              horizonMonths: file.context?.months ?? 12,
              baselineByModel: shown.result?.scenarios.find((s) => s.isBaseline)?.months.map((m) => m.byModel) ?? [],
              loadPrices: async (providers, asOf) => {
                const answers = await Promise.all(providers.map((provider) => client.call('pricing.rows', { provider, serviceTier: 'standard', asOf, limit: 5000 })));
                return answers.flatMap((a) => a.rows.map((r) => r.row));
              },
            }}
          />
        </div>
      ) : null}
      {pane === 'yaml' ? <YamlView value={file.draft} onChange={file.setDraft} issues={file.issues} /> : null}
      {file.notes.length > 0 && pane !== 'yaml' ? (
        <details className="sc-notes">
          <summary className="muted small">{file.notes.length === 1 ? 'A note' : `${formatCount(file.notes.length)} notes`} on the workloads derived from the ledger</summary>
          <ul className="small muted">
            {file.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </details>
      ) : null}
        </>
      )}

      {dialog === 'new' ? (
        <NewFileDialog
          existing={files.map((f) => f.id)}
          onClose={() => setDialog(null)}
          onCreate={async (newId, name) => {
            const base = files.find((f) => f.extends === null && f.scenarios.length === 0)?.id ?? null;
            const answer = await client.call('scenarios.save', { id: newId, yaml: newFileYaml(base, name) });
            if (!answer.saved) throw new Error(answer.issues[0]?.message ?? 'not saved');
            setSelected(newId);
            setPane('build');
            setRefresh((n) => n + 1);
            setDialog(null);
          }}
        />
      ) : null}
      {dialog === 'delete' && id ? (
        <Dialog
          title={`Delete ${id}?`}
          description="The file and its saved runs are removed from this workspace. A file another file extends cannot be deleted."
          onClose={() => setDialog(null)}
          onSubmit={() =>
            void client.call('scenarios.delete', { id }).then(
              () => {
                setSelected(null);
                setRefresh((n) => n + 1);
                setDialog(null);
              },
              (error: unknown) => {
                setSaveError(describeError(error));
                setDialog(null);
              },
            )
          }
          actions={
            <>
              <button type="button" className="button" onClick={() => setDialog(null)}>
                Keep it
              </button>
              <button type="submit" className="button primary">
                Delete
              </button>
            </>
          }
        />
      ) : null}
    </div>
  );
}

function NewFileDialog({ existing, onClose, onCreate }: { existing: string[]; onClose: () => void; onCreate: (id: string, name: string) => Promise<void> }) {
  const [name, setName] = useState('My question');
  const [error, setError] = useState<string | null>(null);
  const nameId = useId();
  const id = `${
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'scenario'
  }.yaml`;
  const taken = existing.includes(id);
  return (
    <Dialog
      title="New scenario file"
      description="It starts from the workspace’s status quo with one empty scenario; add levers in Build."
      onClose={onClose}
      onSubmit={() => {
        if (taken) return;
        onCreate(id, name.trim() || 'My question').catch((e: unknown) => setError(describeError(e)));
      }}
      testId="new-scenario-dialog"
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={taken}>
            Create
          </button>
        </>
      }
    >
      <div className="field">
        <label htmlFor={nameId}>Name</label>
        <input id={nameId} className="input" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
        <p className="field-hint">{taken ? `${id} exists already: choose another name.` : `Saved as ${id}.`}</p>
      </div>
      {error ? <ErrorNote message={error} /> : null}
    </Dialog>
  );
}

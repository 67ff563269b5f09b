import { useEffect, useId, useState } from 'react';
import type { JobEvent } from '../../../../shared/api/jobs';
import { useClient, useConnection } from '../../api/ClientContext';
import { describeError } from '../../api/describe-error';
import { useWorkspace } from '../../state/StoresContext';
import { Dialog } from '../Dialog';
import { ErrorNote } from '../ErrorNote';
import { fileNameOf, folderOf, joinPath, withWorkspaceExtension } from './paths';

export type WorkspaceDialogKind = 'new' | 'open' | 'saveAs' | 'demo';

const WORKSPACE_FILTER = [{ name: 'AI Spend workspace', extensions: ['aispend'] }];

export function WorkspaceDialogs({ open, onClose }: { open: WorkspaceDialogKind | null; onClose: () => void }) {
  switch (open) {
    case 'new':
      return <NewWorkspaceDialog onClose={onClose} />;
    case 'open':
      return <OpenWorkspaceDialog onClose={onClose} />;
    case 'saveAs':
      return <SaveAsDialog onClose={onClose} />;
    case 'demo':
      return <RebuildDemoDialog onClose={onClose} />;
    default:
      return null;
  }
}

/** The folder new files go to by default: where the app keeps workspaces. */
function useDefaultFolder(): string {
  const { app, info } = useWorkspace();
  if (app) return folderOf(app.defaultWorkspacePath);
  return info ? folderOf(info.path) : '';
}

/** A path field with, in Electron, a Browse… button for the native dialog. */
function PathField({
  label,
  value,
  onChange,
  browse,
  hint,
}: {
  label: string;
  value: string;
  onChange: (path: string) => void;
  browse?: 'open' | 'save';
  hint?: string;
}) {
  const { bridge } = useConnection();
  const id = useId();
  const hintId = useId();
  const pick = async () => {
    if (!bridge) return;
    if (browse === 'open') {
      const [file] = await bridge.pickFiles({ title: label, filters: WORKSPACE_FILTER });
      if (file) onChange(file);
    } else {
      const file = await bridge.pickSavePath({ title: label, defaultName: fileNameOf(value), filters: WORKSPACE_FILTER });
      if (file) onChange(file);
    }
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="field-row">
        <input id={id} type="text" className="input mono" value={value} onChange={(e) => onChange(e.target.value)} spellCheck={false} autoComplete="off" aria-describedby={hint ? hintId : undefined} />
        {bridge && browse ? (
          <button type="button" className="button" onClick={() => void pick()}>
            Browse…
          </button>
        ) : null}
      </div>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** Runs an API action for a dialog: busy while it runs, the API's own error message inline, closes on success. */
function useAction(onDone: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      onDone();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

function Actions({ busy, submitLabel, onClose, disabled = false }: { busy: boolean; submitLabel: string; onClose: () => void; disabled?: boolean }) {
  return (
    <>
      <button type="button" className="button" onClick={onClose}>
        Cancel
      </button>
      <button type="submit" className="button primary" disabled={busy || disabled}>
        {busy ? 'Working…' : submitLabel}
      </button>
    </>
  );
}

function NewWorkspaceDialog({ onClose }: { onClose: () => void }) {
  const client = useClient();
  const folder = useDefaultFolder();
  const [path, setPath] = useState(() => joinPath(folder, 'Untitled analysis.aispend'));
  const { busy, error, run } = useAction(onClose);
  return (
    <Dialog
      title="New workspace"
      description="Creates an empty workspace file and opens it. The file holds imports, ledger, contracts and scenarios; it can be handed to a colleague."
      onClose={onClose}
      onSubmit={() => void run(() => client.call('workspace.new', { path: withWorkspaceExtension(path) }))}
      actions={<Actions busy={busy} submitLabel="Create" onClose={onClose} />}
      testId="dialog-new"
    >
      <PathField label="Workspace file" value={path} onChange={setPath} browse="save" hint="A path on this computer, ending in .aispend." />
      {error ? <ErrorNote message={error} /> : null}
    </Dialog>
  );
}

function OpenWorkspaceDialog({ onClose }: { onClose: () => void }) {
  const client = useClient();
  const { info } = useWorkspace();
  const [recent, setRecent] = useState<string[] | null>(null);
  const [path, setPath] = useState('');
  const { busy, error, run } = useAction(onClose);

  useEffect(() => {
    client.call('workspace.recent', {}).then(
      (r) => setRecent(r.paths),
      () => setRecent([]),
    );
  }, [client]);

  const open = (file: string) => run(() => client.call('workspace.open', { path: file.trim() }));

  return (
    <Dialog
      title="Open workspace"
      description="Opens an existing workspace file. Older workspaces are upgraded as they open."
      onClose={onClose}
      onSubmit={() => void open(path)}
      actions={<Actions busy={busy} disabled={path.trim() === ''} submitLabel="Open" onClose={onClose} />}
      testId="dialog-open"
    >
      <fieldset className="recent">
        <legend>Recent workspaces</legend>
        {recent === null ? <p className="muted">Loading…</p> : null}
        {recent?.length === 0 ? <p className="muted">No recent workspaces yet.</p> : null}
        <ul>
          {recent?.map((file) => (
            <li key={file}>
              <button type="button" className="recent-item" onClick={() => void open(file)} disabled={busy} aria-current={file === info?.path ? 'true' : undefined}>
                <span className="recent-name">{fileNameOf(file).replace(/\.aispend$/i, '')}</span>
                <span className="recent-path mono">{file}</span>
                {file === info?.path ? <span className="badge badge-neutral">Open now</span> : null}
              </button>
            </li>
          ))}
        </ul>
      </fieldset>
      <PathField label="Or a workspace file" value={path} onChange={setPath} browse="open" />
      {error ? <ErrorNote message={error} /> : null}
    </Dialog>
  );
}

function SaveAsDialog({ onClose }: { onClose: () => void }) {
  const client = useClient();
  const { info } = useWorkspace();
  const folder = useDefaultFolder();
  const [path, setPath] = useState(() => joinPath(folder, `${info?.name.replace(/[\\/:*?"<>|]/g, '') ?? 'Workspace'} copy.aispend`));
  const [overwrite, setOverwrite] = useState(false);
  const { busy, error, run } = useAction(onClose);
  return (
    <Dialog
      title="Save workspace as"
      description="Writes a complete copy of this workspace to a new file and continues working in the copy."
      onClose={onClose}
      onSubmit={() => void run(() => client.call('workspace.saveAs', { path: withWorkspaceExtension(path), overwrite }))}
      actions={<Actions busy={busy} submitLabel="Save" onClose={onClose} />}
      testId="dialog-save-as"
    >
      <PathField label="Save to file" value={path} onChange={setPath} browse="save" hint="A path on this computer, ending in .aispend." />
      <label className="checkbox-row">
        <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} />
        <span>Replace the file if it exists</span>
      </label>
      {error ? <ErrorNote message={error} /> : null}
    </Dialog>
  );
}

function RebuildDemoDialog({ onClose }: { onClose: () => void }) {
  const client = useClient();
  const { app, info } = useWorkspace();
  const demoPath = app?.defaultWorkspacePath ?? '';
  // The open file cannot be rebuilt under itself; suggest a sibling then.
  const [path, setPath] = useState(() => (info?.path === demoPath ? demoPath.replace(/\.aispend$/i, ' (rebuilt).aispend') : demoPath));
  const [overwrite, setOverwrite] = useState(true);
  const [progress, setProgress] = useState<JobEvent | null>(null);
  const { busy, error, run } = useAction(onClose);
  return (
    <Dialog
      title="Rebuild the demo workspace"
      description="Builds the Acme Lending demo again from the statements that ship with the app, and opens it."
      onClose={onClose}
      onSubmit={() => void run(() => client.runJob('workspace.buildDemo', { path: withWorkspaceExtension(path), overwrite }, setProgress).result)}
      actions={<Actions busy={busy} submitLabel="Rebuild" onClose={onClose} />}
      testId="dialog-demo"
    >
      <PathField label="Demo file" value={path} onChange={setPath} browse="save" />
      <label className="checkbox-row">
        <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} />
        <span>Replace the file if it exists</span>
      </label>
      {busy && progress ? (
        <div className="dialog-progress">
          <progress max={progress.total ?? undefined} value={progress.total ? progress.done : undefined} aria-label="Rebuilding the demo" />
          <span className="muted">{progress.message}</span>
        </div>
      ) : null}
      {error ? <ErrorNote message={error} /> : null}
    </Dialog>
  );
}

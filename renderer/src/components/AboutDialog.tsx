import { useWorkspace } from '../state/StoresContext';
import { Dialog } from './Dialog';

export function AboutDialog({ onClose }: { onClose: () => void }) {
  const { app } = useWorkspace();
  return (
    <Dialog
      title="About AI Spend Workbench"
      onClose={onClose}
      onSubmit={onClose}
      actions={
        <button type="submit" className="button primary">
          Close
        </button>
      }
    >
      <dl className="facts">
        <dt>Version</dt>
        <dd>{app?.version ?? '…'}</dd>
        <dt>Mode</dt>
        <dd>{app?.mode === 'browser' ? 'Browser mode (local host on 127.0.0.1)' : app?.mode === 'electron' ? 'Desktop app' : '…'}</dd>
        <dt>Workspaces folder</dt>
        <dd className="mono">{app?.dataDir ?? '…'}</dd>
      </dl>
      <p className="muted">Local-first: your statements, contracts and workspaces never leave this computer.</p>
    </Dialog>
  );
}

import { useConnection, useConnectionState } from '../api/ClientContext';
import { useWorkspace } from '../state/StoresContext';
import { JobsIndicator } from './JobsIndicator';
import { WorkspaceMenu } from './workspace/WorkspaceMenu';
import type { WorkspaceDialogKind } from './workspace/WorkspaceDialogs';

const CONNECTION_LABELS = { connecting: 'Connecting…', connected: 'Connected', reconnecting: 'Reconnecting…' } as const;

/** "⌘K" on a Mac, "Ctrl+K" elsewhere: how the palette's shortcut reads on this machine. */
const PALETTE_KEYS = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘K' : 'Ctrl+K';

export function AppHeader({
  onWorkspaceAction,
  onAbout,
  onCommandPalette,
}: {
  onWorkspaceAction: (kind: WorkspaceDialogKind) => void;
  onAbout: () => void;
  onCommandPalette: () => void;
}) {
  const { mode } = useConnection();
  const connection = useConnectionState();
  const { info, error } = useWorkspace();
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          ◆
        </span>
        <span className="brand-name">AI Spend Workbench</span>
      </div>
      <div className="workspace-id" data-testid="workspace-id">
        {info ? (
          <>
            <span className="workspace-name" data-testid="workspace-name">
              {info.name}
            </span>
            {info.isDemo ? <span className="badge badge-neutral">Demo</span> : null}
            {info.readOnly ? (
              <span className="badge badge-read-only" data-testid="workspace-read-only" title={`Open read-only because ${info.readOnly}. Save As to a folder you can write to, to change it.`}>
                Read-only
              </span>
            ) : null}
            <span className="workspace-path" title={info.path} data-testid="workspace-path">
              {/* Shown right to left so a long path loses its start, not the file name; <bdi> keeps the text itself in order. */}
              <bdi>{info.path}</bdi>
            </span>
          </>
        ) : (
          <span className="workspace-name muted">{error ?? 'Opening workspace…'}</span>
        )}
      </div>
      <div className="header-actions">
        <JobsIndicator />
        <button type="button" className="button palette-button" onClick={onCommandPalette} aria-keyshortcuts="Control+K Meta+K" data-testid="open-command-palette">
          Commands <kbd>{PALETTE_KEYS}</kbd>
        </button>
        {/* Electron has File > New / Open / Save As in its native menu; browser mode needs this one. */}
        {mode === 'browser' ? <WorkspaceMenu onAction={onWorkspaceAction} onAbout={onAbout} /> : null}
        <span className={`connection connection-${connection}`} role="status" title={`Live updates: ${CONNECTION_LABELS[connection]}`}>
          <span className="connection-dot" aria-hidden="true" />
          <span className="sr-only">Live updates: {CONNECTION_LABELS[connection]}</span>
        </span>
      </div>
    </header>
  );
}

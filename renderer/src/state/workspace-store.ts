import type { WorkbenchClient } from '../../../shared/api/client';
import type { AppEvent } from '../../../shared/api/events';
import type { AppInfo, WorkspaceInfo } from '../../../shared/api/workspace';
import { Store } from './store';

export interface WorkspaceState {
  app: AppInfo | null;
  info: WorkspaceInfo | null;
  /** A message when the workspace could not be read (no workspace open, host gone). */
  error: string | null;
  /** Bumped on every switch or change, so views know to fetch again. */
  revision: number;
}

/**
 * Whether views must fetch again: another file, another workspace, or new
 * lines or imports in it. The first answer after start is not a change (views
 * already asked), and neither is the same facts re-read after a reconnect, so
 * a million-line ledger is not queried twice for nothing.
 */
function changed(before: WorkspaceInfo | null, after: WorkspaceInfo): boolean {
  if (before === null) return false;
  return before.path !== after.path || before.id !== after.id || before.ledgerLines !== after.ledgerLines || before.imports !== after.imports;
}

/**
 * The open workspace as the UI knows it. Refreshed from `workspace` events
 * (New/Open/Save As from any window or menu, a rebuilt demo, an import) and
 * after the event stream reconnects, when events may have been missed.
 */
export class WorkspaceStore extends Store<WorkspaceState> {
  private stopEvents: (() => void) | undefined;

  constructor(private readonly client: WorkbenchClient) {
    super({ app: null, info: null, error: null, revision: 0 });
  }

  start(): () => void {
    this.stopEvents = this.client.onEvent((event: AppEvent) => {
      if (event.type === 'workspace') this.accept(event.info);
    });
    void this.refresh();
    return () => this.stopEvents?.();
  }

  accept(info: WorkspaceInfo): void {
    this.update((s) => ({ ...s, info, error: null, revision: changed(s.info, info) ? s.revision + 1 : s.revision }));
  }

  async refresh(): Promise<void> {
    try {
      const [app, info] = await Promise.all([this.get().app ?? this.client.call('app.info', {}), this.client.call('workspace.info', {})]);
      this.update((s) => ({ ...s, app, info, error: null, revision: changed(s.info, info) ? s.revision + 1 : s.revision }));
    } catch (error) {
      this.update((s) => ({ ...s, error: error instanceof Error ? error.message : String(error) }));
    }
  }
}

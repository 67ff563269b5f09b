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
    this.update((s) => ({ ...s, info, error: null, revision: s.revision + 1 }));
  }

  async refresh(): Promise<void> {
    try {
      const [app, info] = await Promise.all([this.get().app ?? this.client.call('app.info', {}), this.client.call('workspace.info', {})]);
      this.update((s) => ({ ...s, app, info, error: null, revision: s.revision + 1 }));
    } catch (error) {
      this.update((s) => ({ ...s, error: error instanceof Error ? error.message : String(error) }));
    }
  }
}

import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { isMethodName, methods, type MethodName } from '../../shared/api';
import type { CallResult } from '../../shared/api/client';
import type { AppEvent } from '../../shared/api/events';
import { WorkbenchError, toErrorInfo } from '../../shared/domain/errors';
import { APP_VERSION } from './app-version';
import type { BackendContext, BackendOptions } from './context';
import { buildDemoWorkspace } from './demo/build-demo';
import { demoDigest, isOutdatedUnchangedDemo } from './demo/demo-freshness';
import type { Handler } from './area';
import { handlers } from './handlers';
import { JobRunner } from './jobs/job-runner';
import { defaultWorkspacePath, workspacesDir } from './paths';
import { SettingsStore } from './settings';
import { validationError } from './validation';
import { Workspace } from './workspace/workspace';

export type { BackendOptions } from './context';

/**
 * The backend behind every shell (Electron main, browser-mode host, CLI,
 * tests): one open workspace, the API handlers, jobs and pushed events.
 * `call` is the single entry point: it checks the method exists and
 * validates the input with the method's schema before any handler runs.
 */
export class Backend implements BackendContext {
  readonly jobs: JobRunner;
  readonly settings: SettingsStore;
  private current: Workspace | undefined;
  private readonly listeners = new Set<(event: AppEvent) => void>();

  constructor(readonly options: BackendOptions) {
    mkdirSync(options.dataDir, { recursive: true });
    this.settings = new SettingsStore(options.dataDir);
    this.jobs = new JobRunner((job) => this.emit({ type: 'job', job }));
  }

  subscribe(listener: (event: AppEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: AppEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // One broken listener (a closed window or stream) must not stop the others.
      }
    }
  }

  workspace(): Workspace {
    if (!this.current) throw new WorkbenchError('unavailable', 'no workspace is open; create or open one from the File menu');
    return this.current;
  }

  hasWorkspace(): boolean {
    return this.current !== undefined;
  }

  switchWorkspace(next: Workspace): void {
    if (this.current && this.current !== next) this.current.close();
    this.current = next;
    if (this.options.rememberRecent !== false) this.settings.rememberWorkspace(next.path);
    this.emit({ type: 'workspace', info: next.info() });
  }

  /**
   * On start: the most recent workspace that still opens, else the demo
   * (built on first start from scenarios/demo).
   */
  async openInitialWorkspace(explicitPath?: string): Promise<Workspace> {
    if (explicitPath) {
      const ws = Workspace.open(explicitPath, { appVersion: APP_VERSION, nativeBinding: this.options.nativeBinding });
      this.switchWorkspace(ws);
      return ws;
    }
    const demo = defaultWorkspacePath(this.options.dataDir);
    for (const file of this.settings.read().recent) {
      if (!existsSync(file)) continue;
      try {
        const ws = Workspace.open(file, { appVersion: APP_VERSION, nativeBinding: this.options.nativeBinding });
        const current = path.resolve(file) === path.resolve(demo) ? await this.currentDemo(ws, demo) : ws;
        this.switchWorkspace(current);
        return current;
      } catch {
        // A moved or damaged file: try the next one, and in the end the demo.
      }
    }
    mkdirSync(workspacesDir(this.options.dataDir), { recursive: true });
    const ws = existsSync(demo)
      ? await this.currentDemo(Workspace.open(demo, { appVersion: APP_VERSION, nativeBinding: this.options.nativeBinding }), demo)
      : await buildDemoWorkspace({ demoDir: this.options.demoDir, target: demo, overwrite: false, appVersion: APP_VERSION, nativeBinding: this.options.nativeBinding });
    this.switchWorkspace(ws);
    return ws;
  }

  /** The demo as shipped: one built from older demo inputs and not changed since is rebuilt; one the user changed is kept. */
  private async currentDemo(ws: Workspace, demo: string): Promise<Workspace> {
    if (!isOutdatedUnchangedDemo(ws, demoDigest(this.options.demoDir))) return ws;
    ws.close();
    return buildDemoWorkspace({ demoDir: this.options.demoDir, target: demo, overwrite: true, appVersion: APP_VERSION, nativeBinding: this.options.nativeBinding });
  }

  /** Validates and runs one API call; every failure comes back as the one error shape. */
  async call(method: string, input: unknown): Promise<CallResult> {
    try {
      return { ok: true, value: await this.invoke(method, input) };
    } catch (error) {
      return { ok: false, error: toErrorInfo(error) };
    }
  }

  /** Like `call` but throws the handler's own error, for tests that look at a failure before it becomes the one error shape. */
  async invoke(method: string, input: unknown): Promise<unknown> {
    if (!isMethodName(method)) throw new WorkbenchError('not_found', `there is no API method called ${method}`, { field: 'method' });
    const parsed = methods[method].input.safeParse(input ?? {});
    if (!parsed.success) throw validationError(parsed.error);
    const handler = handlers[method] as Handler<MethodName>;
    return handler(parsed.data as never, this);
  }

  async close(): Promise<void> {
    for (const job of this.jobs.list()) if (job.state === 'running') this.jobs.cancel(job.jobId);
    await this.jobs.idle();
    this.current?.close();
    this.current = undefined;
  }
}

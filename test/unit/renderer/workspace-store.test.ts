import { describe, expect, it } from 'vitest';
import type { WorkbenchClient } from '../../../shared/api/client';
import type { AppEvent } from '../../../shared/api/events';
import type { WorkspaceInfo } from '../../../shared/api/workspace';
import { WorkspaceStore } from '../../../renderer/src/state/workspace-store';

const demo: WorkspaceInfo = {
  path: '/data/workspaces/Acme Lending demo.aispend',
  name: 'Acme Lending (demo)',
  id: 'a1',
  createdAt: '2026-11-01T00:00:00Z',
  schemaVersion: 2,
  appVersion: '0.1.0',
  isDemo: true,
  readOnly: null,
  ledgerLines: 2576,
  imports: 2,
  firstMonth: '2026-05',
  lastMonth: '2026-10',
  currencies: ['USD'],
  providers: ['anthropic', 'openai'],
};

/** A client whose workspace.info answers `current` and whose pushed events the test sends. */
function fakeClient() {
  let current = demo;
  const listeners = new Set<(e: AppEvent) => void>();
  const client = {
    call: async (method: string) => {
      if (method === 'app.info') return { name: 'AI Spend Workbench', version: '0.1.0', mode: 'browser', platform: 'linux', dataDir: '/data', defaultWorkspacePath: demo.path };
      if (method === 'workspace.info') return current;
      throw new Error(method);
    },
    runJob: () => {
      throw new Error('no jobs here');
    },
    onEvent: (listener: (e: AppEvent) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as WorkbenchClient;
  return {
    client,
    setCurrent: (info: WorkspaceInfo) => (current = info),
    push: (event: AppEvent) => listeners.forEach((l) => l(event)),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('workspace store', () => {
  it('loads the workspace without asking views to load twice', async () => {
    const fake = fakeClient();
    const store = new WorkspaceStore(fake.client);
    store.start();
    await settle();
    expect(store.get().info?.name).toBe('Acme Lending (demo)');
    expect(store.get().app?.defaultWorkspacePath).toBe(demo.path);
    expect(store.get().revision).toBe(0);
    // A refresh after a reconnect that finds the same facts changes nothing.
    await store.refresh();
    expect(store.get().revision).toBe(0);
  });

  it('moves views on when another workspace opens or new lines arrive', async () => {
    const fake = fakeClient();
    const store = new WorkspaceStore(fake.client);
    store.start();
    await settle();
    fake.push({ type: 'workspace', info: { ...demo, path: '/tmp/Board review.aispend', id: 'b2', name: 'Board review', isDemo: false } });
    expect(store.get().info?.name).toBe('Board review');
    expect(store.get().revision).toBe(1);
    fake.push({ type: 'workspace', info: { ...demo, path: '/tmp/Board review.aispend', id: 'b2', name: 'Board review', isDemo: false, ledgerLines: 2600, imports: 3 } });
    expect(store.get().revision).toBe(2);
    fake.push({ type: 'workspace', info: { ...demo, path: '/tmp/Board review.aispend', id: 'b2', name: 'Board review', isDemo: false, ledgerLines: 2600, imports: 3 } });
    expect(store.get().revision).toBe(2);
  });
});

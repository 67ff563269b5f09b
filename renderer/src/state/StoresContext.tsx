import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { JobEvent } from '../../../shared/api/jobs';
import type { JobsStore } from './jobs-store';
import type { WorkspaceState, WorkspaceStore } from './workspace-store';

export interface Stores {
  workspace: WorkspaceStore;
  jobs: JobsStore;
}

const StoresContext = createContext<Stores | null>(null);

export function StoresProvider({ stores, children }: { stores: Stores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}

export function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores must be used inside <StoresProvider>');
  return stores;
}

export function useWorkspace(): WorkspaceState {
  const { workspace } = useStores();
  return useSyncExternalStore(workspace.subscribe, workspace.get);
}

export function useJobs(): readonly JobEvent[] {
  const { jobs } = useStores();
  return useSyncExternalStore(jobs.subscribe, jobs.get);
}

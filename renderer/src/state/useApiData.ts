import { useEffect, useState } from 'react';
import type { WorkbenchClient } from '../../../shared/api/client';
import { useClient } from '../api/ClientContext';
import { useWorkspace } from './StoresContext';

export interface ApiData<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
}

/**
 * Loads data for a view and loads it again when the workspace changes or a
 * dependency does. The previous data stays on screen while the next arrives,
 * so nothing jumps.
 */
export function useApiData<T>(load: (client: WorkbenchClient) => Promise<T>, deps: readonly unknown[]): ApiData<T> {
  const client = useClient();
  const { revision } = useWorkspace();
  const [state, setState] = useState<ApiData<T>>({ data: undefined, error: undefined, loading: true });

  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    load(client).then(
      (data) => current && setState({ data, error: undefined, loading: false }),
      (error: unknown) => current && setState((s) => ({ data: s.data, error: error instanceof Error ? error : new Error(String(error)), loading: false })),
    );
    return () => {
      current = false;
    };
  }, [client, revision, ...deps]);

  return state;
}

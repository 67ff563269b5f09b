import { useEffect, useState, useSyncExternalStore } from 'react';
import type { JobInput, JobKind, JobResult } from '../../../../shared/api';
import { useClient } from '../../api/ClientContext';
import { describeError } from '../../api/describe-error';
import { useWorkspace } from '../../state/StoresContext';

export interface JobData<T> {
  data: T | undefined;
  error: string | undefined;
  running: boolean;
}

/**
 * Runs a backend job for a view and runs it again when the workspace changes
 * or `deps` do (the previous result stays on screen meanwhile); a newer run
 * replaces an older one that is still going.
 */
export function useJob<K extends JobKind>(kind: K, input: JobInput<K> | null, deps: readonly unknown[]): JobData<JobResult<K>> {
  const client = useClient();
  const { revision } = useWorkspace();
  const version = useInputsVersion();
  const [state, setState] = useState<JobData<JobResult<K>>>({ data: undefined, error: undefined, running: false });
  useEffect(() => {
    if (input === null) return;
    let current = true;
    setState((s) => ({ ...s, running: true }));
    const job = client.runJob(kind, input);
    job.result.then(
      (data) => current && setState({ data, error: undefined, running: false }),
      (error: unknown) => current && setState((s) => ({ data: s.data, error: describeError(error), running: false })),
    );
    return () => {
      current = false;
    };
  }, [client, revision, version, ...deps]);
  return state;
}

/** Bumped when the workspace's policy or energy assumptions are saved, so every tab built on them runs again. */
let inputsVersion = 0;
const listeners = new Set<() => void>();

export function allocationInputsSaved(): void {
  inputsVersion += 1;
  for (const l of listeners) l();
}

export function useInputsVersion(): number {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => inputsVersion,
  );
}

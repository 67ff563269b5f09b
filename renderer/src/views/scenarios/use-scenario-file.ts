import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { JobEvent } from '../../../../shared/api/jobs';
import type { RunResult, SavedRun, ValidationIssue } from '../../../../shared/api/scenarios';
import { isWorkbenchError } from '../../../../shared/domain/errors';
import { checkScenarioYaml } from '../../../../shared/engine/scenario-file';
import type { LeverWaterfall } from '../../../../shared/engine/waterfall';
import { useClient } from '../../api/ClientContext';
import { describeError } from '../../api/describe-error';
import { useWorkspace } from '../../state/StoresContext';
import { BrowserEngine } from './engine-client';

export interface ResolvedContext {
  workloads: string[];
  models: string[];
  start: string;
  /** Months in the horizon. */
  months: number;
  unit: string;
}

export interface RunState {
  /** What the compare view shows: a finished run of this text, or the preview. */
  result: RunResult | null;
  source: 'run' | 'saved' | 'preview' | null;
  ranAt: string | null;
  waterfalls: LeverWaterfall[] | null;
}

const PREVIEW_DELAY_MS = 350;

/**
 * One scenario file being edited: its saved text and the draft, the draft's
 * problems (with lines, checked as you type), a preview of the draft worked
 * out in the browser's engine worker, and runs with draws as backend jobs.
 */
export function useScenarioFile(id: string | null) {
  const client = useClient();
  const { revision } = useWorkspace();
  const engine = useMemo(() => new BrowserEngine(), []);
  useEffect(() => () => engine.cancel(), [engine]);

  const [saved, setSaved] = useState<string | null>(null);
  const [draft, setDraft] = useState<string>('');
  const [loadError, setLoadError] = useState<string | null>(null);
  const [runIssues, setRunIssues] = useState<ValidationIssue[]>([]);
  const [preview, setPreview] = useState<{ result: RunResult; waterfalls: LeverWaterfall[] | null; notes: string[] } | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [savedRun, setSavedRun] = useState<SavedRun | null>(null);
  const [jobRun, setJobRun] = useState<{ text: string; result: RunResult; at: string } | null>(null);
  const [job, setJob] = useState<JobEvent | null>(null);
  const [jobError, setJobError] = useState<string | null>(null);
  const [context, setContext] = useState<ResolvedContext | null>(null);
  const cancelRef = useRef<(() => Promise<void>) | null>(null);

  // Load the file (again when the workspace changes).
  useEffect(() => {
    let current = true;
    setSaved(null);
    setPreview(null);
    setJobRun(null);
    setSavedRun(null);
    setLoadError(null);
    if (id === null) return;
    Promise.all([client.call('scenarios.get', { id }), client.call('scenarios.lastRun', { id })]).then(
      ([file, last]) => {
        if (!current) return;
        setSaved(file.yaml);
        setDraft(file.yaml);
        setSavedRun(last.run);
      },
      (error: unknown) => current && setLoadError(describeError(error)),
    );
    return () => {
      current = false;
    };
  }, [client, id, revision]);

  const checked = useMemo(() => checkScenarioYaml(draft), [draft]);
  const issues = checked.issues.length > 0 ? checked.issues : runIssues;

  // Preview the draft in the browser worker, a moment after the last edit.
  useEffect(() => {
    if (id === null || saved === null || checked.issues.length > 0) return;
    let current = true;
    const timer = setTimeout(() => {
      setPreviewing(true);
      engine.cancel();
      client
        .call('scenarios.resolve', { id, yaml: draft })
        .then(async ({ file, pricing, notes }) => {
          if (!current) return;
          const baseline = file.baseline;
          setContext({
            workloads: baseline.workloads.map((w) => w.id),
            models: [...new Set(baseline.workloads.flatMap((w) => w.models.map((m) => `${m.provider}/${m.model}`)))],
            start: baseline.start,
            months: baseline.months,
            unit: baseline.drivers[0]?.unit ?? 'unit',
          });
          const input = { file, options: {}, pricing };
          const result = await engine.run(input);
          if (!current) return;
          setPreview({ result, waterfalls: null, notes });
          setRunIssues([]);
          const waterfalls = await engine.waterfall(input);
          if (current) setPreview({ result, waterfalls, notes });
        })
        .catch((error: unknown) => {
          if (!current || (isWorkbenchError(error) && error.code === 'cancelled')) return;
          setRunIssues([{ path: isWorkbenchError(error) ? (error.field ?? '') : '', message: describeError(error), line: isWorkbenchError(error) ? (error.row ?? null) : null }]);
        })
        .finally(() => current && setPreviewing(false));
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, engine, id, saved, draft, checked.issues.length]);

  const dirty = saved !== null && draft !== saved;

  const save = useCallback(async () => {
    if (id === null) return { saved: false, issues: [] as ValidationIssue[] };
    const answer = await client.call('scenarios.save', { id, yaml: draft });
    if (answer.saved) {
      setSaved(draft);
      const last = await client.call('scenarios.lastRun', { id });
      setSavedRun(last.run);
    } else setRunIssues(answer.issues);
    return answer;
  }, [client, id, draft]);

  const run = useCallback(
    async (draws: number, seed: number) => {
      if (id === null) return;
      setJobError(null);
      const text = draft;
      const running = client.runJob('scenarios.simulate', { id, ...(dirty ? { yaml: text } : {}), options: { draws, seed } }, setJob);
      cancelRef.current = running.cancel;
      try {
        const result = await running.result;
        setJobRun({ text, result, at: new Date().toISOString() });
      } catch (error) {
        if (!(isWorkbenchError(error) && error.code === 'cancelled')) setJobError(describeError(error));
      } finally {
        cancelRef.current = null;
        setJob(null);
      }
    },
    [client, id, draft, dirty],
  );

  const cancelRun = useCallback(() => void cancelRef.current?.(), []);

  // What the compare view shows: a run of exactly this text if there is one, else the preview.
  const state: RunState = useMemo(() => {
    const waterfalls = preview?.waterfalls ?? null;
    if (jobRun && jobRun.text === draft) return { result: jobRun.result, source: 'run', ranAt: jobRun.at, waterfalls };
    if (savedRun && !dirty) return { result: savedRun.result, source: 'saved', ranAt: savedRun.ranAt, waterfalls };
    return { result: preview?.result ?? null, source: preview ? 'preview' : null, ranAt: null, waterfalls };
  }, [jobRun, savedRun, preview, draft, dirty]);

  return {
    saved,
    draft,
    setDraft,
    dirty,
    issues,
    loadError,
    previewing,
    notes: preview?.notes ?? [],
    context,
    state,
    save,
    revert: () => saved !== null && setDraft(saved),
    run,
    cancelRun,
    job,
    jobError,
  };
}

import { useEffect, useRef, useState } from 'react';
import type { ColumnMapping, DetectOutput, KeepChoice, PreviewOutput, RunImportResult } from '../../../../shared/api/imports';
import { offersKeepAi } from '../../../../shared/formats/keep';
import type { JobEvent } from '../../../../shared/api/jobs';
import { WorkbenchError, isWorkbenchError } from '../../../../shared/domain/errors';
import { useClient } from '../../api/ClientContext';
import { describeError } from '../../api/describe-error';
import { ErrorNote } from '../../components/ErrorNote';
import { DetectStep, type FormatChoice } from './DetectStep';
import { MappingStep } from './MappingStep';
import { formProblems, formToMapping, guessForm, type MappingForm } from './mapping-form';
import { PreviewStep, type OnOverlap, type OnRejects } from './PreviewStep';
import { FailureStep, ResultStep } from './ResultStep';
import type { StatementFile } from './statement-files';

type Step = 'detect' | 'map' | 'preview' | 'import' | 'result';

const STEPS: { id: Step | 'file'; label: string }[] = [
  { id: 'file', label: 'File' },
  { id: 'detect', label: 'Detect' },
  { id: 'map', label: 'Map' },
  { id: 'preview', label: 'Preview' },
  { id: 'import', label: 'Import' },
  { id: 'result', label: 'Reconciliation' },
];

const SAVED_NAME = /^[\w][\w .()-]*$/;

function Stepper({ current, generic }: { current: Step; generic: boolean }) {
  const order = STEPS.map((s) => s.id);
  return (
    <ol className="stepper" aria-label="Import steps">
      {STEPS.filter((s) => s.id !== 'map' || generic).map((s) => {
        const state = s.id === current ? 'current' : order.indexOf(s.id) < order.indexOf(current) ? 'done' : 'todo';
        return (
          <li key={s.id} className={`stepper-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
            {s.label}
          </li>
        );
      })}
    </ol>
  );
}

/**
 * The import wizard: detect → (map) → preview → import with progress and
 * cancel → reconciliation. Nothing is written before the Import button; the
 * import itself is one transaction in the backend's worker threads.
 */
export function ImportWizard({ file, onClose, onAnother }: { file: StatementFile; onClose: () => void; onAnother: () => void }) {
  const client = useClient();
  const [step, setStep] = useState<Step>('detect');
  const [busy, setBusy] = useState<string | null>('Looking at the file…');
  const [error, setError] = useState<string | null>(null);
  const [found, setFound] = useState<DetectOutput | null>(null);
  const [choice, setChoice] = useState<FormatChoice | null>(null);
  const [form, setForm] = useState<MappingForm | null>(null);
  const [mappingName, setMappingName] = useState('');
  const [preview, setPreview] = useState<PreviewOutput | null>(null);
  const [onRejects, setOnRejects] = useState<OnRejects>('abort');
  const [onOverlap, setOnOverlap] = useState<OnOverlap>('ask');
  const [keep, setKeep] = useState<KeepChoice>('all');
  const [progress, setProgress] = useState<JobEvent | null>(null);
  const [result, setResult] = useState<RunImportResult | null>(null);
  const [failure, setFailure] = useState<WorkbenchError | null>(null);
  const cancelRef = useRef<(() => Promise<void>) | null>(null);
  /** The file as the backend reads it now; an upload is replaced after each import attempt (the host removes it). */
  const source = useRef(file);
  const attempts = useRef(0);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const generic = choice?.format === 'generic';

  useEffect(() => {
    let current = true;
    client.call('imports.detect', { path: file.path, fileName: file.name }).then(
      (detected) => {
        if (!current) return;
        setFound(detected);
        setKeep(detected.rememberedKeep);
        const best = detected.detections[0];
        setChoice(best ? { format: best.formatId, version: best.version } : { format: 'generic', version: 'mapping' });
        setForm(guessForm(detected.header));
        setBusy(null);
      },
      (e: unknown) => {
        if (!current) return;
        setError(describeError(e));
        setBusy(null);
      },
    );
    return () => {
      current = false;
    };
  }, [client, file]);

  useEffect(() => headingRef.current?.focus(), [step]);

  const mapping = (): ColumnMapping | undefined => (generic && form ? formToMapping(form, mappingName) : undefined);
  const readInput = () => {
    const m = mapping();
    return {
      path: source.current.path,
      fileName: file.name,
      ...(choice && !generic ? { format: choice.format, ...(choice.version.trim() ? { version: choice.version.trim() } : {}) } : {}),
      ...(m ? { mapping: m, ...(SAVED_NAME.test(mappingName.trim()) ? { mappingName: mappingName.trim() } : {}) } : {}),
    };
  };

  const runPreview = async () => {
    setBusy('Mapping the first rows…');
    setError(null);
    try {
      const p = await client.call('imports.preview', { ...readInput(), rows: 50 });
      setPreview(p);
      setOnRejects(p.rowsRejected > 0 ? 'import' : 'abort');
      setOnOverlap(p.likelyOverlaps.length > 0 ? 'keep' : 'ask');
      setStep('preview');
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(null);
    }
  };

  const runImport = async (overrides: { onOverlap?: OnOverlap; onRejects?: OnRejects } = {}) => {
    setStep('import');
    setFailure(null);
    setError(null);
    setProgress(null);
    try {
      if (attempts.current > 0 && source.current.again) source.current = await source.current.again();
    } catch (e) {
      setFailure(isWorkbenchError(e) ? e : new WorkbenchError('internal', describeError(e)));
      setStep('result');
      return;
    }
    attempts.current += 1;
    const keepChoice = choice && offersKeepAi(choice.format) ? { keep } : {};
    const job = client.runJob('imports.run', { ...readInput(), onRejects: overrides.onRejects ?? onRejects, onOverlap: overrides.onOverlap ?? onOverlap, ...keepChoice }, setProgress);
    cancelRef.current = () => job.cancel();
    try {
      setResult(await job.result);
    } catch (e) {
      setFailure(isWorkbenchError(e) ? e : new WorkbenchError('internal', describeError(e)));
    } finally {
      cancelRef.current = null;
      setStep('result');
    }
  };

  const next = () => {
    if (step === 'detect') {
      if (generic) setStep('map');
      else void runPreview();
    } else if (step === 'map') void runPreview();
    else if (step === 'preview') void runImport();
  };
  const back = () => {
    setError(null);
    if (step === 'map') setStep('detect');
    else if (step === 'preview') setStep(generic ? 'map' : 'detect');
  };

  const canNext =
    busy === null &&
    ((step === 'detect' && found !== null && choice !== null) || (step === 'map' && form !== null && formProblems(form).length === 0) || (step === 'preview' && preview !== null));
  const nextLabel = step === 'preview' ? 'Import' : 'Next';
  const title = step === 'result' ? (failure ? 'Not imported' : 'Reconciliation') : step === 'import' ? 'Importing' : `Import ${file.name}`;

  return (
    <section className="panel wizard" aria-labelledby="wizard-title" data-testid="import-wizard">
      <header className="wizard-header">
        <h2 id="wizard-title" ref={headingRef} tabIndex={-1}>
          {title}
        </h2>
        <Stepper current={step} generic={generic} />
      </header>

      {step === 'detect' && found && <DetectStep found={found} choice={choice} onChoose={setChoice} />}
      {step === 'map' && found && form && <MappingStep header={found.header} form={form} onChange={setForm} name={mappingName} onName={setMappingName} />}
      {step === 'preview' && preview && <PreviewStep preview={preview} onRejects={onRejects} onRejectsChange={setOnRejects} onOverlap={onOverlap} onOverlapChange={setOnOverlap} keep={keep} onKeepChange={setKeep} />}
      {step === 'import' && (
        <div className="wizard-step" data-testid="wizard-progress">
          <progress max={progress?.total ?? 1} value={progress && progress.total ? progress.done : undefined} aria-label="Import progress" />
          <p role="status" className="muted">
            {progress?.message ?? 'Starting…'}
          </p>
        </div>
      )}
      {step === 'result' && result && !failure && <ResultStep result={result} />}
      {step === 'result' && failure && (
        <FailureStep error={failure} onOverlap={(c) => void runImport({ onOverlap: c })} onImportRest={() => void runImport({ onRejects: 'import' })} />
      )}

      {busy ? (
        <p role="status" className="muted">
          {busy}
        </p>
      ) : null}
      {error ? <ErrorNote title="The file could not be read this way" message={error} /> : null}

      <footer className="wizard-actions">
        {step === 'import' ? (
          <button type="button" className="button" onClick={() => void cancelRef.current?.()}>
            Cancel import
          </button>
        ) : step === 'result' ? (
          <>
            <button type="button" className="button" onClick={onAnother}>
              Import another file
            </button>
            <button type="button" className="button primary" onClick={onClose}>
              Done
            </button>
          </>
        ) : (
          <>
            <button type="button" className="button ghost" onClick={onClose}>
              Cancel
            </button>
            {step !== 'detect' ? (
              <button type="button" className="button" onClick={back} disabled={busy !== null}>
                Back
              </button>
            ) : null}
            <button type="button" className="button primary" onClick={next} disabled={!canNext}>
              {nextLabel}
            </button>
          </>
        )}
      </footer>
    </section>
  );
}

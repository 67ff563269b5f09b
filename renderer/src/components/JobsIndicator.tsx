import { useEffect, useId, useRef, useState } from 'react';
import type { JobKind } from '../../../shared/api';
import { isFinished, type JobEvent } from '../../../shared/api/jobs';
import { useJobs, useStores } from '../state/StoresContext';
import { userLocale } from '../format/locale';
import { Icon } from './icons';

/** Every job in the user's words (a kind missing here would show its method name). */
const JOB_LABELS: Record<JobKind, string> = {
  'workspace.buildDemo': 'Build demo workspace',
  'imports.run': 'Import statement',
  'allocation.export': 'Export allocated lines',
  'allocation.run': 'Allocate costs to teams',
  'anomalies.detect': 'Look for anomalies',
  'budgets.evaluate': 'Check budgets',
  'contracts.invoiceCheck': 'Invoice check',
  'energy.estimate': 'Estimate energy',
  'export.workbook': 'Export board workbook',
  'ledger.export': 'Export ledger',
  'pricing.fillListCosts': 'Fill in list prices',
  'pricing.importCsv': 'Import prices',
  'scenarios.simulate': 'Run scenarios',
  'warehouse.exportFocus': 'Export FOCUS',
};

function jobLabel(job: JobEvent): string {
  return JOB_LABELS[job.kind as JobKind] ?? job.kind;
}

function percent(job: JobEvent): number | undefined {
  return job.total ? Math.round((100 * job.done) / job.total) : undefined;
}

/** The job's own sentence, unless it only repeats the state ("done"); a finished job then says when. */
function jobNote(job: JobEvent): string {
  if (job.error) return job.error.message;
  if (job.message && job.message.toLowerCase() !== job.state) return job.message;
  return job.finishedAt ? `Finished ${new Date(job.finishedAt).toLocaleTimeString(userLocale())}` : '';
}

const STATE_LABELS: Record<JobEvent['state'], string> = { queued: 'Queued', running: 'Running', done: 'Done', failed: 'Failed', cancelled: 'Cancelled' };

/** Long work in the header: how many jobs run, overall progress, and a list with cancel buttons. */
export function JobsIndicator() {
  const jobs = useJobs();
  const { jobs: store } = useStores();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const running = jobs.filter((j) => !isFinished(j.state));
  const first = running[0];

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const summary = running.length === 0 ? 'No jobs running' : running.length === 1 && first ? `${jobLabel(first)}${percent(first) !== undefined ? ` ${percent(first)}%` : ''}` : `${running.length} jobs running`;

  return (
    <div className="jobs" ref={rootRef}>
      <button type="button" className={`button jobs-button${running.length > 0 ? ' active' : ''}`} aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)} data-testid="jobs-button">
        <Icon name="jobs" />
        <span className="jobs-summary">{summary}</span>
        {first ? <progress className="jobs-mini" max={first.total ?? undefined} value={first.total ? first.done : undefined} aria-hidden="true" /> : null}
      </button>
      {open ? (
        <div id={panelId} className="popover jobs-panel" role="region" aria-label="Jobs">
          {jobs.length === 0 ? <p className="muted">No jobs in this session. Imports, simulations and exports show their progress here.</p> : null}
          <ul>
            {jobs.map((job) => (
              <li key={job.jobId} className={`job job-${job.state}`}>
                <div className="job-head">
                  <span className="job-name">{jobLabel(job)}</span>
                  <span className={`badge badge-${job.state === 'failed' ? 'bad' : job.state === 'done' ? 'good' : 'neutral'}`}>{STATE_LABELS[job.state]}</span>
                </div>
                {!isFinished(job.state) ? <progress max={job.total ?? undefined} value={job.total ? job.done : undefined} aria-label={`${jobLabel(job)} progress`} /> : null}
                <div className="job-foot">
                  <span className="muted">{jobNote(job)}</span>
                  {!isFinished(job.state) ? (
                    <button type="button" className="button small" onClick={() => void store.cancel(job.jobId)}>
                      Cancel
                    </button>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

import { useEffect, useMemo, useState } from 'react';
import type { RunResult, ScenarioFileSummary } from '../../../../shared/api/scenarios';
import type { SpendOverview } from '../../../../shared/api/overview';
import { isWorkbenchError } from '../../../../shared/domain/errors';
import { useClient } from '../../api/ClientContext';
import { describeError } from '../../api/describe-error';
import { ErrorNote } from '../../components/ErrorNote';
import { DataTable, type TableColumn } from '../../components/table/DataTable';
import { formatMonthLong } from '../../format/dates';
import { providerName } from '../../format/labels';
import { formatMoney, formatSignedMoney } from '../../format/money';
import { useWorkspace } from '../../state/StoresContext';
import { useApiData } from '../../state/useApiData';
import { BrowserEngine } from '../scenarios/engine-client';
import { boardAnswer, pendingRows, topMovers, type BoardAnswer, type BoardRow } from './board-answer';

/** The board as the run gives it, or (`answer` null) its frame while the run is worked out: the same rows and columns, every figure "…". */
interface BoardFrame {
  answer: BoardAnswer | null;
  rows: BoardRow[];
  currency: string;
}

/** Cost per unit as the run gives it (the currency's decimals), the change against nothing changing signed, break-even in words. */
function boardColumns({ answer, currency }: BoardFrame): TableColumn<BoardRow>[] {
  const waiting = answer === null;
  const figure = (text: (r: BoardRow) => string) => (r: BoardRow) => (waiting ? '…' : text(r));
  const perUnit = (of: (r: BoardRow) => string | null) => figure((r) => (of(r) ? formatMoney(of(r)!, currency) : '—'));
  return [
    { id: 'scenario', header: 'Scenario', type: 'text', value: (r) => r.name, rowHeader: true },
    { id: 'now', header: answer ? `Cost per ${answer.unit}, ${formatMonthLong(answer.firstMonth)}` : 'Cost per unit, first month', type: 'money', value: (r) => r.now, text: perUnit((r) => r.now) },
    { id: 'end', header: answer ? formatMonthLong(answer.lastMonth) : 'Last month', type: 'money', value: (r) => r.end, text: perUnit((r) => r.end), render: (_r, text) => <span data-testid="board-cost-per-unit">{text}</span> },
    { id: 'vsBaseline', header: 'vs. nothing changes', type: 'money', value: (r) => r.vsBaseline, text: figure((r) => (r.vsBaseline ? formatSignedMoney(r.vsBaseline, currency) : '—')) },
    {
      id: 'breakEven',
      header: 'Break-even',
      type: 'text',
      value: figure((r) => (r.isBaseline ? '—' : r.noUpfrontCost ? `no upfront cost; saves from ${r.savingsStart ? formatMonthLong(r.savingsStart) : '—'}` : r.breakEven ? formatMonthLong(r.breakEven) : 'not within the horizon')),
    },
  ];
}

/**
 * The board question answered where the workbench opens: the workspace's
 * first scenario file with scenarios, its kept run (or, when it has none, an
 * exact run in the browser's engine worker, which keeps nothing), and beside
 * it the spend trend's movers, the contracts' commitment and credits, and
 * what the checks found. Every figure is the engine's or the backend's; this
 * only lays them out.
 */
/** `ready`: the spend figures have arrived (or failed); the board question's own calls wait for them. */
export function BoardQuestion({ overview, ready }: { overview: SpendOverview | null; ready: boolean }) {
  const client = useClient();
  const { revision } = useWorkspace();
  // Asked once the spend figures are in: the host answers calls in turn, and the figures are what the analyst reads first (bench/open-demo).
  const figuresIn = ready;
  const files = useApiData((c) => (figuresIn ? c.call('scenarios.list', {}) : Promise.resolve(null)), [figuresIn]);
  const file: ScenarioFileSummary | null = files.data?.files.find((f) => f.scenarios.length > 0) ?? null;
  const [run, setRun] = useState<{ id: string; result: RunResult; kept: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const engine = useMemo(() => new BrowserEngine(), []);
  useEffect(() => () => engine.cancel(), [engine]);

  useEffect(() => {
    if (!file) return;
    let current = true;
    setError(null);
    (async () => {
      const last = await client.call('scenarios.lastRun', { id: file.id });
      if (last.run) return current && setRun({ id: file.id, result: last.run.result, kept: last.run.ranAt });
      const { file: resolved, pricing } = await client.call('scenarios.resolve', { id: file.id });
      const result = await engine.run({ file: resolved, options: {}, pricing });
      if (current) setRun({ id: file.id, result, kept: null });
    })().catch((e: unknown) => current && !(isWorkbenchError(e) && e.code === 'cancelled') && setError(describeError(e)));
    return () => {
      current = false;
    };
  }, [client, engine, file?.id, file?.updatedAt, revision]);

  const findings = useApiData((c) => (figuresIn ? c.call('contracts.lastInvoiceCheck', {}) : Promise.resolve(null)), [figuresIn]);
  if (files.data && !file) return null;
  const answer = run && run.id === file?.id ? boardAnswer(run.result) : null;
  const movers = overview ? topMovers(overview, 3) : [];
  const money = (amount: string, currency = answer?.currency ?? overview?.currency ?? 'USD') => formatMoney(amount, currency);
  const check = findings.data?.run ?? null;
  const frame: BoardFrame | null = answer ? { answer, rows: answer.rows, currency: answer.currency } : file && !error ? { answer: null, rows: pendingRows(file.scenarios), currency: overview?.currency ?? 'USD' } : null;

  return (
    <section className="panel board-question" aria-labelledby="board-question-title" data-testid="board-question">
      <div className="panel-header">
        <h2 id="board-question-title">The board question{file ? `: ${file.description ?? file.name}` : ''}</h2>
        {file ? (
          <a href="#/scenarios" className="muted small">
            {file.id}
            <span aria-live="polite">{run?.kept ? `, run ${run.kept.slice(0, 10)}` : run ? ', exact run (not kept)' : error ? '' : ', working out the answer…'}</span>
          </a>
        ) : null}
      </div>
      {error ? <ErrorNote title="Could not answer the board question" message={error} /> : null}
      {!frame ? (
        <p className="muted" aria-live="polite">
          {error ? 'Open Scenarios to fix the file, then come back.' : 'Working out the answer…'}
        </p>
      ) : (
        <div className="board-answer" aria-busy={answer ? undefined : true}>
          <DataTable
            rows={frame.rows}
            columns={boardColumns(frame)}
            label={`Cost per ${answer?.unit ?? 'unit'} now and at the end of each scenario`}
            currency={frame.currency}
            rowKey={(r) => r.id}
            rowProps={(r) => ({ 'data-scenario': r.id })}
            testId={answer ? 'board-answer' : 'board-answer-pending'}
          />
          <div className="board-facts">
            <div data-testid="board-movers">
              <h3>Top movers, {overview?.latest ? formatMonthLong(overview.latest.month) : 'latest month'}</h3>
              {movers.length === 0 ? (
                <p className="muted small">Two months of spend are needed to compare.</p>
              ) : (
                <ul className="plain">
                  {movers.map((m) => (
                    <li key={m.provider}>
                      {providerName(m.provider)} <span className="money">{formatSignedMoney(m.change, overview?.currency ?? 'USD')}</span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
            <div data-testid="board-commitments">
              <h3>Commitments and credits</h3>
              {!answer ? (
                <p className="muted small">…</p>
              ) : answer.contracts.length === 0 ? (
                <p className="muted small">No contract in force over the horizon.</p>
              ) : (
                <ul className="plain">
                  {answer.contracts.map((c) => (
                    <li key={`${c.provider}-${c.contract}`}>
                      {providerName(c.provider)}: {c.committed ? `${money(c.committed)} committed in ${formatMonthLong(answer.firstMonth)}, ${c.utilisation ?? '—'} used` : 'no commitment'}
                      {c.shortfallMonths > 0 ? `, short in ${c.shortfallMonths} ${c.shortfallMonths === 1 ? 'month' : 'months'}` : ''}
                      {c.creditsGranted ? `; credits ${money(c.creditsGranted)}${c.creditsExhausted ? `, used up by ${formatMonthLong(c.creditsExhausted)}` : `, ${money(c.creditsLeft ?? '0')} left`}` : ''}
                    </li>
                  ))}
                </ul>
              )}
            </div>
            <div data-testid="board-findings">
              <h3>Findings</h3>
              {check ? (
                <p className="small">
                  <a href="#/contracts/invoice-check">
                    {check.findings.length === 0 ? 'The latest invoice check found nothing' : `${check.findings.length} invoice ${check.findings.length === 1 ? 'finding' : 'findings'}`}
                  </a>
                  {check.findings.length > 0 ? `: ${check.findings[0]!.message}` : ''}
                </p>
              ) : (
                <p className="small">
                  No invoice check yet: <a href="#/contracts/invoice-check">run one</a> against the contracts.
                </p>
              )}
              <p className="small">
                <a href="#/allocation/anomalies">Anomalies</a> and <a href="#/allocation/budgets">budgets</a> are under Allocation.
              </p>
            </div>
          </div>
        </div>
      )}
    </section>
  );
}

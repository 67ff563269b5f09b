import { useEffect, useState } from 'react';
import type { PushdownQuery } from '../../../../shared/api/warehouse';
import { describeError } from '../../api/describe-error';
import { useClient } from '../../api/ClientContext';
import { ErrorNote } from '../../components/ErrorNote';
import { useApiData } from '../../state/useApiData';

type Source = 'focus' | 'aws-cur' | 'gcp-billing' | 'azure-cost';
type Dialect = 'duckdb' | 'trino' | 'bigquery' | 'spark' | 'snowflake' | 'clickhouse';

const MONTH = /^\d{4}-\d{2}$/;

/**
 * "Aggregate in your warehouse": the push-down query for a vendor export that
 * lives in a warehouse, to copy and run there. Its result, exported whole,
 * is dropped on this view like any statement (it imports as a warehouse
 * aggregate and must reconcile to its control rows).
 */
export function WarehousePanel() {
  const client = useClient();
  const { data: catalogue, error: catalogueError } = useApiData((c) => c.call('warehouse.catalogue', {}), []);
  const [source, setSource] = useState<Source>('focus');
  const [dialect, setDialect] = useState<Dialect>('duckdb');
  const [table, setTable] = useState('');
  const [tags, setTags] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [query, setQuery] = useState<PushdownQuery | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  const unsupported = catalogue?.sources.find((s) => s.id === source)?.unsupported.find((u) => u.dialect === dialect) ?? null;
  const dialectInfo = catalogue?.dialects.find((d) => d.id === dialect);
  const periodProblem = [from, to].some((m) => m !== '' && !MONTH.test(m)) ? 'Months are written 2026-03.' : null;

  useEffect(() => {
    if (unsupported || periodProblem) {
      setQuery(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      client
        .call('warehouse.pushdown', {
          source,
          dialect,
          table: table.trim() === '' ? undefined : table.trim(),
          tags: tags
            .split(',')
            .map((t) => t.trim())
            .filter((t) => t !== ''),
          from: from === '' ? undefined : from,
          to: to === '' ? undefined : to,
        })
        .then(
          (q) => {
            if (!current) return;
            setQuery(q);
            setError(null);
            setCopied(false);
          },
          (e: unknown) => current && setError(describeError(e)),
        );
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, source, dialect, table, tags, from, to, unsupported, periodProblem]);

  const copy = async () => {
    if (!query) return;
    try {
      await navigator.clipboard.writeText(query.sql);
      setCopied(true);
    } catch {
      setError('The clipboard is not available here: select the SQL below and copy it.');
    }
  };

  return (
    <details className="panel warehouse-panel" data-testid="warehouse-panel">
      <summary>
        <strong>Aggregate in your warehouse</strong>
        <span className="field-hint"> Bills too big for one machine: run this query where they live and import its small result.</span>
      </summary>
      {catalogueError ? <ErrorNote title="Could not list the warehouse dialects" message={describeError(catalogueError)} /> : null}
      <div className="warehouse-form">
        <div className="field">
          <label htmlFor="pushdown-source">Export in the table</label>
          <select id="pushdown-source" value={source} onChange={(e) => setSource(e.target.value as Source)}>
            {catalogue?.sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="pushdown-dialect">Engine</label>
          <select id="pushdown-dialect" value={dialect} onChange={(e) => setDialect(e.target.value as Dialect)}>
            {catalogue?.dialects.map((d) => (
              <option key={d.id} value={d.id}>
                {d.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="pushdown-table">Table</label>
          <input id="pushdown-table" className="input" value={table} placeholder={catalogue?.sources.find((s) => s.id === source)?.defaultTable ?? ''} onChange={(e) => setTable(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="pushdown-tags">Tags to keep</label>
          <input id="pushdown-tags" className="input" value={tags} placeholder="team, workload" onChange={(e) => setTags(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="pushdown-from">From month</label>
          <input id="pushdown-from" className="input" value={from} placeholder="2026-03" onChange={(e) => setFrom(e.target.value.trim())} />
        </div>
        <div className="field">
          <label htmlFor="pushdown-to">To month</label>
          <input id="pushdown-to" className="input" value={to} placeholder="2026-05" onChange={(e) => setTo(e.target.value.trim())} />
        </div>
      </div>
      {dialectInfo ? (
        <p className="field-hint" data-testid="pushdown-checked">
          For {dialectInfo.engines}. {dialectInfo.checked === 'executed' ? 'Run in the workbench\'s tests on' : 'Parsed in the workbench\'s tests by'} {dialectInfo.checkedWith}.
        </p>
      ) : null}
      {unsupported ? <ErrorNote title={`Not for ${dialectInfo?.label ?? dialect}`} message={unsupported.reason} /> : null}
      {periodProblem ? <p className="field-hint warehouse-problem">{periodProblem}</p> : null}
      {error ? <ErrorNote title="Could not write the query" message={error} /> : null}
      {query && !unsupported ? (
        <div className="warehouse-sql">
          <div className="panel-header">
            <span className="field-hint">
              {query.columns.length} result columns: one group row per day and ledger grain, one control row per currency. Export the whole result as CSV, Parquet or JSON Lines and drop it above.
            </span>
            <button type="button" className="button primary small" onClick={() => void copy()} data-testid="copy-sql">
              {copied ? 'Copied' : 'Copy SQL'}
            </button>
          </div>
          <pre data-testid="pushdown-sql" tabIndex={0} aria-label="Push-down SQL">
            <code>{query.sql}</code>
          </pre>
        </div>
      ) : null}
    </details>
  );
}

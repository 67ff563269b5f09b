import { useEffect, useId, useState } from 'react';
import { WorkloadMapping, type DerivedWorkloads } from '../../../../shared/api/scenarios';
import { useClient } from '../../api/ClientContext';
import { describeError } from '../../api/describe-error';
import { ErrorNote } from '../../components/ErrorNote';
import { DataTable, type TableColumn } from '../../components/table/DataTable';
import { formatMoney, formatQuantity } from '../../format/money';
import { useWorkspace } from '../../state/StoresContext';
import { useApiData } from '../../state/useApiData';

type Mapping = WorkloadMapping;
type Rule = Mapping['rules'][number];
type Settings = Mapping['workloads'][number];

const RULE_COLUMNS: { key: 'tagKey' | 'tagValue' | 'project' | 'apiKey' | 'provider' | 'model'; label: string; help: string }[] = [
  { key: 'tagKey', label: 'Tag', help: 'tag name, e.g. workload' },
  { key: 'tagValue', label: 'Tag value', help: 'e.g. customer-support' },
  { key: 'project', label: 'Project', help: 'sub-account / project id' },
  { key: 'apiKey', label: 'API key', help: 'credential id' },
  { key: 'provider', label: 'Provider', help: 'e.g. openai' },
  { key: 'model', label: 'Model', help: 'e.g. gpt-4.1' },
];

function ruleCell(rule: Rule, key: (typeof RULE_COLUMNS)[number]['key']): string {
  if (key === 'tagKey') return rule.match.tag?.key ?? '';
  if (key === 'tagValue') return rule.match.tag?.value ?? '';
  return rule.match[key] ?? '';
}

function withCell(rule: Rule, key: (typeof RULE_COLUMNS)[number]['key'], value: string): Rule {
  const match = { ...rule.match };
  if (key === 'tagKey' || key === 'tagValue') {
    const tag = { key: match.tag?.key ?? '', value: match.tag?.value ?? '', [key === 'tagKey' ? 'key' : 'value']: value };
    if (tag.key === '' && tag.value === '') delete match.tag;
    else match.tag = tag;
  } else if (value === '') delete match[key];
  else match[key] = value;
  return { ...rule, match };
}

/**
 * The ledger-to-workload mapping: ordered rules (the first whose every
 * condition holds names a ledger row's workload) and what the ledger cannot
 * tell per workload — its driver, success rates, latency, tokens per request.
 * Below, what the ledger yields with it over a period.
 */
export function MappingEditor() {
  const client = useClient();
  const { info } = useWorkspace();
  const [reload, setReload] = useState(0);
  const loaded = useApiData((c) => c.call('workloads.getMapping', {}), [reload]);
  const drivers = useApiData((c) => c.call('drivers.list', {}), []);
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [period, setPeriod] = useState<{ from: string; to: string } | null>(null);
  const [derived, setDerived] = useState<DerivedWorkloads | null>(null);
  const [deriveError, setDeriveError] = useState<string | null>(null);
  const ids = useId();

  useEffect(() => {
    if (loaded.data) setMapping(loaded.data);
  }, [loaded.data]);
  useEffect(() => {
    if (info?.firstMonth && info.lastMonth) setPeriod({ from: info.firstMonth, to: info.lastMonth });
  }, [info?.firstMonth, info?.lastMonth]);

  // What the ledger yields with the mapping as edited (not yet saved), for the chosen period.
  useEffect(() => {
    if (!mapping || !period) return;
    const parsed = WorkloadMapping.safeParse(mapping);
    if (!parsed.success) return;
    let current = true;
    const timer = setTimeout(() => {
      client.call('workloads.derive', { from: period.from, to: period.to, mapping: parsed.data }).then(
        (d) => {
          if (!current) return;
          setDerived(d);
          setDeriveError(null);
        },
        (e: unknown) => current && setDeriveError(describeError(e)),
      );
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, mapping, period]);

  if (!mapping) return loaded.error ? <ErrorNote title="Could not load the mapping" message={describeError(loaded.error)} /> : <p className="muted">Loading…</p>;

  const dirty = JSON.stringify(mapping) !== JSON.stringify(loaded.data);
  const setRules = (rules: Rule[]) => setMapping({ ...mapping, rules });
  const setSettings = (workloads: Settings[]) => setMapping({ ...mapping, workloads });
  const driverIds = (drivers.data?.drivers ?? []).map((d) => d.id);

  const save = async () => {
    setMessage(null);
    const parsed = WorkloadMapping.safeParse(mapping);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      setMessage({ ok: false, text: `${issue.path.join('.')}: ${issue.message}` });
      return;
    }
    try {
      await client.call('workloads.saveMapping', parsed.data);
      setMessage({ ok: true, text: 'Mapping saved. Scenarios that take workloads from the ledger use it from their next run.' });
      setReload((n) => n + 1);
    } catch (error) {
      setMessage({ ok: false, text: describeError(error) });
    }
  };

  return (
    <div className="sc-mapping" data-testid="mapping-editor">
      <p className="muted">
        Which ledger lines belong to which workload. Rules are tried in order; the first whose every filled-in condition holds names the workload. The ledger cannot tell success
        rates or latency: state them per workload below.
      </p>
      <div className="toolbar">
        <span className="toolbar-spacer" />
        <button type="button" className="button" disabled={!dirty} onClick={() => loaded.data && setMapping(loaded.data)}>
          Revert
        </button>
        <button type="button" className="button primary" disabled={!dirty} onClick={() => void save()} data-testid="save-mapping">
          Save mapping
        </button>
      </div>
      {message ? message.ok ? <p className="sc-ok" role="status">{message.text}</p> : <ErrorNote message={message.text} /> : null}
      <div className="panel table-panel sc-rules-panel">
        <h2>Rules</h2>
        <table className="table sc-rules" data-testid="mapping-rules">
          <thead>
            <tr>
              <th scope="col">#</th>
              {RULE_COLUMNS.map((c) => (
                <th key={c.key} scope="col" title={c.help}>
                  {c.label}
                </th>
              ))}
              <th scope="col">→ Workload</th>
              <th scope="col">
                <span className="sr-only">Order</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {mapping.rules.map((rule, r) => (
              <tr key={r}>
                <td className="muted">{r + 1}</td>
                {RULE_COLUMNS.map((c) => (
                  <td key={c.key}>
                    <input
                      className="input"
                      aria-label={`Rule ${r + 1}: ${c.label}`}
                      placeholder={c.help}
                      value={ruleCell(rule, c.key)}
                      onChange={(e) => setRules(mapping.rules.map((x, i) => (i === r ? withCell(x, c.key, e.target.value) : x)))}
                    />
                  </td>
                ))}
                <td className="sc-rule-workload">
                  <input className="input" aria-label={`Rule ${r + 1}: workload`} value={rule.workload} onChange={(e) => setRules(mapping.rules.map((x, i) => (i === r ? { ...x, workload: e.target.value } : x)))} />
                </td>
                <td className="nowrap">
                  <button type="button" className="button small ghost" aria-label={`Move rule ${r + 1} up`} disabled={r === 0} onClick={() => setRules(swap(mapping.rules, r, r - 1))}>
                    ↑
                  </button>
                  <button type="button" className="button small ghost" aria-label={`Remove rule ${r + 1}`} onClick={() => setRules(mapping.rules.filter((_, i) => i !== r))}>
                    ✕
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" className="button" onClick={() => setRules([...mapping.rules, { match: { tag: { key: 'workload', value: '' } }, workload: 'new-workload' }])}>
          Add a rule
        </button>
      </div>

      <div className="panel">
        <h2>What the ledger cannot tell, per workload</h2>
        {mapping.workloads.map((w, k) => (
          <WorkloadSettings
            key={k}
            settings={w}
            driverIds={driverIds}
            idBase={`${ids}-${k}`}
            onChange={(next) => setSettings(mapping.workloads.map((x, i) => (i === k ? next : x)))}
            onRemove={() => setSettings(mapping.workloads.filter((_, i) => i !== k))}
          />
        ))}
        <button type="button" className="button" onClick={() => setSettings([...mapping.workloads, { id: 'new-workload', driver: driverIds[0] ?? 'loans', models: [] }])}>
          Add workload settings
        </button>
      </div>

      <div className="panel" data-testid="derived-workloads">
        <div className="panel-header">
          <h2>Workloads the ledger yields</h2>
          {period ? (
            <div className="field-inline">
              <label htmlFor={`${ids}-from`}>from</label>
              <input id={`${ids}-from`} className="input sc-month" type="month" value={period.from} onChange={(e) => e.target.value && setPeriod({ ...period, from: e.target.value })} />
              <label htmlFor={`${ids}-to`}>to</label>
              <input id={`${ids}-to`} className="input sc-month" type="month" value={period.to} onChange={(e) => e.target.value && setPeriod({ ...period, to: e.target.value })} />
            </div>
          ) : null}
        </div>
        {deriveError ? <ErrorNote message={deriveError} /> : null}
        {info && !info.firstMonth ? (
          <p className="muted" data-testid="derived-empty">
            The ledger has no lines yet: <a href="#/imports">import a vendor statement</a>, and each workload’s spend, tokens and requests by month appear here under the rules above.
          </p>
        ) : derived ? (
          <DerivedTable derived={derived} currency={info?.currencies[0] ?? 'USD'} />
        ) : (
          <p className="muted">…</p>
        )}
      </div>
    </div>
  );
}

function swap<T>(list: readonly T[], a: number, b: number): T[] {
  const out = [...list];
  [out[a], out[b]] = [out[b]!, out[a]!];
  return out;
}

function WorkloadSettings({ settings, driverIds, idBase, onChange, onRemove }: { settings: Settings; driverIds: string[]; idBase: string; onChange: (s: Settings) => void; onRemove: () => void }) {
  const models = settings.models ?? [];
  const setModel = (i: number, change: Partial<Settings['models'][number]>) =>
    onChange({ ...settings, models: models.map((m, k) => (k === i ? (Object.fromEntries(Object.entries({ ...m, ...change }).filter(([, v]) => v !== undefined)) as Settings['models'][number]) : m)) });
  const num = (text: string): number | undefined => (text.trim() === '' || !Number.isFinite(Number(text)) ? undefined : Number(text));
  return (
    <fieldset className="sc-workload-settings">
      <legend>{settings.name ?? settings.id}</legend>
      <div className="sc-grid">
        <div className="sc-field">
          <label htmlFor={`${idBase}-id`}>Workload id</label>
          <input id={`${idBase}-id`} className="input" value={settings.id} onChange={(e) => onChange({ ...settings, id: e.target.value })} />
          <p className="field-hint">The id rules map to.</p>
        </div>
        <div className="sc-field">
          <label htmlFor={`${idBase}-name`}>Name</label>
          <input id={`${idBase}-name`} className="input" value={settings.name ?? ''} onChange={(e) => onChange({ ...settings, name: e.target.value || undefined })} />
          <p className="field-hint">In users&rsquo; words.</p>
        </div>
        <div className="sc-field">
          <label htmlFor={`${idBase}-driver`}>Driver</label>
          <select id={`${idBase}-driver`} value={settings.driver} onChange={(e) => onChange({ ...settings, driver: e.target.value })}>
            {[...new Set([settings.driver, ...driverIds])].map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
          <p className="field-hint">The business units that create this work.</p>
        </div>
        <div className="sc-field">
          <label htmlFor={`${idBase}-tokens`}>
            Prompt tokens per request <span className="sc-unit">tokens</span>
          </label>
          <input id={`${idBase}-tokens`} className="input" inputMode="numeric" value={settings.inputTokensPerRequest ?? ''} onChange={(e) => onChange({ ...settings, inputTokensPerRequest: num(e.target.value) })} />
          <p className="field-hint">Counts requests when the vendor reports none: prompt tokens ÷ this.</p>
        </div>
      </div>
      <table className="table sc-model-settings">
        <thead>
          <tr>
            <th scope="col">Provider</th>
            <th scope="col">Model</th>
            <th scope="col" title="share of attempts that succeed, 0–1">
              Success rate
            </th>
            <th scope="col" title="milliseconds per attempt">
              Latency (ms)
            </th>
            <th scope="col" title="provider/model where failures go">
              Escalates to
            </th>
            <th scope="col" title="prompt tokens per request on this model">
              Prompt tokens
            </th>
            <th scope="col">
              <span className="sr-only">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {models.map((m, i) => (
            <tr key={i}>
              <td>
                <input className="input" aria-label="Provider" value={m.provider} onChange={(e) => setModel(i, { provider: e.target.value })} />
              </td>
              <td>
                <input className="input" aria-label="Model" value={m.model} onChange={(e) => setModel(i, { model: e.target.value })} />
              </td>
              <td>
                <input className="input" aria-label={`${m.model} success rate`} inputMode="decimal" value={m.successRate ?? ''} onChange={(e) => setModel(i, { successRate: num(e.target.value) })} />
              </td>
              <td>
                <input className="input" aria-label={`${m.model} latency`} inputMode="numeric" value={m.latencyMs ?? ''} onChange={(e) => setModel(i, { latencyMs: num(e.target.value) })} />
              </td>
              <td>
                <input
                  className="input"
                  aria-label={`${m.model} escalates to`}
                  value={typeof m.escalateTo === 'string' ? m.escalateTo : m.escalateTo ? `${m.escalateTo.provider}/${m.escalateTo.model}` : ''}
                  onChange={(e) => setModel(i, { escalateTo: e.target.value.trim() || undefined })}
                />
              </td>
              <td>
                <input className="input" aria-label={`${m.model} prompt tokens per request`} inputMode="numeric" value={m.inputTokensPerRequest ?? ''} onChange={(e) => setModel(i, { inputTokensPerRequest: num(e.target.value) })} />
              </td>
              <td>
                <button type="button" className="button small ghost" aria-label={`Remove ${m.model}`} onClick={() => onChange({ ...settings, models: models.filter((_, k) => k !== i) })}>
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="toolbar">
        <button type="button" className="button small" onClick={() => onChange({ ...settings, models: [...models, { provider: 'openai', model: '' }] })}>
          Add a model
        </button>
        <button type="button" className="button small ghost" onClick={onRemove}>
          Remove these settings
        </button>
      </div>
    </fieldset>
  );
}

type DerivedWorkload = DerivedWorkloads['workloads'][number];

/** A derived figure to three decimals (a share, a rate, tokens a request); blank when the ledger cannot tell. */
const thousandths = (v: unknown): number | null => (typeof v === 'number' ? Math.round(v * 1000) / 1000 : null);
const n = (v: unknown) => {
  const r = thousandths(v);
  return r === null ? '—' : formatQuantity(r);
};

/** What the ledger yields per workload: a read-only report, so it sorts, filters and exports like every report table. */
const DERIVED_COLUMNS: TableColumn<DerivedWorkload>[] = [
  { id: 'workload', header: 'Workload', type: 'text', value: (w) => w.name ?? w.id, rowHeader: true },
  { id: 'requestsPerUnit', header: 'Requests per unit', type: 'quantity', value: (w) => thousandths(w.requestsPerUnit) },
  { id: 'promptTokens', header: 'Prompt tokens', type: 'quantity', value: (w) => thousandths(w.tokensPerRequest.input) },
  { id: 'outputTokens', header: 'Output tokens', type: 'quantity', value: (w) => thousandths(w.tokensPerRequest.output) },
  { id: 'models', header: 'Models (share, success)', type: 'text', value: (w) => w.models.map((m) => `${m.model} (${n(m.share)}, ${n(m.successRate)})`).join('; ') },
  { id: 'promptCache', header: 'Prompt cache', type: 'text', value: (w) => (w.promptCache ? `${n(w.promptCache.cacheableShare)} cacheable, ${n(w.promptCache.hitRate)} hits` : '—') },
];

function DerivedTable({ derived, currency }: { derived: DerivedWorkloads; currency: string }) {
  return (
    <>
      <DataTable rows={derived.workloads} columns={DERIVED_COLUMNS} label="Workloads the ledger yields" rowKey={(w) => w.id} testId="derived-table" />
      {derived.unmapped.length > 0 ? (
        <p className="small">
          <span className="badge badge-bad">Unmapped</span> {derived.unmapped.map((u) => `${u.provider}/${u.model ?? '(no model)'} ${formatMoney(u.cost, currency)}`).join('; ')}
        </p>
      ) : (
        <p className="small">
          <span className="badge badge-good">Every ledger line mapped</span>
        </p>
      )}
      {derived.notes.length > 0 ? (
        <ul className="small muted">
          {derived.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

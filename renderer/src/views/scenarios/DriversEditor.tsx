import { useEffect, useId, useState } from 'react';
import { BusinessDriver } from '../../../../shared/api/scenarios';
import { addMonths } from '../../../../shared/domain/calendar';
import { useClient } from '../../api/ClientContext';
import { describeError } from '../../api/describe-error';
import { useFiles } from '../../api/files';
import { ErrorNote } from '../../components/ErrorNote';
import { formatMonth } from '../../format/dates';
import { useApiData } from '../../state/useApiData';

type Driver = BusinessDriver;

/**
 * Business drivers month by month: units (loans processed) and the process's
 * non-AI costs, per unit or per month. Imported from CSV/XLSX or typed in;
 * scenarios take them with `fromWorkspace: { drivers: true }`.
 */
export function DriversEditor() {
  const client = useClient();
  const files = useFiles();
  const [reload, setReload] = useState(0);
  const loaded = useApiData((c) => c.call('drivers.list', {}), [reload]);
  const [drivers, setDrivers] = useState<Driver[]>([]);
  const [current, setCurrent] = useState(0);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [newCost, setNewCost] = useState({ name: '', basis: 'perUnit' as 'perUnit' | 'fixedMonthly' });
  const costNameId = useId();

  useEffect(() => {
    if (loaded.data) setDrivers(loaded.data.drivers);
  }, [loaded.data]);

  const d = drivers[current];
  const dirty = loaded.data !== undefined && JSON.stringify(loaded.data.drivers) !== JSON.stringify(drivers);
  const update = (change: (d: Driver) => Driver) => setDrivers((list) => list.map((x, i) => (i === current ? change(x) : x)));

  const save = async () => {
    setMessage(null);
    const parsed = drivers.map((x) => BusinessDriver.safeParse(x));
    const bad = parsed.findIndex((p) => !p.success);
    if (bad >= 0) {
      const issue = parsed[bad]!.error!.issues[0]!;
      setMessage({ ok: false, text: `${drivers[bad]!.id}, ${issue.path.join('.')}: ${issue.message}` });
      return;
    }
    try {
      const { saved } = await client.call('drivers.save', { drivers });
      setMessage({ ok: true, text: `Saved ${saved} driver${saved === 1 ? '' : 's'}.` });
      setReload((n) => n + 1);
    } catch (error) {
      setMessage({ ok: false, text: describeError(error) });
    }
  };

  const importFile = async () => {
    setMessage(null);
    try {
      const picked = await files.pickFile({ title: 'Import business drivers', kind: 'Tables', extensions: ['csv', 'xlsx', 'xls'] });
      if (!picked) return;
      const result = await client.call('drivers.import', { path: picked.path });
      setMessage({ ok: true, text: `${result.replaced ? 'Replaced' : 'Added'} ${result.driver.id} from ${picked.name}: ${result.months} months.` });
      setReload((n) => n + 1);
    } catch (error) {
      setMessage({ ok: false, text: describeError(error) });
    }
  };

  return (
    <div className="sc-drivers" data-testid="drivers-editor">
      <p className="muted">
        Business units per month and the process&rsquo;s non-AI costs (manual processing, human review). Import a table — a header row, then month, units, and one column per cost
        (&ldquo;… per loan&rdquo; is per unit, &ldquo;… per month&rdquo; a fixed monthly cost) — or type them in. In a scenario each series holds its last value forward.
      </p>
      <div className="toolbar">
        {drivers.length > 0 ? (
          <label className="field-inline">
            Driver
            <select value={current} onChange={(e) => setCurrent(Number(e.target.value))}>
              {drivers.map((x, i) => (
                <option key={x.id} value={i}>
                  {x.name ?? x.id} ({x.unit}s)
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button
          type="button"
          className="button"
          onClick={() => {
            const n = drivers.length + 1;
            setDrivers([...drivers, { id: `driver-${n}`, name: `Driver ${n}`, unit: 'unit', costs: [], months: [{ month: new Date().toISOString().slice(0, 7), units: 0, costs: {} }] }]);
            setCurrent(drivers.length);
          }}
        >
          New driver
        </button>
        <button type="button" className="button" onClick={() => void importFile()} data-testid="import-drivers">
          Import CSV/XLSX…
        </button>
        <span className="toolbar-spacer" />
        <button type="button" className="button" disabled={!dirty} onClick={() => loaded.data && setDrivers(loaded.data.drivers)}>
          Revert
        </button>
        <button type="button" className="button primary" disabled={!dirty} onClick={() => void save()} data-testid="save-drivers">
          Save drivers
        </button>
      </div>
      {loaded.error ? <ErrorNote title="Could not load the drivers" message={describeError(loaded.error)} /> : null}
      {message ? message.ok ? <p className="sc-ok" role="status">{message.text}</p> : <ErrorNote message={message.text} /> : null}
      {d ? (
        <div className="panel">
          <div className="sc-grid">
            <div className="sc-field">
              <label htmlFor={`${costNameId}-id`}>Id</label>
              <input id={`${costNameId}-id`} className="input" value={d.id} onChange={(e) => update((x) => ({ ...x, id: e.target.value }))} />
              <p className="field-hint">Scenarios name the driver by this id (unitDriver, volume levers).</p>
            </div>
            <div className="sc-field">
              <label htmlFor={`${costNameId}-name`}>Name</label>
              <input id={`${costNameId}-name`} className="input" value={d.name ?? ''} onChange={(e) => update((x) => ({ ...x, name: e.target.value || undefined }))} />
              <p className="field-hint">In users&rsquo; words: &ldquo;Loans processed&rdquo;.</p>
            </div>
            <div className="sc-field">
              <label htmlFor={`${costNameId}-unit`}>Unit</label>
              <input id={`${costNameId}-unit`} className="input" value={d.unit ?? ''} onChange={(e) => update((x) => ({ ...x, unit: e.target.value }))} />
              <p className="field-hint">Singular: &ldquo;loan&rdquo; gives &ldquo;cost per loan&rdquo;.</p>
            </div>
          </div>
          <div className="table-panel">
            <table className="table sc-driver-table" data-testid="drivers-table">
              <thead>
                <tr>
                  <th scope="col">Month</th>
                  <th scope="col" className="num">
                    {d.unit}s
                  </th>
                  {d.costs.map((c) => (
                    <th key={c.name} scope="col" className="num">
                      {c.name}
                      <div className="muted small">{c.basis === 'perUnit' ? `per ${d.unit}` : 'per month'}</div>
                      <button
                        type="button"
                        className="button small ghost"
                        aria-label={`Remove the cost ${c.name}`}
                        onClick={() =>
                          update((x) => ({
                            ...x,
                            costs: x.costs.filter((k) => k.name !== c.name),
                            months: x.months.map((m) => ({ ...m, costs: Object.fromEntries(Object.entries(m.costs).filter(([k]) => k !== c.name)) })),
                          }))
                        }
                      >
                        ✕
                      </button>
                    </th>
                  ))}
                  <th scope="col">
                    <span className="sr-only">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.months.map((m, r) => (
                  <tr key={r}>
                    <td>
                      <input
                        className="input sc-month"
                        type="month"
                        aria-label={`Month of row ${r + 1}`}
                        value={m.month}
                        onChange={(e) => update((x) => ({ ...x, months: x.months.map((mm, i) => (i === r ? { ...mm, month: e.target.value } : mm)) }))}
                      />
                    </td>
                    <td className="num">
                      <input
                        className="input sc-number"
                        inputMode="decimal"
                        aria-label={`${d.unit}s in ${formatMonth(m.month)}`}
                        value={String(m.units)}
                        onChange={(e) => {
                          const v = Number(e.target.value.replace(/,/g, ''));
                          if (Number.isFinite(v) && v >= 0) update((x) => ({ ...x, months: x.months.map((mm, i) => (i === r ? { ...mm, units: v } : mm)) }));
                        }}
                      />
                    </td>
                    {d.costs.map((c) => (
                      <td key={c.name} className="num">
                        <input
                          className="input sc-number"
                          inputMode="decimal"
                          aria-label={`${c.name} in ${formatMonth(m.month)}`}
                          value={m.costs[c.name] ?? ''}
                          onChange={(e) => {
                            const text = e.target.value.trim();
                            update((x) => ({
                              ...x,
                              months: x.months.map((mm, i) => {
                                if (i !== r) return mm;
                                const costs = { ...mm.costs };
                                if (text === '') delete costs[c.name];
                                else costs[c.name] = text;
                                return { ...mm, costs };
                              }),
                            }));
                          }}
                        />
                      </td>
                    ))}
                    <td>
                      <button type="button" className="button small ghost" aria-label={`Remove ${m.month}`} onClick={() => update((x) => ({ ...x, months: x.months.filter((_, i) => i !== r) }))}>
                        ✕
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="toolbar">
            <button
              type="button"
              className="button"
              onClick={() =>
                update((x) => {
                  const last = x.months.at(-1);
                  return { ...x, months: [...x.months, { month: last ? addMonths(last.month, 1) : new Date().toISOString().slice(0, 7), units: last?.units ?? 0, costs: { ...(last?.costs ?? {}) } }] };
                })
              }
            >
              Add a month
            </button>
            <span className="toolbar-spacer" />
            <label className="field-inline" htmlFor={costNameId}>
              New cost
            </label>
            <input id={costNameId} className="input sc-cost-name" placeholder="e.g. manual processing" value={newCost.name} onChange={(e) => setNewCost({ ...newCost, name: e.target.value })} />
            <select aria-label="Basis of the new cost" value={newCost.basis} onChange={(e) => setNewCost({ ...newCost, basis: e.target.value as 'perUnit' | 'fixedMonthly' })}>
              <option value="perUnit">per {d.unit}</option>
              <option value="fixedMonthly">per month</option>
            </select>
            <button
              type="button"
              className="button"
              disabled={newCost.name.trim() === '' || d.costs.some((c) => c.name === newCost.name.trim())}
              onClick={() => {
                update((x) => ({ ...x, costs: [...x.costs, { name: newCost.name.trim(), basis: newCost.basis }] }));
                setNewCost({ name: '', basis: 'perUnit' });
              }}
            >
              Add the cost
            </button>
            <button type="button" className="button ghost" onClick={() => setDrivers(drivers.filter((_, i) => i !== current))}>
              Remove this driver
            </button>
          </div>
        </div>
      ) : loaded.data ? (
        <p className="muted">No business drivers yet: import a table or add one.</p>
      ) : null}
    </div>
  );
}

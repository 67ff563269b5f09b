import { useMemo, useRef, useState } from 'react';
import { LEVER_TYPES, type LeverType } from '../../../../shared/api/scenarios';
import { nextLeverMonth, routeDefaults, type TokenPrice } from '../../../../shared/engine/route-defaults';
import { Field, type FieldContext } from './fields';
import { COMMON_FIELDS, leverSpec, type FieldSpec } from './lever-fields';
import { appendAt, moveAt, parseYaml, removeAt, setAt, type YamlPath } from './scenario-doc';

export interface BuilderContext extends FieldContext {
  /** The horizon's first month and its length: new levers start inside it. */
  start: string;
  horizonMonths: number;
  /** The baseline's cost by model, month by month (empty before it has run): a new route lever moves the dearest. */
  baselineByModel: readonly Readonly<Record<string, string>>[];
  /** Price rows in force on `asOf` for these providers: a new route lever moves to a cheaper model. */
  loadPrices(providers: string[], asOf: string): Promise<TokenPrice[]>;
}

/** Today in the user's calendar, YYYY-MM-DD. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A new lever of `type`, filled in from the file: it starts next month (never a month past), and a route moves the dearest model to a cheaper one. */
export async function newLever(type: LeverType, ctx: BuilderContext, day = today()): Promise<Record<string, unknown>> {
  const spec = leverSpec(type)!;
  const start = nextLeverMonth(day, ctx.start, ctx.horizonMonths);
  const model = ctx.models[0] ?? 'openai/gpt-4.1';
  const otherModel = ctx.models.find((m) => m !== model && m.split('/')[0] === model.split('/')[0]) ?? ctx.models[1] ?? model;
  const lever = spec.template({ start, model, otherModel, provider: model.split('/')[0] ?? 'openai' });
  if (type !== 'route' || ctx.models.length === 0) return lever;
  const providers = [...new Set(ctx.models.map((m) => m.split('/')[0]!))];
  const prices = await ctx.loadPrices(providers, day).catch(() => []);
  const route = routeDefaults({ models: ctx.models, baselineByModel: ctx.baselineByModel, prices, today: day, horizonStart: ctx.start, horizonMonths: ctx.horizonMonths });
  return route ? { ...lever, start: route.start, from: route.from, to: route.to } : lever;
}

type Plain = Record<string, unknown>;

const get = (obj: unknown, path: readonly string[]): unknown => path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Plain)[k] : undefined), obj);

/**
 * Levers as forms. Every change is written into the file's YAML (comments
 * kept), so the YAML view and what is saved are always the same text.
 */
export function ScenarioBuilder({ text, onChange, ctx }: { text: string; onChange: (text: string) => void; ctx: BuilderContext }) {
  const doc = useMemo(() => parseYaml(text), [text]);
  const js = useMemo(() => (doc ? (doc.toJS() as Plain | null) : null), [doc]);
  if (!doc || !js) {
    return <p className="muted">The YAML does not parse; fix it in the YAML view and the forms come back.</p>;
  }
  const scenarios = Array.isArray(js.scenarios) ? (js.scenarios as Plain[]) : [];
  const edit = (path: YamlPath, value: unknown) => onChange(setAt(text, path, value));
  const addScenario = () => {
    const ids = new Set(scenarios.map((s) => String(s.id)));
    let n = scenarios.length + 1;
    while (ids.has(`scenario-${n}`)) n++;
    onChange(appendAt(text, ['scenarios'], { id: `scenario-${n}`, name: `Scenario ${n}`, levers: [] }));
  };

  return (
    <div className="sc-builder" data-testid="scenario-builder">
      <FileHeader js={js} edit={edit} />
      {scenarios.map((s, i) => (
        <ScenarioSection key={i} index={i} scenario={s} text={text} onChange={onChange} ctx={ctx} />
      ))}
      <div>
        <button type="button" className="button" onClick={addScenario} data-testid="add-scenario">
          Add a scenario
        </button>
      </div>
    </div>
  );
}

function FileHeader({ js, edit }: { js: Plain; edit: (path: YamlPath, value: unknown) => void }) {
  const baseline = js.baseline as Plain | undefined;
  const fields: FieldSpec[] = [
    { path: ['name'], label: 'File name shown', kind: 'text', unit: '', help: 'What this file is about, e.g. “Board question — loans triple”.' },
    { path: ['description'], label: 'Description', kind: 'text', unit: '', help: 'One or two sentences for the compare view and the board workbook.' },
  ];
  return (
    <div className="panel sc-file-header">
      <div className="sc-grid">
        {fields.map((f) => (
          <Field key={f.path.join('.')} spec={f} value={get(js, f.path)} onChange={(v) => edit(f.path, v)} ctx={{ workloads: [], models: [], contracts: [] }} />
        ))}
      </div>
      <p className="muted small">
        {js.extends
          ? `Baseline: the one in ${String(js.extends)}${Array.isArray(js.baselineLevers) && js.baselineLevers.length > 0 ? `, plus ${js.baselineLevers.length} baseline lever(s) of this file` : ''}.`
          : baseline
            ? `Baseline: ${String(baseline.start)}, ${String(baseline.months ?? 12)} months${baseline.fromWorkspace ? '; drivers and workloads from this workspace' : ''}. Edit the baseline in the YAML view.`
            : 'This file has no baseline yet: give it one (or extends) in the YAML view.'}
      </p>
    </div>
  );
}

function ScenarioSection({ index, scenario, text, onChange, ctx }: { index: number; scenario: Plain; text: string; onChange: (t: string) => void; ctx: BuilderContext }) {
  const [newType, setNewType] = useState<LeverType>('route');
  const levers = Array.isArray(scenario.levers) ? (scenario.levers as Plain[]) : [];
  const base: YamlPath = ['scenarios', index];
  const edit = (path: YamlPath, value: unknown) => onChange(setAt(text, [...base, ...path], value));
  const [adding, setAdding] = useState(false);
  // The text may change while prices load: append to the text as it is then.
  const latest = useRef(text);
  latest.current = text;
  const addLever = async () => {
    setAdding(true);
    try {
      const lever = await newLever(newType, ctx);
      onChange(appendAt(latest.current, [...base, 'levers'], lever));
    } finally {
      setAdding(false);
    }
  };
  const title = typeof scenario.name === 'string' ? scenario.name : `Scenario ${index + 1}`;
  return (
    <section className="panel sc-scenario" aria-label={`Scenario: ${title}`} data-testid="builder-scenario">
      <div className="panel-header">
        <h2>{title}</h2>
        <button type="button" className="button small ghost" onClick={() => onChange(removeAt(text, base))}>
          Remove scenario
        </button>
      </div>
      <div className="sc-grid">
        <Field spec={{ path: ['id'], label: 'Id', kind: 'text', unit: 'lower case', help: 'Short id used in results and on the command line (--scenario).', required: true }} value={scenario.id} onChange={(v) => edit(['id'], v)} ctx={ctx} />
        <Field spec={{ path: ['name'], label: 'Name', kind: 'text', unit: '', help: 'The question this scenario answers, in a few words.', required: true }} value={scenario.name} onChange={(v) => edit(['name'], v)} ctx={ctx} />
        <Field spec={{ path: ['description'], label: 'Description', kind: 'text', unit: '', help: 'What changes and why, for the compare view.' }} value={scenario.description} onChange={(v) => edit(['description'], v)} ctx={ctx} />
      </div>
      <ol className="sc-levers">
        {levers.map((lever, j) => (
          <li key={j}>
            <LeverCard
              lever={lever}
              index={j}
              count={levers.length}
              ctx={ctx}
              edit={(path, value) => edit(['levers', j, ...path], value)}
              replace={(t) => onChange(t(text, [...base, 'levers']))}
            />
          </li>
        ))}
      </ol>
      <div className="sc-add-lever">
        <label className="field-inline">
          Add a lever
          <select value={newType} onChange={(e) => setNewType(e.target.value as LeverType)} aria-label="Kind of lever to add">
            {LEVER_TYPES.map((t) => (
              <option key={t} value={t}>
                {leverSpec(t)?.title ?? t}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button" onClick={() => void addLever()} disabled={adding} data-testid="add-lever">
          Add
        </button>
        <span className="muted small">{leverSpec(newType)?.summary}</span>
      </div>
    </section>
  );
}

function LeverCard({
  lever,
  index,
  count,
  ctx,
  edit,
  replace,
}: {
  lever: Plain;
  index: number;
  count: number;
  ctx: BuilderContext;
  edit: (path: YamlPath, value: unknown) => void;
  replace: (change: (text: string, levers: YamlPath) => string) => void;
}) {
  const spec = leverSpec(String(lever.type));
  const visible = (f: FieldSpec) => !f.when || f.when.is.includes(get(lever, f.when.path) as string | undefined);
  const entries = spec?.entries;
  const list = entries && Array.isArray(lever[entries.path]) ? (lever[entries.path] as Plain[]) : [];
  return (
    <article className="sc-lever" data-testid="lever-card" data-lever-type={String(lever.type)}>
      <header className="sc-lever-head">
        <span className="badge badge-neutral">{spec?.title ?? String(lever.type)}</span>
        <strong>{typeof lever.name === 'string' ? lever.name : `Lever ${index + 1}`}</strong>
        <span className="toolbar-spacer" />
        <button type="button" className="button small ghost" disabled={index === 0} onClick={() => replace((t, p) => moveAt(t, p, index, -1))} aria-label={`Move lever ${index + 1} up`}>
          ↑
        </button>
        <button type="button" className="button small ghost" disabled={index === count - 1} onClick={() => replace((t, p) => moveAt(t, p, index, 1))} aria-label={`Move lever ${index + 1} down`}>
          ↓
        </button>
        <button type="button" className="button small ghost" onClick={() => replace((t, p) => removeAt(t, [...p, index]))} aria-label={`Remove lever ${index + 1}`}>
          Remove
        </button>
      </header>
      {spec ? <p className="muted small sc-lever-summary">{spec.summary}</p> : null}
      <div className="sc-grid">
        {[...COMMON_FIELDS, ...(spec?.fields ?? [])].filter(visible).map((f) => (
          <Field key={f.path.join('.')} spec={f} value={get(lever, f.path)} onChange={(v) => edit(f.path, v)} ctx={ctx} />
        ))}
      </div>
      {entries ? (
        <div className="sc-costs">
          {list.map((c, k) => (
            <div key={k} className="sc-cost">
              <div className="sc-grid">
                {entries.fields.map((f) => (
                  <Field key={f.path.join('.')} spec={f} value={get(c, f.path)} onChange={(v) => edit([entries.path, k, ...f.path], v)} ctx={ctx} />
                ))}
              </div>
              <button type="button" className="button small ghost" onClick={() => edit([entries.path, k], undefined)}>
                {entries.removeLabel}
              </button>
            </div>
          ))}
          <button type="button" className="button small" onClick={() => edit([entries.path, list.length], entries.added)}>
            {entries.addLabel}
          </button>
        </div>
      ) : null}
      {(spec?.yamlOnly ?? [])
        .filter((part) => get(lever, part.path) !== undefined)
        .map((part) => (
          <p key={part.path.join('.')} className="muted small">
            {part.note}
          </p>
        ))}
    </article>
  );
}

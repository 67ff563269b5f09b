import { useEffect, useId, useState, type ReactNode } from 'react';
import type { FieldSpec } from './lever-fields';

/**
 * Form fields of the scenario builder. Each shows its unit and a sentence of
 * help, and writes one value back (undefined removes the key from the YAML).
 * Numbers may be a fixed value, a range or a distribution, as in the file.
 */

export interface FieldContext {
  workloads: readonly string[];
  models: readonly string[];
  contracts: readonly string[];
}

type Dist = 'fixed' | 'range' | 'triangular' | 'pert' | 'normal' | 'lognormal';
const DIST_PARAMS: Record<Exclude<Dist, 'fixed'>, string[]> = {
  range: ['min', 'max'],
  triangular: ['min', 'mode', 'max'],
  pert: ['min', 'mode', 'max'],
  normal: ['mean', 'sd'],
  lognormal: ['mean', 'sd'],
};
const DIST_LABELS: Record<Dist, string> = {
  fixed: 'fixed',
  range: 'range (uniform)',
  triangular: 'triangular',
  pert: 'PERT',
  normal: 'normal',
  lognormal: 'lognormal',
};

function distOf(value: unknown): Dist {
  if (typeof value !== 'object' || value === null) return 'fixed';
  const d = (value as { dist?: string }).dist;
  if (d === undefined || d === 'uniform') return 'range';
  return (d in DIST_PARAMS ? d : 'fixed') as Dist;
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/** Text the user is typing, committed when it reads as a number (money stays decimal text, exact). */
function NumberText({ id, value, money, label, onCommit }: { id?: string; value: unknown; money: boolean; label?: string; onCommit: (v: number | string | undefined) => void }) {
  const shown = value === undefined || value === null ? '' : String(value);
  const [text, setText] = useState(shown);
  useEffect(() => setText(shown), [shown]);
  const commit = (t: string) => {
    const trimmed = t.trim();
    if (trimmed === '') return onCommit(undefined);
    if (!NUMBER.test(trimmed)) return;
    onCommit(money ? trimmed : Number(trimmed));
  };
  return (
    <input
      id={id}
      className="input sc-number"
      inputMode="decimal"
      value={text}
      aria-label={label}
      aria-invalid={text.trim() !== '' && !NUMBER.test(text.trim())}
      onChange={(e) => {
        setText(e.target.value);
        if (NUMBER.test(e.target.value.trim())) commit(e.target.value);
      }}
      onBlur={(e) => commit(e.target.value)}
    />
  );
}

/** A number, range or distribution: the kind of value, then its parameters. */
function UncertainNumber({ id, value, money, label, onChange }: { id: string; value: unknown; money: boolean; label: string; onChange: (v: unknown) => void }) {
  const dist = distOf(value);
  const obj = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const fixedValue = dist === 'fixed' ? value : undefined;
  const switchTo = (next: Dist) => {
    // Keep the value the user had as the centre of the new distribution.
    const centre = dist === 'fixed' ? Number(value ?? 0) : Number(obj.mode ?? obj.mean ?? ((Number(obj.min ?? 0) + Number(obj.max ?? 0)) / 2));
    const c = Number.isFinite(centre) ? centre : 0;
    const spread = Math.abs(c) * 0.2 || 1;
    const round = (x: number) => Math.round(x * 1e6) / 1e6;
    if (next === 'fixed') return onChange(money ? String(round(c)) : round(c));
    if (next === 'range') return onChange({ min: round(c - spread), max: round(c + spread) });
    if (next === 'triangular' || next === 'pert') return onChange({ dist: next, min: round(c - spread), mode: round(c), max: round(c + spread) });
    return onChange({ dist: next, mean: round(c), sd: round(spread / 2) });
  };
  return (
    <div className="sc-uncertain">
      <select aria-label={`${label}: kind of value`} value={dist} onChange={(e) => switchTo(e.target.value as Dist)}>
        {(Object.keys(DIST_LABELS) as Dist[]).map((d) => (
          <option key={d} value={d}>
            {DIST_LABELS[d]}
          </option>
        ))}
      </select>
      {dist === 'fixed' ? (
        <NumberText id={id} value={fixedValue} money={money} onCommit={(v) => onChange(v)} />
      ) : (
        DIST_PARAMS[dist].map((p, i) => (
          <label key={p} className="sc-param">
            <span className="muted">{p}</span>
            <NumberText
              id={i === 0 ? id : undefined}
              value={obj[p]}
              money={false}
              label={`${label} ${p}`}
              onCommit={(v) => onChange({ ...obj, ...(dist === 'range' ? {} : { dist }), [p]: v === undefined ? 0 : Number(v) })}
            />
          </label>
        ))
      )}
    </div>
  );
}

export function Field({ spec, value, onChange, ctx }: { spec: FieldSpec; value: unknown; onChange: (v: unknown) => void; ctx: FieldContext }) {
  const id = useId();
  const hintId = `${id}-hint`;
  let control: ReactNode;
  switch (spec.kind) {
    case 'share':
    case 'number':
    case 'money':
      control = <UncertainNumber id={id} value={value} money={spec.kind === 'money'} label={spec.label} onChange={onChange} />;
      break;
    case 'int':
      control = <NumberText id={id} value={value} money={false} onCommit={(v) => onChange(v === undefined ? undefined : Math.round(Number(v)))} />;
      break;
    case 'month':
      control = <input id={id} className="input sc-month" type="month" value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value || undefined)} />;
      break;
    case 'enum':
      control = (
        <select id={id} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value || undefined)}>
          {spec.options?.some((o) => o.value === '') ? null : <option value="">(default)</option>}
          {spec.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
      break;
    case 'model':
    case 'contract': {
      const listId = `${id}-list`;
      const choices = spec.kind === 'model' ? ctx.models : ctx.contracts;
      control = (
        <>
          <input id={id} className="input" list={listId} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value.trim() || undefined)} />
          <datalist id={listId}>
            {choices.map((m) => (
              <option key={m} value={m} />
            ))}
          </datalist>
        </>
      );
      break;
    }
    case 'workloads': {
      const chosen = Array.isArray(value) ? (value as string[]) : [];
      control = (
        <div className="sc-checks" role="group" aria-labelledby={`${id}-label`}>
          {ctx.workloads.length === 0 ? <span className="muted">no workloads</span> : null}
          {ctx.workloads.map((w) => (
            <label key={w} className="checkbox-row">
              <input
                type="checkbox"
                checked={chosen.includes(w)}
                onChange={(e) => {
                  const next = e.target.checked ? [...chosen, w] : chosen.filter((x) => x !== w);
                  onChange(next.length === 0 ? undefined : next);
                }}
              />
              {w}
            </label>
          ))}
        </div>
      );
      break;
    }
    default:
      control = <input id={id} className="input" value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value || undefined)} />;
  }
  return (
    <div className="sc-field" data-field={spec.path.join('.')}>
      <label id={`${id}-label`} htmlFor={spec.kind === 'workloads' ? undefined : id}>
        {spec.label}
        {spec.required ? <span aria-hidden="true"> *</span> : null}
        {spec.unit ? <span className="sc-unit"> {spec.unit}</span> : null}
      </label>
      <div aria-describedby={hintId}>{control}</div>
      <p id={hintId} className="field-hint">
        {spec.help}
      </p>
    </div>
  );
}

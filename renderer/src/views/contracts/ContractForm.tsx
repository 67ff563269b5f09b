import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import type { ContractIssue } from '../../../../shared/api/contracts';
import { SERVICE_TIERS, USAGE_CLASSES, type ServiceTier, type UsageClass } from '../../../../shared/domain/usage';
import { serviceTierLabel, usageClassLabel } from '../../format/labels';
import { appendAt, parseYaml, removeAt, setAt, type YamlPath } from '../scenarios/scenario-doc';
import { HEADER_FIELDS, TERM_FIELDS, TERM_FORMS, VERSION_FIELDS, issueInWords, newVersion, versionChanges, type ContractField, type ContractHeader, type TermForm } from './contract-forms';

type Plain = Record<string, unknown>;

/** "discounts[0].percentOff" for a path, as validation names fields. */
function fieldPath(path: YamlPath): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');
}

/** Text typed into a field, written to the YAML as the user types; what validation refuses is said beside it. */
function TextInput({ id, value, type = 'text', onCommit, invalid, describedBy }: { id: string; value: string; type?: string; onCommit: (v: string) => void; invalid: boolean; describedBy: string }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <input
      id={id}
      className="input"
      type={type}
      value={text}
      aria-invalid={invalid}
      aria-describedby={describedBy}
      onChange={(e) => {
        setText(e.target.value);
        onCommit(e.target.value);
      }}
    />
  );
}

function FormField({ field, value, onChange, problem }: { field: ContractField; value: unknown; onChange: (v: unknown) => void; problem: string | null }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const text = value === undefined || value === null ? '' : Array.isArray(value) ? value.join(', ') : String(value);
  let control: ReactNode;
  switch (field.kind) {
    case 'enum':
      control = (
        <select id={id} value={text} aria-invalid={problem !== null} aria-describedby={hintId} onChange={(e) => onChange(e.target.value || undefined)}>
          <option value="">{field.required ? '(choose)' : '(default)'}</option>
          {field.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
      break;
    case 'bool':
      control = (
        <select id={id} value={value === undefined ? '' : value ? 'yes' : 'no'} aria-describedby={hintId} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value === 'yes')}>
          <option value="">(default)</option>
          <option value="yes">yes</option>
          <option value="no">no</option>
        </select>
      );
      break;
    case 'usageClasses':
    case 'serviceTiers': {
      const chosen = Array.isArray(value) ? (value as string[]) : [];
      const choices: readonly string[] = field.kind === 'usageClasses' ? USAGE_CLASSES : SERVICE_TIERS;
      const labelOf = (c: string) => (field.kind === 'usageClasses' ? usageClassLabel(c as UsageClass) : serviceTierLabel(c as ServiceTier));
      control = (
        <div className="sc-checks contract-checks" role="group" aria-labelledby={`${id}-label`} aria-describedby={hintId}>
          {choices.map((c) => (
            <label key={c} className="checkbox-row">
              <input
                type="checkbox"
                checked={chosen.includes(c)}
                onChange={(e) => {
                  const next = e.target.checked ? [...chosen, c] : chosen.filter((x) => x !== c);
                  onChange(next.length === 0 ? undefined : next);
                }}
              />
              {labelOf(c)}
            </label>
          ))}
        </div>
      );
      break;
    }
    default: {
      const commit = (t: string) => {
        const trimmed = t.trim();
        if (trimmed === '') return onChange(undefined);
        if (field.kind === 'int') return onChange(/^\d+$/.test(trimmed) ? Number(trimmed) : trimmed);
        if (field.kind === 'models' || field.kind === 'publishers')
          return onChange(
            trimmed
              .split(',')
              .map((m) => m.trim())
              .filter(Boolean),
          );
        return onChange(field.kind === 'percent' ? trimmed.replace(/%$/, '').trim() : trimmed);
      };
      control = <TextInput id={id} value={text} type={field.kind === 'day' ? 'date' : 'text'} onCommit={commit} invalid={problem !== null} describedBy={hintId} />;
    }
  }
  return (
    <div className={`sc-field contract-field${problem ? ' has-problem' : ''}`} data-field={field.key}>
      <label id={`${id}-label`} htmlFor={field.kind === 'usageClasses' || field.kind === 'serviceTiers' ? undefined : id}>
        {field.label}
        {field.required ? <span aria-hidden="true"> *</span> : null}
        {field.kind === 'percent' ? <span className="sc-unit"> %</span> : null}
      </label>
      {control}
      <p id={hintId} className={problem ? 'field-problem' : 'field-hint'} role={problem ? 'alert' : undefined}>
        {problem ? `${field.label} ${problem}` : field.help}
      </p>
    </div>
  );
}

/**
 * The contract as forms, one per kind of term, beside its YAML: every edit is
 * written into the YAML (comments kept), and each problem validation finds is
 * said in words beside its field.
 */
export function ContractForm({ text, onChange, issues }: { text: string; onChange: (text: string) => void; issues: readonly ContractIssue[] }) {
  const doc = useMemo(() => parseYaml(text), [text]);
  const js = useMemo(() => (doc ? ((doc.toJS() as Plain | null) ?? {}) : null), [doc]);
  if (!doc || !js) return <p className="muted">The YAML does not parse; fix it beside and the forms come back.</p>;

  const problems = new Map<string, string>();
  for (const i of issues) if (!problems.has(i.field)) problems.set(i.field, i.message);
  const shown = new Set<string>();
  const problemAt = (path: YamlPath) => {
    const key = fieldPath(path);
    const message = problems.get(key);
    if (message === undefined) return null;
    shown.add(key);
    return message;
  };
  const edit = (path: YamlPath, value: unknown) => onChange(setAt(text, path, value));
  const term = (js.term ?? {}) as Plain;
  const header: ContractHeader = { currency: typeof js.currency === 'string' ? js.currency : 'USD', start: String(term.start ?? ''), end: String(term.end ?? '') };

  const fields = (base: YamlPath, list: readonly ContractField[], values: Plain) =>
    list.map((f) => {
      const path = f.key === '' ? base : [...base, f.key];
      const value = f.key === '' ? values : values[f.key];
      return <FormField key={fieldPath(path)} field={f} value={value} onChange={(v) => edit(path, v)} problem={problemAt(path)} />;
    });

  const sections = (Object.entries(TERM_FORMS) as [string, TermForm][]).map(([key, form]) => {
    const value = js[key];
    const present = value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
    const termProblem = problemAt([key]);
    let body: ReactNode = null;
    if (present && form.shape === 'list') {
      const entries = value as Plain[];
      body = entries.map((entry, i) => (
        <div key={i} className="contract-entry" data-testid={`${key}-${i}`}>
          <div className="contract-entry-head">
            <strong>
              {form.noun.charAt(0).toUpperCase() + form.noun.slice(1)} {i + 1}
            </strong>
            <button type="button" className="button small ghost" onClick={() => onChange(removeAt(text, [key, i]))}>
              Remove
            </button>
          </div>
          <div className="sc-grid">{fields([key, i], form.fields, entry ?? {})}</div>
        </div>
      ));
    } else if (present && form.shape === 'amount') {
      body = <div className="sc-grid">{fields([key], form.fields, value as Plain)}</div>;
    } else if (present) {
      const obj = value as Plain;
      const nested = form.nested;
      const items = nested && Array.isArray(obj[nested.key]) ? (obj[nested.key] as Plain[]) : [];
      body = (
        <>
          <div className="sc-grid">{fields([key], form.fields, obj)}</div>
          {nested ? (
            <div className="contract-nested">
              {problemAt([key, nested.key]) ? <p className="field-problem">{`${nested.noun.charAt(0).toUpperCase() + nested.noun.slice(1)}s: ${problems.get(fieldPath([key, nested.key]))}`}</p> : null}
              {items.map((item, i) => (
                <div key={i} className="contract-entry">
                  <div className="contract-entry-head">
                    <strong>
                      {nested.noun.charAt(0).toUpperCase() + nested.noun.slice(1)} {i + 1}
                    </strong>
                    <button type="button" className="button small ghost" onClick={() => onChange(removeAt(text, [key, nested.key, i]))}>
                      Remove
                    </button>
                  </div>
                  <div className="sc-grid">{fields([key, nested.key, i], nested.fields, item ?? {})}</div>
                </div>
              ))}
              <button type="button" className="button small" onClick={() => onChange(appendAt(text, [key, nested.key], nested.example(header)))}>
                Add a {nested.noun}
              </button>
            </div>
          ) : null}
        </>
      );
    }
    return (
      <section key={key} className="contract-term" aria-label={form.title} data-testid={`term-${key}`}>
        <div className="contract-term-head">
          <h3>{form.title}</h3>
          <span className="toolbar-spacer" />
          {present && form.shape !== 'list' ? (
            <button type="button" className="button small ghost" onClick={() => onChange(removeAt(text, [key]))}>
              Remove
            </button>
          ) : null}
          {form.shape === 'list' || !present ? (
            <button type="button" className="button small" onClick={() => onChange(form.shape === 'list' ? appendAt(text, [key], form.example(header)) : setAt(text, [key], form.example(header)))}>
              {present ? `Add a ${form.noun}` : `Add ${form.shape === 'list' ? `a ${form.noun}` : form.title.toLowerCase()}`}
            </button>
          ) : null}
        </div>
        <p className="muted small">{form.summary}</p>
        {termProblem ? <p className="field-problem">{`${form.title} ${termProblem}`}</p> : null}
        {body}
        {present && form.yamlOnly ? <p className="muted small">{form.yamlOnly}</p> : null}
      </section>
    );
  });

  const headerFields = (
    <div className="sc-grid">
      {fields([], HEADER_FIELDS, js)}
      {fields(['term'], TERM_FIELDS, term)}
    </div>
  );
  // Amendments and renewals: a timeline from the terms as signed, each version's date, reason and what it replaces.
  const versionList = Array.isArray(js.versions) ? (js.versions as Plain[]) : [];
  const versionsSection = (
    <section className="contract-term" aria-label="Versions" data-testid="contract-versions">
      <div className="contract-term-head">
        <h3>Versions</h3>
        <span className="toolbar-spacer" />
        <button type="button" className="button small" onClick={() => onChange(appendAt(text, ['versions'], newVersion(js)))} data-testid="add-amendment">
          Add an amendment
        </button>
      </div>
      <p className="muted small">
        An amendment or renewal takes effect on the first of a month: the terms it names replace the ones before, the rest stay; credits granted earlier keep burning unless it withdraws them (withdrawCredits). Balances carry across versions. Write the terms it changes under it in the YAML.
      </p>
      {problemAt(['versions']) ? <p className="field-problem">{`Versions ${problems.get('versions')}`}</p> : null}
      <ol className="contract-versions">
        <li>
          <strong>Version 1</strong> from {String(term.start ?? '…')}: the terms as signed{term.end ? `, to ${String(term.end)}` : ''}.
        </li>
        {versionList.map((v, i) => {
          const changes = versionChanges(v ?? {});
          const withdraws = Array.isArray(v?.withdrawCredits) ? (v.withdrawCredits as string[]) : [];
          const whole = problemAt(['versions', i]);
          return (
            <li key={i} className="contract-entry" data-testid={`version-${i}`}>
              <div className="contract-entry-head">
                <strong>Version {i + 2}</strong>
                <span className="muted small">
                  {changes.length > 0 ? `changes ${changes.join(', ').toLowerCase()}` : 'changes no term'}
                  {withdraws.length > 0 ? `; withdraws credit ${withdraws.join(', ')}` : ''}
                </span>
                <button type="button" className="button small ghost" onClick={() => onChange(removeAt(text, ['versions', i]))}>
                  Remove
                </button>
              </div>
              {whole ? <p className="field-problem">{`Version ${i + 2} ${whole}`}</p> : null}
              <div className="sc-grid">{fields(['versions', i], VERSION_FIELDS, v ?? {})}</div>
            </li>
          );
        })}
      </ol>
    </section>
  );
  // Problems no field above shows (a term's own rule, an unknown key): listed in words at the top.
  const elsewhere = issues.filter((i) => !shown.has(i.field));

  return (
    <div className="contract-form" data-testid="contract-form">
      {elsewhere.length > 0 ? (
        <ul className="field-problems" aria-label="Other problems with this contract">
          {elsewhere.map((i, n) => (
            <li key={n} className="field-problem">
              {issueInWords(i, js)}
            </li>
          ))}
        </ul>
      ) : null}
      <section className="contract-term" aria-label="Who, with whom, when">
        <h3>Contract</h3>
        {headerFields}
      </section>
      {sections}
      {versionsSection}
    </div>
  );
}

import { useId, useState } from 'react';
import { useClient } from '../../api/ClientContext';
import { describeError } from '../../api/describe-error';
import { useApiData } from '../../state/useApiData';
import { FORM_FIELDS, formFromMapping, formProblems, formToMapping, type FieldSource, type FormFieldId, type MappingForm } from './mapping-form';

const NOT_MAPPED = '\u0000none';
const CONSTANT = '\u0000value';

function FieldRow({ id, label, required, allowsValue, header, source, onChange }: { id: FormFieldId; label: string; required: boolean; allowsValue: boolean; header: readonly string[]; source: FieldSource; onChange: (source: FieldSource) => void }) {
  const selectId = useId();
  const valueId = useId();
  const selected = source.kind === 'column' ? source.column : source.kind === 'value' ? CONSTANT : NOT_MAPPED;
  return (
    <div className="mapping-row" data-testid={`map-${id}`}>
      <label htmlFor={selectId}>
        {label}
        {required ? <span className="required"> (required)</span> : null}
      </label>
      <select
        id={selectId}
        value={selected}
        onChange={(e) => {
          const v = e.target.value;
          onChange(v === NOT_MAPPED ? { kind: 'none' } : v === CONSTANT ? { kind: 'value', value: '' } : { kind: 'column', column: v });
        }}
      >
        <option value={NOT_MAPPED}>{required ? 'choose a column…' : 'not in this file'}</option>
        {header.map((h) => (
          <option key={h} value={h}>
            column “{h}”
          </option>
        ))}
        {allowsValue ? <option value={CONSTANT}>a fixed value…</option> : null}
      </select>
      {source.kind === 'value' ? (
        <>
          <label htmlFor={valueId} className="sr-only">
            {label}: value for every row
          </label>
          <input id={valueId} className="input narrow" value={source.value} placeholder={id === 'currency' ? 'USD' : ''} onChange={(e) => onChange({ kind: 'value', value: e.target.value })} />
        </>
      ) : null}
    </div>
  );
}

/** Maps the columns of a file no vendor format claims (a gateway log, an internal export). */
export function MappingStep({ header, form, onChange, name, onName }: { header: readonly string[]; form: MappingForm; onChange: (form: MappingForm) => void; name: string; onName: (name: string) => void }) {
  const client = useClient();
  const saved = useApiData((c) => c.call('imports.mappings.list', {}), []);
  const [note, setNote] = useState<string | null>(null);
  const nameId = useId();
  const loadId = useId();
  const inputId = useId();
  const outputId = useId();
  const problems = formProblems(form);
  const setField = (id: FormFieldId, source: FieldSource) => onChange({ ...form, fields: { ...form.fields, [id]: source } });

  const load = async (mappingName: string) => {
    try {
      const { mapping } = await client.call('imports.mappings.get', { name: mappingName });
      onChange(formFromMapping(mapping));
      onName(mappingName);
      setNote(`Loaded the saved mapping “${mappingName}”.`);
    } catch (error) {
      setNote(describeError(error));
    }
  };
  const save = async () => {
    try {
      const result = await client.call('imports.mappings.save', { name: name.trim(), mapping: formToMapping(form, name), overwrite: true });
      setNote(`Saved as ${result.file}; reuse it with aispend import --mapping "${result.file}".`);
    } catch (error) {
      setNote(describeError(error));
    }
  };

  return (
    <div className="wizard-step" data-testid="wizard-map">
      {saved.data && saved.data.mappings.length > 0 ? (
        <div className="field-inline">
          <label htmlFor={loadId}>Start from a saved mapping</label>
          <select id={loadId} value="" onChange={(e) => e.target.value && void load(e.target.value)}>
            <option value="">choose…</option>
            {saved.data.mappings.map((m) => (
              <option key={m.name} value={m.name}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="mapping-grid">
        {FORM_FIELDS.map((f) => (
          <FieldRow key={f.id} id={f.id} label={f.label} required={f.required} allowsValue={f.allowsValue} header={header} source={form.fields[f.id]} onChange={(s) => setField(f.id, s)} />
        ))}
        <div className="mapping-row">
          <label htmlFor={inputId}>Input tokens (one line each)</label>
          <select id={inputId} value={form.inputTokens} onChange={(e) => onChange({ ...form, inputTokens: e.target.value })}>
            <option value="">not in this file</option>
            {header.map((h) => (
              <option key={h} value={h}>
                column “{h}”
              </option>
            ))}
          </select>
        </div>
        <div className="mapping-row">
          <label htmlFor={outputId}>Output tokens (one line each)</label>
          <select id={outputId} value={form.outputTokens} onChange={(e) => onChange({ ...form, outputTokens: e.target.value })}>
            <option value="">not in this file</option>
            {header.map((h) => (
              <option key={h} value={h}>
                column “{h}”
              </option>
            ))}
          </select>
        </div>
      </div>
      {problems.length > 0 ? (
        <ul className="problems" data-testid="mapping-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      <div className="field-inline save-mapping">
        <label htmlFor={nameId}>Save this mapping as</label>
        <input id={nameId} className="input" value={name} placeholder="e.g. LiteLLM spend logs" onChange={(e) => onName(e.target.value)} />
        <button type="button" className="button" disabled={name.trim() === '' || problems.length > 0} onClick={() => void save()}>
          Save mapping
        </button>
      </div>
      {note ? (
        <p className="muted small" role="status">
          {note}
        </p>
      ) : null}
    </div>
  );
}

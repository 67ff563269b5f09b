import { useState } from 'react';
import { useClient } from '../../api/ClientContext';
import { describeError } from '../../api/describe-error';
import { ErrorNote } from '../../components/ErrorNote';
import { YamlEditor } from '../../components/YamlEditor';
import { useApiData } from '../../state/useApiData';
import { useCheckedYaml } from './use-checked-yaml';
import { allocationInputsSaved, useInputsVersion } from './use-job';

/**
 * The workspace's energy and carbon assumptions as YAML (a copy of the
 * shipped file until edited), checked as you type with each problem beside
 * its field; saving re-runs every estimate, and the shipped figures can be
 * restored at any time.
 */
export function EnergyAssumptionsEditor() {
  const client = useClient();
  const version = useInputsVersion();
  const stored = useApiData((c) => c.call('energy.getAssumptions', {}), [version]);
  const yaml = useCheckedYaml(stored.data?.yaml, (text) => client.call('energy.validateAssumptions', { yaml: text }));
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const save = async (text: string | null, done: string) => {
    setError(null);
    setStatus(null);
    try {
      await client.call('energy.saveAssumptions', { yaml: text });
      setStatus(done);
      yaml.reset();
      allocationInputsSaved();
    } catch (e) {
      setError(describeError(e));
    }
  };

  if (stored.error && !stored.data) return <ErrorNote title="The assumptions could not be read" message={describeError(stored.error)} />;
  return (
    <div className="energy-editor">
      <p className="muted small" data-testid="energy-source">
        {stored.data?.source === 'workspace'
          ? 'This workspace keeps its own assumptions.'
          : 'These are the shipped assumptions (data/energy/assumptions.yaml); saving keeps an edited copy in this workspace.'}{' '}
        Each figure is a range (low, mid, high) with its published source and date; the first model entry that matches a line wins.
      </p>
      <YamlEditor
        value={yaml.value}
        onChange={yaml.setValue}
        issues={yaml.issues}
        label="Energy and carbon assumptions (YAML)"
        issuesLabel="Problems with these assumptions"
        wholeFileLabel="Assumptions"
        testIds={{ editor: 'energy-editor', text: 'energy-yaml', issues: 'energy-issues' }}
      />
      <div className="toolbar">
        <button type="button" className="button primary" onClick={() => void save(yaml.value, 'Saved: the estimates use these assumptions.')} disabled={!yaml.edited || yaml.issues.length > 0} data-testid="save-energy">
          Save assumptions
        </button>
        {stored.data?.source === 'workspace' ? (
          <button type="button" className="button" onClick={() => void save(null, 'The shipped assumptions are back in use.')} data-testid="reset-energy">
            Use the shipped assumptions
          </button>
        ) : null}
        {status ? (
          <span role="status" className="muted small">
            {status}
          </span>
        ) : null}
      </div>
      {error ? <ErrorNote title="The assumptions were not saved" message={error} /> : null}
    </div>
  );
}

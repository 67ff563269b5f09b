import { useState } from 'react';
import { useClient } from '../../api/ClientContext';
import { describeError } from '../../api/describe-error';
import { ErrorNote } from '../../components/ErrorNote';
import { YamlEditor } from '../../components/YamlEditor';
import { useApiData } from '../../state/useApiData';
import { useCheckedYaml } from './use-checked-yaml';
import { allocationInputsSaved, useInputsVersion } from './use-job';

/** The allocation policy as YAML, checked as you type; saving allocates the whole ledger with it first. */
export function RulesTab() {
  const client = useClient();
  const version = useInputsVersion();
  const stored = useApiData((c) => c.call('allocation.getPolicy', {}), [version]);
  const fileName = stored.data?.fileName ?? 'allocation.yaml';
  const yaml = useCheckedYaml(stored.data?.yaml, (text) => client.call('allocation.validatePolicy', { yaml: text, fileName }));
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    setError(null);
    setStatus(null);
    try {
      await client.call('allocation.savePolicy', { yaml: yaml.value, fileName });
      setStatus('Saved: the ledger was allocated with it in full.');
      yaml.reset();
      allocationInputsSaved();
    } catch (e) {
      setError(describeError(e));
    }
  };

  return (
    <div className="allocation-rules">
      <p className="muted small">
        Teams, the rules that give ledger lines to them (the matching rule with the highest precedence wins; two rules that could match one line may not share a precedence), shared-cost splits (even, by tokens, by cost or fixed percentages), budgets and token allowances. Schema: scenarios/allocation.schema.json.
        {stored.data && !stored.data.stored ? ' This workspace has no policy yet: this is a template to start from.' : ''}
      </p>
      <YamlEditor
        value={yaml.value}
        onChange={yaml.setValue}
        issues={yaml.issues}
        label="Allocation policy (YAML)"
        issuesLabel="Problems with this policy"
        wholeFileLabel="Policy"
        testIds={{ editor: 'policy-editor', text: 'policy-yaml', issues: 'policy-issues' }}
      />
      <div className="toolbar">
        <button type="button" className="button primary" onClick={() => void save()} disabled={yaml.issues.length > 0} data-testid="save-policy">
          Save policy
        </button>
        {status ? <span role="status" className="muted small">{status}</span> : null}
      </div>
      {error ? <ErrorNote title="The policy was not saved" message={error} /> : null}
    </div>
  );
}

import { useEffect, useMemo, useState } from 'react';
import type { FileIssue } from '../../../../shared/api/allocation';
import { useClient } from '../../api/ClientContext';
import { describeError } from '../../api/describe-error';
import { ErrorNote } from '../../components/ErrorNote';
import { YamlEditor } from '../../components/YamlEditor';
import { useApiData } from '../../state/useApiData';
import { locateIssues } from '../contracts/yaml-issues';
import { policySaved } from './use-job';

/** The allocation policy as YAML, checked as you type; saving allocates the whole ledger with it first. */
export function RulesTab() {
  const client = useClient();
  const stored = useApiData((c) => c.call('allocation.getPolicy', {}), []);
  const [text, setText] = useState<string | null>(null);
  const [issues, setIssues] = useState<FileIssue[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const value = text ?? stored.data?.yaml ?? '';

  useEffect(() => {
    if (!value) return;
    const timer = setTimeout(() => {
      client.call('allocation.validatePolicy', { yaml: value, fileName: stored.data?.fileName ?? 'allocation.yaml' }).then((r) => setIssues(r.issues), () => undefined);
    }, 250);
    return () => clearTimeout(timer);
  }, [client, value, stored.data?.fileName]);

  const located = useMemo(() => locateIssues(value, issues).map((i) => ({ line: i.line, field: i.field || null, message: i.message })), [value, issues]);

  const save = async () => {
    setError(null);
    setStatus(null);
    try {
      await client.call('allocation.savePolicy', { yaml: value, fileName: stored.data?.fileName ?? 'allocation.yaml' });
      setStatus('Saved: the ledger was allocated with it in full.');
      setText(null);
      policySaved();
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
        value={value}
        onChange={setText}
        issues={located}
        label="Allocation policy (YAML)"
        issuesLabel="Problems with this policy"
        wholeFileLabel="Policy"
        testIds={{ editor: 'policy-editor', text: 'policy-yaml', issues: 'policy-issues' }}
      />
      <div className="toolbar">
        <button type="button" className="button primary" onClick={() => void save()} disabled={issues.length > 0} data-testid="save-policy">
          Save policy
        </button>
        {status ? <span role="status" className="muted small">{status}</span> : null}
      </div>
      {error ? <ErrorNote title="The policy was not saved" message={error} /> : null}
    </div>
  );
}

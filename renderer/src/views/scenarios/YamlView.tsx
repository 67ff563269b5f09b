import { useMemo } from 'react';
import type { ValidationIssue } from '../../../../shared/api/scenarios';
import { YamlEditor } from '../../components/YamlEditor';

/** The scenario file as YAML, each problem beside its line and listed below. */
export function YamlView({ value, onChange, issues }: { value: string; onChange: (text: string) => void; issues: readonly ValidationIssue[] }) {
  const shown = useMemo(() => issues.map((i) => ({ line: i.line, field: i.path || null, message: i.message })), [issues]);
  return (
    <YamlEditor
      value={value}
      onChange={onChange}
      issues={shown}
      label="Scenario file (YAML)"
      issuesLabel="Problems in this scenario file"
      wholeFileLabel="File"
      testIds={{ editor: 'scenario-editor', text: 'scenario-yaml', issues: 'scenario-issues' }}
    />
  );
}

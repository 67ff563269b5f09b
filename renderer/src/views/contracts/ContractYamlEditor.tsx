import { useMemo } from 'react';
import type { ContractIssue } from '../../../../shared/api/contracts';
import { YamlEditor } from '../../components/YamlEditor';
import { locateIssues } from './yaml-issues';

/** A contract's YAML with each validation problem placed on the line of its field. */
export function ContractYamlEditor({ value, onChange, issues, label }: { value: string; onChange: (text: string) => void; issues: readonly ContractIssue[]; label: string }) {
  const located = useMemo(
    () => locateIssues(value, issues).map((i) => ({ line: i.line, field: i.field || null, message: i.message, aside: i.cell ? `cell ${i.cell}` : null })),
    [value, issues],
  );
  return (
    <YamlEditor
      value={value}
      onChange={onChange}
      issues={located}
      label={label}
      issuesLabel="Problems with this contract"
      wholeFileLabel="Contract"
      testIds={{ editor: 'contract-editor', text: 'contract-yaml', issues: 'contract-issues' }}
    />
  );
}

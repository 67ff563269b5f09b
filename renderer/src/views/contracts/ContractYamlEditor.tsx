import { useMemo } from 'react';
import type { ContractIssue } from '../../../../shared/api/contracts';
import { YamlEditor } from '../../components/YamlEditor';
import { parse } from 'yaml';
import { issueInWords } from './contract-forms';
import { locateIssues } from './yaml-issues';

/** A contract's YAML with each validation problem placed on the line of its field. */
export function ContractYamlEditor({ value, onChange, issues, label }: { value: string; onChange: (text: string) => void; issues: readonly ContractIssue[]; label: string }) {
  const located = useMemo(
    () => {
      // Problems in words ("Discount 1, percent off must be between 0 and 100"), each on the line of its field.
      let contract: Record<string, unknown> | null = null;
      try {
        const parsed: unknown = parse(value);
        if (parsed && typeof parsed === 'object') contract = parsed as Record<string, unknown>;
      } catch {
        // The YAML's own error is among the issues.
      }
      return locateIssues(value, issues).map((i) => ({ line: i.line, field: null, message: issueInWords(i, contract), aside: i.cell ? `cell ${i.cell}` : null }));
    },
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

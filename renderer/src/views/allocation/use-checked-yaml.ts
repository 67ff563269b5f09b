import { useEffect, useMemo, useState } from 'react';
import type { FileIssue } from '../../../../shared/api/allocation';
import type { YamlEditorIssue } from '../../components/YamlEditor';
import { locateIssues } from '../contracts/yaml-issues';

export interface CheckedYaml {
  /** The text on screen: the user's edit, else what is stored. */
  value: string;
  edited: boolean;
  setValue: (text: string) => void;
  /** Forget the edit (after a save, the stored text is shown again). */
  reset: () => void;
  /** The backend's problems with the text, each on the line of its field. */
  issues: YamlEditorIssue[];
}

/**
 * A YAML file edited in the app and checked by the backend as you type
 * (a quarter of a second after the last key), its problems placed beside
 * the fields they are about. The policy and the energy assumptions use it.
 */
export function useCheckedYaml(stored: string | undefined, validate: (yaml: string) => Promise<{ issues: FileIssue[] }>): CheckedYaml {
  const [text, setText] = useState<string | null>(null);
  const [issues, setIssues] = useState<FileIssue[]>([]);
  const value = text ?? stored ?? '';

  useEffect(() => {
    if (!value) return;
    let current = true;
    const timer = setTimeout(() => {
      validate(value).then(
        (r) => current && setIssues(r.issues),
        () => undefined,
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // `validate` is a fresh closure each render: the text is what decides a new check.
  }, [value]);

  const located = useMemo(() => locateIssues(value, issues).map((i) => ({ line: i.line, field: i.field || null, message: i.message })), [value, issues]);
  return { value, edited: text !== null, setValue: setText, reset: () => setText(null), issues: located };
}

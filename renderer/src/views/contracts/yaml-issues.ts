import { isNode, LineCounter, parseDocument, type Node } from 'yaml';
import type { ContractIssue } from '../../../../shared/api/contracts';

/** "credits.grants[0].expires" → ["credits", "grants", 0, "expires"] */
export function pathParts(field: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const piece of field.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(piece);
    if (!m) {
      parts.push(piece);
      continue;
    }
    if (m[1]) parts.push(m[1]);
    for (const index of m[2]?.match(/\d+/g) ?? []) parts.push(Number(index));
  }
  return parts;
}

export interface LocatedIssue extends ContractIssue {
  /** 1-based line of the YAML text the issue is about (the field, or its nearest parent that exists). */
  line: number | null;
}

/**
 * Places each issue on a line of the YAML, so the editor can show it next to
 * the field: the field's own line when it is written, else the line of the
 * nearest enclosing entry (a missing `price` shows on its rate's line).
 */
export function locateIssues(yaml: string, issues: readonly ContractIssue[]): LocatedIssue[] {
  const counter = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter: counter, keepSourceTokens: false });
  const lineOf = (node: unknown): number | null => {
    const start = isNode(node) ? (node as Node).range?.[0] : undefined;
    return start === undefined ? null : counter.linePos(start).line;
  };
  return issues.map((issue) => {
    const fromMessage = /\bline (\d+)\b/.exec(issue.message);
    if (issue.field === '' && fromMessage) return { ...issue, line: Number(fromMessage[1]) };
    const parts = pathParts(issue.field);
    for (let n = parts.length; n > 0; n--) {
      const line = lineOf(doc.getIn(parts.slice(0, n), true));
      if (line !== null) return { ...issue, line };
    }
    return { ...issue, line: null };
  });
}

import { useId, useMemo, useRef, type UIEvent } from 'react';
import type { ContractIssue } from '../../../../shared/api/contracts';
import { locateIssues, type LocatedIssue } from './yaml-issues';

/**
 * Contract YAML with every validation message beside the line of the field
 * it is about: line numbers (a marked line has a problem) | the text | the
 * messages, all three scrolling together. Below, the same messages as a list
 * whose entries jump to their line.
 */
export function YamlEditor({ value, onChange, issues, label }: { value: string; onChange: (text: string) => void; issues: readonly ContractIssue[]; label: string }) {
  const textRef = useRef<HTMLTextAreaElement>(null);
  const gutterRef = useRef<HTMLDivElement>(null);
  const marginRef = useRef<HTMLDivElement>(null);
  const listId = useId();
  const located = useMemo(() => locateIssues(value, issues), [value, issues]);
  const lineCount = value.split('\n').length;
  const byLine = useMemo(() => {
    const map = new Map<number, LocatedIssue[]>();
    for (const i of located) if (i.line !== null) map.set(i.line, [...(map.get(i.line) ?? []), i]);
    return map;
  }, [located]);

  const syncScroll = (event: UIEvent<HTMLTextAreaElement>) => {
    const top = event.currentTarget.scrollTop;
    if (gutterRef.current) gutterRef.current.scrollTop = top;
    if (marginRef.current) marginRef.current.scrollTop = top;
  };

  const goToLine = (line: number | null) => {
    const el = textRef.current;
    if (!el || line === null) return;
    const lines = value.split('\n');
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    el.focus();
    el.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
    // Roughly centre the line: rows are a fixed height (see .yaml-editor in contracts.css).
    el.scrollTop = Math.max(0, (line - 5) * 20);
  };

  return (
    <div className="yaml-editor-wrap">
      <div className="yaml-editor" data-testid="contract-editor">
        <div className="yaml-gutter" ref={gutterRef} aria-hidden="true">
          {Array.from({ length: lineCount }, (_, i) => (
            <div key={i} className={byLine.has(i + 1) ? 'gutter-line has-issue' : 'gutter-line'}>
              {i + 1}
            </div>
          ))}
        </div>
        <textarea
          ref={textRef}
          className="yaml-text"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onScroll={syncScroll}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          wrap="off"
          aria-label={label}
          aria-describedby={issues.length > 0 ? listId : undefined}
          aria-invalid={issues.length > 0}
          data-testid="contract-yaml"
        />
        <div className="yaml-margin" ref={marginRef} aria-hidden="true">
          <div style={{ height: `${lineCount * 20 + 16}px`, position: 'relative' }}>
            {[...byLine.entries()].map(([line, list]) => (
              <div key={line} className="margin-note" style={{ top: `${(line - 1) * 20 + 8}px` }} title={list.map((i) => `${i.field}: ${i.message}`).join('\n')}>
                {list.map((i) => i.message).join('; ')}
              </div>
            ))}
          </div>
        </div>
      </div>
      {located.length > 0 ? (
        <ul id={listId} className="issue-list" aria-label="Problems with this contract" data-testid="contract-issues">
          {located.map((i, n) => (
            <li key={n}>
              <button type="button" className="issue" onClick={() => goToLine(i.line)}>
                <span className="issue-where">{i.line !== null ? `Line ${i.line}` : 'Contract'}</span>
                {i.field ? <code>{i.field}</code> : null}
                <span>{i.message}</span>
                {i.cell ? <span className="muted"> (cell {i.cell})</span> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

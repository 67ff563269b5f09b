import { useId, useRef, type UIEvent } from 'react';
import type { ValidationIssue } from '../../../../shared/api/scenarios';

const LINE_PX = 20;

/**
 * The scenario file as YAML, with line numbers; a line with a problem is
 * marked in the gutter and the problems are listed below, each jumping to
 * its line.
 */
export function YamlView({ value, onChange, issues }: { value: string; onChange: (text: string) => void; issues: readonly ValidationIssue[] }) {
  const textRef = useRef<HTMLTextAreaElement>(null);
  const gutterRef = useRef<HTMLDivElement>(null);
  const listId = useId();
  const lineCount = value.split('\n').length;
  const bad = new Set(issues.flatMap((i) => (i.line === null ? [] : [i.line])));

  const syncScroll = (event: UIEvent<HTMLTextAreaElement>) => {
    if (gutterRef.current) gutterRef.current.scrollTop = event.currentTarget.scrollTop;
  };
  const goToLine = (line: number | null) => {
    const el = textRef.current;
    if (!el || line === null) return;
    const lines = value.split('\n');
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    el.focus();
    el.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
    el.scrollTop = Math.max(0, (line - 5) * LINE_PX);
  };

  return (
    <div className="sc-yaml-wrap">
      <div className="sc-yaml">
        <div className="sc-yaml-gutter" ref={gutterRef} aria-hidden="true">
          {Array.from({ length: lineCount }, (_, i) => (
            <div key={i} className={bad.has(i + 1) ? 'sc-gutter-line sc-bad-line' : 'sc-gutter-line'}>
              {i + 1}
            </div>
          ))}
        </div>
        <textarea
          ref={textRef}
          className="sc-yaml-text"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onScroll={syncScroll}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          wrap="off"
          aria-label="Scenario file (YAML)"
          aria-describedby={issues.length > 0 ? listId : undefined}
          aria-invalid={issues.length > 0}
          data-testid="scenario-yaml"
        />
      </div>
      {issues.length > 0 ? (
        <ul id={listId} className="sc-issues" aria-label="Problems in this scenario file" data-testid="scenario-issues">
          {issues.map((i, n) => (
            <li key={n}>
              <button type="button" className="sc-issue" onClick={() => goToLine(i.line)}>
                <span className="sc-issue-where">{i.line !== null ? `Line ${i.line}` : 'File'}</span>
                {i.path ? <code>{i.path}</code> : null}
                <span>{i.message}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

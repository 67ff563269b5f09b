import { useId, useMemo, useRef, type UIEvent } from 'react';
import './yaml-editor.css';

/** Gutter, text and margin rows share this height, so a note sits beside its line. */
const LINE_PX = 20;

/** A problem with the text: the line it is on (null: the whole file), the field it names, what is wrong. */
export interface YamlEditorIssue {
  line: number | null;
  field: string | null;
  message: string;
  /** Said after the message, e.g. the term-sheet cell the field came from. */
  aside?: string | null;
}

export interface YamlEditorProps {
  value: string;
  onChange: (text: string) => void;
  issues: readonly YamlEditorIssue[];
  /** Accessible name of the text area. */
  label: string;
  /** Accessible name of the list of problems ("Problems with this contract"). */
  issuesLabel: string;
  /** What an issue without a line is about ("Contract", "File"). */
  wholeFileLabel: string;
  testIds: { editor: string; text: string; issues: string };
}

/**
 * YAML with every problem beside the line of the field it is about: line
 * numbers (a marked line has a problem) | the text | the messages, all three
 * scrolling together. Below, the same problems as a list whose entries jump
 * to their line. Used for contracts and scenario files.
 */
export function YamlEditor({ value, onChange, issues, label, issuesLabel, wholeFileLabel, testIds }: YamlEditorProps) {
  const textRef = useRef<HTMLTextAreaElement>(null);
  const gutterRef = useRef<HTMLDivElement>(null);
  const marginRef = useRef<HTMLDivElement>(null);
  const listId = useId();
  const lineCount = value.split('\n').length;
  const byLine = useMemo(() => {
    const map = new Map<number, YamlEditorIssue[]>();
    for (const i of issues) if (i.line !== null) map.set(i.line, [...(map.get(i.line) ?? []), i]);
    return map;
  }, [issues]);

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
    // Roughly centre the line (rows are a fixed height).
    el.scrollTop = Math.max(0, (line - 5) * LINE_PX);
  };

  return (
    <div className="yaml-editor-wrap">
      <div className={byLine.size > 0 ? 'yaml-editor' : 'yaml-editor no-line-issues'} data-testid={testIds.editor}>
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
          data-testid={testIds.text}
        />
        <div className="yaml-margin" ref={marginRef} aria-hidden="true">
          <div style={{ height: `${lineCount * LINE_PX + 16}px`, position: 'relative' }}>
            {[...byLine.entries()].map(([line, list]) => (
              <div key={line} className="margin-note" style={{ top: `${(line - 1) * LINE_PX + 8}px` }} title={list.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join('\n')}>
                {list.map((i) => i.message).join('; ')}
              </div>
            ))}
          </div>
        </div>
      </div>
      {issues.length > 0 ? (
        <ul id={listId} className="issue-list" aria-label={issuesLabel} data-testid={testIds.issues}>
          {issues.map((i, n) => (
            <li key={n}>
              <button type="button" className="issue" onClick={() => goToLine(i.line)}>
                <span className="issue-where">{i.line !== null ? `Line ${i.line}` : wholeFileLabel}</span>
                {i.field ? <code>{i.field}</code> : null}
                <span>{i.message}</span>
                {i.aside ? <span className="muted"> ({i.aside})</span> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { matchCommands, PALETTE_COMMANDS, type PaletteCommand } from './commands';
import './palette.css';

/**
 * The command palette (Ctrl/⌘+K): a modal <dialog> with a combobox and its
 * listbox. Typing filters; ↑/↓ move the active command (announced through
 * aria-activedescendant, focus stays in the box); Enter runs it; Escape
 * closes and focus returns to where it was.
 */
export function CommandPalette({ onRun, onClose }: { onRun: (command: PaletteCommand) => void; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const matches = useMemo(() => matchCommands(PALETTE_COMMANDS, query), [query]);
  const current = matches[Math.min(active, matches.length - 1)];

  useEffect(() => {
    const dialog = ref.current;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    input.current?.focus();
    return () => {
      dialog?.close();
      before?.focus();
    };
  }, []);

  useEffect(() => {
    document.getElementById(`${listId}-${current?.id ?? ''}`)?.scrollIntoView({ block: 'nearest' });
  }, [current, listId]);

  const run = (command: PaletteCommand | undefined) => {
    if (!command) return;
    onClose();
    onRun(command);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (matches.length === 0 ? 0 : (Math.min(i, matches.length - 1) + step + matches.length) % matches.length));
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      setActive(e.key === 'Home' ? 0 : Math.max(0, matches.length - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      run(current);
    }
  };

  return (
    <dialog
      ref={ref}
      className="dialog palette"
      aria-label="Command palette"
      data-testid="command-palette"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        // A click on the backdrop (the dialog box itself, outside its content) closes it.
        if (e.target === ref.current) onClose();
      }}
    >
      <div className="palette-body">
        <input
          ref={input}
          className="palette-input"
          type="text"
          role="combobox"
          aria-label="Go to a view or run a command"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={current ? `${listId}-${current.id}` : undefined}
          placeholder="Go to a view or run a command…"
          value={query}
          spellCheck={false}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          data-testid="command-palette-input"
        />
        <ul id={listId} role="listbox" className="palette-list" aria-label="Commands">
          {matches.map((c) => (
            <li
              key={c.id}
              id={`${listId}-${c.id}`}
              role="option"
              aria-selected={c === current}
              className={c === current ? 'palette-option active' : 'palette-option'}
              onMouseMove={() => setActive(matches.indexOf(c))}
              onClick={() => run(c)}
              data-testid={`palette-${c.id}`}
            >
              <span className="palette-label">{c.label}</span>
              <span className="palette-group">{c.group}</span>
            </li>
          ))}
        </ul>
        {matches.length === 0 ? (
          <p className="palette-empty" role="status">
            No command matches “{query}”. Try a view’s name, such as ledger or budgets.
          </p>
        ) : null}
        <p className="palette-hint muted" aria-hidden="true">
          ↑ ↓ to move · Enter to run · Esc to close
        </p>
      </div>
    </dialog>
  );
}

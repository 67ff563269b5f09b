import type { ReactNode } from 'react';
import { Icon } from './icons';

/** The next step an empty view offers: a link to the view where it is taken ("#/imports") or a button that starts it here. */
export type EmptyAction = { label: string; href: string } | { label: string; onClick: () => void };

/** A view with nothing to show yet says what it will hold and how to get there, never fake data: a sentence and the action as a button. */
export function EmptyState({ title, icon, children, items, action }: { title: string; icon: string; children: ReactNode; items?: string[]; action?: EmptyAction }) {
  return (
    <div className="empty-state" data-testid="empty-state">
      <div className="empty-icon" aria-hidden="true">
        <Icon name={icon} size={28} />
      </div>
      <h2>{title}</h2>
      <p>{children}</p>
      {items ? (
        <ul className="empty-list">
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      ) : null}
      {action && 'href' in action ? (
        <a className="button primary empty-action" href={action.href} data-testid="empty-action">
          {action.label}
        </a>
      ) : null}
      {action && 'onClick' in action ? (
        <button type="button" className="button primary empty-action" onClick={action.onClick} data-testid="empty-action">
          {action.label}
        </button>
      ) : null}
    </div>
  );
}

/** The first step of every empty workspace. */
export const IMPORT_A_STATEMENT: EmptyAction = { label: 'Import a statement', href: '#/imports' };

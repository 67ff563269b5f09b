import type { ReactNode } from 'react';
import { Icon } from './icons';

/** A view with nothing to show yet says what it will hold and how to get there, never fake data. */
export function EmptyState({ title, icon, children, items }: { title: string; icon: string; children: ReactNode; items?: string[] }) {
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
    </div>
  );
}

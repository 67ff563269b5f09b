import { useId, type ReactNode } from 'react';
import { glossaryEntry, type GlossaryKey } from '../../../shared/domain/glossary';

/**
 * A figure's name that explains itself: hovering it or moving the keyboard
 * focus to it shows what it means, from the one glossary
 * (shared/domain/glossary.ts) the README's glossary is written from.
 */
export function Term({ name, unit, children }: { name: GlossaryKey; unit?: string; children?: ReactNode }) {
  const id = useId();
  const entry = glossaryEntry(name, unit);
  return (
    <span className="term-wrap">
      <span className="term" tabIndex={0} aria-describedby={id} data-term={name}>
        {children ?? entry.term}
      </span>
      <span role="tooltip" id={id} className="term-tip">
        {entry.meaning}
      </span>
    </span>
  );
}

import { useSyncExternalStore } from 'react';

export const VIEWS = [
  { id: 'overview', label: 'Overview' },
  { id: 'imports', label: 'Imports' },
  { id: 'ledger', label: 'Ledger' },
  { id: 'contracts', label: 'Contracts' },
  { id: 'scenarios', label: 'Scenarios' },
  { id: 'allocation', label: 'Allocation' },
  { id: 'export', label: 'Export' },
] as const;
export type ViewId = (typeof VIEWS)[number]['id'];

/** "#/ledger" → "ledger"; anything unknown is the overview. Hash routing works from http:// and Electron's app:// alike. */
export function viewFromHash(hash: string): ViewId {
  const id = hash.replace(/^#\/?/, '').split(/[/?&]/)[0] ?? '';
  return (VIEWS.find((v) => v.id === id)?.id ?? 'overview') as ViewId;
}

export function hrefFor(view: ViewId): string {
  return `#/${view}`;
}

export function navigate(view: ViewId): void {
  if (viewFromHash(window.location.hash) !== view) window.location.hash = `/${view}`;
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

export function useView(): ViewId {
  return useSyncExternalStore(subscribe, () => viewFromHash(window.location.hash));
}

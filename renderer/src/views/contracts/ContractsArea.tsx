import { useRef, useSyncExternalStore } from 'react';
import './contracts.css';
import { ContractsTab } from './ContractsTab';
import { InvoiceCheckTab } from './InvoiceCheckTab';
import { PriceBookTab } from './PriceBookTab';

const TABS = [
  { id: 'terms', label: 'Contracts', path: '' },
  { id: 'invoice-check', label: 'Invoice check', path: 'invoice-check' },
  { id: 'price-book', label: 'Price book', path: 'price-book' },
] as const;
type TabId = (typeof TABS)[number]['id'];

/** "#/contracts/invoice-check" → "invoice-check"; the contracts list otherwise. */
function tabFromHash(hash: string): TabId {
  const sub = hash.replace(/^#\/?/, '').split(/[?&]/)[0]?.split('/')[1] ?? '';
  return TABS.find((t) => t.path === sub && sub !== '')?.id ?? 'terms';
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

/**
 * Procurement's half of the workbench: the contracts, the invoice check of
 * the ledger against them, and the price book both rest on. One view with a
 * tab each (sub-routes #/contracts, #/contracts/invoice-check,
 * #/contracts/price-book).
 */
export function ContractsArea() {
  const tab = useSyncExternalStore(subscribe, () => tabFromHash(window.location.hash));
  // A tab mounts when first shown (the price book loads 1,500 rows) and then stays, keeping its state.
  const visited = useRef(new Set<TabId>());
  visited.current.add(tab);
  return (
    <section className="view view-contracts" aria-labelledby="contracts-title">
      <header className="view-header">
        <h1 id="contracts-title" tabIndex={-1}>
          Contracts
        </h1>
        <p className="view-subtitle">Vendor terms, the invoice check of what was billed against them, and the price book of list prices.</p>
      </header>
      <nav className="tabs" aria-label="Contracts sections">
        {TABS.map((t) => (
          <a key={t.id} href={`#/contracts${t.path ? `/${t.path}` : ''}`} className={t.id === tab ? 'tab active' : 'tab'} aria-current={t.id === tab ? 'page' : undefined} data-testid={`tab-${t.id}`}>
            {t.label}
          </a>
        ))}
      </nav>
      <div className="tab-panel" hidden={tab !== 'terms'}>
        <ContractsTab active={tab === 'terms'} />
      </div>
      <div className="tab-panel" hidden={tab !== 'invoice-check'}>
        {visited.current.has('invoice-check') ? <InvoiceCheckTab active={tab === 'invoice-check'} /> : null}
      </div>
      <div className="tab-panel" hidden={tab !== 'price-book'}>
        {visited.current.has('price-book') ? <PriceBookTab /> : null}
      </div>
    </section>
  );
}


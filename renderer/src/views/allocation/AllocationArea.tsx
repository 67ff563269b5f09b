import { useRef, useSyncExternalStore } from 'react';
import './allocation.css';
import { AnomaliesTab } from './AnomaliesTab';
import { BudgetsTab } from './BudgetsTab';
import { EnergyTab } from './EnergyTab';
import { RulesTab } from './RulesTab';
import { ShowbackTab } from './ShowbackTab';

const TABS = [
  { id: 'showback', label: 'Showback', path: '' },
  { id: 'budgets', label: 'Budgets', path: 'budgets' },
  { id: 'anomalies', label: 'Anomalies', path: 'anomalies' },
  { id: 'energy', label: 'Energy', path: 'energy' },
  { id: 'rules', label: 'Rules', path: 'rules' },
] as const;
type TabId = (typeof TABS)[number]['id'];

function tabFromHash(hash: string): TabId {
  const sub = hash.replace(/^#\/?/, '').split(/[?&]/)[0]?.split('/')[1] ?? '';
  return TABS.find((t) => t.path === sub && sub !== '')?.id ?? 'showback';
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

/**
 * Who spends the tokens, within what allowance, and what changed: the
 * allocation of the ledger to teams (showback, with drill-down to the
 * lines), budgets and allowances with their burn-down, anomalies, energy
 * estimates, and the policy file behind them all.
 */
export function AllocationArea() {
  const tab = useSyncExternalStore(subscribe, () => tabFromHash(window.location.hash));
  const visited = useRef(new Set<TabId>());
  visited.current.add(tab);
  return (
    <section className="view view-allocation" aria-labelledby="allocation-title">
      <header className="view-header">
        <h1 id="allocation-title" tabIndex={-1}>
          Allocation
        </h1>
        <p className="view-subtitle">Who spends the tokens, within what budget, and what moved unexpectedly: the ledger allocated to teams by your rules, exact to the cent.</p>
      </header>
      <nav className="tabs" aria-label="Allocation sections">
        {TABS.map((t) => (
          <a key={t.id} href={`#/allocation${t.path ? `/${t.path}` : ''}`} className={t.id === tab ? 'tab active' : 'tab'} aria-current={t.id === tab ? 'page' : undefined} data-testid={`tab-${t.id}`}>
            {t.label}
          </a>
        ))}
      </nav>
      {TABS.map((t) => (
        <div key={t.id} className="tab-panel" hidden={tab !== t.id}>
          {visited.current.has(t.id) ? <TabBody id={t.id} /> : null}
        </div>
      ))}
    </section>
  );
}

function TabBody({ id }: { id: TabId }) {
  switch (id) {
    case 'showback':
      return <ShowbackTab />;
    case 'budgets':
      return <BudgetsTab />;
    case 'anomalies':
      return <AnomaliesTab />;
    case 'energy':
      return <EnergyTab />;
    case 'rules':
      return <RulesTab />;
  }
}

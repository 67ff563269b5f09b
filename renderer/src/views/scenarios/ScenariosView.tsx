import { useState } from 'react';
import { DriversEditor } from './DriversEditor';
import { MappingEditor } from './MappingEditor';
import { ScenarioFiles } from './ScenarioFiles';
import './scenarios.css';

type Tab = 'scenarios' | 'drivers' | 'mapping';

/** What-if scenarios against the business baseline, and the inputs they take from the workspace. */
export function ScenariosView() {
  const [tab, setTab] = useState<Tab>('scenarios');
  return (
    <section className="view view-scenarios" aria-labelledby="scenarios-title">
      <header className="view-header">
        <h1 id="scenarios-title" tabIndex={-1}>
          Scenarios
        </h1>
        <p className="view-subtitle">What-if projections against the business baseline: cost per unit, savings, break-even and the risk range.</p>
      </header>
      <div className="segmented sc-tabs" role="group" aria-label="Scenario areas">
        {(
          [
            ['scenarios', 'Scenarios'],
            ['drivers', 'Business drivers'],
            ['mapping', 'Workload mapping'],
          ] as const
        ).map(([value, label]) => (
          <button key={value} type="button" aria-pressed={tab === value} onClick={() => setTab(value)} data-testid={`tab-${value}`}>
            {label}
          </button>
        ))}
      </div>
      {tab === 'scenarios' ? <ScenarioFiles /> : null}
      {tab === 'drivers' ? <DriversEditor /> : null}
      {tab === 'mapping' ? <MappingEditor /> : null}
    </section>
  );
}

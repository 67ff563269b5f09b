import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { ViewId } from './routes';

/**
 * Every view but the Overview is its own chunk, loaded when first opened:
 * the app's first paint parses React, the Overview and its chart, not the
 * grid library, the YAML editor or the scenario builder (bench/open-demo).
 */
const LOADERS = {
  imports: () => import('../views/imports/ImportsView').then((m) => ({ default: m.ImportsView })),
  ledger: () => import('../views/ledger/LedgerView').then((m) => ({ default: m.LedgerView })),
  contracts: () => import('../views/contracts/ContractsArea').then((m) => ({ default: m.ContractsArea })),
  scenarios: () => import('../views/scenarios/ScenariosView').then((m) => ({ default: m.ScenariosView })),
  allocation: () => import('../views/allocation/AllocationArea').then((m) => ({ default: m.AllocationArea })),
  export: () => import('../views/export/ExportView').then((m) => ({ default: m.ExportView })),
} satisfies Record<Exclude<ViewId, 'overview'>, () => Promise<{ default: ComponentType }>>;

export const LAZY_VIEWS = Object.fromEntries(Object.entries(LOADERS).map(([id, load]) => [id, lazy(load)])) as Record<keyof typeof LOADERS, LazyExoticComponent<ComponentType>>;

/**
 * Fetches code after the first paint: the charts' (the Overview draws one
 * once its figures arrive, so ECharts is parsed while they are on their
 * way) and the Ledger's (the view opened next most often), then, once the
 * page has been idle a while, the other views', so a click on a view does
 * not wait for the network or the parser, and parsing them does not compete
 * with the first screens. Failures are left to the view's or chart's own
 * load, which reports them.
 */
export function preloadViews(): () => void {
  let cancelled = false;
  const inTurn = (loads: (() => Promise<unknown>)[]) => loads.reduce<Promise<unknown>>((previous, load) => previous.then(() => (cancelled ? undefined : load().catch(() => undefined))), Promise.resolve());
  let idle: number | undefined;
  const timer = setTimeout(() => {
    void inTurn([() => import('../components/EChartCanvas'), LOADERS.ledger]).then(() => {
      if (cancelled) return;
      idle = requestIdleCallback(() => void inTurn((['imports', 'contracts', 'scenarios', 'allocation', 'export'] as const).map((id) => LOADERS[id])), { timeout: 5000 });
    });
  }, 0);
  return () => {
    cancelled = true;
    clearTimeout(timer);
    if (idle !== undefined) cancelIdleCallback(idle);
  };
}

import type { ComponentType } from 'react';
import { preloadChart } from '../components/Chart';
import { preloadable, type Preloadable } from '../components/preloadable';
import type { ViewId } from './routes';

type LazyViewId = Exclude<ViewId, 'overview'>;

/**
 * Every view but the Overview is its own chunk, loaded when first opened:
 * the app's first paint parses React, the Overview and its chart, not the
 * grid library, the YAML editor or the scenario builder (bench/open-demo).
 */
const LOADERS = {
  imports: () => import('../views/imports/ImportsView').then((m) => m.ImportsView),
  ledger: () => import('../views/ledger/LedgerView').then((m) => m.LedgerView),
  contracts: () => import('../views/contracts/ContractsArea').then((m) => m.ContractsArea),
  scenarios: () => import('../views/scenarios/ScenariosView').then((m) => m.ScenariosView),
  allocation: () => import('../views/allocation/AllocationArea').then((m) => m.AllocationArea),
  export: () => import('../views/export/ExportView').then((m) => m.ExportView),
} satisfies Record<LazyViewId, () => Promise<ComponentType>>;

const VIEWS = Object.fromEntries(Object.entries(LOADERS).map(([id, load]) => [id, preloadable(load)])) as Record<LazyViewId, Preloadable<object>>;

export const LAZY_VIEWS = Object.fromEntries(Object.entries(VIEWS).map(([id, v]) => [id, v.Component])) as Record<LazyViewId, ComponentType>;

/**
 * How long the analyst must have left the page alone (no click, key or
 * wheel) before another view's code is fetched: parsing a view is one task
 * the page cannot break, and a click that lands on it waits for it whole.
 */
const QUIET_MS = 1500;

/**
 * Fetches code after the first paint: the charts' (the Overview draws one
 * once its figures arrive, so ECharts is parsed while they are on their
 * way) and the Ledger's (the view opened next most often), then the other
 * views', each once the page has been left alone a while and is idle, so a
 * click on a view does not wait for the network or the parser, and parsing
 * them competes neither with the first screens nor with the analyst's first
 * clicks (bench/open-demo: the Ledger clicked while the Contracts view and
 * the YAML editor were being parsed answered a few hundred ms late).
 * Failures are left to the view's or chart's own load, which reports them.
 */
export function preloadViews(): () => void {
  let cancelled = false;
  let idle: number | undefined;
  let quiet: ReturnType<typeof setTimeout> | undefined;
  let lastInput = performance.now();
  const onInput = () => {
    lastInput = performance.now();
  };
  const inputs = ['pointerdown', 'keydown', 'wheel'] as const;
  for (const type of inputs) window.addEventListener(type, onInput, { capture: true, passive: true });
  const whenQuiet = (load: () => Promise<unknown>) => () =>
    new Promise<unknown>((resolve) => {
      const wait = () => {
        const left = QUIET_MS - (performance.now() - lastInput);
        if (left > 0) {
          quiet = setTimeout(wait, left);
          return;
        }
        idle = requestIdleCallback(() => (performance.now() - lastInput < QUIET_MS ? wait() : resolve(cancelled ? undefined : load())), { timeout: 5000 });
      };
      wait();
    });
  const inTurn = (loads: (() => Promise<unknown>)[]) => loads.reduce<Promise<unknown>>((previous, load) => previous.then(() => (cancelled ? undefined : load().catch(() => undefined))), Promise.resolve());
  const timer = setTimeout(() => void inTurn([preloadChart, VIEWS.ledger.preload, ...(['imports', 'contracts', 'scenarios', 'allocation', 'export'] as const).map((id) => whenQuiet(VIEWS[id].preload))]), 0);
  return () => {
    cancelled = true;
    clearTimeout(timer);
    if (quiet !== undefined) clearTimeout(quiet);
    if (idle !== undefined) cancelIdleCallback(idle);
    for (const type of inputs) window.removeEventListener(type, onInput, { capture: true });
  };
}

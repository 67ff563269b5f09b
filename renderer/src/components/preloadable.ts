import { createElement, lazy, useState, type ComponentType } from 'react';

/** A component in a chunk of its own, and the call that fetches that chunk ahead of the first render. */
export interface Preloadable<P extends object> {
  Component: ComponentType<P>;
  preload(): Promise<ComponentType<P>>;
}

/**
 * Code split like `React.lazy`, but a chunk fetched ahead renders at once.
 * Through `lazy` alone a component whose chunk is already here still
 * suspends on its first render (lazy only learns the module by calling its
 * own loader), shows its fallback, and React then holds the revealed
 * content back by about 300 ms (its fallback throttle): the Overview's chart
 * and a click on the Ledger each paid that in full (bench/open-demo).
 */
export function preloadable<P extends object>(load: () => Promise<ComponentType<P>>): Preloadable<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const preload = () =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        // A failed fetch (a dropped connection, a chunk replaced by a rebuild) may succeed on the next try.
        loading = undefined;
        throw error;
      },
    ));
  const Lazy = lazy(() => preload().then((component) => ({ default: component })));
  function Component(props: P) {
    // Chosen once per mount: switching from the lazy wrapper to the loaded component later would remount it.
    const [Chosen] = useState<ComponentType<P>>(() => loaded ?? (Lazy as unknown as ComponentType<P>));
    return createElement(Chosen, props);
  }
  return { Component, preload };
}

import { createElement, Suspense, type ComponentType } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { preloadable } from '../../../renderer/src/components/preloadable';

function Greeting({ name }: { name: string }) {
  return createElement('p', null, `Hello ${name}`);
}

const render = (Component: ComponentType<{ name: string }>) => renderToStaticMarkup(createElement(Suspense, { fallback: 'Loading…' }, createElement(Component, { name: 'Ada' })));

describe('preloadable: code fetched ahead renders at once', () => {
  it('shows the fallback while the chunk is not here, and the component without suspending once preloaded', async () => {
    let loads = 0;
    const view = preloadable(async () => {
      loads += 1;
      return Greeting;
    });
    // Nothing asked for yet: the first render suspends, as React.lazy does.
    expect(render(view.Component)).toBe('Loading…');
    await view.preload();
    // Fetched ahead: rendered in the same pass (a server render cannot wait, so a suspension would print the fallback).
    expect(render(view.Component)).toBe('<p>Hello Ada</p>');
    // One fetch however often it is asked for (the render's own load and the preload share it).
    await view.preload();
    expect(loads).toBe(1);
  });

  it('a failed fetch is tried again on the next preload', async () => {
    let attempts = 0;
    const view = preloadable(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('chunk not found');
      return Greeting;
    });
    await expect(view.preload()).rejects.toThrow('chunk not found');
    await expect(view.preload()).resolves.toBe(Greeting);
    expect(attempts).toBe(2);
    expect(render(view.Component)).toBe('<p>Hello Ada</p>');
  });
});

import { useSyncExternalStore } from 'react';

export type ColorScheme = 'light' | 'dark';

const QUERY = '(prefers-color-scheme: dark)';

export function currentColorScheme(): ColorScheme {
  return window.matchMedia(QUERY).matches ? 'dark' : 'light';
}

/**
 * Marks <html> with the scheme: `data-theme` drives the app's CSS variables,
 * `data-ag-theme-mode` switches AG Grid's theme mode.
 */
export function applyColorScheme(scheme: ColorScheme): void {
  const root = document.documentElement;
  root.dataset.theme = scheme;
  root.dataset.agThemeMode = scheme;
  root.style.colorScheme = scheme;
}

function subscribe(listener: () => void): () => void {
  const media = window.matchMedia(QUERY);
  const onChange = () => {
    applyColorScheme(currentColorScheme());
    listener();
  };
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

/** The OS light/dark setting, live: the app, the grid and the charts follow a change at once. */
export function useColorScheme(): ColorScheme {
  return useSyncExternalStore(subscribe, currentColorScheme);
}

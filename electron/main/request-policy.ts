/**
 * What the Electron window may load, navigate to and ask for. The renderer is
 * served from one privileged origin, app://workbench, and nothing else may be
 * fetched: vendor statements and contracts are confidential and nothing may
 * leave the machine. Plain functions so that tests can check the rules
 * without Electron.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'workbench';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** Is this URL on our own origin (app://workbench/...)? */
export function isAppUrl(url: string | undefined | null): boolean {
  if (typeof url !== 'string') return false;
  const parsed = parse(url);
  return parsed !== undefined && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}

export interface RequestPolicyOptions {
  /** Development builds may open DevTools, which loads its own devtools:// pages. */
  devtools: boolean;
}

/**
 * Whether a request made by the window may proceed. Only our origin; data:
 * and blob: URLs hold bytes the page already has (chart images, generated
 * downloads) so they never leave the machine; devtools:// only in development.
 * Everything else (http, https, ws, file, ftp, other custom schemes) is cancelled.
 */
export function requestAllowed(url: string, options: RequestPolicyOptions): boolean {
  if (isAppUrl(url)) return true;
  const parsed = parse(url);
  if (!parsed) return false;
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') {
    // blob: URLs carry their creator's origin; only our own page's blobs are ours.
    return parsed.protocol === 'data:' || url.startsWith(`blob:${APP_ORIGIN}/`);
  }
  if (options.devtools && parsed.protocol === 'devtools:') return true;
  return false;
}

/** Top-level navigation: the window stays on our origin; a link to anywhere else goes nowhere. */
export function navigationAllowed(url: string): boolean {
  return isAppUrl(url);
}


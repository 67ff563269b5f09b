/** The browser-mode host prints `http://127.0.0.1:PORT/#token=...`; the token never reaches a server log or a Referer. */
export const TOKEN_STORAGE_KEY = 'aispend.token';

/** Reads `token=...` from a URL fragment ("#token=abc" or "#/ledger&token=abc"); null when absent. */
export function tokenFromFragment(hash: string): string | null {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of text.split(/[&?]/)) {
    if (part.startsWith('token=')) {
      const value = decodeURIComponent(part.slice('token='.length));
      return value.length > 0 ? value : null;
    }
  }
  return null;
}

/**
 * Takes the token from the address bar (and removes it from there and from
 * the history entry so it is not bookmarked or shared), else from this tab's
 * session storage, so a reload keeps working.
 */
export function takeToken(win: Window): string | null {
  const fromUrl = tokenFromFragment(win.location.hash);
  if (fromUrl) {
    try {
      win.sessionStorage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    } catch {
      // Storage can be disabled; the token still works for this page's life.
    }
    win.history.replaceState(null, '', `${win.location.pathname}${win.location.search}#/overview`);
    return fromUrl;
  }
  try {
    return win.sessionStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}

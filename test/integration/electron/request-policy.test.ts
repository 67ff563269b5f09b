import { describe, expect, it } from 'vitest';
import { APP_START_URL, isAppUrl, navigationAllowed, requestAllowed } from '../../../electron/main/request-policy';

describe('request policy: only app://workbench, nothing leaves the machine', () => {
  const prod = { devtools: false };
  const dev = { devtools: true };

  it('recognises our own origin and nothing that merely looks like it', () => {
    expect(isAppUrl(APP_START_URL)).toBe(true);
    expect(isAppUrl('app://workbench/assets/index-abc.js')).toBe(true);
    expect(isAppUrl('app://workbench/index.html#/ledger?month=2026-03')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('app://workbench.evil.com/')).toBe(false);
    expect(isAppUrl('app://user:pass@workbench/')).toBe(false);
    expect(isAppUrl('https://workbench/')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
  });

  it('lets the app load its own files, data: and its own blob: URLs', () => {
    expect(requestAllowed('app://workbench/assets/echarts.js', prod)).toBe(true);
    expect(requestAllowed('data:image/png;base64,iVBORw0KGgo=', prod)).toBe(true);
    expect(requestAllowed('blob:app://workbench/6f1c2a9e-0000-4000-8000-000000000000', prod)).toBe(true);
  });

  it('cancels every request to anywhere else', () => {
    for (const url of [
      'https://api.openai.com/v1/models',
      'http://127.0.0.1:8080/api/call',
      'http://localhost/',
      'wss://example.com/socket',
      'ws://127.0.0.1:9229/',
      'file:///home/user/contract.xlsx',
      'ftp://example.com/file',
      'blob:https://example.com/6f1c2a9e-0000-4000-8000-000000000000',
      'chrome-extension://abc/script.js',
      'app://other/index.html',
      'javascript:alert(1)',
    ]) {
      expect(requestAllowed(url, prod), url).toBe(false);
      expect(requestAllowed(url, dev), url).toBe(false);
    }
  });

  it('allows DevTools pages only in development', () => {
    expect(requestAllowed('devtools://devtools/bundled/devtools_app.html', dev)).toBe(true);
    expect(requestAllowed('devtools://devtools/bundled/devtools_app.html', prod)).toBe(false);
  });

  it('keeps the window on our origin', () => {
    expect(navigationAllowed('app://workbench/index.html')).toBe(true);
    expect(navigationAllowed('https://example.com/')).toBe(false);
    expect(navigationAllowed('file:///tmp/x.html')).toBe(false);
    expect(navigationAllowed('devtools://devtools/')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { hardenSession, hardenWebContents } from '../../../electron/main/hardening';

type AnyFn = (...args: never[]) => unknown;

/** Records what hardenSession installs, so each handler can be called as Electron would. */
function fakeSession() {
  const installed: Record<string, AnyFn> = {};
  let filter: unknown;
  let spellcheck: boolean | undefined;
  const session = {
    setPermissionRequestHandler: (h: AnyFn) => void (installed.request = h),
    setPermissionCheckHandler: (h: AnyFn) => void (installed.check = h),
    setDevicePermissionHandler: (h: AnyFn) => void (installed.device = h),
    setDisplayMediaRequestHandler: (h: AnyFn) => void (installed.displayMedia = h),
    setSpellCheckerEnabled: (on: boolean) => void (spellcheck = on),
    webRequest: {
      onBeforeRequest: (f: unknown, h: AnyFn) => {
        filter = f;
        installed.beforeRequest = h;
      },
    },
  };
  return { session, installed, filter: () => filter, spellcheck: () => spellcheck };
}

function fakeContents() {
  const events = new Map<string, (event: { url?: string; preventDefault: () => void }) => void>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: (name: string, listener: (event: { url?: string; preventDefault: () => void }) => void) => {
      events.set(name, listener);
      return contents;
    },
    setWindowOpenHandler: (h: (details: { url: string }) => { action: string }) => void (openHandler = h),
  };
  const fire = (name: string, url?: string): boolean => {
    let prevented = false;
    events.get(name)?.({ url, preventDefault: () => void (prevented = true) });
    return prevented;
  };
  return { contents, events, fire, open: (url: string) => openHandler?.({ url }) };
}

function cancelled(installed: Record<string, AnyFn>, url: string): boolean {
  let answer: { cancel: boolean } | undefined;
  (installed.beforeRequest as unknown as (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void)({ url }, (r) => void (answer = r));
  return answer!.cancel;
}

describe('session hardening', () => {
  it('denies every permission request, check, device and screen capture', () => {
    const blocked: string[] = [];
    const f = fakeSession();
    hardenSession(f.session as never, { devtools: false, onBlocked: (what) => blocked.push(what) });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid', 'fullscreen']) {
      let granted: boolean | undefined;
      (f.installed.request as unknown as (w: unknown, p: string, cb: (g: boolean) => void, d: { requestingUrl: string }) => void)(
        {},
        permission,
        (g) => void (granted = g),
        { requestingUrl: 'app://workbench/index.html' },
      );
      expect(granted, permission).toBe(false);
      expect((f.installed.check as unknown as (w: unknown, p: string, o: string) => boolean)({}, permission, 'app://workbench')).toBe(false);
    }
    expect((f.installed.device as unknown as (d: unknown) => boolean)({ deviceType: 'usb' })).toBe(false);
    let streams: unknown = 'not called';
    (f.installed.displayMedia as unknown as (r: unknown, cb: (s: unknown) => void) => void)({}, (s) => void (streams = s));
    expect(streams).toBeNull();
    expect(blocked).toContain('permission media');
    expect(f.spellcheck()).toBe(false);
  });

  it('cancels requests to anything but our origin, for every URL', () => {
    const f = fakeSession();
    hardenSession(f.session as never, { devtools: false });
    expect(f.filter()).toEqual({ urls: ['<all_urls>'] });
    expect(cancelled(f.installed, 'app://workbench/assets/index.js')).toBe(false);
    expect(cancelled(f.installed, 'https://fonts.googleapis.com/css')).toBe(true);
    expect(cancelled(f.installed, 'http://127.0.0.1:9000/')).toBe(true);
    expect(cancelled(f.installed, 'devtools://devtools/bundled/devtools_app.html')).toBe(true);
  });

  it('lets DevTools load in development only', () => {
    const f = fakeSession();
    hardenSession(f.session as never, { devtools: true });
    expect(cancelled(f.installed, 'devtools://devtools/bundled/devtools_app.html')).toBe(false);
    expect(cancelled(f.installed, 'https://chrome-devtools-frontend.appspot.com/')).toBe(true);
  });
});

describe('web contents hardening', () => {
  it('blocks navigation and redirects away from our origin, new windows and webviews', () => {
    const c = fakeContents();
    hardenWebContents(c.contents as never, { devtools: false });
    expect(c.fire('will-navigate', 'https://example.com/phish')).toBe(true);
    expect(c.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(c.fire('will-navigate', 'app://workbench/index.html')).toBe(false);
    expect(c.fire('will-redirect', 'https://example.com/')).toBe(true);
    expect(c.fire('will-attach-webview')).toBe(true);
    expect(c.open('https://example.com/')).toEqual({ action: 'deny' });
    expect(c.open('app://workbench/index.html')).toEqual({ action: 'deny' });
  });
});

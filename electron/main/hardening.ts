import type { Session, WebContents } from 'electron';
import { navigationAllowed, requestAllowed } from './request-policy';

/**
 * The session and web-contents guards. They take Electron's objects as
 * arguments (types only, no import of the electron module) so that tests can
 * hand them fakes and check each guard is installed and refuses.
 */

export interface HardeningOptions {
  /** Development builds may open DevTools. */
  devtools: boolean;
  /** Told about each refusal, for the log. */
  onBlocked?: (what: string, url: string) => void;
}

type SessionGuards = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'setDisplayMediaRequestHandler' | 'webRequest' | 'setSpellCheckerEnabled'
>;

/**
 * No permission is ever granted, every request to anything but our own
 * origin is cancelled (nothing leaves the machine), and the spell checker,
 * which downloads dictionaries on Windows and Linux, is off.
 */
export function hardenSession(session: SessionGuards, options: HardeningOptions): void {
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    options.onBlocked?.(`permission ${permission}`, details.requestingUrl);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  session.setSpellCheckerEnabled(false);
  session.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) => {
    const allowed = requestAllowed(details.url, { devtools: options.devtools });
    if (!allowed) options.onBlocked?.('request', details.url);
    callback({ cancel: !allowed });
  });
}

type ContentsGuards = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** No navigation away from our origin, no new windows, no <webview>. Applied to every web contents created. */
export function hardenWebContents(contents: ContentsGuards, options: HardeningOptions): void {
  contents.setWindowOpenHandler((details) => {
    options.onBlocked?.('new window', details.url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (!navigationAllowed(event.url)) {
      options.onBlocked?.('navigation', event.url);
      event.preventDefault();
    }
  });
  contents.on('will-redirect', (event) => {
    if (!navigationAllowed(event.url)) {
      options.onBlocked?.('redirect', event.url);
      event.preventDefault();
    }
  });
  contents.on('will-attach-webview', (event) => {
    options.onBlocked?.('webview', '');
    event.preventDefault();
  });
}

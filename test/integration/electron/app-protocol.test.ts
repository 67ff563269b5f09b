import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, resolveAppFile } from '../../../electron/main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../electron/host/security';
import { tempDir } from '../../helpers/temp';

describe('app:// protocol: serves dist/renderer and nothing else', () => {
  const temp = tempDir('aispend-protocol-');
  const root = path.join(temp.dir, 'renderer');
  const handler = createAppProtocolHandler(root);
  const get = (url: string, method = 'GET') => handler({ url, method });

  beforeAll(() => {
    mkdirSync(path.join(root, 'assets'), { recursive: true });
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>AI Spend Workbench</title>');
    writeFileSync(path.join(root, 'assets', 'app-1234.js'), 'export const answer = 42;');
    writeFileSync(path.join(temp.dir, 'secret.txt'), 'outside the renderer folder');
  });
  afterAll(() => temp.cleanup());

  it('maps URLs to files inside the folder', () => {
    expect(resolveAppFile(root, 'app://workbench/')).toEqual({ file: path.join(root, 'index.html'), spaFallback: false });
    expect(resolveAppFile(root, 'app://workbench/assets/app-1234.js')).toEqual({ file: path.join(root, 'assets', 'app-1234.js'), spaFallback: false });
    expect(resolveAppFile(root, 'app://workbench/ledger')).toEqual({ file: path.join(root, 'ledger'), spaFallback: true });
  });

  it('refuses every way out of the folder', () => {
    for (const url of [
      'app://workbench/%2e%2e/secret.txt',
      'app://workbench/assets/%2E%2E/%2E%2E/secret.txt',
      'app://workbench/..%2Fsecret.txt',
      'app://workbench/assets/..%2F..%2Fsecret.txt',
      'app://workbench/..%5Csecret.txt',
      'app://workbench/assets%5C..%5C..%5Csecret.txt',
      'app://workbench/%00index.html',
      'app://workbench/%E0%A4%A',
      'app://other/index.html',
      'file:///etc/passwd',
    ]) {
      const target = resolveAppFile(root, url);
      // Either refused outright, or (when the URL parser already folded the dots) still inside the folder.
      if (target !== null) expect(target.file.startsWith(root + path.sep), url).toBe(true);
    }
    // Dots that decoding produces are folded against the folder's root, so they land inside it.
    expect(resolveAppFile(root, 'app://workbench/..%2Fsecret.txt')?.file).toBe(path.join(root, 'secret.txt'));
    expect(resolveAppFile(root, 'app://workbench/assets/..%2F..%2F..%2Fsecret.txt')?.file).toBe(path.join(root, 'secret.txt'));
    expect(resolveAppFile(root, 'app://workbench/..%5Csecret.txt')).toBeNull();
    expect(resolveAppFile(root, 'app://other/index.html')).toBeNull();
  });

  it('serves files with the same Content-Security-Policy as browser mode', async () => {
    const response = await get('app://workbench/assets/app-1234.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('export const answer = 42;');
  });

  it('answers a view route with index.html, and a missing asset with 404', async () => {
    const route = await get('app://workbench/scenarios');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>AI Spend Workbench</title>');
    expect(route.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await get('app://workbench/assets/missing.js')).status).toBe(404);
  });

  it('never serves a file outside the folder, and only reads', async () => {
    for (const url of ['app://workbench/..%2Fsecret.txt', 'app://workbench/assets/..%2F..%2Fsecret.txt', 'app://workbench/%2e%2e/secret.txt']) {
      const response = await get(url);
      expect(await response.text(), url).not.toContain('outside the renderer folder');
    }
    expect((await get('app://workbench/index.html', 'POST')).status).toBe(405);
    const head = await get('app://workbench/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

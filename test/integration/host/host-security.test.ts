import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../../electron/host/server';
import { startBackend } from '../../helpers/backend';
import { demoLedgerLineCount } from '../../helpers/demo-statements';

type Started = Awaited<ReturnType<typeof startBackend>>;

/** Raw HTTP so that Host and Origin can be set as an attacker would (fetch forbids changing Host). */
function raw(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

describe('browser-mode host', () => {
  let s: Started;
  let host: RunningHost;
  let staticDir: string;
  const call = (body: unknown, headers: Record<string, string> = {}) =>
    raw(host.port, {
      method: 'POST',
      path: '/api/call',
      headers: { host: `127.0.0.1:${host.port}`, 'content-type': 'application/json', 'x-workbench-token': host.token, ...headers },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    s = await startBackend();
    staticDir = path.join(s.dir, 'renderer');
    mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>AI Spend Workbench</title>');
    writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(path.join(s.dir, 'secret.txt'), 'do not serve');
    host = await startHost({ backend: s.backend, staticDir, uploadDir: path.join(s.dir, 'uploads'), downloadDir: path.join(s.dir, 'downloads') });
  });
  afterAll(async () => {
    await host.close();
    await s.stop();
  });

  it('answers a valid call with the token', async () => {
    const res = await call({ method: 'workspace.info', input: {} });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body) as { ok: boolean; value: { ledgerLines: number } };
    expect(body.ok).toBe(true);
    expect(body.value.ledgerLines).toBe(demoLedgerLineCount());
  });

  it('refuses calls without the token or with a wrong one (401)', async () => {
    const missing = await raw(host.port, {
      method: 'POST',
      path: '/api/call',
      headers: { host: `127.0.0.1:${host.port}`, 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'workspace.info', input: {} }),
    });
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body).error.code).toBe('unauthorized');
    const wrong = await call({ method: 'workspace.info', input: {} }, { 'x-workbench-token': `${host.token.slice(0, -1)}x` });
    expect(wrong.status).toBe(401);
  });

  it('refuses a foreign Origin or a cross-site fetch even with the token (403)', async () => {
    const foreign = await call({ method: 'workspace.info', input: {} }, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const crossSite = await call({ method: 'workspace.info', input: {} }, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const own = await call({ method: 'workspace.info', input: {} }, { origin: `http://127.0.0.1:${host.port}`, 'sec-fetch-site': 'same-origin' });
    expect(own.status).toBe(200);
  });

  it('refuses a rebound DNS name in the Host header (403), for pages and API alike', async () => {
    const page = await raw(host.port, { path: '/', headers: { host: `evil.example:${host.port}` } });
    expect(page.status).toBe(403);
    const api = await call({ method: 'workspace.info', input: {} }, { host: 'evil.example' });
    expect(api.status).toBe(403);
  });

  it('refuses input that fails the schema (400) and changes nothing', async () => {
    const before = readdirSync(s.dir).sort();
    const target = path.join(s.dir, 'created-by-bad-call.txt');
    const bad = await call({ method: 'workspace.new', input: { path: target } });
    expect(bad.status).toBe(400);
    const error = JSON.parse(bad.body).error;
    expect(error).toMatchObject({ code: 'bad_input', field: 'path' });
    expect(existsSync(target)).toBe(false);
    const extra = await call({ method: 'workspace.new', input: { path: path.join(s.dir, 'x.aispend'), sneaky: true } });
    expect(extra.status).toBe(400);
    expect(existsSync(path.join(s.dir, 'x.aispend'))).toBe(false);
    expect(readdirSync(s.dir).sort()).toEqual(before);
    const unknown = await call({ method: 'ledger.dropEverything', input: {} });
    expect(unknown.status).toBe(404);
    const notJson = await raw(host.port, {
      method: 'POST',
      path: '/api/call',
      headers: { host: `127.0.0.1:${host.port}`, 'content-type': 'text/plain', 'x-workbench-token': host.token },
      body: 'method=workspace.new',
    });
    expect(notJson.status).toBe(400);
    expect((await call({ method: 'workspace.info', input: {} })).status).toBe(200);
  });

  it('serves the renderer with a strict CSP and never a file outside it', async () => {
    const page = await raw(host.port, { path: '/', headers: { host: `localhost:${host.port}` } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('AI Spend Workbench');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-eval|https?:/);
    expect(page.headers['x-frame-options']).toBe('DENY');
    const escape = await raw(host.port, { path: '/../secret.txt', headers: { host: `127.0.0.1:${host.port}` } });
    expect(escape.body).not.toContain('do not serve');
    const encoded = await raw(host.port, { path: '/%2e%2e/secret.txt', headers: { host: `127.0.0.1:${host.port}` } });
    expect(encoded.body).not.toContain('do not serve');
    const spa = await raw(host.port, { path: '/ledger', headers: { host: `127.0.0.1:${host.port}` } });
    expect(spa.body).toContain('AI Spend Workbench');
  });

  it('sends a file written to a download target once, with the token, and nothing outside the download folder', async () => {
    const headers = { host: `127.0.0.1:${host.port}`, 'x-workbench-token': host.token };
    const target = await raw(host.port, { method: 'POST', path: '/api/download-target?name=../allocated%20lines.csv', headers });
    const { path: file } = JSON.parse(target.body).value as { path: string };
    // The name loses its folder part; the file sits in a fresh folder under the host's download folder.
    expect(path.basename(file)).toBe('allocated lines.csv');
    expect(path.dirname(path.dirname(file))).toBe(path.join(s.dir, 'downloads'));
    await s.client.runJob('allocation.export', { month: '2026-10', path: file, format: 'csv' }).result;
    const query = `/api/download?path=${encodeURIComponent(file)}`;
    expect((await raw(host.port, { path: query, headers: { host: headers.host } })).status).toBe(401);
    const sent = await raw(host.port, { path: query, headers });
    expect(sent.status).toBe(200);
    expect(sent.headers['content-disposition']).toBe('attachment; filename="allocated lines.csv"');
    expect(sent.body.split('\r\n')[0]).toMatch(/^ChargePeriodStart,ChargePeriodEnd,/);
    // Sent once: the folder is gone, and a second request finds nothing.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(existsSync(path.dirname(file))).toBe(false);
    expect((await raw(host.port, { path: query, headers })).status).toBe(404);
    for (const outside of [path.join(s.dir, 'secret.txt'), path.join(s.dir, 'downloads', '..', 'secret.txt'), path.join(s.dir, 'downloads', 'x', '..', '..', 'secret.txt')]) {
      const refused = await raw(host.port, { path: `/api/download?path=${encodeURIComponent(outside)}`, headers });
      expect({ outside, status: refused.status }).toEqual({ outside, status: 403 });
      expect(refused.body).not.toContain('do not serve');
    }
  });

  it('streams job events to an authorised listener', async () => {
    const events: string[] = [];
    const controller = new AbortController();
    const response = await fetch(`${host.url}api/events`, { headers: { 'x-workbench-token': host.token }, signal: controller.signal });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const started = await call({ method: 'jobs.start', input: { kind: 'workspace.buildDemo', input: { path: path.join(s.dir, 'events.aispend') } } });
    const { jobId } = JSON.parse(started.body).value as { jobId: string };
    let text = '';
    while (!text.includes('"state":"done"')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    for (const line of text.split('\n')) if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)).type);
    expect(text).toContain(jobId);
    expect(events).toContain('job');
    expect(events).toContain('workspace');
    const refused = await fetch(`${host.url}api/events`);
    expect(refused.status).toBe(401);
  });
});

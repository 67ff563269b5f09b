/**
 * Browser mode's path policy, through the HTTP API as a page (or anything
 * else holding the token) would call it: reads only from uploads and the
 * workspace's own folder, no overwriting without consent, exports to the
 * downloads folder, uploads removed once read and kept private, and no
 * static file reached through a symbolic link.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../../electron/host/server';
import { startBackend } from '../../helpers/backend';
import { REPO_ROOT } from '../../helpers/temp';

type Started = Awaited<ReturnType<typeof startBackend>>;

const FOCUS = path.join(REPO_ROOT, 'test', 'fixtures', 'formats', 'focus', 'focus-1.2-ai.csv');

describe('file paths in browser mode', () => {
  let s: Started;
  let host: RunningHost;
  let staticDir: string;
  let uploadRoot: string;
  let downloadRoot: string;
  let staleDownload: string;
  let staleRun: string;
  let liveRun: string;
  let oldLayout: string;

  const headers = () => ({ 'content-type': 'application/json', 'x-workbench-token': host.token });
  /** What the tests read from answers: a job id, a job's state, a detection, an export. */
  interface Value {
    jobId: string;
    state: string;
    result: { status: string };
    error?: { message: string };
    detections: { formatId: string; version: string }[];
    csv: string;
    path: string;
  }
  const call = async (method: string, input: unknown) => {
    const response = await fetch(`${host.url}api/call`, { method: 'POST', headers: headers(), body: JSON.stringify({ method, input }) });
    return { status: response.status, body: (await response.json()) as { ok: boolean; value: Value; error?: { code: string; message: string; field?: string } } };
  };
  const upload = async (file: string, name = path.basename(file)) => {
    const response = await fetch(`${host.url}api/upload?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-workbench-token': host.token },
      body: readFileSync(file),
    });
    const body = (await response.json()) as { ok: boolean; value: { path: string } };
    expect(body.ok).toBe(true);
    return body.value.path;
  };
  const jobEnd = async (jobId: string) => {
    for (;;) {
      const { body } = await call('jobs.get', { jobId });
      if (body.value.state !== 'running') return body.value;
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  beforeAll(async () => {
    s = await startBackend();
    staticDir = path.join(s.dir, 'renderer');
    mkdirSync(staticDir, { recursive: true });
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>AI Spend Workbench</title>');
    writeFileSync(path.join(s.dir, 'secret.txt'), 'do not serve');
    symlinkSync(path.join(s.dir, 'secret.txt'), path.join(staticDir, 'linked.txt'));
    symlinkSync(s.dir, path.join(staticDir, 'outside'));
    // What earlier runs left: one whose host is gone, one whose host still runs (this test's parent), and the layout before run folders.
    uploadRoot = path.join(s.dir, 'uploads');
    staleRun = path.join(uploadRoot, 'run-2147483646-1', 'in', 'a');
    liveRun = path.join(uploadRoot, `run-${process.ppid}-1`, 'in', 'b');
    oldLayout = path.join(uploadRoot, '1b4e28ba-2fa1-11d2-883f-0016d3cca427');
    for (const dir of [staleRun, liveRun, oldLayout]) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'bill.csv'), 'left behind');
    }
    // A download a killed run never handed out.
    downloadRoot = path.join(s.dir, 'downloads');
    staleDownload = path.join(downloadRoot, '2147483646-c0ffee');
    mkdirSync(staleDownload, { recursive: true });
    writeFileSync(path.join(staleDownload, 'lines.csv'), 'left behind');
    host = await startHost({ backend: s.backend, staticDir, uploadDir: uploadRoot, downloadDir: downloadRoot });
  });
  afterAll(async () => {
    await host.close();
    await s.stop();
  });

  it('removes what runs that are no longer alive left in the uploads folder, and keeps a running host’s', () => {
    expect(existsSync(staleRun)).toBe(false);
    expect(existsSync(oldLayout)).toBe(false);
    expect(existsSync(path.join(liveRun, 'bill.csv'))).toBe(true);
    expect(existsSync(staleDownload)).toBe(false);
  });

  it('reads a file only from the uploads or the workspace’s folder', async () => {
    const outside = await call('imports.detect', { path: FOCUS });
    expect(outside.status).toBe(403);
    expect(outside.body.error).toMatchObject({ code: 'forbidden', field: 'path' });
    expect(outside.body.error?.message).toContain('upload this file instead');

    const uploaded = await upload(FOCUS);
    const detected = await call('imports.detect', { path: uploaded });
    expect(detected.status).toBe(200);
    expect(detected.body.value.detections[0]).toMatchObject({ formatId: 'focus', version: '1.2' });

    // The same rule holds inside a job's input, and for every method that takes a path.
    const job = await call('jobs.start', { kind: 'imports.run', input: { path: FOCUS, dryRun: true } });
    expect([job.status, job.body.error?.code]).toEqual([403, 'forbidden']);
    const prices = await call('jobs.start', { kind: 'pricing.importCsv', input: { path: '/etc/passwd' } });
    expect([prices.status, prices.body.error?.code]).toEqual([403, 'forbidden']);
    for (const [method, input] of [
      ['workspace.open', { path: path.join(REPO_ROOT, 'package.json') }],
      ['contracts.importFile', { path: path.join(REPO_ROOT, 'scenarios', 'demo', 'contracts', 'openai-enterprise.yaml') }],
      ['drivers.import', { path: path.join(REPO_ROOT, 'scenarios', 'demo', 'drivers.csv') }],
      ['scenarios.run', { path: path.join(REPO_ROOT, 'scenarios', 'example-loans-triple.yaml') }],
    ] as const) {
      const refused = await call(method, input);
      expect([method, refused.status, refused.body.error?.code]).toEqual([method, 403, 'forbidden']);
    }
    // A relative path is refused rather than resolved against the host's working folder.
    expect((await call('imports.detect', { path: 'package.json' })).body.error).toMatchObject({ code: 'bad_input', field: 'path' });
  });

  it('does not follow a symbolic link out of the uploads folder', async () => {
    const uploaded = await upload(FOCUS, 'link-test.csv');
    const link = path.join(path.dirname(uploaded), 'escape.csv');
    symlinkSync(path.join(s.dir, 'secret.txt'), link);
    const refused = await call('imports.preview', { path: link });
    expect([refused.status, refused.body.error?.code]).toEqual([403, 'forbidden']);
  });

  it('keeps uploads private: the file 0600 in folders 0700', async () => {
    const uploaded = await upload(FOCUS, 'private.csv');
    expect(statSync(uploaded).mode & 0o777).toBe(0o600);
    for (let dir = path.dirname(uploaded); dir.startsWith(uploadRoot); dir = path.dirname(dir)) expect([dir, statSync(dir).mode & 0o777]).toEqual([dir, 0o700]);
  });

  it('removes an upload once its import has finished, failed or been refused', async () => {
    const imported = await upload(FOCUS, 'imported.csv');
    const started = await call('jobs.start', { kind: 'imports.run', input: { path: imported, fileName: 'imported.csv', onOverlap: 'keep' } });
    const done = await jobEnd(started.body.value.jobId);
    expect(done.state).toBe('done');
    expect(done.result.status).toBe('imported');
    expect(existsSync(imported)).toBe(false);
    expect(existsSync(path.dirname(imported))).toBe(false);

    // The same bytes again: refused as already imported; the upload goes too.
    const again = await upload(FOCUS, 'again.csv');
    const failed = await jobEnd((await call('jobs.start', { kind: 'imports.run', input: { path: again } })).body.value.jobId);
    expect(failed.state).toBe('failed');
    expect(failed.error?.message).toContain('already imported');
    expect(existsSync(again)).toBe(false);

    // A price list read by a single call.
    const prices = path.join(s.dir, 'prices.csv');
    writeFileSync(prices, 'provider,model,usage_class,meter,service_tier,context_above,region,effective_from,effective_to,currency,price,per,unit\nopenai,gpt-4.1,input,,standard,,,2027-01-01,,USD,1.50,1000000,token\n');
    const uploadedPrices = await upload(prices);
    const job = await call('jobs.start', { kind: 'pricing.importCsv', input: { path: uploadedPrices } });
    expect((await jobEnd(job.body.value.jobId)).state).toBe('done');
    expect(existsSync(uploadedPrices)).toBe(false);
  });

  it('keeps an upload that was only looked at, for the import that follows', async () => {
    const uploaded = await upload(FOCUS, 'looked-at.csv');
    expect((await call('imports.preview', { path: uploaded, rows: 5 })).status).toBe(200);
    expect(existsSync(uploaded)).toBe(true);
  });

  it('never replaces a file unless the call says so, and never through a link', async () => {
    const folder = path.dirname(s.backend.workspace().path);
    const existing = path.join(folder, 'kept.aispend');
    writeFileSync(existing, 'mine');
    const refused = await call('workspace.saveAs', { path: existing });
    expect([refused.status, refused.body.error?.code]).toEqual([409, 'conflict']);
    const demo = await call('jobs.start', { kind: 'workspace.buildDemo', input: { path: existing } });
    expect([demo.status, demo.body.error?.code]).toEqual([409, 'conflict']);
    expect(readFileSync(existing, 'utf8')).toBe('mine');

    const link = path.join(folder, 'link.aispend');
    symlinkSync(path.join(s.dir, 'secret.txt'), link);
    const throughLink = await call('workspace.saveAs', { path: link, overwrite: true });
    expect([throughLink.status, throughLink.body.error?.code]).toEqual([403, 'forbidden']);
    expect(readFileSync(path.join(s.dir, 'secret.txt'), 'utf8')).toBe('do not serve');
  });

  it('writes an export to the downloads folder, sends it once, then removes it', async () => {
    const asked = path.join(s.dir, 'price-book.csv');
    const exported = await call('pricing.exportCsv', { sources: ['supplement'], path: asked });
    expect(exported.status).toBe(200);
    expect(existsSync(asked)).toBe(false);
    const written: string = exported.body.value.path;
    expect(path.basename(written)).toBe('price-book.csv');
    expect(path.dirname(path.dirname(written))).toBe(downloadRoot);

    const download = await fetch(`${host.url}api/download?path=${encodeURIComponent(written)}`, { headers: { 'x-workbench-token': host.token } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('filename="price-book.csv"');
    expect(await download.text()).toBe(exported.body.value.csv);
    expect(existsSync(written)).toBe(false);
    const twice = await fetch(`${host.url}api/download?path=${encodeURIComponent(written)}`, { headers: { 'x-workbench-token': host.token } });
    expect(twice.status).toBe(404);
    // Only exports can be downloaded, and only with the token.
    const notAnExport = await fetch(`${host.url}api/download?path=${encodeURIComponent(path.join(s.dir, 'secret.txt'))}`, { headers: { 'x-workbench-token': host.token } });
    expect(notAnExport.status).toBe(403);
    expect(await notAnExport.text()).not.toContain('do not serve');
    expect((await fetch(`${host.url}api/download?path=${encodeURIComponent(written)}`)).status).toBe(401);
  });

  it('serves no static file through a symbolic link out of its root', async () => {
    for (const name of ['linked.txt', 'outside/secret.txt']) {
      const response = await fetch(`${host.url}${name}`);
      expect([name, response.status]).toEqual([name, 404]);
      expect(await response.text()).not.toContain('do not serve');
    }
    expect((await fetch(host.url)).status).toBe(200);
  });

  it('removes this run’s uploads and downloads when it stops', async () => {
    const second = await startHost({ backend: s.backend, staticDir, uploadDir: path.join(s.dir, 'uploads-2'), downloadDir: path.join(s.dir, 'downloads-2') });
    const response = await fetch(`${second.url}api/upload?name=x.csv`, { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'x-workbench-token': second.token }, body: 'a,b\n1,2\n' });
    const uploaded = ((await response.json()) as { value: { path: string } }).value.path;
    expect(existsSync(uploaded)).toBe(true);
    const target = await fetch(`${second.url}api/download-target?name=lines.csv`, { method: 'POST', headers: { 'x-workbench-token': second.token } });
    const handedOut = ((await target.json()) as { value: { path: string } }).value.path;
    writeFileSync(handedOut, 'a,b\n');
    await second.close();
    expect(readdirSync(path.join(s.dir, 'uploads-2'))).toEqual([]);
    expect(readdirSync(path.join(s.dir, 'downloads-2'))).toEqual([]);
  });
});

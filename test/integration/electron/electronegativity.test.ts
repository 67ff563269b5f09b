import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/host/security';
import { REPO_ROOT, tempDir } from '../../helpers/temp';
import { buildElectronBundles } from './build-electron';

/**
 * @doyensec/electronegativity over the Electron code: the TypeScript sources under electron/ and the
 * bundles that actually ship (dist/electron/*.cjs, copied as .js because the scanner skips .cjs). Every
 * HIGH or MEDIUM finding must be explained in electronegativity-allowlist.json.
 */

interface Finding {
  id: string;
  file: string;
  severity: { name: string };
  confidence: { name: string };
  location: { line: number; column: number };
  manualReview: boolean;
  description: string;
}
interface ScanResult {
  globalChecks: number;
  atomicChecks: number;
  errors: Array<{ file: string; message: string; tolerable: boolean }>;
  issues: Finding[];
}
interface AllowlistEntry {
  scan: 'source' | 'bundle';
  id: string;
  file: string;
  reason: string;
}

const require = createRequire(import.meta.url);
const runnerPath = require.resolve('@doyensec/electronegativity/dist/runner.js');
const fromRunner = createRequire(runnerPath);

/**
 * Electronegativity fetches updated translations (S3) and Electron's release list (GitHub) with `got`.
 * Tests make no network calls: `got` is replaced by one that answers "offline" (it then uses its bundled
 * English texts), and the release-list check is excluded (it can only compare versions online).
 */
function offlineRunner(): (options: Record<string, unknown>) => Promise<ScanResult> {
  const gotPath = fromRunner.resolve('got');
  const offline = Object.assign(() => Promise.reject(new Error('offline')), { head: () => Promise.reject(new Error('offline')) });
  require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline } as unknown as NodeJS.Module;
  return fromRunner('./runner.js') as (options: Record<string, unknown>) => Promise<ScanResult>;
}

async function scan(input: string): Promise<ScanResult> {
  const run = offlineRunner();
  const log = console.log;
  console.log = () => undefined; // its progress chatter
  try {
    return await run({
      input,
      electronVersionOverride: JSON.parse(readFileSync(path.join(REPO_ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')).version,
      isRelative: true,
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    });
  } finally {
    console.log = log;
  }
}

const allowlist = (JSON.parse(readFileSync(path.join(__dirname, 'electronegativity-allowlist.json'), 'utf8')) as { findings: AllowlistEntry[] }).findings;
const serious = (result: ScanResult) => result.issues.filter((i) => i.severity.name === 'HIGH' || i.severity.name === 'MEDIUM');
const describeFinding = (i: Finding) => `${i.id} ${i.severity.name} ${i.file}:${i.location.line}:${i.location.column} ${i.description}`;

function unexplained(result: ScanResult, scanName: AllowlistEntry['scan']): string[] {
  return serious(result)
    .filter((i) => !allowlist.some((a) => a.scan === scanName && a.id === i.id && a.file === i.file))
    .map(describeFinding);
}

function stale(result: ScanResult, scanName: AllowlistEntry['scan']): AllowlistEntry[] {
  return allowlist.filter((a) => a.scan === scanName && !serious(result).some((i) => a.id === i.id && a.file === i.file));
}

describe('electronegativity', () => {
  let source: ScanResult;
  let bundle: ScanResult;
  const temp = tempDir('aispend-electronegativity-');

  beforeAll(async () => {
    await buildElectronBundles();
    for (const name of ['main', 'preload']) copyFileSync(path.join(REPO_ROOT, 'dist', 'electron', `${name}.cjs`), path.join(temp.dir, `${name}.js`));
    source = await scan(path.join(REPO_ROOT, 'electron'));
    bundle = await scan(temp.dir);
  });
  afterAll(() => temp.cleanup());

  it('runs its checks and parses every Electron source file', () => {
    expect(source.atomicChecks).toBeGreaterThan(30);
    expect(source.globalChecks).toBeGreaterThan(4);
    // A file it cannot parse is a file it did not check.
    expect(source.errors.filter((e) => /(^|\/)(main|preload)\//.test(e.file))).toEqual([]);
    expect(bundle.errors).toEqual([]);
  });

  it('leaves no high or medium finding unexplained in the sources', () => {
    expect(unexplained(source, 'source')).toEqual([]);
  });

  it('leaves no high or medium finding unexplained in the shipped bundles', () => {
    expect(unexplained(bundle, 'bundle')).toEqual([]);
  });

  it('has no allowlist entry that no longer matches a finding, and a reason for each', () => {
    expect(stale(source, 'source')).toEqual([]);
    expect(stale(bundle, 'bundle')).toEqual([]);
    for (const entry of allowlist) expect(entry.reason.length, entry.id).toBeGreaterThan(40);
  });

  it('finds the window settings it checks for (the scan really saw main.ts)', () => {
    // The preload finding proves the BrowserWindow options were parsed; with them parsed, no finding about
    // contextIsolation, sandbox, nodeIntegration, webSecurity, navigation limits or permission handlers.
    expect(source.issues.some((i) => i.id === 'PRELOAD_JS_CHECK' && i.file === 'main/main.ts')).toBe(true);
    const ids = new Set(source.issues.map((i) => i.id));
    for (const id of [
      'CONTEXT_ISOLATION_JS_CHECK',
      'SANDBOX_JS_CHECK',
      'NODE_INTEGRATION_JS_CHECK',
      'WEB_SECURITY_JS_CHECK',
      'LIMIT_NAVIGATION_GLOBAL_CHECK',
      'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
      'AUXCLICK_JS_CHECK',
      'INSECURE_CONTENT_JS_CHECK',
      'EXPERIMENTAL_FEATURES_JS_CHECK',
      'REMOTE_MODULE_JS_CHECK',
      'OPEN_EXTERNAL_JS_CHECK',
      'DANGEROUS_FUNCTIONS_JS_CHECK',
      'BLINK_FEATURES_JS_CHECK',
    ]) {
      expect(ids.has(id), id).toBe(false);
    }
  });

  it('would notice if the window lost its sandbox or context isolation (the checks above can fail)', async () => {
    const weakened = readFileSync(path.join(REPO_ROOT, 'electron', 'main', 'main.ts'), 'utf8')
      .replace('contextIsolation: true', 'contextIsolation: false')
      .replace('sandbox: true', 'sandbox: false');
    const dir = path.join(temp.dir, 'weakened');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'main.ts'), weakened);
    const ids = new Set((await scan(dir)).issues.map((i) => i.id));
    expect(ids.has('CONTEXT_ISOLATION_JS_CHECK')).toBe(true);
    expect(ids.has('SANDBOX_JS_CHECK')).toBe(true);
  });

  it('rates our Content-Security-Policy with no high or medium weakness (its own CSP evaluator)', () => {
    const csp = fromRunner('@doyensec/csp-evaluator') as {
      CspParser: new (text: string) => { csp: unknown };
      CspEvaluator: new (csp: unknown, version: unknown) => { evaluate(): Array<{ severity: number; description: string; directive: string }> };
      Version: { CSP3: unknown };
      severities: Record<string, number>;
    };
    const findings = new csp.CspEvaluator(new csp.CspParser(CONTENT_SECURITY_POLICY).csp, csp.Version.CSP3).evaluate();
    const text = (severities: number[]) => findings.filter((f) => severities.includes(f.severity)).map((f) => `${f.directive}: ${f.description}`);
    expect(text([csp.severities.HIGH!, csp.severities.MEDIUM!])).toEqual([]);
    // The one "maybe": script-src 'self' is only as safe as what the origin serves. app://workbench (and
    // browser mode's 127.0.0.1 origin) serve the built renderer read-only: no JSONP, no Angular templates,
    // and imported files are read from disk by the backend, never served back to the page.
    expect(text([csp.severities.HIGH_MAYBE!, csp.severities.MEDIUM_MAYBE!])).toEqual(["script-src: 'self' can be problematic if you host JSONP, Angular or user uploaded files."]);
  });
});

#!/usr/bin/env node
// `npm test`: unit + integration tests (vitest) and end-to-end tests
// (Playwright, Chromium, browser mode). Finds a browser itself: the system
// Chromium when there is one, else Playwright's own (installing it if need be).
// The last line printed is "N passed, N failed", summed from both runners'
// JSON reports.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT, buildIfStale } from './build-lib.mjs';

const args = process.argv.slice(2);
const unitOnly = args.includes('--unit-only');
const e2eOnly = args.includes('--e2e-only');
const resultsDir = path.join(ROOT, 'test-results');
mkdirSync(resultsDir, { recursive: true });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function run(command, commandArgs, env = {}) {
  const started = Date.now();
  const result = spawnSync(command, commandArgs, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  return { status: result.status ?? 1, seconds: Math.round((Date.now() - started) / 100) / 10 };
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** The Chromium to drive: CHROMIUM_PATH, the system's, or Playwright's own (installed on demand). */
function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean);
  for (const candidate of candidates) if (existsSync(candidate)) return candidate;
  const require = createRequire(import.meta.url);
  const own = () => {
    try {
      const file = require('playwright-core').chromium.executablePath();
      return file && existsSync(file) ? file : null;
    } catch {
      return null;
    }
  };
  if (own()) return own();
  process.stderr.write('No Chromium found on this machine; installing Playwright\'s own (npx playwright install chromium)…\n');
  run(npx, ['playwright', 'install', 'chromium']);
  return own();
}

const summary = { passed: 0, failed: 0, notes: [] };

if (!e2eOnly) {
  const file = path.join(resultsDir, 'vitest.json');
  rmSync(file, { force: true });
  const { status, seconds } = run(npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
  const report = readJson(file);
  if (report) {
    summary.passed += report.numPassedTests ?? 0;
    summary.failed += report.numFailedTests ?? 0;
    summary.notes.push(`vitest: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests ?? 0} skipped in ${seconds} s`);
    if (status !== 0 && (report.numFailedTests ?? 0) === 0) {
      // A suite that failed to load counts as a failure even though no test inside it ran.
      summary.failed += Math.max(1, report.numFailedTestSuites ?? 1);
      summary.notes.push('vitest: a test file failed to load');
    }
  } else {
    summary.failed += 1;
    summary.notes.push(`vitest: no JSON report (exit ${status})`);
  }
}

if (!unitOnly) {
  if (!existsSync(path.join(ROOT, 'playwright.config.ts'))) {
    summary.notes.push('playwright: no playwright.config.ts yet, end-to-end tests not run');
  } else {
    const chromium = findChromium();
    await buildIfStale();
    const file = path.join(resultsDir, 'playwright.json');
    rmSync(file, { force: true });
    const { status, seconds } = run(npx, ['playwright', 'test', '--reporter=list,json'], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: file,
      ...(chromium ? { CHROMIUM_PATH: chromium } : {}),
    });
    const report = readJson(file);
    if (report && report.stats) {
      const passed = (report.stats.expected ?? 0) + (report.stats.flaky ?? 0);
      const failed = report.stats.unexpected ?? 0;
      summary.passed += passed;
      summary.failed += failed;
      summary.notes.push(`playwright: ${passed} passed (${report.stats.flaky ?? 0} flaky), ${failed} failed, ${report.stats.skipped ?? 0} skipped in ${seconds} s`);
      if (status !== 0 && failed === 0) {
        summary.failed += 1;
        summary.notes.push(`playwright: exited ${status} without a failed test (setup error?)`);
      }
    } else {
      summary.failed += 1;
      summary.notes.push(`playwright: no JSON report (exit ${status})`);
    }
  }
}

for (const note of summary.notes) console.log(note);
console.log(`${summary.passed} passed, ${summary.failed} failed`);
process.exit(summary.failed > 0 ? 1 : 0);

/**
 * Interactive on the demo within 1.5 s: the browser-mode host is started on a
 * throwaway data folder (the demo built once, not timed), then Chromium opens
 * the app five times; each time counts from navigation to the Overview's
 * figures on screen (latest month, trend, the monthly chart) and a click on
 * Ledger answered with its first rows. The board question's answer, worked
 * out in a Web Worker after that, is timed apart (it never blocks the page).
 * Anchor: the same page load to the first paint of the app's frame (the
 * workspace name), measured in the same runs. Every milestone is timed in
 * the page (the frame after its element is first shown; the click by its
 * own time stamp), on the run's clock, so no polling step is in the numbers.
 * `extra.profile` says where the
 * time went: the warm runs' median milestones (page loaded, frame, latest
 * month, trend, chart, Ledger clicked, its rows, the board answer) and when
 * each request (API calls by method, code chunks by name) started and ended.
 *
 * Run: npx tsx bench/open-demo.bench.ts   (or npm run bench -- open-demo)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { chromium, type Page, type Request } from '@playwright/test';
import { peakRssMb, writeBenchResult } from './lib/result';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TOKEN = 'bench-token-0123456789abcdef';
const TARGET_MS = 1500;
const RUNS = 5;

async function startHost(home: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'host', 'host.cjs'), '--port', '0'], { cwd: ROOT, env: { ...process.env, AISPEND_TOKEN: TOKEN, AISPEND_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the host did not start:\n${output}`)), 300_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /is ready: (http:\/\/127\.0\.0\.1:\d+\/)#token=/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`the host exited with code ${code}:\n${output}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

/**
 * What the page shows at each milestone. Each is timed in the page itself
 * (the frame painted after the DOM first matches), not by Playwright's
 * locator.waitFor: that polls with a backoff (0, 20, 50, 100, 100, then
 * every 500 ms), so a milestone reached just after its fifth poll was
 * reported up to half a second late — the frame's "762 → 1,017 ms" between
 * two quiet runs was such a step (the workspace name on screen about
 * 130 ms later, past the fifth poll).
 */
const MILESTONES = {
  frame: { selector: '[data-testid="workspace-name"]' },
  latestMonth: { selector: '[data-testid="kpi-latest"] .kpi-value', text: 'USD' },
  trend: { selector: '[data-testid="kpi-trend"] .money', text: 'a month' },
  chart: { selector: '[data-testid="monthly-chart"] svg' },
  ledgerRows: { selector: '[data-view="ledger"] .ag-row:not(.ag-row-loading) [col-id="billedCost"]' },
  boardAnswer: { selector: '[data-testid="board-answer"]' },
} satisfies Record<string, { selector: string; text?: string }>;

type MilestoneName = keyof typeof MILESTONES | 'ledgerClicked';
type MilestoneWindow = { __openDemo: Partial<Record<MilestoneName, number>> };

/**
 * Runs in the page before its own scripts: notes when each milestone's
 * element is first on screen (the next animation frame after the DOM
 * matched), and when the Ledger link was clicked (the click's own time
 * stamp, so a busy page's delay in answering it counts against the page).
 * Plain JavaScript in a string: tsx would wrap a TypeScript function's inner
 * functions in a `__name` helper the page does not have.
 */
const RECORD_MILESTONES = `(function (milestones) {
  var at = {};
  window.__openDemo = at;
  var pending = new Set(Object.keys(milestones));
  // Visible as Playwright means it: a box with a size (a view kept mounted but hidden has none).
  function shown(e, text) {
    var box = e.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && (text === undefined || (e.textContent || '').indexOf(text) >= 0);
  }
  var observer = new MutationObserver(function () {
    pending.forEach(function (name) {
      var m = milestones[name];
      var found = Array.prototype.some.call(document.querySelectorAll(m.selector), function (e) { return shown(e, m.text); });
      if (!found) return;
      pending.delete(name);
      requestAnimationFrame(function () { at[name] = performance.now(); });
    });
    if (pending.size === 0) observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
  document.addEventListener('click', function (e) {
    var link = e.target && e.target.closest ? e.target.closest('nav a[href="#/ledger"]') : null;
    if (link && at.ledgerClicked === undefined) at.ledgerClicked = e.timeStamp;
  }, true);
})`;

/** Where one page load's time went: milestones on screen, and each request's start and end, in ms from navigation. */
interface RunProfile {
  milestones: Record<string, number>;
  requests: { what: string; start: number; end: number | null }[];
}

/** Records every request of a page (API calls by method, assets by file name) with when it started and finished. */
function watchRequests(page: Page, base: string, since: () => number): RunProfile {
  const profile: RunProfile = { milestones: {}, requests: [] };
  const open = new Map<Request, RunProfile['requests'][number]>();
  page.on('request', (r) => {
    const url = r.url().replace(base, '/');
    const method = url === '/api/call' ? (JSON.parse(r.postData() ?? '{}') as { method?: string }).method : undefined;
    const entry = { what: method ? `api ${method}` : url.replace(/-[\w-]{8}\.(js|css)$/, '.$1'), start: since(), end: null };
    open.set(r, entry);
    profile.requests.push(entry);
  });
  const finish = (r: Request) => {
    const entry = open.get(r);
    if (entry) entry.end = since();
  };
  page.on('requestfinished', finish);
  page.on('requestfailed', finish);
  return profile;
}

/** The warm runs' medians: each milestone, and each request's start and end (the first of its kind in a run). */
function summarise(profiles: RunProfile[], median: (xs: number[]) => number): { milestones: Record<string, number>; requests: Record<string, { start: number; end: number | null }> } {
  const milestones: Record<string, number> = {};
  for (const key of Object.keys(profiles[0]?.milestones ?? {})) milestones[key] = median(profiles.map((p) => p.milestones[key] ?? 0));
  const requests: Record<string, { start: number; end: number | null }> = {};
  const names = [...new Set(profiles.flatMap((p) => p.requests.map((r) => r.what)))];
  for (const what of names) {
    const firsts = profiles.map((p) => p.requests.find((r) => r.what === what)).filter((r): r is RunProfile['requests'][number] => r !== undefined);
    if (firsts.length < profiles.length) continue;
    const ends = firsts.map((r) => r.end).filter((e): e is number => e !== null);
    requests[what] = { start: median(firsts.map((r) => r.start)), end: ends.length === firsts.length ? median(ends) : null };
  }
  return { milestones, requests: Object.fromEntries(Object.entries(requests).sort(([, a], [, b]) => a.start - b.start)) };
}

async function main(): Promise<void> {
  const buildLib = (await import(pathToFileURL(path.join(ROOT, 'scripts', 'build-lib.mjs')).href)) as { buildIfStale: (o?: { quiet?: boolean }) => Promise<string[]> };
  await buildLib.buildIfStale({ quiet: true });
  const home = mkdtempSync(path.join(os.tmpdir(), 'aispend-bench-open-'));
  const host = await startHost(home);
  const browser = await chromium.launch(existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] } : {});
  try {
    const runs: { frame: number; interactive: number; answered: number }[] = [];
    const profiles: RunProfile[] = [];
    for (let i = 0; i < RUNS; i++) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.addInitScript({ content: `${RECORD_MILESTONES}(${JSON.stringify(MILESTONES)});` });
      const t0 = performance.now();
      const since = () => Math.round(performance.now() - t0);
      const profile = watchRequests(page, host.url, since);
      await page.goto(`${host.url}#token=${TOKEN}`);
      profile.milestones.loaded = since();
      // The page's clock starts at its navigation; this run's clock at the call to open it (the same wall clock).
      const pageOrigin = (await page.evaluate(() => performance.timeOrigin)) - (performance.timeOrigin + t0);
      const reached = async (name: MilestoneName, timeout = 30_000) => {
        await page.waitForFunction((n) => (window as unknown as MilestoneWindow).__openDemo?.[n] !== undefined, name, { polling: 'raf', timeout });
        const at = await page.evaluate((n) => (window as unknown as MilestoneWindow).__openDemo[n]!, name);
        profile.milestones[name] = Math.round(pageOrigin + at);
        return pageOrigin + at;
      };
      const frame = await reached('frame');
      await reached('latestMonth');
      await reached('trend');
      await reached('chart');
      await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Ledger' }).click();
      await reached('ledgerClicked');
      const interactive = await reached('ledgerRows');
      await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Overview' }).click();
      const answered = await reached('boardAnswer', 120_000);
      runs.push({ frame: Math.round(frame), interactive: Math.round(interactive), answered: Math.round(answered) });
      profiles.push(profile);
      process.stderr.write(`run ${i + 1}: frame ${Math.round(frame)} ms, interactive ${Math.round(interactive)} ms, board question answered ${Math.round(answered)} ms\n`);
      await page.close();
    }
    // The first run warms the host's caches and the browser's; the median of the rest is what a person sees on opening.
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const warm = runs.slice(1);
    const interactive = median(warm.map((r) => r.interactive));
    const frame = median(warm.map((r) => r.frame));
    writeBenchResult({
      name: 'open-demo-interactive',
      value: interactive,
      unit: 'ms',
      anchor: 'page load to the app frame (workspace name) on screen',
      anchorValue: frame,
      ratio: frame > 0 ? Math.round((interactive / frame) * 100) / 100 : null,
      peakRssMb: peakRssMb(),
      rows: null,
      target: `Overview figures on screen and the Ledger answering within ${TARGET_MS} ms of opening the demo`,
      passed: interactive <= TARGET_MS,
      extra: { firstRunMs: runs[0]!.interactive, boardQuestionAnsweredMs: median(warm.map((r) => r.answered)), runs, profile: summarise(profiles.slice(1), median) },
    });
  } finally {
    await browser.close();
    host.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});

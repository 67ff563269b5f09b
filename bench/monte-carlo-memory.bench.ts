/**
 * Monte Carlo memory benchmark: `aispend run scenarios/board-question.yaml
 * --months 120 --draws N --json` at 10,000, 100,000 and 1,000,000 draws,
 * each in its own process (the bundled CLI, as a user runs it: two engine
 * worker threads), peak RSS of the whole process (main thread and workers)
 * from /usr/bin/time. Targets: under 500 MB at every size (memory does not
 * grow with the draws), time linear in draws (each step up in draws costing
 * about the same per 1,000 draws).
 *
 * Run: npx tsx bench/monte-carlo-memory.bench.ts   (or npm run bench -- monte-carlo)
 *      AISPEND_BENCH_DRAWS=10000,100000 to measure fewer sizes.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { writeBenchResult } from './lib/result';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = (process.env.AISPEND_BENCH_DRAWS ?? '10000,100000,1000000').split(',').map(Number);
const MONTHS = 120;
const LIMIT_MB = 500;

interface Measured {
  draws: number;
  seconds: number;
  peakRssMb: number;
  secondsPer1000Draws: number;
  percentiles: unknown;
  costPerLoanP10P50P90: (string | null | undefined)[];
}

/** A fixed CPU yardstick measured in the same run (the machines are shared): sorting 2M seeded doubles. */
function anchorMs(): number {
  const values = new Float64Array(2_000_000);
  let x = 12345;
  for (let i = 0; i < values.length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    values[i] = x / 4294967296;
  }
  const t = performance.now();
  values.sort();
  return performance.now() - t;
}

function measure(draws: number): Measured {
  const out = path.join(os.tmpdir(), `aispend-mc-bench-${process.pid}-${draws}.json`);
  const cli = path.join(ROOT, 'dist', 'cli', 'aispend.cjs');
  // %M: peak resident set size in KB; %e: elapsed seconds. The JSON goes to a file so /usr/bin/time's line stays on stderr alone.
  const run = spawnSync('/usr/bin/time', ['-f', 'rss-kb %M elapsed %e', 'sh', '-c', `exec "$0" "$@" > ${JSON.stringify(out)}`, process.execPath, cli, 'run', path.join(ROOT, 'scenarios', 'board-question.yaml'), '--months', String(MONTHS), '--draws', String(draws), '--seed', '1', '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = /rss-kb (\d+) elapsed ([\d.]+)/.exec(run.stderr);
  if (run.status !== 0 || !line) throw new Error(`aispend run --draws ${draws} failed (${run.status}): ${run.stderr.slice(-2000)}`);
  const doc = JSON.parse(readFileSync(out, 'utf8')) as { runs: { percentiles?: unknown; scenarios: { isBaseline: boolean; kpis: Record<string, { costPerUnit: string | null } | undefined> }[] }[] };
  const result = doc.runs[0]!;
  const scenario = result.scenarios.find((s) => !s.isBaseline) ?? result.scenarios[0]!;
  const seconds = Number(line[2]);
  return {
    draws,
    seconds,
    peakRssMb: Math.round(Number(line[1]) / 102.4) / 10,
    secondsPer1000Draws: draws > 0 ? Math.round((seconds / draws) * 1000 * 1000) / 1000 : 0,
    percentiles: result.percentiles,
    costPerLoanP10P50P90: (['p10', 'p50', 'p90'] as const).map((p) => scenario.kpis[p]?.costPerUnit ?? null),
  };
}

async function main(): Promise<void> {
  const buildLib = (await import('../scripts/build-lib.mjs' as string)) as { isStale(part: string): boolean; buildNode(o?: { quiet?: boolean }): Promise<void> };
  if (buildLib.isStale('node')) await buildLib.buildNode({ quiet: true });
  const anchor = anchorMs();
  // The memory yardstick: the same command without draws (start-up, the exact run), in this run.
  const noDraws = measure(0);
  process.stderr.write(`  no draws: ${noDraws.seconds} s, peak RSS ${noDraws.peakRssMb} MB\n`);
  const sizes: Measured[] = [];
  for (const draws of SIZES) {
    const m = measure(draws);
    process.stderr.write(`  ${draws.toLocaleString('en-US')} draws: ${m.seconds} s, peak RSS ${m.peakRssMb} MB\n`);
    sizes.push(m);
  }
  const largest = sizes.at(-1)!;
  const peak = Math.max(...sizes.map((s) => s.peakRssMb));
  // Start-up, the exact run and the tornado cost the same at every size: time is linear in draws when each step up
  // in draws costs about the same per 1,000 draws (within a factor of 1.5 of each other; the machines are shared).
  const marginal = sizes.slice(1).map((s, i) => Math.round(((s.seconds - sizes[i]!.seconds) / (s.draws - sizes[i]!.draws)) * 1000 * 1000) / 1000);
  const linear = marginal.length < 2 || Math.max(...marginal) <= 1.5 * Math.min(...marginal);
  writeBenchResult({
    name: 'monte-carlo-memory',
    value: peak,
    unit: 'MB peak RSS',
    anchor: 'the same aispend run with --draws 0 (start-up and the exact run), same run',
    anchorValue: noDraws.peakRssMb,
    ratio: Math.round((peak / noDraws.peakRssMb) * 100) / 100,
    peakRssMb: peak,
    rows: largest.draws,
    target: `aispend run board-question.yaml --months ${MONTHS} at ${SIZES.map((d) => d.toLocaleString('en-US')).join(', ')} draws: peak RSS under ${LIMIT_MB} MB at every size, time linear in draws`,
    passed: peak < LIMIT_MB && linear,
    extra: { months: MONTHS, sizes, noDraws, marginalSecondsPer1000Draws: marginal, timeLinearInDraws: linear, cpuAnchorMs: Math.round(anchor), cpuAnchor: 'Float64Array.sort of 2M seeded doubles, same run', ratioIs: 'the highest peak RSS with draws ÷ the peak RSS without' },
  });
  if (!(peak < LIMIT_MB)) process.exitCode = 1;
}

await main();

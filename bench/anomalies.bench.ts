/**
 * Anomaly detection over a year of daily cost for 200 dimensions (provider,
 * model, key, team values): robust STL, Hampel filter, segmentation and the
 * filters, per series, with a few planted events. Target: under 2 s on 2
 * cores. Anchor: the same 200 series through a plain trailing 7-day median
 * (the simplest baseline a tool could use), in the same run.
 *
 * Run: npx tsx bench/anomalies.bench.ts   (or npm run bench -- anomalies)
 */
import { performance } from 'node:perf_hooks';
import { detectDaily, type DailySeries } from '../shared/domain/anomalies/detect';
import { median } from '../shared/domain/anomalies/robust';
import { Random } from './generate/random';
import { peakRssMb, writeBenchResult } from './lib/result';

const WEEK = [1.0, 1.15, 1.1, 1.12, 1.05, 0.55, 0.45];
const SERIES = 200;
const DAYS = 365;

function makeSeries(): DailySeries[] {
  const random = new Random(13);
  return Array.from({ length: SERIES }, (_, s) => {
    const level = 50 + random.next() * 2000;
    const costs = Array.from({ length: DAYS }, (_, i) => {
      let v = level * (1 + i / 1500) * WEEK[(i + 3) % 7]! * (1 + 0.1 * (random.next() + random.next() + random.next() - 1.5));
      if (s % 10 === 0 && i === 100 + s) v *= 2.5; // a spike in every tenth series
      if (s % 25 === 1 && i >= 200) v *= 1.5; // a level shift in every 25th
      return v;
    });
    return { dimension: 'model', value: `m${s}`, currency: 'USD', start: '2026-01-01', costs, firstSeen: 0 };
  });
}

const series = makeSeries();
// Warm-up on a few series (the JIT), then the measured pass.
for (const s of series.slice(0, 5)) detectDaily(s);
const t0 = performance.now();
const found = series.flatMap((s) => detectDaily(s));
const ms = Math.round(performance.now() - t0);
const a0 = performance.now();
let flagged = 0;
for (const s of series) for (let i = 7; i < DAYS; i++) if (s.costs[i]! > 2 * median(s.costs.slice(i - 7, i))) flagged += 1;
const anchorMs = Math.round(performance.now() - a0);
process.stderr.write(`${found.length} anomalies in ${SERIES} series in ${ms} ms (anchor ${anchorMs} ms, ${flagged} days over twice the trailing median)\n`);
writeBenchResult({
  name: 'anomalies-200-series',
  value: ms,
  unit: 'ms',
  anchor: 'the same 200 series through a trailing 7-day median',
  anchorValue: anchorMs,
  ratio: Math.round((ms / Math.max(1, anchorMs)) * 100) / 100,
  peakRssMb: peakRssMb(),
  rows: SERIES * DAYS,
  target: 'a year of daily cost for 200 dimensions under 2,000 ms on 2 cores',
  passed: ms < 2000,
  extra: { anomalies: found.length, kinds: Object.fromEntries(['spike', 'dip', 'level_shift', 'ramp', 'new'].map((k) => [k, found.filter((a) => a.kind === k).length])) },
});

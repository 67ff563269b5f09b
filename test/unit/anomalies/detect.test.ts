import { describe, expect, it } from 'vitest';
import { detectDaily, detectMonthly, type DailySeries } from '../../../shared/domain/anomalies/detect';
import { addDays } from '../../../shared/domain/calendar';
import { stl } from '../../../shared/domain/anomalies/stl';
import { mulberry32 } from '../../../shared/domain/seeded';

// Monday to Sunday: weekdays busy, weekends at about half. 2026-01-01 is a Thursday (index 3).
const WEEK = [1.0, 1.15, 1.1, 1.12, 1.05, 0.55, 0.45];
const START = '2026-01-01';

/** A year of daily cost: $200 a day, slow growth, the weekly pattern, ±~10% noise; `plant` changes the day's value. */
function year(seed: number, plant: (day: number, value: number) => number = (_d, v) => v): number[] {
  const r = mulberry32(seed);
  return Array.from({ length: 365 }, (_, i) => {
    const noise = 1 + 0.096 * (r() + r() + r() - 1.5);
    return plant(i, 200 * (1 + i / 1500) * WEEK[(i + 3) % 7]! * noise);
  });
}

function series(costs: number[], firstSeen = 0, value = 'gpt-4.1'): DailySeries {
  return { dimension: 'model', value, currency: 'USD', start: START, costs, firstSeen };
}

const SEEDS = [3, 5, 11, 42, 97];
const day = (i: number) => addDays(START, i);

describe('STL', () => {
  it('recovers a weekly pattern exactly when there is nothing else', () => {
    // y = 10 + pattern; the seasonal component is the pattern minus its mean (1.0), the trend 11.
    const pattern = [3, 1, 0, 0, 0, 1, 2];
    const y = Array.from({ length: 70 }, (_, i) => 10 + pattern[i % 7]!);
    const d = stl(y, { period: 7, robust: 0 });
    for (let i = 14; i < 56; i++) {
      expect(d.seasonal[i]).toBeCloseTo(pattern[i % 7]! - 1, 6);
      expect(d.trend[i]).toBeCloseTo(11, 6);
    }
  });
});

describe('daily anomalies on generated series', () => {
  it('finds nothing on a clean seasonal series with noise (200 series)', () => {
    const findings = Array.from({ length: 200 }, (_, s) => detectDaily(series(year(1000 + s)))).flat();
    expect(findings).toEqual([]);
  });

  it('finds planted spikes and a dip on their day', () => {
    for (const seed of SEEDS) {
      const costs = year(seed, (d, v) => (d === 120 ? v * 2.5 : d === 250 ? v * 1.8 : d === 150 ? v * 0.3 : v));
      const found = detectDaily(series(costs)).map((a) => [a.kind, a.period]);
      expect(found, `seed ${seed}`).toEqual([
        ['spike', day(120)],
        ['dip', day(150)],
        ['spike', day(250)],
      ]);
    }
  });

  it('states the expected and actual cost of a spike and the size of the jump', () => {
    const costs = year(7, (d, v) => (d === 120 ? v * 3 : v));
    const [spike] = detectDaily(series(costs));
    expect(spike).toMatchObject({ kind: 'spike', period: day(120), actual: costs[120], dimension: 'model', value: 'gpt-4.1', currency: 'USD' });
    // Day 120 is a Friday (weekday factor 1.05): expected ≈ 200 × (1 + 120/1500) × 1.05 = 226.8, within the noise.
    expect(spike!.expected).toBeGreaterThan(200);
    expect(spike!.expected).toBeLessThan(255);
    expect(spike!.impact).toBeCloseTo(spike!.actual - spike!.expected, 9);
    expect(spike!.impactPercent).toBeGreaterThan(150);
    expect(spike!.message).toMatch(/^model gpt-4\.1 spikes on 2026-05-01: \$[\d,.]+ against \$[\d,.]+ expected \(\+\d+%\)$/);
  });

  it('says a series by the name people call it, keeping its id as the value', () => {
    const costs = year(7, (d, v) => (d === 120 ? v * 3 : v));
    const [spike] = detectDaily({ ...series(costs), dimension: 'team', value: 'credit-risk', name: 'Credit risk' });
    expect(spike).toMatchObject({ kind: 'spike', dimension: 'team', value: 'credit-risk', name: 'Credit risk' });
    expect(spike!.message).toMatch(/^team Credit risk spikes on 2026-05-01: /);
    const months = detectMonthly({ dimension: 'team', value: 'credit-risk', name: 'Credit risk', currency: 'USD', months: ['2026-01', '2026-02', '2026-03', '2026-04'], costs: [100, 102, 98, 300], lastMonthCoverage: 1 });
    expect(months.map((a) => a.name)).toEqual(['Credit risk']);
    expect(months[0]!.message).toMatch(/^team Credit risk costs more in 2026-04 than the three months before: /);
  });

  it('finds level shifts up and down on their first day', () => {
    for (const seed of SEEDS) {
      const up = detectDaily(series(year(seed, (d, v) => (d >= 200 ? v * 1.4 : v))));
      expect(up.map((a) => [a.kind, a.period]), `seed ${seed}`).toEqual([['level_shift', day(200)]]);
      expect(up[0]!.impactPercent).toBeGreaterThan(25);
      const down = detectDaily(series(year(seed, (d, v) => (d >= 90 ? v * 0.6 : v))));
      expect(down.map((a) => [a.kind, a.period]), `seed ${seed}`).toEqual([['level_shift', day(90)]]);
      expect(down[0]!.impact).toBeLessThan(0);
    }
  });

  it('finds a ramp at its start (a bend is dated to within two days: its first days are inside the noise)', () => {
    for (const seed of SEEDS) {
      // +4% of the day's cost every day from day 260, for 20 days, then a plateau.
      const found = detectDaily(series(year(seed, (d, v) => (d >= 260 ? v * (1 + 0.04 * Math.min(d - 259, 20)) : v))));
      expect(found.map((a) => a.kind), `seed ${seed}`).toEqual(['ramp']);
      const start = Math.round((Date.parse(found[0]!.period) - Date.parse(START)) / 86_400_000);
      expect(Math.abs(start - 260), `seed ${seed}: ramp dated ${found[0]!.period}`).toBeLessThanOrEqual(2);
      expect(found[0]!.slopePerDay).toBeGreaterThan(0);
    }
  });

  it('reports a new model on the day it first appears, and nothing for one there from the start', () => {
    const costs = year(9, (d, v) => (d < 300 ? 0 : v));
    const found = detectDaily(series(costs, 300, 'gpt-5'));
    expect(found.map((a) => [a.kind, a.period, a.expected])).toEqual([['new', day(300), 0]]);
    expect(found[0]!.actual).toBe(costs[300]);
    expect(found[0]!.message).toMatch(/^model gpt-5 appears for the first time/);
    expect(detectDaily(series(year(9), 3))).toEqual([]);
  });

  it('drops findings below the minimum cost or percentage', () => {
    const costs = year(11, (d, v) => (d === 120 ? v * 1.8 : v));
    expect(detectDaily(series(costs)).map((a) => a.kind)).toEqual(['spike']);
    expect(detectDaily(series(costs), { minCost: 1000 })).toEqual([]);
    expect(detectDaily(series(costs), { minPercent: 200 })).toEqual([]);
  });
});

describe('monthly anomalies', () => {
  it('flags a month far above the three before it, pro-rating a month under way', () => {
    // Expected for 2026-05: the median of Feb–Apr (1100, 1050, 1080) = 1080; 1800 is +720 (+67%).
    const found = detectMonthly({ dimension: 'team', value: 'risk', currency: 'USD', months: ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05'], costs: [1000, 1100, 1050, 1080, 1800], lastMonthCoverage: 1 });
    expect(found.map((a) => [a.kind, a.period, a.expected, a.impact])).toEqual([['spike', '2026-05', 1080, 720]]);
    // Half of May seen so far: expected 1080 × 0.5 = 540; 560 is within the usual spread.
    expect(detectMonthly({ dimension: 'team', value: 'risk', currency: 'USD', months: ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05'], costs: [1000, 1100, 1050, 1080, 560], lastMonthCoverage: 0.5 })).toEqual([]);
  });
});

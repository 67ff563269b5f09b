import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { SORT_THREADS, SPARE_CORES_FOR_SORT_THREADS, sorterThreads } from '../../../electron/backend/imports/ledger-bulk-writer';
import { sampleCpu, spareCores, type CpuSample } from '../../../electron/backend/imports/spare-cores';

const start: CpuSample = { busyMs: 40_000, idleMs: 60_000, ownMs: 1_000, cores: 4 };

describe('cores left to this process over a stretch of time', () => {
  it('counts the cores less the time other programs kept busy, per unit of time passed', () => {
    // 4 cores over 1 s: 4,000 ms passed, 3,000 busy, 1,800 of them this process's:
    // others 1,200 ms of 4,000 → 4 × (1 - 1,200/4,000) = 2.8 cores.
    expect(spareCores(start, { busyMs: 43_000, idleMs: 61_000, ownMs: 2_800, cores: 4 })).toBeCloseTo(2.8, 10);
    // A machine to ourselves: every busy millisecond ours → all 4 cores.
    expect(spareCores(start, { busyMs: 41_500, idleMs: 62_500, ownMs: 2_500, cores: 4 })).toBe(4);
    // Others saturating it: 4,000 of 4,000 busy, 400 ours → 4 × (1 - 3,600/4,000) = 0.4 cores.
    expect(spareCores(start, { busyMs: 44_000, idleMs: 60_000, ownMs: 1_400, cores: 4 })).toBeCloseTo(0.4, 10);
  });

  it('never counts others below zero: our time read a tick later than the machine\'s', () => {
    // 1,000 ms busy but 1,050 ours (the clocks move in ticks): others 0 → 4 cores.
    expect(spareCores(start, { busyMs: 41_000, idleMs: 63_000, ownMs: 2_050, cores: 4 })).toBe(4);
  });

  it('tells nothing over a window too short for the clocks, or when the core count changed', () => {
    // 150 ms passed on the cores: under 200.
    expect(spareCores(start, { busyMs: 40_100, idleMs: 60_050, ownMs: 1_100, cores: 4 })).toBeNull();
    expect(spareCores(start, { busyMs: 43_000, idleMs: 61_000, ownMs: 2_800, cores: 8 })).toBeNull();
  });

  it('reads the machine\'s cores and this process\'s clock, which only move forward', () => {
    const a = sampleCpu();
    let x = 0;
    for (let i = 0; i < 2_000_000; i += 1) x += i % 7;
    const b = sampleCpu();
    expect(x).toBeGreaterThan(0);
    expect(a.cores).toBe(os.cpus().length);
    expect(b.busyMs).toBeGreaterThanOrEqual(a.busyMs);
    expect(b.idleMs).toBeGreaterThanOrEqual(a.idleMs);
    expect(b.ownMs).toBeGreaterThan(a.ownMs);
  });
});

describe("the sorter's helper threads for an index build", () => {
  it('uses them when a core and a half is left to the import, not below, and when nothing is known', () => {
    expect(SPARE_CORES_FOR_SORT_THREADS).toBe(1.5);
    expect(sorterThreads(1.9)).toBe(SORT_THREADS);
    expect(sorterThreads(1.5)).toBe(SORT_THREADS);
    expect(sorterThreads(1.49)).toBe(0);
    expect(sorterThreads(0.4)).toBe(0);
    expect(sorterThreads(null)).toBe(SORT_THREADS);
    expect(SORT_THREADS).toBe(2);
  });
});

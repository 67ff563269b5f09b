import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CPU_REREAD_MS, StageClock } from '../../../electron/backend/imports/import-profile';

describe('import profile (StageClock)', () => {
  it('adds up each stage over its calls, in milliseconds in and seconds out', () => {
    const clock = new StageClock('write', false);
    // 1.5 + 2.5 = 4 ms of inserting; 10 ms of index building; 0.2 ms of commit rounds to 0 s at ms precision.
    clock.addMs('insert rows (SQLite)', 1.5, Number.NaN);
    clock.addMs('insert rows (SQLite)', 2.5, Number.NaN);
    clock.addMs('build the ledger indexes', 10, Number.NaN);
    clock.addMs('commit', 0.2, Number.NaN);
    expect(clock.get('insert rows (SQLite)').wall).toBe(4);
    expect(clock.stages()).toEqual([
      { thread: 'write', stage: 'insert rows (SQLite)', seconds: 0.004 },
      { thread: 'write', stage: 'build the ledger indexes', seconds: 0.01 },
      { thread: 'write', stage: 'commit', seconds: 0 },
    ]);
  });

  it('reports CPU seconds beside wall seconds when the thread has them, never below zero', () => {
    const clock = new StageClock('read', false);
    // 30 ms of wall of which 12 ms on a core; a derived stage can come out a hair negative (-0.4 ms) and is shown as 0.
    clock.addMs('map rows', 30, 12);
    clock.addMs('encode', -0.4, -0.4);
    expect(clock.stages()).toEqual([
      { thread: 'read', stage: 'map rows', seconds: 0.03, cpuSeconds: 0.012 },
      { thread: 'read', stage: 'encode', seconds: 0, cpuSeconds: 0 },
    ]);
  });

  it('times a step even when it throws', () => {
    const clock = new StageClock('read');
    expect(() =>
      clock.time('open', () => {
        throw new Error('bad file');
      }),
    ).toThrow('bad file');
    expect(clock.stages().map((s) => s.stage)).toEqual(['open']);
  });

  it('reads the thread CPU clock at most once a CPU_REREAD_MS, and a busy stage still gets its CPU time', () => {
    const clock = new StageClock('read');
    const first = clock.now();
    // Readings in the same window share the figure read at its start (the kernel's own figure moves only every few ms).
    const readings = [clock.now()];
    while ((readings.at(-1)?.wall ?? 0) - first.wall < CPU_REREAD_MS / 2) readings.push(clock.now());
    const inWindow = readings.filter((r) => r.wall - first.wall < CPU_REREAD_MS);
    expect(inWindow.length).toBeGreaterThan(0);
    for (const r of inWindow) {
      if (existsSync('/proc/thread-self/schedstat')) expect(r.cpu).toBe(first.cpu);
      else expect(r.cpu).toBeNaN();
    }
    // 40 ms of spinning spans several ticks: the stage's CPU seconds come out above zero and at most its wall seconds (+1 tick's slack).
    clock.time('busy', () => {
      const start = performance.now();
      while (performance.now() - start < 40);
    });
    const busy = clock.stages().find((s) => s.stage === 'busy');
    expect(busy?.seconds).toBeGreaterThanOrEqual(0.04);
    if (existsSync('/proc/thread-self/schedstat')) {
      expect(busy?.cpuSeconds).toBeGreaterThan(0);
      expect(busy?.cpuSeconds).toBeLessThanOrEqual((busy?.seconds ?? 0) + 0.01);
    } else expect(busy?.cpuSeconds).toBeUndefined();
  });
});

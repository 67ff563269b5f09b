/**
 * Where an import's time goes, per thread and stage: wall-clock seconds the
 * thread spent in each stage and, where the system tells (Linux's
 * /proc/thread-self/schedstat), the CPU seconds the thread really ran in it.
 * Wall time on a busy machine includes waiting for a core; CPU time does
 * not, so the two together tell a slow stage from a starved one. Cheap
 * enough to keep on for every import: a few clock reads per batch of lines,
 * not per line. The job's result carries it, so the benchmark and
 * `aispend import --json` can show the breakdown.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { ImportStage } from '../../../shared/api/imports';

export type ProfileThread = ImportStage['thread'];

/** A reading of both clocks, in milliseconds. */
export interface Reading {
  wall: number;
  cpu: number;
}

/**
 * Readings of the CPU clock closer together than this (wall ms) reuse the
 * last one. The kernel brings schedstat's figure up to date only at its
 * ticks and at switches (measured here: a spinning thread's figure moved
 * every 3.5 ms on average, 57 times in 132,000 reads), so rereading it sooner
 * returns the same number, at 1.6 µs CPU a read: the reading thread read it
 * about 32,000 times a million lines, some 0.05 s of the import's critical
 * path. A stage shorter than this gets its CPU time in the
 * next stage's reading, as it did from a figure that had not moved.
 */
export const CPU_REREAD_MS = 1;

/** This thread's CPU time in ms from /proc/thread-self/schedstat (read on the calling thread), or NaN where there is none. */
class ThreadCpu {
  private fd: number | null = null;
  private readonly buffer = Buffer.alloc(96);
  private lastWall = Number.NEGATIVE_INFINITY;
  private last = Number.NaN;

  constructor(enabled: boolean) {
    if (!enabled) return;
    try {
      this.fd = openSync('/proc/thread-self/schedstat', 'r');
    } catch {
      this.fd = null;
    }
  }

  /** The CPU time at wall time `wall` (performance.now()). */
  ms(wall: number): number {
    if (this.fd === null) return Number.NaN;
    if (wall - this.lastWall < CPU_REREAD_MS) return this.last;
    this.lastWall = wall;
    this.last = this.read();
    return this.last;
  }

  private read(): number {
    if (this.fd === null) return Number.NaN;
    try {
      const n = readSync(this.fd, this.buffer, 0, this.buffer.length, 0);
      const text = this.buffer.toString('latin1', 0, n);
      return Number(text.slice(0, text.indexOf(' '))) / 1e6;
    } catch {
      return Number.NaN;
    }
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

export class StageClock {
  private readonly wall = new Map<string, number>();
  private readonly cpu = new Map<string, number>();
  private readonly threadCpu: ThreadCpu;

  constructor(
    private readonly thread: ProfileThread,
    measureCpu = true,
  ) {
    this.threadCpu = new ThreadCpu(measureCpu);
  }

  now(): Reading {
    const wall = performance.now();
    return { wall, cpu: this.threadCpu.ms(wall) };
  }

  /** Adds the time since `since` to a stage; returns now. */
  add(stage: string, since: Reading): Reading {
    const now = this.now();
    this.addMs(stage, now.wall - since.wall, now.cpu - since.cpu);
    return now;
  }

  /** Adds durations measured elsewhere (milliseconds). */
  addMs(stage: string, wallMs: number, cpuMs: number): void {
    this.wall.set(stage, (this.wall.get(stage) ?? 0) + wallMs);
    if (!Number.isNaN(cpuMs)) this.cpu.set(stage, (this.cpu.get(stage) ?? 0) + cpuMs);
  }

  /** The stage's total so far. */
  get(stage: string): Reading {
    return { wall: this.wall.get(stage) ?? 0, cpu: this.cpu.get(stage) ?? Number.NaN };
  }

  /** Times a synchronous step. */
  time<T>(stage: string, step: () => T): T {
    const since = this.now();
    try {
      return step();
    } finally {
      this.add(stage, since);
    }
  }

  stages(): ImportStage[] {
    this.threadCpu.close();
    return [...this.wall.entries()].map(([stage, ms]) => {
      const cpu = this.cpu.get(stage);
      return { thread: this.thread, stage, seconds: Math.round(Math.max(ms, 0)) / 1000, ...(cpu !== undefined ? { cpuSeconds: Math.round(Math.max(cpu, 0)) / 1000 } : {}) };
    });
  }
}

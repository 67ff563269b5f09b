/**
 * How many of the machine's cores other programs left to this process over
 * a stretch of time: the machine's busy time (every core's, /proc/stat via
 * os.cpus()) less this process's own CPU time (every thread's), against the
 * time that passed. SQLite's sorter threads shorten an index build only
 * when a core is free for them (sorterThreads).
 */
import os from 'node:os';

/** A reading of the machine's and this process's CPU clocks, in milliseconds. */
export interface CpuSample {
  /** Every core's time running anything, summed. */
  busyMs: number;
  /** Every core's idle time, summed. */
  idleMs: number;
  /** This process's CPU time, all of its threads. */
  ownMs: number;
  cores: number;
}

export function sampleCpu(): CpuSample {
  let busyMs = 0;
  let idleMs = 0;
  const cpus = os.cpus();
  for (const { times } of cpus) {
    busyMs += times.user + times.nice + times.sys + times.irq;
    idleMs += times.idle;
  }
  const own = process.cpuUsage();
  return { busyMs, idleMs, ownMs: (own.user + own.system) / 1000, cores: cpus.length };
}

/**
 * Below this much time passed, summed over the cores, the clocks (which
 * move in 10 ms ticks) say too little: spareCores answers null.
 */
const SHORTEST_WINDOW_MS = 200;

/**
 * Cores not used by other programs between two samples: the core count
 * less the others' busy time per unit of time passed. Null when the
 * window is too short to tell, or the core count changed.
 */
export function spareCores(from: CpuSample, to: CpuSample): number | null {
  const busy = to.busyMs - from.busyMs;
  const passed = busy + (to.idleMs - from.idleMs);
  if (to.cores !== from.cores || to.cores === 0 || passed < SHORTEST_WINDOW_MS) return null;
  const others = Math.max(0, busy - (to.ownMs - from.ownMs));
  return to.cores * (1 - others / passed);
}

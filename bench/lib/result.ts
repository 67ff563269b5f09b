import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * One benchmark's figures, written to bench/results/NAME.json. Speed targets
 * are judged as a ratio against an anchor measured in the same run, because
 * these machines are shared and noisy.
 */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** What the value is compared with (e.g. "duckdb read_csv of the same file"), or null. */
  anchor: string | null;
  anchorValue: number | null;
  /** value / anchorValue, or null without an anchor. */
  ratio: number | null;
  /** Peak resident set size of the benchmark process. */
  peakRssMb: number;
  rows: number | null;
  target?: string;
  passed?: boolean;
  extra?: Record<string, unknown>;
}

export function machineFacts(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${process.platform} ${os.release()}`,
    arch: process.arch,
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    totalMemGb: Math.round(os.totalmem() / 1024 ** 3),
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

/** Peak RSS of this process so far, in MB (ru_maxrss is in kilobytes on Linux). */
export function peakRssMb(): number {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}

export function writeBenchResult(result: BenchResult): string {
  const dir = path.resolve(process.env.AISPEND_BENCH_DIR ?? 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${result.name}.json`);
  const body = { ...result, measuredAt: new Date().toISOString(), machine: machineFacts() };
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  process.stderr.write(`bench ${result.name}: ${result.value} ${result.unit}${result.ratio === null ? '' : ` (ratio ${result.ratio} vs ${result.anchor})`}, peak RSS ${result.peakRssMb} MB → ${file}\n`);
  return file;
}

/**
 * Buffered text output with backpressure, optionally gzip, plus the exact
 * totals a generated file should import to.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createGzip, type Gzip } from 'node:zlib';
import { unitsToText } from './amounts';

const FLUSH_AT = 1 << 20;

export class TextSink {
  private parts: string[] = [];
  private size = 0;
  private readonly file: WriteStream;
  private readonly out: WriteStream | Gzip;

  constructor(path: string, gzip = false) {
    this.file = createWriteStream(path);
    if (gzip) {
      const z = createGzip();
      z.pipe(this.file);
      this.out = z;
    } else this.out = this.file;
  }

  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
  }

  async maybeFlush(): Promise<void> {
    if (this.size >= FLUSH_AT) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  async end(): Promise<void> {
    await this.flush();
    const done = once(this.file, 'close');
    this.out.end();
    await done;
  }
}

/** What a generated file should import to, computed as it is written. */
export class ExpectedTotals {
  /** Items (rows, or results inside JSON buckets). */
  rows = 0;
  /** Ledger lines the importer should produce. */
  lines = 0;
  private readonly money = new Map<string, bigint>();
  readonly tokens: Record<string, number> = {};

  /** Adds an amount in 1e-10 units. */
  add(currency: string, units: number | bigint): void {
    this.money.set(currency, (this.money.get(currency) ?? 0n) + BigInt(units));
  }

  addTokens(usageClass: string, n: number): void {
    this.tokens[usageClass] = (this.tokens[usageClass] ?? 0) + n;
  }

  /** Exact per-currency totals as decimal text, trailing zeros trimmed to at least two decimals. */
  totals(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [currency, units] of [...this.money.entries()].sort(([a], [b]) => a.localeCompare(b))) out[currency] = bigUnitsToText(units);
    return out;
  }
}

function bigUnitsToText(units: bigint): string {
  if (units >= BigInt(Number.MIN_SAFE_INTEGER) && units <= BigInt(Number.MAX_SAFE_INTEGER)) return unitsToText(Number(units));
  const negative = units < 0n;
  const abs = (negative ? -units : units).toString().padStart(11, '0');
  const whole = abs.slice(0, -10);
  const fraction = abs.slice(-10).replace(/0+$/, '').padEnd(2, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { formatMoneyFixed, parseMoney, sumNanos, type Nanos } from '../../../shared/domain/money';

/**
 * The demo's facts computed straight from its source statements
 * (scenarios/demo/ledger/*.csv), independently of the app, so end-to-end
 * assertions compare what the screen says with the files themselves.
 */
export interface DemoLine {
  provider: string;
  model: string;
  month: string;
  billedCost: Nanos;
  currency: string;
}

const DEMO_LEDGER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'scenarios', 'demo', 'ledger');

export function demoLines(): DemoLine[] {
  const lines: DemoLine[] = [];
  for (const file of readdirSync(DEMO_LEDGER).filter((f) => f.endsWith('.csv'))) {
    const records = parse(readFileSync(path.join(DEMO_LEDGER, file)), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
    for (const r of records) {
      lines.push({
        provider: r.provider ?? '',
        model: r.model ?? '',
        month: (r.chargePeriodStart ?? '').slice(0, 7),
        billedCost: parseMoney(r.billedCost ?? '0'),
        currency: r.currency ?? '',
      });
    }
  }
  return lines;
}

/** "1234567.891" → "1,234,567.89" (half to even), the way the app prints money, computed here without the app's code. */
export function cents(nanos: Nanos): string {
  const fixed = formatMoneyFixed(nanos, 2);
  const [whole = '0', fraction = '00'] = fixed.split('.');
  const negative = whole.startsWith('-');
  const digits = negative ? whole.slice(1) : whole;
  return `${negative ? '-' : ''}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

export function total(lines: readonly DemoLine[]): Nanos {
  return sumNanos(lines.map((l) => l.billedCost));
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

import { formatMoneyFixed, sumNanos, type Nanos } from '../../../shared/domain/money';
import { demoBilledLines, demoUsageLines } from '../../helpers/demo-statements';

/**
 * The demo's facts computed straight from its source statements
 * (scenarios/demo/statements/, in the vendors' own formats), independently
 * of the app, so end-to-end assertions compare what the screen says with the
 * files themselves.
 */
export interface DemoLine {
  /** The statement's file name. */
  file: string;
  provider: string;
  /** The model without its date, or '' for a line that names none (an AWS credit). */
  model: string;
  month: string;
  billedCost: Nanos;
  currency: string;
  /** A line of a usage report: tokens or requests, no cost. */
  usageOnly: boolean;
}

/** Every ledger line the demo's statements make: the billed lines, then the usage reports' lines. */
export function demoLines(): DemoLine[] {
  return [
    ...demoBilledLines().map((l) => ({ file: l.file, provider: l.provider, model: l.model ?? '', month: l.month, billedCost: l.billedCost, currency: l.currency, usageOnly: false })),
    ...demoUsageLines().map((l) => ({ file: l.file, provider: l.provider, model: l.model, month: l.month, billedCost: 0n, currency: 'USD', usageOnly: true })),
  ];
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

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readStatement, type PrepareOptions } from '../../../electron/backend/imports/readers';
import type { LedgerLine } from '../../../shared/domain/ledger-line';
import { nanosToDecimal } from '../../../shared/domain/money';
import type { CurrencyReconciliation, ImportSummary } from '../../../shared/formats/accumulator';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/formats', import.meta.url));

export function fixture(...parts: string[]): string {
  return path.join(FIXTURES, ...parts);
}

/** Reads and maps a fixture through the real readers and the detected (or given) format. */
export async function importFixture(file: string, options: PrepareOptions = {}): Promise<{ formatId: string; version: string; summary: ImportSummary; lines: LedgerLine[] }> {
  const { chosen, summary, lines } = await readStatement(file, options);
  return { formatId: chosen.format.id, version: chosen.detection.version, summary, lines };
}

export function reconciliation(summary: ImportSummary, currency: string): CurrencyReconciliation {
  const entry = summary.reconciliation.find((r) => r.currency === currency);
  if (!entry) throw new Error(`no ${currency} in ${summary.reconciliation.map((r) => r.currency).join(', ')}`);
  return entry;
}

/** Sum of billed cost per currency over lines, as exact decimal text. */
export function billedBy(lines: LedgerLine[], key: (l: LedgerLine) => string): Record<string, string> {
  const sums = new Map<string, bigint>();
  for (const l of lines) sums.set(key(l), (sums.get(key(l)) ?? 0n) + l.billedCost);
  return Object.fromEntries([...sums].map(([k, v]) => [k, nanosToDecimal(v)]));
}

/** Sum of quantity per key, over the lines that report one. */
export function quantityBy(lines: LedgerLine[], key: (l: LedgerLine) => string): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const l of lines) if (l.quantity !== null) sums[key(l)] = (sums[key(l)] ?? 0) + l.quantity;
  return sums;
}

/**
 * The write path under generated input: a FOCUS-shaped CSV whose cells are
 * anything (good values, junk, broken quotes, huge numbers) is imported into
 * a real workspace through the pipeline (the same parser, writer and
 * transaction the worker threads run, here on the test's thread so a few
 * hundred imports stay quick). Whatever happens, the import is all or
 * nothing: either it fails with the typed error and the ledger is exactly
 * as before, or every accepted line landed and the stored totals are the
 * ones it reported.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importInline } from '../../../electron/backend/imports/import-service';
import { Workspace } from '../../../electron/backend/workspace/workspace';
import { isWorkbenchError } from '../../../shared/domain/errors';

const RUNS = Math.max(2000, Number(process.env.AISPEND_IMPORT_FUZZ_RUNS ?? 0));
const HEADER = ['BillingAccountId', 'BillingCurrency', 'ChargeCategory', 'ChargePeriodStart', 'ChargePeriodEnd', 'BilledCost', 'EffectiveCost', 'ConsumedQuantity', 'ConsumedUnit', 'ProviderName', 'SkuPriceDetails'] as const;

/** Per column: values a bill holds, and values it should not. */
const valid = {
  BillingAccountId: ['acct-1', 'acct-2', ''],
  BillingCurrency: ['USD', 'EUR', 'usd'],
  ChargeCategory: ['Usage', 'Credit', 'Tax', 'Purchase', 'Adjustment'],
  ChargePeriodStart: ['2026-03-01T00:00:00Z', '2026-03-02', '03/04/2026', '2026-04-01T00:00:00+02:00'],
  ChargePeriodEnd: ['2026-03-02T00:00:00Z', '2026-03-03', ''],
  BilledCost: ['0', '1.25', '-50.00', '4.2e-05', '0.1234567890123', '1000000'],
  EffectiveCost: ['', '0', '1.5'],
  ConsumedQuantity: ['', '1000', '-5', '1.5e3'],
  ConsumedUnit: ['Tokens', '1K Tokens', '1M Tokens', 'Requests', ''],
  ProviderName: ['OpenAI', 'Anthropic', '=HYPERLINK("x")'],
  SkuPriceDetails: ['', '{"ModelId":"gpt-4o","TokenDirection":"Input"}', '{"ModelId":"x","TokenDirection":"Output","TokenCacheAction":"Read"}', '{', '[1,2]'],
} satisfies Record<(typeof HEADER)[number], string[]>;
const invalid = {
  BillingAccountId: [],
  BillingCurrency: ['US$', '', 'dollars'],
  ChargeCategory: ['Bogus', ''],
  ChargePeriodStart: ['2026-02-30', 'tomorrow', ''],
  ChargePeriodEnd: ['2026-02-28T00:00:00Z', 'never'],
  BilledCost: ['1e999', 'abc', '', '1.2.3', '99999999999999'],
  EffectiveCost: ['x'],
  ConsumedQuantity: ['lots'],
  ConsumedUnit: [],
  ProviderName: [],
  SkuPriceDetails: [],
} satisfies Record<(typeof HEADER)[number], string[]>;

function cell(name: (typeof HEADER)[number]): fc.Arbitrary<string> {
  const bad: string[] = invalid[name];
  const choices = [{ weight: 40, arbitrary: fc.constantFrom(...valid[name]) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }];
  if (bad.length > 0) choices.push({ weight: 2, arbitrary: fc.constantFrom(...bad) });
  return fc.oneof(...choices);
}
const row = fc.tuple(...HEADER.map((h) => cell(h)));

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const file = fc.record({
  rows: fc.array(row, { minLength: 0, maxLength: 12 }),
  // Now and then the file is cut short mid-row, or a quote is left open.
  damage: fc.constantFrom('none', 'none', 'none', 'truncate', 'open-quote', 'ragged'),
  onRejects: fc.constantFrom('import' as const, 'import' as const, 'import' as const, 'abort' as const),
  onOverlap: fc.constantFrom('keep' as const, 'keep' as const, 'keep' as const, 'replace' as const, 'replace' as const, 'skip' as const, 'ask' as const),
});

describe('an import is all or nothing, whatever the file holds', () => {
  let dir: string;
  let workspace: Workspace;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'aispend-import-fuzz-'));
    workspace = Workspace.create(path.join(dir, 'fuzz.aispend'), { appVersion: 'test' });
  });
  afterAll(() => {
    workspace.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`imports every accepted line or none, and stores what it reports (${RUNS} generated files)`, async () => {
    const db = workspace.db;
    const count = () => db.prepare('SELECT (SELECT count(*) FROM ledger_lines) AS lines, (SELECT count(*) FROM imports) AS imports').get() as { lines: number; imports: number };
    let n = 0;
    let imported = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(file, async ({ rows, damage, onRejects, onOverlap }) => {
        n += 1;
        let text = `${HEADER.join(',')}\n${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
        if (damage === 'truncate') text = text.slice(0, Math.max(1, Math.floor(text.length * 0.8)));
        if (damage === 'open-quote') text = `${text}"unclosed,`;
        if (damage === 'ragged') text = `${text}a,b\n`;
        // Two equal files are fine too: the second is refused as already imported, which writes nothing.
        const target = path.join(dir, `f${n}.csv`);
        writeFileSync(target, text);
        const perImport = new Map((db.prepare('SELECT import_id AS id, count(*) AS n FROM ledger_lines GROUP BY import_id').all() as { id: number; n: number }[]).map((r) => [r.id, r.n]));
        const before = count();
        try {
          const result = await importInline(db, target, {}, { onRejects, onOverlap, dryRun: false });
          const after = count();
          if (result.status === 'imported') {
            imported += 1;
            const removed = result.replaced.reduce((sum, r) => sum + (perImport.get(r.id) ?? 0), 0);
            expect(after.lines).toBe(before.lines + result.linesImported - removed);
            expect(after.imports).toBe(before.imports + 1 - result.replaced.length);
            const stored = db.prepare('SELECT count(*) AS n FROM ledger_lines WHERE import_id = ?').get(result.importId) as { n: number };
            expect(stored.n).toBe(result.linesImported);
            for (const t of result.totals) {
              const sum = db.prepare('SELECT CAST(coalesce(sum(billed_cost), 0) AS TEXT) AS s FROM ledger_lines WHERE import_id = ? AND currency = ?').get(result.importId, t.currency) as { s: string };
              expect(BigInt(sum.s)).toBe(nanos(t.importedTotal));
            }
          } else {
            expect(after).toEqual(before);
          }
        } catch (error) {
          if (!isWorkbenchError(error)) throw error;
          refused += 1;
          expect(count()).toEqual(before);
          expect(db.inTransaction).toBe(false);
        }
      }),
      { numRuns: RUNS },
    );
    // Both outcomes occur often: the generator is not one-sided.
    expect(imported).toBeGreaterThan(RUNS / 10);
    expect(refused).toBeGreaterThan(RUNS / 10);
  });
});

function nanos(decimal: string): bigint {
  const negative = decimal.startsWith('-');
  const [whole = '0', fraction = ''] = decimal.replace('-', '').split('.');
  const value = BigInt(whole) * 1_000_000_000n + BigInt(fraction.padEnd(9, '0').slice(0, 9) || '0');
  return negative ? -value : value;
}

import { describe, expect, it } from 'vitest';
import { ImportAccumulator } from '../../../shared/formats/accumulator';
import type { LedgerLine } from '../../../shared/domain/ledger-line';
import { parseMoney } from '../../../shared/domain/money';
import { ledgerLine } from '../../helpers/ledger-line';
import type { ChargeCategory } from '../../../shared/domain/usage';
import { parseDecimal } from '../../../shared/formats/values/numbers';

function line(row: number, currency: string, chargeCategory: ChargeCategory, billed: string): LedgerLine {
  return ledgerLine({ chargeCategory, billingAccount: 'org-1', model: null, usageClass: 'other', quantity: null, unit: 'units', billedCost: parseMoney(billed), currency, sourceRow: row });
}

describe('the import accumulator', () => {
  it('sums each currency and each of its categories exactly, with more currencies than its short list and categories interleaved', () => {
    const acc = new ImportAccumulator('f.csv');
    // Six currencies (past the four searched in a list), rows alternating currency and category.
    const rows: [string, ChargeCategory, string][] = [
      ['USD', 'usage', '0.10'],
      ['EUR', 'usage', '1.5'],
      ['USD', 'tax', '0.02'],
      ['GBP', 'credit', '-0.25'],
      ['JPY', 'usage', '100'],
      ['CHF', 'usage', '0.000000001'],
      ['SEK', 'usage', '3'],
      ['USD', 'usage', '0.20'],
      ['SEK', 'tax', '0.75'],
      ['CHF', 'usage', '0.000000002'],
      ['USD', 'tax', '0.01'],
      ['EUR', 'credit', '-0.5'],
    ];
    rows.forEach(([currency, category, billed], i) => {
      acc.begin(i + 2);
      acc.source(currency, parseDecimal(billed, '.') as NonNullable<ReturnType<typeof parseDecimal>>);
      acc.line(line(i + 2, currency, category, billed));
    });
    const summary = acc.finish();
    const byCurrency = Object.fromEntries(
      summary.reconciliation.map((r) => [r.currency, [r.importedTotal, r.reconciles, r.importedLines, r.categories.map((c) => `${c.category} ${c.importedTotal} ×${c.lines}`)]]),
    );
    expect(byCurrency).toEqual({
      // 0.000000001 + 0.000000002 = 0.000000003
      CHF: ['0.000000003', true, 2, ['usage 0.000000003 ×2']],
      // 1.5 − 0.5 = 1.00
      EUR: ['1.00', true, 2, ['usage 1.50 ×1', 'credit -0.50 ×1']],
      GBP: ['-0.25', true, 1, ['credit -0.25 ×1']],
      JPY: ['100.00', true, 1, ['usage 100.00 ×1']],
      // 3 + 0.75 = 3.75
      SEK: ['3.75', true, 2, ['usage 3.00 ×1', 'tax 0.75 ×1']],
      // usage 0.10 + 0.20 = 0.30; tax 0.02 + 0.01 = 0.03; total 0.33
      USD: ['0.33', true, 4, ['usage 0.30 ×2', 'tax 0.03 ×2']],
    });
    expect(summary.linesImported).toBe(12);
  });
});

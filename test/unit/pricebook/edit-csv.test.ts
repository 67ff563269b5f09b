import { describe, expect, it } from 'vitest';
import { rowToWire } from '../../../shared/domain/pricebook/book';
import { priceRowsFromCsv, priceRowsToCsv } from '../../../shared/domain/pricebook/csv';
import { cloneModel, cloneRow, overridePrice } from '../../../shared/domain/pricebook/edit';
import { lookupPrice } from '../../../shared/domain/pricebook/lookup';
import { WorkbenchError } from '../../../shared/domain/errors';
import { nanosToDecimal } from '../../../shared/domain/money';
import { fixtureBook } from '../../fixtures/contracts/price-fixture';

const book = fixtureBook();

describe('price book CSV', () => {
  it('round-trips every row unchanged', () => {
    const rows = book.rows.map(rowToWire);
    const back = priceRowsFromCsv(priceRowsToCsv(rows), 'prices.csv');
    expect(back).toEqual(rows);
  });

  it('guards text a spreadsheet would run as a formula, and reads it back as written', () => {
    const row = { ...rowToWire(book.rows[0]!), note: '=HYPERLINK("http://evil")', id: 'user:x' };
    const csv = priceRowsToCsv([row]);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(priceRowsFromCsv(csv, 'p.csv')[0]!.note).toBe('=HYPERLINK("http://evil")');
  });

  it('names the file, line and column of a bad price', () => {
    const csv = 'provider,model,usage_class,service_tier,context_above,region,meter,effective_from,effective_to,currency,price,per,unit\nacme,new-model,input,standard,,,,2026-01-01,,USD,2.50,1000000,token\nacme,new-model,output,standard,,,,2026-01-01,,USD,-3,1000000,token\n';
    expect(() => priceRowsFromCsv(csv, 'mine.csv')).toThrow(WorkbenchError);
    try {
      priceRowsFromCsv(csv, 'mine.csv');
    } catch (e) {
      expect(e).toMatchObject({ file: 'mine.csv', row: 3, field: 'price' });
    }
  });

  it('rejects a file missing a required column or with an impossible date', () => {
    expect(() => priceRowsFromCsv('provider,model\nacme,x\n', 'a.csv')).toThrow(/missing column usage_class/);
    const bad = 'provider,model,usage_class,service_tier,context_above,region,meter,effective_from,effective_to,currency,price,per,unit\nacme,m,input,standard,,,,2026-02-30,,USD,1,1000000,token\n';
    try {
      priceRowsFromCsv(bad, 'b.csv');
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ row: 2, field: 'effective_from' });
    }
  });
});

describe('price book edits', () => {
  it('clones a model: the new model costs what the old one did from the start day', () => {
    const rows = cloneModel(book, { provider: 'acme', fromModel: 'acme-long', toModel: 'acme-long-2', effectiveFrom: '2026-06-01' });
    // acme-long has input/output in two bands → four rows.
    const got = rows.map((r) => [r.usageClass, r.contextAbove, r.price]);
    expect(got).toHaveLength(4);
    expect(got).toEqual(
      expect.arrayContaining([
        ['input', null, '3'],
        ['input', 200000, '6'],
        ['output', null, '15'],
        ['output', 200000, '22.5'],
      ]),
    );
    const edited = fixtureBook(rows);
    const r = lookupPrice(edited, { provider: 'acme', model: 'acme-long-2', usageClass: 'output', date: '2026-06-02', promptTokens: 300_000 });
    expect(r.ok && nanosToDecimal(r.price, 2)).toBe('22.50');
    expect(lookupPrice(edited, { provider: 'acme', model: 'acme-long-2', usageClass: 'output', date: '2026-05-31' })).toMatchObject({ ok: false, reason: 'not_in_force' });
  });

  it('clones one row with changes and refuses negative override prices', () => {
    const r = cloneRow(book, 'fx:acme:acme-large:input:standard:0:start', { region: 'eu-west-1', price: '2.75' });
    expect([r.region, r.price, r.source]).toEqual(['eu-west-1', '2.75', 'user']);
    expect(() => overridePrice(book, 'fx:acme:acme-large:input:standard:0:start', '-1', '2026-01-01')).toThrow(/must not be negative/);
  });

});

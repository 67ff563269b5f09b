import { describe, expect, it } from 'vitest';
import { KIND_FIELDS, KIND_WIDTH, LINE_FIELDS, LineDecoder, LineEncoder, NULL_MONEY } from '../../../electron/backend/imports/line-codec';
import { LEDGER_TEXT_FIELDS, type LedgerLine } from '../../../shared/domain/ledger-line';
import { isWorkbenchError } from '../../../shared/domain/errors';
import { ledgerLine } from '../../helpers/ledger-line';

/** A line whose every field is set, with extreme money and a formula-looking description. */
function line(over: Partial<LedgerLine> = {}): LedgerLine {
  return ledgerLine({
    billingAccount: 'org-1',
    subAccount: 'proj_a',
    model: 'gpt-4o',
    modelRaw: 'gpt-4o-2024-08-06',
    description: '=HYPERLINK("x")',
    tags: Object.freeze({ team: 'loans' }) as Record<string, string>,
    quantity: 1_000_000.5,
    billedCost: 2_500_000_000n,
    listCost: -1n,
    contractedCost: 9_223_372_036_854_775_807n,
    ...over,
  });
}

describe('lines between the import threads', () => {
  it('round-trips every field exactly, nulls and extreme money included', () => {
    const lines = [line(), line({ sourceRow: 3, usageClass: 'output', tags: {}, billedCost: -50_000_000_000n, currency: 'EUR', description: null })];
    const encoder = new LineEncoder('bill.csv');
    const decoder = new LineDecoder();
    expect(decoder.decode(encoder.encode(lines))).toEqual(lines.map((l) => ({ ...l, tags: { ...l.tags } })));
  });

  it('sends each string once across batches, and the decoder keeps up', () => {
    const encoder = new LineEncoder();
    const decoder = new LineDecoder();
    const first = encoder.encode([line(), line({ sourceRow: 3 })]);
    const second = encoder.encode([line({ sourceRow: 4, model: 'gpt-4.1' })]);
    // The second batch brings only the one string the first did not have.
    expect(second.strings).toEqual(['gpt-4.1']);
    expect(first.strings).toContain('2026-03-01T00:00:00Z');
    expect(decoder.decode(first).map((l) => l.sourceRow)).toEqual([2, 3]);
    expect(decoder.decode(second)[0]).toMatchObject({ model: 'gpt-4.1', provider: 'openai', sourceRow: 4 });
  });

  it('refuses money the ledger cannot hold, naming the file, row and field', () => {
    const tooBig = line({ sourceRow: 17, effectiveCost: 2n ** 63n });
    try {
      new LineEncoder('big.csv').encode([tooBig]);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(isWorkbenchError(error) && [error.code, error.file, error.row, error.field]).toEqual(['invalid_file', 'big.csv', 17, 'effectiveCost']);
    }
    expect(() => new LineEncoder().encode([line({ listCost: NULL_MONEY })])).toThrow(/beyond what the ledger holds/);
  });

  it('gives each line its kind on the parsing side: lines that differ only in dates, resource, tags or contract share one, and a batch carries only kinds not sent before', () => {
    const encoder = new LineEncoder();
    const decoder = new LineDecoder();
    const first = encoder.encode([
      line(),
      line({ sourceRow: 3, chargePeriodStart: '2026-03-02T00:00:00Z', chargePeriodEnd: '2026-03-03T00:00:00Z', resourceId: 'r-1', tags: { team: 'cards' }, contractApplied: '[]' }),
      line({ sourceRow: 4, usageClass: 'output' }),
      line({ sourceRow: 5, description: null }),
    ]);
    // Rows 2 and 3 are one kind; an output line and a line without a description are two more.
    expect([...first.kindIds]).toEqual([0, 0, 1, 2]);
    expect(first.kinds.length).toBe(3 * KIND_WIDTH);
    const second = encoder.encode([line({ sourceRow: 6, usageClass: 'output' }), line({ sourceRow: 7, currency: 'EUR' })]);
    expect([...second.kindIds]).toEqual([1, 3]);
    expect(second.kinds.length).toBe(1 * KIND_WIDTH);
    expect(decoder.decode(first).map((l) => [l.sourceRow, l.usageClass, l.description, l.resourceId])).toEqual([
      [2, 'input', '=HYPERLINK("x")', null],
      [3, 'input', '=HYPERLINK("x")', 'r-1'],
      [4, 'output', '=HYPERLINK("x")', null],
      [5, 'input', null, null],
    ]);
    expect(decoder.decode(second).map((l) => [l.sourceRow, l.usageClass, l.currency])).toEqual([
      [6, 'output', 'USD'],
      [7, 'input', 'EUR'],
    ]);
  });

  it('tells apart lines of one SKU that differ in any one kind field, also when the SKU has more kinds than the encoder remembers', () => {
    const encoder = new LineEncoder();
    const decoder = new LineDecoder();
    // 17 variants of one SKU's line (each changes one kind field, one of them to an equal string made anew), in three rounds in
    // changing orders: more kinds than the 16 remembered per SKU, and every line must get the kind of its own fields.
    const base = line({ sku: 'sku-a', region: 'global', credential: 'key-1' });
    const variants: Partial<LedgerLine>[] = [
      {},
      { subAccount: 'proj_b' },
      { billingAccount: 'org-2' },
      { credential: 'key-2' },
      { credential: null },
      { region: 'eu' },
      { description: 'other' },
      { currency: 'EUR' },
      { chargeCategory: 'credit' },
      { provider: 'azure' },
      { publisher: 'openai' },
      { model: 'gpt-4.1' },
      { modelRaw: 'gpt-4o' },
      { usageClass: 'output' },
      { serviceTier: 'batch' },
      { contextBand: 'long' },
      { unit: 'units' },
      { subAccount: ['proj', 'a'].join('_') },
    ];
    const lines: LedgerLine[] = [];
    for (let round = 0; round < 3; round += 1) {
      for (let v = 0; v < variants.length; v += 1) lines.push({ ...base, ...variants[(v * (round * 2 + 1)) % variants.length], sourceRow: lines.length + 2 });
    }
    const batch = encoder.encode(lines);
    expect(decoder.decode(batch)).toEqual(lines.map((l) => ({ ...l, tags: { ...l.tags } })));
    // Lines share a kind exactly when their kind fields are equal (the last variant equals the first).
    const fields = (l: LedgerLine): string => JSON.stringify(KIND_FIELDS.map((f) => l[f]));
    for (let a = 0; a < lines.length; a += 1) {
      for (let b = 0; b < lines.length; b += 1) {
        expect(batch.kindIds[a] === batch.kindIds[b]).toBe(fields(lines[a] as LedgerLine) === fields(lines[b] as LedgerLine));
      }
    }
    expect(batch.kinds.length).toBe(17 * KIND_WIDTH);
  });

  it('keeps giving each line its kind when lines stop sharing kinds (a sub-account that differs on every line)', () => {
    const encoder = new LineEncoder();
    const decoder = new LineDecoder();
    // 5,000 lines of one SKU, each its own sub-account (more than the encoder's window of 4,096), then 3 lines of 2 kinds met before.
    const unique = Array.from({ length: 5_000 }, (_, i) => line({ sourceRow: i + 2, sku: 'sku-a', subAccount: `proj-${i}` }));
    const again = [line({ sourceRow: 9_000, sku: 'sku-a', subAccount: 'proj-7' }), line({ sourceRow: 9_001, sku: 'sku-a', subAccount: 'proj-4999' }), line({ sourceRow: 9_002, sku: 'sku-a', subAccount: 'proj-7' })];
    const first = encoder.encode(unique);
    const second = encoder.encode(again);
    expect(new Set(first.kindIds).size).toBe(5_000);
    expect([...second.kindIds]).toEqual([7, 4_999, 7]);
    expect(second.kinds.length).toBe(0);
    expect(decoder.decode(first).map((l) => l.subAccount)).toEqual(unique.map((l) => l.subAccount));
    expect(decoder.decode(second).map((l) => [l.sourceRow, l.subAccount])).toEqual([
      [9_000, 'proj-7'],
      [9_001, 'proj-4999'],
      [9_002, 'proj-7'],
    ]);
  });

  it("gives each line its own charge period when lines share a start but not an end, across batches", () => {
    const encoder = new LineEncoder();
    const decoder = new LineDecoder();
    const day = line({ sourceRow: 2 });
    const hour = line({ sourceRow: 3, chargePeriodEnd: '2026-03-01T01:00:00Z' });
    const next = line({ sourceRow: 4, chargePeriodStart: '2026-03-02T00:00:00Z', chargePeriodEnd: '2026-03-03T00:00:00Z' });
    const first = [day, hour, { ...day, sourceRow: 5 }, next];
    const second = [{ ...hour, sourceRow: 6 }, { ...day, sourceRow: 7 }, { ...next, sourceRow: 8 }];
    expect(decoder.decode(encoder.encode(first)).map((l) => [l.sourceRow, l.chargePeriodStart, l.chargePeriodEnd])).toEqual([
      [2, '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z'],
      [3, '2026-03-01T00:00:00Z', '2026-03-01T01:00:00Z'],
      [5, '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z'],
      [4, '2026-03-02T00:00:00Z', '2026-03-03T00:00:00Z'],
    ]);
    const again = encoder.encode(second);
    // Every date was sent with the first batch.
    expect(again.strings).not.toContain('2026-03-01T00:00:00Z');
    expect(decoder.decode(again).map((l) => [l.sourceRow, l.chargePeriodStart, l.chargePeriodEnd])).toEqual([
      [6, '2026-03-01T00:00:00Z', '2026-03-01T01:00:00Z'],
      [7, '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z'],
      [8, '2026-03-02T00:00:00Z', '2026-03-03T00:00:00Z'],
    ]);
  });

  it('splits every text field of the ledger between the kind and the line, once', () => {
    expect([...KIND_FIELDS, ...LINE_FIELDS].sort()).toEqual([...LEDGER_TEXT_FIELDS, 'contractApplied'].sort());
  });

  it('starts the dictionary and the kinds over together once the dictionary is full, and the decoder follows', () => {
    const encoder = new LineEncoder();
    const decoder = new LineDecoder();
    // 100,001 unique resource ids fill the dictionary past its 100,000 strings.
    const many = Array.from({ length: 100_001 }, (_, i) => line({ sourceRow: i + 2, resourceId: `r-${i}` }));
    const full = encoder.encode(many);
    expect(full.reset).toBe(false);
    expect(decoder.decode(full).at(-1)).toMatchObject({ sourceRow: 100_002, resourceId: 'r-100000', model: 'gpt-4o' });
    const after = encoder.encode([line({ sourceRow: 200_000, resourceId: 'r-5', model: 'gpt-4.1' }), line({ sourceRow: 200_001 })]);
    expect(after.reset).toBe(true);
    expect([...after.kindIds]).toEqual([0, 1]);
    expect(decoder.decode(after).map((l) => [l.sourceRow, l.resourceId, l.model, l.provider, l.chargePeriodStart, l.chargePeriodEnd])).toEqual([
      [200_000, 'r-5', 'gpt-4.1', 'openai', '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z'],
      [200_001, null, 'gpt-4o', 'openai', '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z'],
    ]);
  });

  it('finds each of thousands of kinds again in later batches (the kind table grows past its first size)', () => {
    const encoder = new LineEncoder();
    const decoder = new LineDecoder();
    const skus = Array.from({ length: 5_000 }, (_, i) => line({ sourceRow: i + 2, sku: `sku-${i}` }));
    const first = encoder.encode(skus);
    expect(first.kinds.length).toBe(5_000 * KIND_WIDTH);
    const again = encoder.encode(skus.map((l) => ({ ...l, sourceRow: l.sourceRow + 5_000 })).reverse());
    expect(again.kinds.length).toBe(0);
    expect(again.kindIds[0]).toBe(4_999);
    expect(decoder.decode(first).map((l) => l.sku)).toEqual(skus.map((l) => l.sku));
    expect(decoder.decode(again).map((l) => l.sku)).toEqual(skus.map((l) => l.sku).reverse());
  });
});

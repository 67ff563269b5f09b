import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../../shared/domain/errors';
import { checkContractSet, loadContractYaml, validateContract } from '../../../shared/domain/contracts/load';
import { parseExactYaml } from '../../../shared/domain/yaml-text';
import { priceContractMonth } from '../../../shared/domain/contracts/price-month';
import { fixtureBook } from '../../fixtures/contracts/price-fixture';

const book = fixtureBook();

const HEAD = `name: Test
vendor: acme
currency: USD
term: { start: 2026-01-01, end: 2026-12-31 }
`;

/** Loads YAML and returns the WorkbenchError it throws. */
function errorOf(yaml: string, file = 'offer.yaml'): WorkbenchError {
  try {
    loadContractYaml(yaml, { file, book });
  } catch (e) {
    expect(e).toBeInstanceOf(WorkbenchError);
    return e as WorkbenchError;
  }
  throw new Error('expected the contract to be rejected');
}

describe('contract bad input: a clear error naming the file and the field', () => {
  it('negative rate', () => {
    const e = errorOf(`${HEAD}rates:\n  - { model: acme-large, usageClass: input, price: "2.00" }\n  - { model: acme-large, usageClass: output, price: "-8.00" }\n`);
    expect([e.file, e.field]).toEqual(['offer.yaml', 'rates[1].price']);
    expect(e.describe()).toBe('offer.yaml, field rates[1].price: must not be negative');
  });

  it('missing rate', () => {
    const e = errorOf(`${HEAD}rates:\n  - { model: acme-large, usageClass: input }\n`);
    expect([e.file, e.field, e.message]).toEqual(['offer.yaml', 'rates[0].price', 'is required']);
  });

  it('a contract naming an unknown model', () => {
    const e = errorOf(`${HEAD}discounts:\n  - { percentOff: 10, models: [acme-large, acme-huge] }\n`);
    expect([e.file, e.field]).toEqual(['offer.yaml', 'discounts[0].models[1]']);
    expect(e.message).toMatch(/acme-huge.*does not know for acme/);
  });

  it('mixed currencies in one contract', () => {
    const e = errorOf(`${HEAD}rates:\n  - { model: acme-large, usageClass: input, price: "2.00", currency: EUR }\n`);
    expect([e.file, e.field]).toEqual(['offer.yaml', 'rates[0].currency']);
    expect(e.message).toMatch(/mixed currencies: EUR in a USD contract/);
  });

  it('mixed currencies between the contract and the prices it applies to', () => {
    const euro = loadContractYaml('name: Euro deal\nvendor: euro\ncurrency: USD\nterm: { start: 2026-01-01, end: 2026-12-31 }\n', { file: 'euro.yaml', book });
    try {
      priceContractMonth(euro, '2026-02', [{ model: 'euro-model', usageClass: 'input', serviceTier: 'standard', quantity: 1_000_000 }], book);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ file: 'euro.yaml', field: 'currency' });
      expect((e as Error).message).toMatch(/listed in EUR but the contract is in USD/);
    }
  });

  it('a commitment without a period', () => {
    const e = errorOf(`${HEAD}commitment:\n  amount: 10000\n`);
    expect([e.file, e.field, e.message]).toEqual(['offer.yaml', 'commitment.period', 'is required: a commitment needs a period, "month" or "year"']);
  });

  it('credits that expire before they start', () => {
    const e = errorOf(`${HEAD}credits:\n  grants:\n    - { id: promo, amount: 500, start: 2026-03-01, expires: 2026-02-01 }\n`);
    expect([e.file, e.field]).toEqual(['offer.yaml', 'credits.grants[0].expires']);
    expect(e.message).toMatch(/expires \(2026-02-01\) before it starts \(2026-03-01\)/);
  });

  it('overlapping contract periods for one vendor', () => {
    const a = loadContractYaml(`${HEAD}id: a`, { file: 'acme-2026.yaml', book });
    const b = loadContractYaml('id: b\nname: Renewal\nvendor: acme\ncurrency: USD\nterm: { start: 2026-12-01, end: 2027-11-30 }\n', { file: 'acme-renewal.yaml', book });
    const other = loadContractYaml('id: c\nname: Other vendor\nvendor: reseller\ncurrency: USD\nterm: { start: 2026-06-01, end: 2027-05-31 }\n', { file: 'reseller.yaml', book });
    expect(() => checkContractSet([a, other])).not.toThrow();
    try {
      checkContractSet([b, a, other]);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'conflict', file: 'acme-renewal.yaml', field: 'term.start' });
      expect((e as Error).message).toMatch(/overlaps "Test" in acme-2026.yaml/);
    }
  });

  it('collects every problem for the editor, each with its field path', () => {
    const r = validateContract(parseExactYaml(`${HEAD}rates:\n  - { usageClass: input, price: "-1" }\ncommitment: { amount: 5 }\nminimumMonthlyFee: lots\n`, 'x.yaml'), { file: 'x.yaml', book });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.field).sort()).toEqual(['commitment.period', 'minimumMonthlyFee', 'rates[0].price']);
  });

  it('YAML that does not parse names the file and line', () => {
    try {
      loadContractYaml('name: x\nvendor: [unclosed\n', { file: 'broken.yaml' });
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ file: 'broken.yaml', code: 'invalid_file' });
      expect((e as WorkbenchError).row).toBeGreaterThan(0);
    }
  });

  it('reads decimal amounts from their text, not through a float', () => {
    const c = loadContractYaml(`${HEAD}rates:\n  - { model: acme-large, usageClass: input, price: 0.10 }\nminimumMonthlyFee: 1234567.89\n`, { file: 'x.yaml', book });
    expect(c.rates[0]!.price).toBe(100_000_000n);
    expect(c.minimumMonthlyFee).toBe(1_234_567_890_000_000n);
  });
});

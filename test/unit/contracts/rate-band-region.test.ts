import { describe, expect, it } from 'vitest';
import { loadContractYaml } from '../../../shared/domain/contracts/load';
import { priceContractMonth } from '../../../shared/domain/contracts/price-month';
import type { UsageItem } from '../../../shared/domain/contracts/types';
import { nanosToDecimal } from '../../../shared/domain/money';
import { fixtureBook } from '../../fixtures/contracts/price-fixture';

/**
 * acme-long (price fixture): $3 input / $15 output per 1M tokens for prompts
 * up to 200k tokens, $6 / $22.50 above. acme-large input $2.50 per 1M, in
 * every region.
 */
const book = fixtureBook();
const usd = (n: bigint) => nanosToDecimal(n, 2);

function contract(rates: string, extra = '') {
  return loadContractYaml(
    `name: Rates by band and region
vendor: acme
currency: USD
term: { start: 2026-01-01, end: 2026-12-31 }
rates:
${rates}
${extra}`,
    { file: 'bands.yaml', book },
  );
}

const RATES = `  - { model: acme-long, usageClass: input, price: "2.70" }
  - { model: acme-long, usageClass: output, contextBand: ">200k", price: "18.00" }
  - { model: acme-long, usageClass: output, contextBand: base, price: "12.00" }
  - { model: acme-large, usageClass: input, region: eu-west-1, price: "2.00" }`;

const item = (model: string, usageClass: UsageItem['usageClass'], quantity: number, extra: Partial<UsageItem> = {}): UsageItem => ({ model, usageClass, serviceTier: 'standard', quantity, date: '2026-03-10', ...extra });

describe('golden: contracted rates by context band and region', () => {
  it('a rate names its band or region; a rate naming no band carries to a higher band by the list’s band premium', () => {
    const c = contract(RATES, 'discounts:\n  - { percentOff: 10, label: 10% off list }\n');
    const m = priceContractMonth(
      c,
      '2026-03',
      [
        item('acme-long', 'input', 1_000_000, { promptTokens: 100_000 }),
        item('acme-long', 'input', 2_000_000, { promptTokens: 300_000 }),
        item('acme-long', 'output', 100_000, { promptTokens: 300_000 }),
        item('acme-long', 'output', 200_000, { promptTokens: 100_000 }),
        item('acme-large', 'input', 10_000_000, { region: 'eu-west-1' }),
        item('acme-large', 'input', 10_000_000, { region: 'us-east-1' }),
      ],
      book,
    );
    // acme-long input, base band: rates[0] as written, 1M × $2.70/M = $2.70.
    // acme-long input, >200k: rates[0] names no band, so × the list's band premium $6/$3 = 2: $5.40/M × 2M = $10.80.
    // acme-long output, >200k: rates[1] names the band, as written: 0.1M × $18.00/M = $1.80.
    // acme-long output, base band: rates[2] names the base band: 0.2M × $12.00/M = $2.40.
    // acme-large input in eu-west-1: rates[3], 10M × $2.00/M = $20.00.
    // acme-large input in us-east-1: no rate there, so 10% off list: 10M × $2.50/M = $25.00, discount −$2.50.
    // Total: 2.70 + 10.80 + 1.80 + 2.40 + 20.00 + 25.00 − 2.50 = $60.20.
    expect(m.lines.map((l) => [l.kind, l.term, usd(l.amount)])).toEqual([
      ['usage', 'rates[0]', '2.70'],
      ['usage', 'rates[0]', '10.80'],
      ['usage', 'rates[1]', '1.80'],
      ['usage', 'rates[2]', '2.40'],
      ['usage', 'rates[3]', '20.00'],
      ['usage', 'discounts[0]', '25.00'],
      ['discount', 'discounts[0]', '-2.50'],
    ]);
    expect(usd(m.total)).toBe('60.20');
    // The rule is shown on the line it priced.
    expect(m.lines[1]!.label).toBe("acme-long input tokens (prompts >200k tokens): 2,000,000 at contracted $5.40 per 1M tokens (the rates[0] base-band rate × 2, the list's band premium)");
    expect(m.lines[2]!.label).toBe('acme-long output tokens (prompts >200k tokens): 100,000 at contracted $18.00 per 1M tokens');
  });

  it('a band or region the rate does not name falls back to the next rule: a rate for every band, a discount, or list', () => {
    // Only a >200k output rate: base-band output is at list, 0.2M × $15/M = $3.00; long output 0.1M × $18/M = $1.80.
    const c = contract('  - { model: acme-long, usageClass: output, contextBand: "200k-1M", price: "18.00" }');
    const m = priceContractMonth(c, '2026-03', [item('acme-long', 'output', 200_000, { promptTokens: 50_000 }), item('acme-long', 'output', 100_000, { promptTokens: 250_000 })], book);
    expect(m.lines.map((l) => [l.term, usd(l.amount)])).toEqual([
      [null, '3.00'],
      ['rates[0]', '1.80'],
    ]);
    // A region rate beats the every-region rate there; elsewhere the every-region rate applies: 10M × $2.00 + 10M × $2.20 = $42.00.
    const r = contract('  - { model: acme-large, usageClass: input, price: "2.20" }\n  - { model: acme-large, usageClass: input, region: eu-west-1, price: "2.00" }');
    const byRegion = priceContractMonth(r, '2026-03', [item('acme-large', 'input', 10_000_000, { region: 'eu-west-1' }), item('acme-large', 'input', 10_000_000, { region: 'us-east-1' })], book);
    expect(byRegion.lines.map((l) => [l.term, usd(l.amount)])).toEqual([
      ['rates[1]', '20.00'],
      ['rates[0]', '22.00'],
    ]);
    expect(usd(byRegion.total)).toBe('42.00');
  });

  it('names the file and the field of a band it cannot read, or a band on a price that has none', () => {
    const fail = (rates: string): unknown => {
      try {
        contract(rates);
      } catch (e) {
        return e;
      }
      return null;
    };
    const unread = fail('  - { model: acme-long, usageClass: input, contextBand: long, price: "5" }');
    expect(unread).toMatchObject({ file: 'bands.yaml', field: 'rates[0].contextBand' });
    expect((unread as Error).message).toContain('"long" is not a context band');
    const perRequest = fail('  - { model: acme-long, usageClass: output, price: "5" }\n  - { model: acme-long, usageClass: request, contextBand: ">200k", price: "0.01", per: 1 }');
    expect(perRequest).toMatchObject({ file: 'bands.yaml', field: 'rates[1].contextBand' });
    expect((perRequest as Error).message).toContain('only token prices have context bands');
    expect(fail('  - { model: acme-large, usageClass: input, region: "", price: "2" }')).toMatchObject({ file: 'bands.yaml', field: 'rates[0].region' });
  });
});

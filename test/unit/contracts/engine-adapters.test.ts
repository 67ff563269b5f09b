import { describe, expect, it } from 'vitest';
import type { ContractPricer, RateCard } from '../../../shared/engine/pricing';
import { contractPricer, priceBookRateCard } from '../../../shared/domain/contracts/engine-adapters';
import { loadContractYaml } from '../../../shared/domain/contracts/load';
import { nanosToDecimal } from '../../../shared/domain/money';
import { fixtureBook } from '../../fixtures/contracts/price-fixture';

const book = fixtureBook();

describe("adapters to the scenario engine's pricing interfaces", () => {
  it('the price book is a RateCard: list price per block, bands, and the row that priced it', () => {
    const card: RateCard = priceBookRateCard(book);
    expect(card.unitPrice({ provider: 'acme', model: 'acme-long', usageClass: 'output', serviceTier: 'standard', month: '2026-03', contextBand: null })).toEqual({ nanos: 15_000_000_000n, per: 1_000_000n, source: 'price book row fx:acme:acme-long:output:standard:0:start' });
    expect(card.unitPrice({ provider: 'acme', model: 'acme-long', usageClass: 'output', serviceTier: 'standard', month: '2026-03', contextBand: '>200k' })?.nanos).toBe(22_500_000_000n);
    expect(card.contextBands?.('acme', 'acme-long', '2026-03')).toEqual([{ band: '>200k', abovePromptTokens: 200000 }]);
    // Unknown: null, so the engine refuses rather than prices at zero.
    expect(card.unitPrice({ provider: 'acme', model: 'nope', usageClass: 'input', serviceTier: 'standard', month: '2026-03', contextBand: null })).toBeNull();
  });

  it('contracts are a ContractPricer carrying credits across the requested months', () => {
    // $2,000 a month at list (400M input × $2.50/M + 100M output × $10/M), $3,000 credit:
    // month 1 pays $0 (balance $1,000), month 2 pays $1,000 (balance $0).
    const c = loadContractYaml('id: deal\nname: Deal\nvendor: acme\ncurrency: USD\nterm: { start: 2026-01-01, end: 2027-12-31 }\ncredits: { grants: [{ id: c1, amount: 3000, start: 2026-01-01, expires: 2027-12-31 }] }', { file: 'deal.yaml', book });
    const pricer: ContractPricer = contractPricer([c], book);
    const lines = [
      { model: 'acme-large', usageClass: 'input' as const, serviceTier: 'standard' as const, quantity: 400_000_000, listCost: 1_000_000_000_000n },
      { model: 'acme-large', usageClass: 'output' as const, serviceTier: 'standard' as const, quantity: 100_000_000, listCost: 1_000_000_000_000n },
    ];
    const out = pricer.priceMonths({ contract: 'deal', provider: 'acme', currency: 'USD', months: ['2026-05', '2026-06'].map((month) => ({ month, lines, listTotal: 2_000_000_000_000n })) });
    expect(out.map((m) => nanosToDecimal(m.total, 2))).toEqual(['0.00', '1000.00']);
    expect(out[0]!.credits).toEqual({ opening: 3_000_000_000_000n, granted: 0n, consumed: 2_000_000_000_000n, forfeited: 0n, closing: 1_000_000_000_000n });
    expect(() => pricer.priceMonths({ contract: 'other', provider: 'acme', currency: 'USD', months: [] })).toThrow(/no contract other/);
  });
});

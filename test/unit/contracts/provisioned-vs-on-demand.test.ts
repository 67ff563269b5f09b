import { describe, expect, it } from 'vitest';
import { loadContractYaml } from '../../../shared/domain/contracts/load';
import { priceContractMonth } from '../../../shared/domain/contracts/price-month';
import type { UsageItem } from '../../../shared/domain/contracts/types';
import { nanosToDecimal } from '../../../shared/domain/money';
import { fixtureBook } from '../../fixtures/contracts/price-fixture';

/** acme-large (price fixture): input $2.50 per 1M tokens at list. */
const book = fixtureBook();
const usd = (n: bigint | null) => (n === null ? null : nanosToDecimal(n, 2));

/**
 * Two units at $1.00 a unit-hour from 1 March 2026, each serving 1,000
 * acme-large tokens a minute; 20% off list on demand.
 */
const contract = loadContractYaml(
  `name: Reserved capacity
vendor: acme
currency: USD
term: { start: 2026-01-01, end: 2026-12-31 }
discounts:
  - { percentOff: 20, label: 20% off list }
provisioned:
  - id: ptu-a
    units: 2
    pricePerUnitHour: "1.00"
    start: 2026-03-01
    end: 2026-12-31
    models: [acme-large]
    throughputPerUnit: { acme-large: 1000 }
`,
  { file: 'capacity.yaml', book },
);

const onCapacity = (quantity: number, date: string): UsageItem => ({ model: 'acme-large', usageClass: 'input', serviceTier: 'provisioned', quantity, date });

describe('golden: provisioned capacity against the on-demand alternative', () => {
  it('a month the reservation costs more than on demand would have', () => {
    // March (31 days): fee 2 units × 744 h × $1.00 = $1,488.00; capacity 2 × 31 × 1,440 = 89,280 unit-minutes.
    // 44,640,000 tokens served use 44,640 unit-minutes: 50.00% of it.
    // On demand: 44.64M × $2.50/M × 0.8 = $89.28; per 1M served: $1,488 ÷ 44.64 = $33.333333333 (to the nano-unit).
    const m = priceContractMonth(contract, '2026-03', [onCapacity(44_640_000, '2026-03-10')], book);
    expect(m.provisioned).toHaveLength(1);
    const p = m.provisioned[0]!;
    expect([p.id, usd(p.fee), p.tokens, p.utilisationPercent, usd(p.onDemandCost), nanosToDecimal(p.effectivePerMillion!, 9), p.onDemandCheaper]).toEqual([
      'ptu-a',
      '1488.00',
      44_640_000n,
      '50.00',
      '89.28',
      '33.333333333',
      true,
    ]);
    // The invoice is the fee alone: the tokens served cost nothing more.
    expect(usd(m.total)).toBe('1488.00');
  });

  it('a full reservation overflows on demand; with enough throughput the reservation is the cheaper way', () => {
    // April (30 days): fee 2 × 720 h × $1.00 = $1,440.00; capacity 2 × 30 × 1,440 = 86,400 unit-minutes = 86,400,000 tokens.
    // 900,000,000 tokens: 86,400,000 served (100.00%), 813,600,000 overflow on demand at list less 20%:
    // overflow 813.6M × $2.50 = $2,034.00 list, −$406.80 discount.
    // On demand the served tokens would cost 86.4M × $2.50 × 0.8 = $172.80 < $1,440.00: still on demand is cheaper.
    const cheap = priceContractMonth(contract, '2026-04', [onCapacity(900_000_000, '2026-04-02')], book);
    expect(cheap.provisioned.map((p) => [usd(p.fee), p.tokens, p.utilisationPercent, usd(p.onDemandCost), p.onDemandCheaper])).toEqual([['1440.00', 86_400_000n, '100.00', '172.80', true]]);
    expect(usd(cheap.total)).toBe('3067.20'); // 1,440.00 + 2,034.00 − 406.80

    // With 1,000,000 tokens a minute per unit the same fee serves 86.4 billion tokens; 60 billion served
    // (69.44% of 86,400,000,000 — 60/86.4 = 0.694444 → 69.44), on demand 60,000M × $2.50 × 0.8 = $120,000.00 > $1,440.00.
    const big = loadContractYaml(
      `name: Reserved capacity, fast
vendor: acme
currency: USD
term: { start: 2026-01-01, end: 2026-12-31 }
discounts:
  - { percentOff: 20 }
provisioned:
  - { id: ptu-b, units: 2, pricePerUnitHour: "1.00", start: 2026-03-01, end: 2026-12-31, models: [acme-large], throughputPerUnit: { acme-large: 1000000 } }
`,
      { file: 'fast.yaml', book },
    );
    const dear = priceContractMonth(big, '2026-04', [onCapacity(60_000_000_000, '2026-04-02')], book);
    const p = dear.provisioned[0]!;
    expect([usd(p.fee), p.utilisationPercent, usd(p.onDemandCost), usd(p.effectivePerMillion), p.onDemandCheaper]).toEqual(['1440.00', '69.44', '120000.00', '0.024', false]);
    // $1,440 ÷ 60,000 = $0.024 per 1M tokens.
    expect(nanosToDecimal(p.effectivePerMillion!, 9)).toBe('0.024000000');
  });

  it('a reservation that served nothing: the fee buys nothing, on demand would have cost nothing', () => {
    const m = priceContractMonth(contract, '2026-05', [], book);
    expect(m.provisioned.map((p) => [usd(p.fee), p.tokens, p.utilisationPercent, usd(p.onDemandCost), p.effectivePerMillion, p.onDemandCheaper])).toEqual([['1488.00', 0n, '0.00', '0.00', null, true]]);
    // Before the reservation starts there is nothing to compare.
    expect(priceContractMonth(contract, '2026-02', [], book).provisioned).toEqual([]);
  });
});

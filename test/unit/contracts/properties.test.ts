import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadContractYaml } from '../../../shared/domain/contracts/load';
import { priceContractMonths } from '../../../shared/domain/contracts/price-months';
import type { UsageItem, VolumeTier } from '../../../shared/domain/contracts/types';
import { volumeDiscount } from '../../../shared/domain/contracts/volume';
import { fixtureBook } from '../../fixtures/contracts/price-fixture';

const book = fixtureBook();
const CENT = 10_000_000n;

/** Tiers starting at 0 with increasing starts and non-decreasing percentages (the shape volume discounts have). */
const tiersArb = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 50_000 }), fc.integer({ min: 0, max: 15 })), { minLength: 0, maxLength: 5 })
  .map((steps) => {
    const tiers: VolumeTier[] = [{ from: 0n, percentOff: '0' }];
    let from = 0n;
    let pct = 0;
    for (const [gap, rise] of steps) {
      from += BigInt(gap) * 1_000_000_000n;
      pct = Math.min(100, pct + rise);
      tiers.push({ from, percentOff: String(pct) });
    }
    return tiers;
  });

describe('pricing engine properties', () => {
  it('all-units never costs more than marginal for the same tiers', () => {
    fc.assert(
      fc.property(tiersArb, fc.bigInt({ min: 0n, max: 500_000n * 1_000_000_000n }), fc.constantFrom<'month' | 'year'>('month', 'year'), fc.bigInt({ min: 0n, max: 200_000n * 1_000_000_000n }), (tiers, spend, period, before) => {
        const common = { where: 'volumeDiscount', basis: 'spend' as const, period, tiers };
        const input = { spend, tokens: 0n, spendBefore: before, tokensBefore: 0n, discountBefore: 0n };
        // Compare whole contract years: the discount on the year so far (before + this month).
        const whole = { ...input, spendBefore: 0n, spend: (period === 'year' ? before : 0n) + spend };
        const allUnits = volumeDiscount({ ...common, method: 'all_units' }, whole);
        const marginal = volumeDiscount({ ...common, method: 'marginal' }, whole);
        return allUnits >= marginal;
      }),
      { numRuns: 2000, seed: 6 },
    );
  });

  it('an all-units invoice never exceeds the marginal invoice for the same month', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 0, max: 10_000 }), (dollarsIn, dollarsOut) => {
        const usage = new Map([['2026-04', [
          { model: 'acme-large', usageClass: 'input' as const, serviceTier: 'standard' as const, quantity: dollarsIn * 400_000 },
          { model: 'acme-large', usageClass: 'output' as const, serviceTier: 'standard' as const, quantity: dollarsOut * 100_000 },
        ]]]);
        const total = (method: string) => {
          const c = loadContractYaml(`name: t\nvendor: acme\ncurrency: USD\nterm: { start: 2026-04-01, end: 2026-04-30 }\nvolumeDiscount: { basis: spend, period: month, method: ${method}, tiers: [{ from: 0, percentOff: 0 }, { from: 1000, percentOff: 10 }, { from: 5000, percentOff: 20 }] }`, { file: 't.yaml', book });
          return priceContractMonths(c, book, usage)[0]!.total;
        };
        return total('all_units') <= total('marginal');
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  const contractArb = fc.record({
    percentOff: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }),
    tiers: fc.option(fc.constantFrom('marginal', 'all_units'), { nil: null }),
    tierPeriod: fc.constantFrom('month', 'year'),
    commitment: fc.option(fc.record({ amount: fc.integer({ min: 100, max: 20_000 }), period: fc.constantFrom('month', 'year'), carry: fc.constantFrom('none', 'excess_forward', 'shortfall_forward') }), { nil: null }),
    minimum: fc.option(fc.integer({ min: 50, max: 5_000 }), { nil: null }),
    credits: fc.array(fc.record({ amount: fc.integer({ min: 1, max: 10_000 }), start: fc.integer({ min: 1, max: 8 }), length: fc.integer({ min: 0, max: 200 }), usageOnly: fc.boolean() }), { maxLength: 3 }),
    burn: fc.constantFrom('earliest_expiry', 'as_listed'),
    ptu: fc.option(fc.record({ units: fc.integer({ min: 1, max: 5 }), hourly: fc.integer({ min: 1, max: 300 }) }), { nil: null }),
  });

  const usageArb = fc.array(
    fc.record({
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
      model: fc.constantFrom('acme-large', 'acme-long', 'acme-small'),
      usageClass: fc.constantFrom('input', 'output', 'cached_input'),
      tier: fc.constantFrom('standard', 'batch', 'provisioned'),
      quantity: fc.integer({ min: 0, max: 3_000_000_000 }),
    }),
    { maxLength: 30 },
  );

  it('credits never go negative, and every invoice total is the exact sum of its whole-cent lines', () => {
    fc.assert(
      fc.property(contractArb, usageArb, (t, usage) => {
        const parts = ['name: Property contract', 'vendor: acme', 'currency: USD', 'term: { start: 2026-01-01, end: 2026-12-31 }'];
        if (t.percentOff !== null) parts.push(`discounts: [{ percentOff: ${t.percentOff}, models: [acme-large] }, { percentOff: ${Math.ceil(t.percentOff / 2)} }]`);
        if (t.tiers !== null) parts.push(`volumeDiscount: { basis: spend, period: ${t.tierPeriod}, method: ${t.tiers}, tiers: [{ from: 0, percentOff: 0 }, { from: 1000, percentOff: 5 }, { from: 10000, percentOff: 12 }] }`);
        if (t.commitment !== null) parts.push(`commitment: { amount: ${t.commitment.amount}, period: ${t.commitment.period}, carryOver: ${t.commitment.carry} }`);
        if (t.minimum !== null) parts.push(`minimumMonthlyFee: ${t.minimum}`);
        if (t.credits.length > 0) {
          parts.push(`credits:\n  burnOrder: ${t.burn}\n  grants:`);
          t.credits.forEach((g, i) => {
            const start = `2026-${String(g.start).padStart(2, '0')}-05`;
            const expires = new Date(Date.parse(`${start}T00:00:00Z`) + g.length * 86_400_000).toISOString().slice(0, 10);
            parts.push(`    - { id: g${i}, amount: ${g.amount}, start: ${start}, expires: ${expires}, appliesTo: ${g.usageOnly ? 'usage_only' : 'all_charges'} }`);
          });
        }
        if (t.ptu !== null) parts.push(`provisioned: [{ id: p, units: ${t.ptu.units}, pricePerUnitHour: "${t.ptu.hourly / 100}", start: 2026-03-10, end: 2026-09-20, models: [acme-large], throughputPerUnit: { acme-large: 5000 } }]`);
        const c = loadContractYaml(parts.join('\n'), { file: 'prop.yaml', book });
        const byMonth = new Map<string, UsageItem[]>();
        for (const u of usage) {
          const month = `2026-${String(u.month).padStart(2, '0')}`;
          const list = byMonth.get(month) ?? [];
          list.push({ model: u.model, usageClass: u.usageClass as UsageItem['usageClass'], serviceTier: u.tier as UsageItem['serviceTier'], quantity: u.quantity, date: `${month}-${String(u.day).padStart(2, '0')}` });
          byMonth.set(month, list);
        }
        const months = priceContractMonths(c, book, byMonth, { through: '2027-01' });
        for (const m of months) {
          expect(m.total).toBe(m.lines.reduce((s, l) => s + l.amount, 0n));
          for (const l of m.lines) expect(l.amount % CENT).toBe(0n);
          expect(m.total).toBeGreaterThanOrEqual(0n);
          for (const balance of Object.values(m.state.credits)) expect(balance).toBeGreaterThanOrEqual(0n);
          for (const mv of m.credits) {
            expect(mv.applied).toBeGreaterThanOrEqual(0n);
            expect(mv.closing).toBe(mv.opening - mv.applied - mv.forfeited);
          }
        }
        // Over the whole run a grant never gives more than its amount.
        for (const [i, g] of t.credits.entries()) {
          const used = months.reduce((s, m) => s + m.credits.filter((x) => x.grantId === `g${i}`).reduce((a, x) => a + x.applied + x.forfeited, 0n), 0n);
          expect(used).toBeLessThanOrEqual(BigInt(g.amount) * 1_000_000_000n);
        }
        return true;
      }),
      { numRuns: 150, seed: 42 },
    );
  });
  it('usage net equals usage at list, month by month, when no term discounts the usage (both on the invoice lines\' basis)', () => {
    // Odd quantities on several days give lines whose list amounts end in fractions of a cent: rounding the exact
    // list sum once put "usage at list" a cent below "usage net" (Σ of lines rounded each) on such months.
    const contract = loadContractYaml('name: t\nvendor: acme\ncurrency: USD\nterm: { start: 2026-04-01, end: 2026-06-30 }\ncommitment: { amount: 50, period: month }', { file: 't.yaml', book });
    const lineArb = fc.record({
      model: fc.constantFrom('acme-large', 'acme-small'),
      usageClass: fc.constantFrom('input' as const, 'output' as const, 'cached_input' as const),
      day: fc.integer({ min: 1, max: 28 }),
      quantity: fc.integer({ min: 1, max: 9_999_999 }),
    });
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 30 }), (lines) => {
        const items: UsageItem[] = lines
          .filter((l) => !(l.model === 'acme-small' && l.usageClass === 'cached_input'))
          .map((l) => ({ model: l.model, usageClass: l.usageClass, serviceTier: 'standard', quantity: String(l.quantity), date: `2026-05-${String(l.day).padStart(2, '0')}` }));
        if (items.length === 0) return true;
        const month = priceContractMonths(contract, book, new Map([['2026-05', items]])).find((m) => m.month === '2026-05');
        expect(month!.lines.filter((l) => l.kind === 'usage').length).toBeGreaterThan(0);
        const usageLines = month!.lines.filter((l) => l.kind === 'usage').reduce((a, l) => a + l.amount, 0n);
        expect(month!.summary.usageNet).toBe(usageLines);
        expect(month!.summary.usageAtList).toBe(month!.summary.usageNet);
        // Whole cents, as every invoice amount is.
        expect(month!.summary.usageAtList % CENT).toBe(0n);
      }),
      { numRuns: 300, seed: 18 },
    );
  });
});

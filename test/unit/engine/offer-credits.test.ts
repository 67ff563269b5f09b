import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, daysInMonth, firstDay, lastDay } from '../../../shared/domain/calendar';
import { loadContract } from '../../../shared/domain/contracts/load';
import type { ContractFileInput } from '../../../shared/domain/contracts/schema';
import type { Contract } from '../../../shared/domain/contracts/types';
import { nanosToDecimal, parseMoney as $, type Nanos } from '../../../shared/domain/money';
import { contractAsOffer } from '../../../shared/engine/contract-offer';
import { priceAsOffer } from '../../../shared/engine/contracts';
import { priceMonthsWithContract, priceOffer, priceOfferAsContract } from '../../../shared/engine/offer';
import type { ContractMonthPrice, ContractMonthUsage } from '../../../shared/engine/pricing';

/**
 * The quick form of a workspace contract with scoped, part-month and
 * as-listed credits (offer-credits.ts) against the contract pricer itself:
 * the same invoice to the nano-unit, month by month and line kind by line
 * kind, with the same credit balances.
 */

const VENDOR = 'openai';
const FROM = '2027-01';
const MONTHS = 8;

/** A month's invoice as both sides state it: the total, each kind of line summed, the commitment and the credits. */
function invoice(p: ContractMonthPrice) {
  const byKind: Record<string, Nanos> = {};
  for (const l of p.lines) byKind[l.category] = (byKind[l.category] ?? 0n) + l.amount;
  // A kind summing to nothing is no line (the quick form writes a usage line of $0 for a month without usage; the pricer none).
  for (const k of Object.keys(byKind)) if (byKind[k] === 0n) delete byKind[k];
  return { month: p.month, total: p.total, byKind, commitment: p.commitment, credits: p.credits };
}

/** The contract pricer on the engine's usage lines, their list costs given (as the exact run prices an offer); an unpriced line fails the test. */
const priceWithContract = (contract: Contract, months: readonly ContractMonthUsage[]): ContractMonthPrice[] => priceMonthsWithContract(contract, VENDOR, months, 'test');

// Models of three publishers as the pricer tells them: OpenAI's own, Anthropic's, and one of no known developer (the vendor's).
const MODELS = ['gpt-4.1', 'gpt-4o-mini', 'claude-sonnet-4-5', 'house-model'] as const;
const CLASSES = ['input', 'output', 'cached_input'] as const;
const TIERS = ['standard', 'batch'] as const;
const PUBLISHERS = ['openai', 'anthropic'] as const;

const subset = <T>(values: readonly T[]) => fc.subarray([...values], { minLength: 1 });

/** A grant's scope, as a contract file writes it: each part optional, the models consistent with the publishers (the contract refuses a model no named publisher made). */
const scopeArb = fc
  .record({
    models: fc.option(subset(MODELS), { nil: undefined }),
    usageClasses: fc.option(subset(CLASSES), { nil: undefined }),
    serviceTiers: fc.option(subset(TIERS), { nil: undefined }),
    publishers: fc.option(subset(PUBLISHERS), { nil: undefined }),
  })
  .map((s) => {
    if (s.models && s.publishers) {
      const pubs = s.publishers;
      const models = s.models.filter((m) => (m.startsWith('claude') ? pubs.includes('anthropic') : m.startsWith('gpt') ? pubs.includes('openai') : true));
      return { ...s, models: models.length > 0 ? models : undefined };
    }
    return s;
  });

const grantArb = fc.record({
  /** Whole cents, $0.01 to $6,000. */
  cents: fc.integer({ min: 1, max: 600_000 }),
  startMonth: fc.integer({ min: -1, max: MONTHS - 1 }),
  months: fc.integer({ min: 0, max: 4 }),
  /** 0: the month's first (last) day; else a day within it. */
  startDay: fc.oneof(fc.constant(0), fc.integer({ min: 2, max: 28 })),
  endDay: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 27 })),
  usageOnly: fc.boolean(),
  scope: fc.option(scopeArb, { nil: null }),
  validDays: fc.boolean(),
});

const termsArb = fc.record({
  percentOff: fc.constantFrom(null, '15', '12.5', '33.333333', '7'),
  commitment: fc.option(fc.integer({ min: 1, max: 4_000 }), { nil: null }),
  minimum: fc.option(fc.integer({ min: 1, max: 3_000 }), { nil: null }),
  afterCredits: fc.boolean(),
  asListed: fc.boolean(),
  grants: fc.array(grantArb, { minLength: 1, maxLength: 4 }),
});

const lineArb = fc.record({
  model: fc.constantFrom(...MODELS),
  usageClass: fc.constantFrom(...CLASSES),
  serviceTier: fc.constantFrom(...TIERS),
  quantity: fc.integer({ min: 1, max: 50_000_000 }),
  /** Exact list cost in nano-units, up to $3,000 (odd fractions of a cent included). */
  listCost: fc.bigInt({ min: 0n, max: 3_000_000_000_000n }),
});
const usageArb = fc.array(fc.array(lineArb, { maxLength: 6 }), { minLength: MONTHS, maxLength: MONTHS });

type Terms = typeof termsArb extends fc.Arbitrary<infer T> ? T : never;
type Grant = typeof grantArb extends fc.Arbitrary<infer T> ? T : never;

function contractFile(t: Terms): ContractFileInput {
  return {
    id: 'random-scoped',
    name: 'Random contract with credits',
    vendor: VENDOR,
    currency: 'USD',
    term: { start: firstDay(FROM), end: lastDay(addMonths(FROM, MONTHS - 1)) },
    ...(t.percentOff ? { discounts: [{ label: 'Discount', percentOff: t.percentOff }] } : {}),
    ...(t.commitment !== null ? { commitment: { amount: String(t.commitment), period: 'month' as const, takeOrPay: true, carryOver: 'none' as const } } : {}),
    ...(t.minimum !== null ? { minimumMonthlyFee: String(t.minimum) } : {}),
    minimumFeeOrder: t.afterCredits ? 'after_credits' : 'before_credits',
    credits: {
      burnOrder: t.asListed ? 'as_listed' : 'earliest_expiry',
      grants: t.grants.map((g, i) => grantFile(g, `g${i + 1}`)),
    },
  };
}

function grantFile(g: Grant, id: string) {
  const startMonth = addMonths(FROM, g.startMonth);
  const endMonth = addMonths(startMonth, g.months);
  const start = g.startDay === 0 ? firstDay(startMonth) : `${startMonth}-${String(g.startDay).padStart(2, '0')}`;
  // A grant may end in the month it starts, on or after its first day.
  const endDay = g.endDay === 0 ? daysInMonth(endMonth) : g.months === 0 ? Math.max(g.endDay, g.startDay) : g.endDay;
  const expires = `${endMonth}-${String(endDay).padStart(2, '0')}`;
  const partMonth = g.startDay !== 0 || g.endDay !== 0;
  return {
    id,
    amount: nanosToDecimal(BigInt(g.cents) * 10_000_000n),
    start,
    expires,
    appliesTo: g.usageOnly ? ('usage_only' as const) : ('all_charges' as const),
    ...(g.scope ?? {}),
    ...(partMonth ? { partMonth: g.validDays ? ('valid_days' as const) : ('pro_rata' as const) } : {}),
  };
}

function monthsOf(lines: readonly (readonly { model: string; usageClass: (typeof CLASSES)[number]; serviceTier: (typeof TIERS)[number]; quantity: number; listCost: bigint }[])[]): ContractMonthUsage[] {
  return lines.map((ls, i) => ({ month: addMonths(FROM, i), lines: ls.map((l) => ({ ...l })), listTotal: ls.reduce((s, l) => s + l.listCost, 0n) }));
}

describe('the quick form of a contract with any credits', () => {
  it('prices random contracts with scoped, part-month and as-listed grants as the contract pricer does, to the nano-unit', () => {
    let scopedPaid = 0;
    let partMonthPaid = 0;
    fc.assert(
      fc.property(termsArb, usageArb, (terms, lines) => {
        const contract = loadContract(contractFile(terms), { file: 'random.yaml' });
        const asOffer = contractAsOffer(contract, VENDOR, 'USD');
        expect(asOffer).not.toBeNull();
        expect([asOffer!.from, asOffer!.to]).toEqual([FROM, addMonths(FROM, MONTHS - 1)]);
        const months = monthsOf(lines);
        const full = priceWithContract(contract, months).map(invoice);
        expect(priceOffer(asOffer!.offer, months).map(invoice)).toEqual(full);
        // The offer written back as a contract (the exact run's way for an inline offer) prices the same too.
        expect(priceOfferAsContract(asOffer!.offer, VENDOR, 'USD', months, 'random.yaml').map(invoice)).toEqual(full);
        // Count cases where the new terms mattered, so the generator is known to reach them.
        const paid = full.some((m) => (m.byKind.credit ?? 0n) < 0n);
        if (paid && contract.credits!.grants.some((g) => g.scope)) scopedPaid++;
        if (paid && contract.credits!.grants.some((g) => g.start.slice(8) !== '01' || g.expires !== lastDay(g.expires.slice(0, 7)))) partMonthPaid++;
      }),
      { numRuns: 250, seed: 20261207 },
    );
    expect(scopedPaid).toBeGreaterThan(150);
    expect(partMonthPaid).toBeGreaterThan(150);
  });

  // A version from a month within the term: new discount, commitment and minimum, its own grants, the earlier grants withdrawn.
  const versionArb = fc.record({
    at: fc.integer({ min: 1, max: MONTHS - 1 }),
    percentOff: fc.constantFrom(null, '20', '9.75'),
    commitment: fc.option(fc.integer({ min: 1, max: 4_000 }), { nil: null }),
    minimum: fc.option(fc.integer({ min: 1, max: 3_000 }), { nil: null }),
    grants: fc.array(grantArb, { maxLength: 3 }),
  });

  it('prices random contracts with a version as one offer per version, to the nano-unit', () => {
    let twoVersions = 0;
    fc.assert(
      fc.property(termsArb, versionArb, usageArb, (terms, v, lines) => {
        const file = contractFile(terms);
        const effectiveFrom = firstDay(addMonths(FROM, v.at));
        // Grants of the version start in or after its first month.
        const grants = v.grants.map((g, i) => grantFile({ ...g, startMonth: Math.max(g.startMonth, v.at) }, `v${i + 1}`));
        const version = {
          effectiveFrom,
          reason: 'amendment',
          discounts: v.percentOff ? [{ label: 'Amended discount', percentOff: v.percentOff }] : [],
          // A version cannot drop a commitment, only replace it (or keep the one before).
          ...(v.commitment !== null ? { commitment: { amount: String(v.commitment), period: 'month' as const, takeOrPay: true, carryOver: 'none' as const } } : {}),
          ...(v.minimum !== null ? { minimumMonthlyFee: String(v.minimum) } : {}),
          ...(grants.length > 0 ? { credits: { grants } } : {}),
          withdrawCredits: terms.grants.map((_, i) => `g${i + 1}`),
        };
        const contract = loadContract({ ...file, versions: [version] }, { file: 'random.yaml' });
        const asOffer = contractAsOffer(contract, VENDOR, 'USD');
        expect(asOffer?.before?.length).toBe(1);
        const months = monthsOf(lines);
        // Totals and lines to the nano-unit; the credit balances differ only by what a withdrawal forfeits (a memo, no money).
        const money = (p: ContractMonthPrice) => {
          const { month, total, byKind } = invoice(p);
          return { month, total, byKind };
        };
        const full = priceWithContract(contract, months).map(money);
        expect(priceAsOffer(asOffer!, months).map(money)).toEqual(full);
        if (full.slice(v.at).some((m) => m.byKind.credit)) twoVersions++;
      }),
      { numRuns: 150, seed: 20261208 },
    );
    // The version's own grants paid in many of the cases.
    expect(twoVersions).toBeGreaterThan(50);
  });

  it('prices a hand-computed contract with a broad credit, a scoped one and a part-month one', () => {
    // 10% off list. Grants, earliest expiry first:
    //   launch  $100, all charges, 2027-01-01 to 2027-01-31
    //   output  $400, output tokens only, 2027-01-01 to 2027-03-31
    //   late    $100, usage only, 2027-02-15 to 2027-03-31 (pro rata in February: 14 of 28 days)
    // January: input $200.00 + output $300.00 list = $500.00, discount −$50.00, usage net $450.00,
    //   shared by cost after the discount: input $180.00, output $270.00.
    //   launch (any usage; the output grant comes after it) pays first what only it may pay, the input:
    //     min($100, $450, $450) = $100.00, from the input ($80.00 of it left);
    //   output pays min($400, its usage $270.00) = $270.00 ($130.00 left);
    //   invoice 450 − 100 − 270 = $80.00; launch expires with $0 left.
    // February: input $100.00 + output $50.00 = $150.00, −$15.00, net $135.00 (input $90.00, output $45.00).
    //   output (expires 31 March, starts before late) pays its $45.00 ($85.00 left);
    //   late may pay 14/28 of the usage, $67.50, of the $90.00 left: $67.50 ($32.50 left);
    //   invoice 135 − 45 − 67.50 = $22.50.
    const contract = loadContract(
      {
        name: 'Hand-computed credits',
        vendor: VENDOR,
        currency: 'USD',
        term: { start: '2027-01-01', end: '2027-03-31' },
        discounts: [{ label: 'Discount', percentOff: '10' }],
        credits: {
          grants: [
            { id: 'output', amount: '400', start: '2027-01-01', expires: '2027-03-31', appliesTo: 'usage_only', usageClasses: ['output'] },
            { id: 'launch', amount: '100', start: '2027-01-01', expires: '2027-01-31' },
            { id: 'late', amount: '100', start: '2027-02-15', expires: '2027-03-31', appliesTo: 'usage_only' },
          ],
        },
      },
      { file: 'hand.yaml' },
    );
    const line = (usageClass: 'input' | 'output', list: string) => ({ model: 'gpt-4.1', usageClass, serviceTier: 'standard' as const, quantity: 1_000_000, listCost: $(list) });
    const months: ContractMonthUsage[] = [
      { month: '2027-01', lines: [line('input', '200'), line('output', '300')], listTotal: $('500') },
      { month: '2027-02', lines: [line('input', '100'), line('output', '50')], listTotal: $('150') },
    ];
    const expected = [
      { total: $('80'), credits: { opening: 0n, granted: $('500'), consumed: $('370'), forfeited: 0n, closing: $('130') } },
      { total: $('22.50'), credits: { opening: $('130'), granted: $('100'), consumed: $('112.50'), forfeited: 0n, closing: $('117.50') } },
    ];
    const asOffer = contractAsOffer(contract, VENDOR, 'USD')!;
    expect(priceOffer(asOffer.offer, months).map((m) => ({ total: m.total, credits: m.credits }))).toEqual(expected);
    expect(priceWithContract(contract, months).map((m) => ({ total: m.total, credits: m.credits }))).toEqual(expected);
  });
});

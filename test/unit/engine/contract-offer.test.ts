import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContractYaml } from '../../../shared/domain/contracts/load';
import { CONTRACT_TERM_KEYS } from '../../../shared/domain/contracts/terms';
import type { ContractTermKey, ContractTermValues } from '../../../shared/domain/contracts/types';
import { bundledPriceBook } from '../../../shared/domain/pricebook/bundled';
import { contractAsOffer } from '../../../shared/engine/contract-offer';
import { runDeterministic, runScenarios } from '../../../shared/engine/run';
import type { ContractPricer } from '../../../shared/engine/pricing';
import { engineContextOf } from '../../../shared/engine/tasks';
import { scenarioFile } from './helpers';

const dir = path.resolve(__dirname, '../../../scenarios/demo/contracts');
/**
 * A flat enterprise agreement (15% off, $500 a month take-or-pay, May 2026 to April 2027): the demo's OpenAI
 * agreement before the demo's ramped commitment, kept here as this test's own fixture.
 */
const OPENAI_ENTERPRISE = `schema: aispend-contract/1
id: acme-openai-enterprise
name: Acme × OpenAI enterprise agreement
vendor: openai
currency: USD
term: { start: 2026-05-01, end: 2027-04-30 }
notes: >
  15% off list on every model and tier, applied by OpenAI on each usage line. $500 a month committed,
  take-or-pay: a month below it is billed up to $500. List-price increases reach Acme 60 days after they
  take effect.
discounts:
  - { label: Enterprise discount, percentOff: "15" }
commitment:
  amount: "500"
  period: month
  takeOrPay: true
priceChange:
  noticeDays: 60
`;
const text = (name: string) => (name === 'openai-enterprise.yaml' ? OPENAI_ENTERPRISE : readFileSync(path.join(dir, name), 'utf8'));
const book = bundledPriceBook();

describe('workspace contracts as engine offers (quick Monte Carlo)', () => {
  it('converts a flat discount with a monthly take-or-pay commitment, and nothing it cannot express', () => {
    const openai = loadContractYaml(text('openai-enterprise.yaml'), { file: 'openai-enterprise.yaml', book });
    expect(contractAsOffer(openai, 'openai', 'USD')).toEqual({
      from: '2026-05',
      to: '2027-04',
      offer: { discountPct: 15, monthlyCommitment: 500_000_000_000n, credits: [], minimumMonthlyFee: null, minimumFeeOrder: 'before_credits' },
    });
    expect(contractAsOffer(openai, 'anthropic', 'USD')).toBeNull();
    // an annual commitment is trued up once a year: not an offer's monthly take-or-pay
    const anthropic = loadContractYaml(text('anthropic-commercial.yaml'), { file: 'anthropic-commercial.yaml', book });
    expect(contractAsOffer(anthropic, 'anthropic', 'USD')).toBeNull();
    expect(contractAsOffer({ ...openai, discounts: [{ ...openai.discounts[0]!, models: ['gpt-4.1'] }] }, 'openai', 'USD')).toBeNull();
  });

  it('a versioned contract stands in by one offer per version when every grant in force under each is that version’s own', () => {
    // The demo's OpenAI agreement: $400 a month to October 2026, then version 2 (phase 2) at $700 with a $2,000 usage credit to April 2027.
    const demo = loadContractYaml(readFileSync(path.join(dir, 'openai-enterprise.yaml'), 'utf8'), { file: 'openai-enterprise.yaml', book });
    expect(contractAsOffer(demo, 'openai', 'USD')).toEqual({
      from: '2026-11',
      to: '2027-04',
      offer: { discountPct: 15, monthlyCommitment: 700_000_000_000n, credits: [{ amount: 2_000_000_000_000n, start: '2026-11', expires: '2027-04', appliesTo: 'usage_only' }], minimumMonthlyFee: null, minimumFeeOrder: 'before_credits' },
      before: [{ from: '2025-11', to: '2026-10', offer: { discountPct: 15, monthlyCommitment: 400_000_000_000n, credits: [], minimumMonthlyFee: null, minimumFeeOrder: 'before_credits' } }],
    });
    // A grant of the original terms still burning under version 2 carries a balance the offer cannot know: no offer.
    const carried = loadContractYaml(
      readFileSync(path.join(dir, 'openai-enterprise.yaml'), 'utf8').replace('priceChange:\n  noticeDays: 60\nversions:', 'priceChange:\n  noticeDays: 60\ncredits:\n  grants: [{ id: signing, amount: "500", start: 2025-11-01, expires: 2027-04-30 }]\nversions:'),
      { file: 'openai-enterprise.yaml', book },
    );
    expect(carried.credits?.grants.map((g) => g.id)).toEqual(['signing']);
    expect(contractAsOffer(carried, 'openai', 'USD')).toBeNull();
  });

  // One more of each term on the flat offer above: keyed by every term of a contract, so a term added later needs its case here.
  const ONE_MORE: { [K in ContractTermKey]: { value: ContractTermValues[K]; offer: boolean } } = {
    rates: { value: [{ where: 'rates[0]', model: 'gpt-4.1', usageClass: 'input', serviceTier: null, meter: null, contextBand: null, region: null, price: 1_500_000_000n, per: 1_000_000, unit: 'token' }], offer: false },
    discounts: { value: [{ where: 'discounts[0]', label: '10% off batch', percentOff: '10', models: null, usageClasses: null, serviceTiers: ['batch'], stacks: false }], offer: false },
    discountStacking: { value: 'additive', offer: true },
    volumeDiscount: { value: { where: 'volumeDiscount', basis: 'spend', period: 'month', method: 'marginal', tiers: [{ from: 0n, percentOff: '0' }] }, offer: false },
    commitment: { value: { where: 'commitment', amount: 500_000_000_000n, period: 'year', takeOrPay: true, carryOver: 'none', maxCarryOver: null, includesProvisionedFees: true, trueUp: 'year', years: [] }, offer: false },
    credits: { value: { burnOrder: 'earliest_expiry', grants: [{ where: 'credits.grants[0]', id: 'c1', amount: 100_000_000_000n, start: '2026-05-01', expires: '2026-07-31', appliesTo: 'usage_only', scope: null, partMonth: 'pro_rata' }] }, offer: true },
    provisioned: { value: [{ where: 'provisioned[0]', id: 'p1', units: 1, pricePerUnitHour: 1_000_000_000n, pricePerUnitMonth: null, start: '2026-05-01', end: '2027-04-30', models: ['gpt-4.1'], throughputPerUnit: { 'gpt-4.1': 1000 } }], offer: false },
    minimumMonthlyFee: { value: 100_000_000_000n, offer: true },
    minimumFeeOrder: { value: 'after_credits', offer: true },
    priceChange: { value: { noticeDays: 30, capPercent: null }, offer: true },
  };

  it('stands in only for the terms it lists: any other term sends the contract to the contracts module', () => {
    const openai = loadContractYaml(text('openai-enterprise.yaml'), { file: 'openai-enterprise.yaml', book });
    const flat = { ...openai, commitment: null, discounts: [] };
    expect(contractAsOffer(flat, 'openai', 'USD')).not.toBeNull();
    expect(Object.keys(ONE_MORE).sort()).toEqual([...CONTRACT_TERM_KEYS].sort());
    const offered = CONTRACT_TERM_KEYS.filter((key) => contractAsOffer({ ...flat, [key]: ONE_MORE[key].value }, 'openai', 'USD') !== null);
    expect(offered).toEqual(CONTRACT_TERM_KEYS.filter((key) => ONE_MORE[key].offer));
    expect(offered).toEqual(['discountStacking', 'credits', 'minimumMonthlyFee', 'minimumFeeOrder', 'priceChange']);
  });

  // 1 request a loan of 200,000 input tokens on gpt-4.1 at $2/M list = $0.40 a loan.
  const file = (units: unknown) =>
    scenarioFile({
      start: '2027-03',
      months: 3,
      drivers: [{ id: 'loans', unit: 'loan', unitsPerMonth: units as never }],
      workloads: [{ id: 'x', driver: 'loans', requestsPerUnit: 1, tokensPerRequest: { input: 200_000, output: 0 }, models: [{ provider: 'openai', model: 'gpt-4.1', share: 1 }] }],
      levers: [{ type: 'contract', start: '2027-03', provider: 'openai', contract: 'acme-openai-enterprise' }],
    });
  const ctx = engineContextOf({ userPriceRows: [], contracts: [{ fileName: 'openai-enterprise.yaml', yaml: text('openai-enterprise.yaml') }] });

  it('prices like the contracts module: discount, shortfall, and list after the term', () => {
    // Mar, Apr 2027 (in term): 1,000 × $0.40 = $400 list, 15% off = $340, below the $500 commitment → $500
    // May 2027 (after the term ended on 30 April): $400 at list
    const months = runDeterministic(file(1000), {}, ctx).scenarios[0]!.months;
    expect(months.map((m) => m.aiCost)).toEqual(['500.00', '500.00', '400.00']);
  });

  it('gives the Monte Carlo percentiles the full contract pricing gives, on both sides of the commitment', async () => {
    // 1,000–2,000 loans: $340–$680 after the discount, so draws fall on both sides of $500.
    const f = file({ min: 1000, max: 2000 });
    let calls = 0;
    const pricer = ctx.contracts!;
    const counted: ContractPricer = { priceMonths: (r) => (calls++, pricer.priceMonths(r)), asOffer: pricer.asOffer };
    const quick = await runScenarios(f, { draws: 300, seed: 3, tornado: false }, { ...ctx, contracts: counted });
    // the exact run and the check on the base inputs: the 300 draws never call the contracts module
    expect(calls).toBe(2);
    const full = await runScenarios(f, { draws: 300, seed: 3, tornado: false }, { ...ctx, contracts: { priceMonths: (r) => pricer.priceMonths(r) } });
    for (const p of ['p10', 'p50', 'p90'] as const) {
      full.scenarios[0]!.months.forEach((m, i) => {
        // the offer form rounds each invoice line to the cent as the contracts module does: the same invoice
        expect(Math.abs(Number(quick.scenarios[0]!.months[i]![p]!.aiCost) - Number(m[p]!.aiCost))).toBeLessThan(1e-6);
      });
    }
    expect(Number(quick.scenarios[0]!.months[0]!.p10!.aiCost)).toBe(500);
    expect(Number(quick.scenarios[0]!.months[0]!.p90!.aiCost)).toBeGreaterThan(500);
  });

  // $300 of credit for gpt-4.1 input only and $150 for any usage from 15 March 2027 (pro rata in March), on the flat agreement above.
  const SCOPED = `${OPENAI_ENTERPRISE}credits:
  grants:
    - { id: extraction, amount: "300", start: 2027-03-01, expires: 2027-04-30, appliesTo: usage_only, models: [gpt-4.1], usageClasses: [input] }
    - { id: late-start, amount: "150", start: 2027-03-15, expires: 2027-04-30, appliesTo: usage_only, partMonth: pro_rata }
`;

  it('prices draws of a contract with a scoped and a part-month credit quickly, as the full contract pricing does', async () => {
    const yaml = SCOPED;
    const scoped = engineContextOf({ userPriceRows: [], contracts: [{ fileName: 'openai-enterprise.yaml', yaml }] });
    const contract = loadContractYaml(yaml, { file: 'openai-enterprise.yaml', book });
    expect(contractAsOffer(contract, 'openai', 'USD')!.offer.credits).toEqual([
      { amount: 300_000_000_000n, start: '2027-03', expires: '2027-04', appliesTo: 'usage_only', scope: { models: ['gpt-4.1'], usageClasses: ['input'], serviceTiers: null, publishers: null } },
      { amount: 150_000_000_000n, start: '2027-03', expires: '2027-04', appliesTo: 'usage_only', startDay: '2027-03-15', partMonth: 'pro_rata' },
    ]);
    const f = file({ min: 1000, max: 2000 });
    let calls = 0;
    const pricer = scoped.contracts!;
    const counted: ContractPricer = { priceMonths: (r) => (calls++, pricer.priceMonths(r)), asOffer: pricer.asOffer };
    const quick = await runScenarios(f, { draws: 300, seed: 5, tornado: false }, { ...scoped, contracts: counted });
    // the exact run and the check on the base inputs only: no draw runs the contracts module
    expect(calls).toBe(2);
    const full = await runScenarios(f, { draws: 300, seed: 5, tornado: false }, { ...scoped, contracts: { priceMonths: (r) => pricer.priceMonths(r) } });
    for (const p of ['p10', 'p50', 'p90'] as const) {
      full.scenarios[0]!.months.forEach((m, i) => {
        expect(quick.scenarios[0]!.months[i]![p]!.aiCost).toBe(m[p]!.aiCost);
      });
    }
    // March at the base (1,500 loans): $600 list, $510 net, $500 committed so no shortfall; the scoped grant pays $300 and the
    // late-start grant 17/31 of the usage net capped by what is left: min($150, 17/31 × $510 = $279.68, $210) = $150 → $60.
    expect(runDeterministic(file(1500), {}, scoped).scenarios[0]!.months[0]!.aiCost).toBe('60.00');
  });

  it('judges a scoped credit by the model the price book prices, however the scenario spells it', async () => {
    // The scenario names gpt-4.1 by its dated id; the price book prices it as gpt-4.1, the model the grant is scoped to.
    const dated = scenarioFile({
      start: '2027-03',
      months: 2,
      drivers: [{ id: 'loans', unit: 'loan', unitsPerMonth: { min: 1000, max: 2000 } }],
      workloads: [{ id: 'x', driver: 'loans', requestsPerUnit: 1, tokensPerRequest: { input: 200_000, output: 0 }, models: [{ provider: 'openai', model: 'gpt-4.1-2025-04-14', share: 1 }] }],
      levers: [{ type: 'contract', start: '2027-03', provider: 'openai', contract: 'acme-openai-enterprise' }],
    });
    const scoped = engineContextOf({ userPriceRows: [], contracts: [{ fileName: 'openai-enterprise.yaml', yaml: SCOPED }] });
    let calls = 0;
    const pricer = scoped.contracts!;
    const counted: ContractPricer = { priceMonths: (r) => (calls++, pricer.priceMonths(r)), asOffer: pricer.asOffer };
    const quick = await runScenarios(dated, { draws: 200, seed: 9, tornado: false }, { ...scoped, contracts: counted });
    expect(calls).toBe(2);
    const full = await runScenarios(dated, { draws: 200, seed: 9, tornado: false }, { ...scoped, contracts: { priceMonths: (r) => pricer.priceMonths(r) } });
    for (const p of ['p10', 'p50', 'p90'] as const) full.scenarios[0]!.months.forEach((m, i) => expect(quick.scenarios[0]!.months[i]![p]!.aiCost).toBe(m[p]!.aiCost));
    // The base (1,500 loans) as above: the scoped grant pays the dated spelling's input, $60.00 left to pay in March.
    expect(quick.scenarios[0]!.months[0]!.aiCost).toBe('60.00');
  });

  it('prices draws across a version change quickly, as the full contract pricing does', async () => {
    // The demo's agreement from September 2026: two months of version 1 ($400 committed), then version 2 ($700, the $2,000 credit).
    const yaml = readFileSync(path.join(dir, 'openai-enterprise.yaml'), 'utf8');
    const demo = engineContextOf({ userPriceRows: [], contracts: [{ fileName: 'openai-enterprise.yaml', yaml }] });
    const across = scenarioFile({
      start: '2026-09',
      months: 10,
      drivers: [{ id: 'loans', unit: 'loan', unitsPerMonth: { min: 1000, max: 2500 } }],
      workloads: [{ id: 'x', driver: 'loans', requestsPerUnit: 1, tokensPerRequest: { input: 200_000, output: 0 }, models: [{ provider: 'openai', model: 'gpt-4.1', share: 1 }] }],
      levers: [{ type: 'contract', start: '2026-09', provider: 'openai', contract: 'acme-openai-enterprise' }],
    });
    let calls = 0;
    const pricer = demo.contracts!;
    const counted: ContractPricer = { priceMonths: (r) => (calls++, pricer.priceMonths(r)), asOffer: pricer.asOffer };
    const quick = await runScenarios(across, { draws: 200, seed: 11, tornado: false }, { ...demo, contracts: counted });
    expect(calls).toBe(2);
    const full = await runScenarios(across, { draws: 200, seed: 11, tornado: false }, { ...demo, contracts: { priceMonths: (r) => pricer.priceMonths(r) } });
    for (const p of ['p10', 'p50', 'p90'] as const) full.scenarios[0]!.months.forEach((m, i) => expect(quick.scenarios[0]!.months[i]![p]!.aiCost).toBe(m[p]!.aiCost));
    // At the base, 1,750 loans × $0.40 = $700 list, $595 after 15% off: version 1 bills $595 (above $400), version 2 the
    // $700 commitment less the usage credit on the $595 of usage: $105 (November, $1,405 left), $105 (December, $810 left),
    // $105 (January, $215 left), then $700 − $215 = $485 (February), $700 after (March, April), and $700 list once the term ends.
    expect(quick.scenarios[0]!.months.map((m) => m.aiCost)).toEqual(['595.00', '595.00', '105.00', '105.00', '105.00', '485.00', '700.00', '700.00', '700.00', '700.00']);
  });
});

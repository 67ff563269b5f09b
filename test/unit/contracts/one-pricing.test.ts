import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContractYaml } from '../../../shared/domain/contracts/load';
import { byMonth, priceContractMonths } from '../../../shared/domain/contracts/price-months';
import type { UsageItem } from '../../../shared/domain/contracts/types';
import { bundledPriceBook } from '../../../shared/domain/pricebook/bundled';
import { addMonths, firstDay, monthOf } from '../../../shared/domain/calendar';
import { parseMoney as $, type Nanos } from '../../../shared/domain/money';
import { priceContracts } from '../../../shared/engine/contracts';
import { priceOffer, priceOfferAsContract, type ResolvedOffer } from '../../../shared/engine/offer';
import type { ContractMonthPrice, ContractMonthUsage, ContractPriceRequest, ContractPricer } from '../../../shared/engine/pricing';
import { projectExact } from '../../../shared/engine/project';
import { prepareRun, runDeterministic } from '../../../shared/engine/run';
import { resolveScenarioFile, type ScenarioText } from '../../../shared/engine/scenario-file';
import { engineContextOf } from '../../../shared/engine/tasks';
import { scenarioFile } from '../engine/helpers';

/**
 * One pricing of terms (issue 17): the same terms give the same months
 * whichever way they are priced.
 *  - Every example contract, priced by the contract pricer directly (as the
 *    invoice check and `aispend price` do) and through a scenario's contract
 *    lever (as the engine books it).
 *  - Every offer written in a scenario, priced as the contract it is (the
 *    exact projection) and in its quick form (Monte Carlo draws).
 */

const ROOT = path.resolve(__dirname, '../../..');
const EXAMPLES = path.join(ROOT, 'scenarios', 'contracts');
const book = bundledPriceBook({ userRows: [] });

/** Models each example contract's usage runs on: ones its terms name, and one they do not. */
const MODELS: Record<string, string[]> = {
  'anthropic-prepaid-credits-2026.yaml': ['claude-sonnet-4-5', 'claude-haiku-4-5'],
  'aws-bedrock-volume-2026.yaml': ['amazon.nova-pro', 'amazon.nova-lite'],
  'azure-ptu-offer-2026.yaml': ['gpt-4o', 'gpt-4o-mini'],
  'azure-term-sheet-2027.yaml': ['gpt-4o', 'gpt-4o-mini'],
  'openai-enterprise-2026.yaml': ['gpt-4.1', 'gpt-4o-mini', 'gpt-4o'],
  'openai-batch-stacked-2027.yaml': ['gpt-4o', 'gpt-4o-mini'],
};
/** Tiers of the usage where a contract's terms depend on them (a discount stacked on batch usage); standard otherwise. */
const TIERS: Record<string, Record<string, number>> = {
  'openai-batch-stacked-2027.yaml': { standard: 0.6, batch: 0.4 },
};

const same = (a: ContractMonthPrice, b: ContractMonthPrice) => ({ month: a.month, total: a.total, commitment: a.commitment, credits: a.credits, other: b.month });

describe('every example contract priced both ways', () => {
  const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml'));

  it('lists every example contract', () => {
    expect(files.sort()).toEqual(Object.keys(MODELS).sort());
  });

  it.each(files)('%s: the scenario lever books the invoice the contract pricer gives, month by month', (name) => {
    const yaml = readFileSync(path.join(EXAMPLES, name), 'utf8');
    const contract = loadContractYaml(yaml, { file: name, book });
    const start = monthOf(contract.start);
    // Usage grows 35% a month from $~1k: it crosses commitments, volume tiers, minimum fees and credit balances within the term.
    const file = scenarioFile(
      {
        start,
        months: 14,
        drivers: [{ id: 'requests', unitsPerMonth: 20_000 }],
        workloads: [
          { id: 'w', driver: 'requests', requestsPerUnit: 1, tokensPerRequest: { input: 20_000, output: 1_500 }, models: MODELS[name]!.map((model, i, all) => ({ provider: contract.vendor, model, share: i === all.length - 1 ? 1 - (all.length - 1) / all.length : 1 / all.length })), ...(TIERS[name] ? { tiers: TIERS[name] } : {}) },
        ],
        levers: [{ type: 'volume', start, monthlyGrowthPct: 35 }],
      },
      [{ id: 'signed', name: 'Under the contract', levers: [{ type: 'contract', start, provider: contract.vendor, contract: contract.id }] }],
    );
    const ctx = engineContextOf({ userPriceRows: [], contracts: [{ fileName: name, yaml }] });
    const seen: { request: ContractPriceRequest; months: ContractMonthPrice[] }[] = [];
    const pricer: ContractPricer = {
      priceMonths: (request) => {
        const months = ctx.contracts!.priceMonths(request);
        seen.push({ request, months });
        return months;
      },
    };
    const result = runDeterministic(file, {}, { rateCard: ctx.rateCard!, contracts: pricer });
    expect(seen).toHaveLength(1);
    const { request, months: engine } = seen[0]!;
    expect(request.months).toHaveLength(14);

    // The same usage, priced directly from the term's first month.
    const items: (UsageItem & { date: string })[] = request.months.flatMap((m) =>
      m.lines.map((l) => ({ provider: contract.vendor, model: l.model, usageClass: l.usageClass, serviceTier: l.serviceTier, quantity: l.quantity, date: firstDay(m.month) })),
    );
    const direct = priceContractMonths(contract, book, byMonth(items), { through: addMonths(start, 13) });
    expect(direct.map((d) => d.month)).toEqual(request.months.map((m) => m.month));
    direct.forEach((d, i) => {
      expect(engine[i]!.total).toBe(d.total);
      expect(engine[i]!.commitment?.shortfall ?? null).toBe(d.commitment?.shortfall ?? null);
      // What the scenario books: the invoice less the usage at list.
      const booked = result.scenarios[1]!.months[i]!.byComponent.contract_adjustment;
      expect($(booked!)).toBe(d.total - request.months[i]!.listTotal);
    });
    // The contract bit somewhere: not every month at list.
    expect(direct.some((d, i) => d.total !== request.months[i]!.listTotal)).toBe(true);
    // A discount that stacks had usage to stack on, and was priced the same way through the lever.
    if (contract.discounts.some((d) => d.stacks)) expect(direct.filter((d) => d.inTerm).every((d) => d.items.some((p) => p.discounts.length > 1))).toBe(true);
    // A credit scoped to some usage paid that usage, the same way through the lever.
    if (contract.credits?.grants.some((g) => g.scope)) expect(direct.some((d) => d.credits.some((g) => contract.credits!.grants.find((x) => x.id === g.grantId)?.scope && g.applied > 0n))).toBe(true);
  });
});

const read = (from: string, relative: string): ScenarioText => {
  const p = path.resolve(path.dirname(from), relative);
  return { path: p, text: readFileSync(p, 'utf8') };
};
const load = (p: string) => resolveScenarioFile({ path: p, text: readFileSync(p, 'utf8') }, read);

/** Every scenario file that writes an offer: the examples and the board-workbook fixture. */
const OFFER_FILES = [
  ...readdirSync(path.join(ROOT, 'scenarios'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => path.join(ROOT, 'scenarios', f)),
  path.join(ROOT, 'test', 'fixtures', 'workbook', 'every-lever.yaml'),
];
const FIXTURE_CONTRACT = path.join(ROOT, 'test', 'fixtures', 'workbook', 'openai-rich-contract.yaml');

/** Months of two usage lines, from nothing through a cent and odd fractions of a cent to well above any commitment. */
function grid(from: string): ContractMonthUsage[] {
  const amounts = ['0', '0.01', '0.004999', '123.455', '999.995', '2500', '2777.777777777', '1800', '4321.005', '8000.5', '15000', '0.5', '40000.123456789', '310.10'];
  return amounts.map((a, i) => {
    const first = $(a);
    const second = (first * 3n) / 7n;
    return {
      month: addMonths(from, i),
      lines: [
        { model: 'a', usageClass: 'input', serviceTier: 'standard', quantity: 1_000_000 + i, listCost: first },
        { model: 'b', usageClass: 'output', serviceTier: 'batch', quantity: 70_000 + i, listCost: second },
      ],
      listTotal: first + second,
    };
  });
}

describe('every scenario offer priced both ways', () => {
  const offers: { where: string; offer: ResolvedOffer; provider: string; currency: string; start: string }[] = [];

  it.each(OFFER_FILES.map((f) => path.relative(ROOT, f)))('%s: the quick form gives the contract pricer’s months on the projected usage', (rel) => {
    const file = load(path.join(ROOT, rel));
    const ctx = engineContextOf({ userPriceRows: [], contracts: [{ fileName: 'openai-rich-contract.yaml', yaml: readFileSync(FIXTURE_CONTRACT, 'utf8') }] });
    const prepared = prepareRun(file, {}, ctx);
    const specs = prepared.params.specs;
    for (const plan of prepared.plans) {
      if (!plan.contracts.some((t) => t.offer)) continue;
      const { sink } = projectExact(plan, specs, ctx.contracts ?? null);
      const resolve = { money: (p: number) => specs[p]?.baseNanos ?? null, number: (p: number) => specs[p]?.base ?? 0 };
      const exact = priceContracts(plan, sink, resolve, ctx.contracts ?? null, [], true);
      const quick = priceContracts(plan, sink, resolve, ctx.contracts ?? null, [], false);
      plan.contracts.forEach((terms, c) => {
        const o = terms.offer;
        if (!o) return;
        const a = exact.find((r) => r.index === c)!;
        const b = quick.find((r) => r.index === c)!;
        expect(b.prices.map((p, i) => same(p, a.prices[i]!))).toEqual(a.prices.map((p, i) => same(p, b.prices[i]!)));
        offers.push({
          where: `${rel} ${terms.label}`,
          provider: terms.provider,
          currency: plan.currency,
          start: plan.months[a.months[0]!]!,
          offer: {
            discountPct: resolve.number(o.discountPct),
            monthlyCommitment: o.monthlyCommitment >= 0 ? resolve.money(o.monthlyCommitment) : null,
            credits: o.credits.map((cr) => ({ amount: resolve.money(cr.amount) ?? 0n, start: cr.start, expires: cr.expires, appliesTo: cr.appliesTo })),
            minimumMonthlyFee: o.minimumMonthlyFee >= 0 ? resolve.money(o.minimumMonthlyFee) : null,
            minimumFeeOrder: o.minimumFeeOrder,
          },
        });
      });
    }
  });

  it('and on usage from nothing to well above their commitments, with the minimum fee before and after credits', () => {
    expect(offers.map((o) => o.where).length).toBeGreaterThanOrEqual(3);
    for (const { offer, provider, currency, start } of offers) {
      for (const variant of [offer, { ...offer, minimumFeeOrder: 'after_credits' as const }, { ...offer, credits: offer.credits.map((c) => ({ ...c, appliesTo: 'usage_only' as const })) }]) {
        const months = grid(start);
        const viaContract = priceOfferAsContract(variant, provider, currency, months, 'test');
        const quick = priceOffer(variant, months);
        expect(quick.map((p, i) => same(p, viaContract[i]!))).toEqual(viaContract.map((p, i) => same(p, quick[i]!)));
      }
    }
  });

  it('prices a hand-computed offer the same both ways', () => {
    // 10% off, $2,500 a month committed, $1,800 minimum, a $4,000 credit for all charges:
    // Jan list $2,000.00 → usage $2,000.00, discount −$200.00, net $1,800.00; shortfall 2,500 − 1,800 = $700.00;
    //   charges $2,500.00 ≥ minimum, no top-up; credit pays $2,500.00 ($1,500.00 left); invoice $0.00
    // Feb list $3,000.00 → net $2,700.00; no shortfall; credit pays its $1,500.00; invoice $1,200.00
    const offer: ResolvedOffer = { discountPct: 10, monthlyCommitment: $('2500'), credits: [{ amount: $('4000'), start: '2027-01', expires: '2027-12' }], minimumMonthlyFee: $('1800') };
    const months: ContractMonthUsage[] = [
      { month: '2027-01', lines: [{ model: 'a', usageClass: 'input', serviceTier: 'standard', quantity: 1, listCost: $('2000') }], listTotal: $('2000') },
      { month: '2027-02', lines: [{ model: 'a', usageClass: 'input', serviceTier: 'standard', quantity: 1, listCost: $('3000') }], listTotal: $('3000') },
    ];
    const expected: Nanos[] = [0n, $('1200')];
    expect(priceOfferAsContract(offer, 'vendor', 'USD', months, 'test').map((m) => m.total)).toEqual(expected);
    expect(priceOffer(offer, months).map((m) => m.total)).toEqual(expected);
    expect(priceOffer(offer, months).map((m) => m.credits!.closing)).toEqual([$('1500'), 0n]);
  });
});

import { describe, expect, it } from 'vitest';
import { pairCostsWithUsage, type CostGroup, type UsageGroup } from '../../../shared/domain/invoice-check/pairing';
import { parseMoney } from '../../../shared/domain/money';

const base = { provider: 'openai', model: 'gpt-4o', modelRaw: 'gpt-4o-2024-08-06', serviceTier: 'standard', contextBand: null, region: null, lines: 1 } as const;
const cost = (day: string, usageClass: CostGroup['usageClass'], subAccount: string | null, billed: string, extra: Partial<CostGroup> = {}): CostGroup => ({ ...base, day, usageClass, subAccount, currency: 'USD', billed: parseMoney(billed), ...extra });
const usage = (day: string, usageClass: UsageGroup['usageClass'], subAccount: string | null, quantity: number, extra: Partial<UsageGroup> = {}): UsageGroup => ({ ...base, day, usageClass, subAccount, quantity, ...extra });

describe('pairing a costs report with a usage report', () => {
  it('gives each costed line the quantity of the same day, model, class, tier and project', () => {
    const p = pairCostsWithUsage(
      [cost('2026-05-02', 'input', 'proj_a', '2.50'), cost('2026-05-02', 'output', 'proj_a', '10.00'), cost('2026-05-02', 'input', 'proj_b', '1.25')],
      [usage('2026-05-02', 'input', 'proj_a', 1_000_000), usage('2026-05-02', 'output', 'proj_a', 1_000_000), usage('2026-05-02', 'input', 'proj_b', 500_000)],
    );
    expect(p.paired.map((x) => [x.cost.usageClass, x.cost.subAccount, x.quantity])).toEqual([
      ['input', 'proj_a', 1_000_000],
      ['input', 'proj_b', 500_000],
      ['output', 'proj_a', 1_000_000],
    ]);
    expect([p.unpairedCosts, p.unpairedUsage]).toEqual([[], []]);
  });

  it('never mixes days, tiers or classes, and lists what is left on either side', () => {
    const p = pairCostsWithUsage(
      [cost('2026-05-02', 'input', 'proj_a', '2.50'), cost('2026-05-03', 'output', 'proj_a', '5.00', { serviceTier: 'batch' })],
      [usage('2026-05-02', 'input', 'proj_a', 1_000_000), usage('2026-05-03', 'output', 'proj_a', 1_000_000), usage('2026-05-04', 'cached_input', 'proj_a', 7)],
    );
    expect(p.paired.map((x) => x.cost.day)).toEqual(['2026-05-02']);
    expect(p.unpairedCosts.map((c) => [c.day, c.serviceTier])).toEqual([['2026-05-03', 'batch']]);
    expect(p.unpairedUsage.map((u) => [u.day, u.usageClass, u.serviceTier])).toEqual([
      ['2026-05-03', 'output', 'standard'],
      ['2026-05-04', 'cached_input', 'standard'],
    ]);
  });

  it('pairs a costs report without projects with the usage summed over projects, and the other way round', () => {
    // Costs not grouped by project: $3.75 of input on May 2; usage by project 1,000,000 + 500,000 tokens.
    const a = pairCostsWithUsage([cost('2026-05-02', 'input', null, '3.75')], [usage('2026-05-02', 'input', 'proj_a', 1_000_000), usage('2026-05-02', 'input', 'proj_b', 500_000, { lines: 3 })]);
    expect(a.paired.map((x) => [x.cost.subAccount, x.quantity, x.usageLines])).toEqual([[null, 1_500_000, 4]]);
    // Costs by project, usage without: the day's costs summed ($2.50 + $1.25) against the day's usage.
    const b = pairCostsWithUsage([cost('2026-05-02', 'input', 'proj_a', '2.50'), cost('2026-05-02', 'input', 'proj_b', '1.25', { lines: 2 })], [usage('2026-05-02', 'input', null, 1_500_000)]);
    expect(b.paired.map((x) => [x.cost.subAccount, x.cost.billed, x.cost.lines, x.quantity])).toEqual([[null, parseMoney('3.75'), 3, 1_500_000]]);
  });

  it('leaves costs and usage of different projects unpaired rather than guess', () => {
    const p = pairCostsWithUsage([cost('2026-05-02', 'input', 'proj_a', '2.50')], [usage('2026-05-02', 'input', 'proj_z', 1_000_000)]);
    expect([p.paired.length, p.unpairedCosts.length, p.unpairedUsage.length]).toEqual([0, 1, 1]);
  });

  it('keeps the cost as the only cost: the paired line bills what the costs report billed', () => {
    const p = pairCostsWithUsage([cost('2026-05-02', 'input', 'proj_a', '2.50')], [usage('2026-05-02', 'input', 'proj_a', 1_000_000), usage('2026-05-02', 'input', 'proj_a', 250_000)]);
    expect(p.paired.map((x) => [x.cost.billed, x.quantity, x.usageLines])).toEqual([[parseMoney('2.50'), 1_250_000, 2]]);
  });
});

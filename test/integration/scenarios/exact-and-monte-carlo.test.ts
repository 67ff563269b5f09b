import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../shared/api/scenarios';
import type { ContractPricer } from '../../../shared/engine/pricing';
import { engineContextOf } from '../../../shared/engine/tasks';
import { pricingInputs, resolveRunSource } from '../../../electron/backend/scenarios/scenario-service';
import { startBackend } from '../../helpers/backend';
import { cents, expectEveryDrawExact } from '../../unit/engine/draws-vs-exact';

type Started = Awaited<ReturnType<typeof startBackend>>;

/**
 * The demo's scenario files, priced with the demo workspace's price book and
 * its stored OpenAI agreement (phase 2: 15% off list, $700 a month committed, $2,000 of ramp credits): every
 * Monte Carlo draw of a scenario without uncertain inputs is its exact run,
 * to the cent. Before the offer form rounded invoice lines as the contracts
 * module does, the status quo's draws came to 592,605.12 against an exact
 * 592,605.27.
 */
describe('exact and Monte Carlo agree on the demo workspace', () => {
  let s: Started;
  beforeAll(async () => {
    s = await startBackend();
  });
  afterAll(async () => s.stop());

  it('every draw of each demo scenario, its uncertain inputs fixed at their central values, is the exact run', async () => {
    const ws = s.backend.workspace();
    const { files } = await s.client.call('scenarios.list', {});
    // The status quo and the board question, with its four scenarios.
    expect(files.map((f) => [f.id, f.scenarios.length])).toEqual([
      ['acme-status-quo.yaml', 0],
      ['board-question.yaml', 4],
    ]);
    for (const { id } of files) {
      const resolved = resolveRunSource(ws, { id });
      const ctx = engineContextOf(pricingInputs(ws));
      let calls = 0;
      const pricer: ContractPricer = { priceMonths: (r) => (calls++, ctx.contracts!.priceMonths(r)), asOffer: ctx.contracts!.asOffer };
      expectEveryDrawExact(resolved.file, { ...ctx, contracts: pricer }, { fix: true, pricerCalls: () => calls });
    }
  });

  it('a run with draws shows P10 = P50 = P90 = the exact run for the scenarios nothing uncertain reaches', async () => {
    const run: RunResult = await s.client.runJob('scenarios.simulate', { id: 'board-question.yaml', options: { draws: 400, seed: 7 } }).result;
    // The status quo and "no AI at all" have no uncertain input; "AI does more" has two (a success rate and a price change).
    for (const id of ['baseline', 'no-ai']) {
      const scenario = run.scenarios.find((x) => x.id === id)!;
      const k = scenario.kpis;
      for (const p of [k.p10!, k.p50!, k.p90!]) {
        expect(cents(p.totalCost)).toBe(cents(k.totalCost));
        expect(cents(p.savingsVsBaseline)).toBe(cents(k.savingsVsBaseline));
        expect(cents(p.costPerUnit!)).toBe(cents(k.costPerUnit!));
        expect(p.breakEvenMonth).toBe(k.breakEvenMonth);
      }
      scenario.months.forEach((m) => {
        expect(cents(m.p50!.totalCost)).toBe(cents(m.totalCost));
        expect(cents(m.p10!.aiCost)).toBe(cents(m.aiCost));
      });
    }
    const more = run.scenarios.find((x) => x.id === 'ai-does-more')!;
    expect(Number(more.kpis.p10!.savingsVsBaseline)).toBeLessThan(Number(more.kpis.p90!.savingsVsBaseline));
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenarios } from '../../../shared/engine/run';
import { resolveScenarioFile, type ScenarioText } from '../../../shared/engine/scenario-file';
import { NO_WORKSPACE_PRICING, drawsTask, engineContextOf, finishTask, runTask, type TaskControl } from '../../../shared/engine/tasks';

const read = (from: string, relative: string): ScenarioText => {
  const p = path.resolve(path.dirname(from), relative);
  return { path: p, text: readFileSync(p, 'utf8') };
};
const p = path.resolve(__dirname, '../../../scenarios/example-loans-triple.yaml');
const file = resolveScenarioFile({ path: p, text: readFileSync(p, 'utf8') }, read);
const never: TaskControl = { isCancelled: () => false };

describe('engine tasks (what worker threads and the browser worker run)', () => {
  const input = { file, options: { draws: 600, seed: 7 }, pricing: NO_WORKSPACE_PRICING };

  it('give the same result however the draws are split, and the same as one thread', async () => {
    const whole = runTask(input, never);
    const split = finishTask(input, [drawsTask(input, 400, 600, never), drawsTask(input, 0, 137, never), drawsTask(input, 137, 400, never)], never);
    expect(split).toEqual(whole);
    const direct = await runScenarios(file, input.options, engineContextOf(NO_WORKSPACE_PRICING));
    expect(whole).toEqual(direct);
    expect(whole.scenarios[1]!.kpis.p50).toBeDefined();
  });

  it('stop between blocks when cancelled, and report progress as they go', () => {
    const seen: number[] = [];
    let calls = 0;
    const control: TaskControl = {
      isCancelled: () => ++calls > 2,
      onProgress: (done) => seen.push(done),
    };
    expect(() => drawsTask(input, 0, 600, control)).toThrow(expect.objectContaining({ code: 'cancelled' }));
    // blocks of 250: two ran (250, 500) before the third check said stop
    expect(seen).toEqual([250, 500]);
  });

  it('price with the workspace’s own rows on top of the shipped price book', () => {
    const bare = { ...file, baseline: { ...file.baseline, prices: [] } };
    const shipped = runTask({ file: bare, options: {}, pricing: NO_WORKSPACE_PRICING }, never);
    // A user row doubling gpt-4o-mini's input price from 2026-12 raises support's cost and nothing else.
    const row = {
      id: 'user-1',
      provider: 'openai',
      model: 'gpt-4o-mini',
      usageClass: 'input' as const,
      meter: null,
      serviceTier: 'standard' as const,
      contextAbove: null,
      region: null,
      effectiveFrom: '2026-12-01',
      effectiveTo: null,
      currency: 'USD',
      price: '0.30',
      per: 1_000_000,
      unit: 'token' as const,
      source: 'user' as const,
      note: 'what if',
    };
    const overridden = runTask({ file: bare, options: {}, pricing: { userPriceRows: [row], contracts: [] } }, never);
    const support = (r: typeof shipped) => Number(r.scenarios[0]!.months[0]!.byWorkload['customer-support']);
    const extraction = (r: typeof shipped) => r.scenarios[0]!.months[0]!.byWorkload['loan-document-extraction'];
    expect(support(overridden)).toBeGreaterThan(support(shipped));
    expect(extraction(overridden)).toBe(extraction(shipped));
  });
});

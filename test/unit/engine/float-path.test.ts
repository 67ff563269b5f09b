import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FloatProjector } from '../../../shared/engine/project';
import { prepareRun, runDeterministic } from '../../../shared/engine/run';
import { resolveScenarioFile, type ScenarioText } from '../../../shared/engine/scenario-file';

/**
 * Monte Carlo uses a float path (usage summed per month, months that differ
 * only in volume scaled from the month before). At the base values it must
 * agree with the exact run on every example file.
 */
const dir = path.resolve(__dirname, '../../../scenarios');
const read = (from: string, relative: string): ScenarioText => {
  const p = path.resolve(path.dirname(from), relative);
  return { path: p, text: readFileSync(p, 'utf8') };
};

describe('the Monte Carlo float path', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
  it.each(files)('agrees with the exact run at base values: %s', (name) => {
    const p = path.join(dir, name);
    const file = resolveScenarioFile({ path: p, text: readFileSync(p, 'utf8') }, read);
    const exact = runDeterministic(file);
    const prepared = prepareRun(file);
    const values = Float64Array.from(prepared.params.specs, (s) => s.base);
    prepared.plans.forEach((plan, i) => {
      const sink = new FloatProjector(plan, null).run(values);
      exact.scenarios[i]!.months.forEach((month, m) => {
        for (const [float, text] of [
          [sink.total[m]!, month.totalCost],
          [sink.ai[m]!, month.aiCost],
        ] as const) {
          expect(Math.abs(float - Number(text))).toBeLessThan(1e-9 * Math.max(1, Math.abs(Number(text))));
        }
        expect(sink.units[m]).toBeCloseTo(month.businessUnits, 6);
        expect(sink.successes[m]).toBeCloseTo(month.successes, 4);
      });
    });
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMoney } from '../../../shared/domain/money';
import { runDeterministic } from '../../../shared/engine/run';
import { resolveScenarioFile, type ScenarioText } from '../../../shared/engine/scenario-file';
import { leverWaterfall } from '../../../shared/engine/waterfall';
import { scenarioFile } from './helpers';

describe('savings by lever', () => {
  it('gives each lever its step, in order, adding up to the saving', () => {
    // 1,000 loans × $6.00 manual processing = $6,000 a month, 3 months = $18,000.
    //   lever 1: an engineer at $100 a month → costs $300 more
    //   lever 2: manual work 10% cheaper → saves $600 a month = $1,800
    //   saving: 18,000 − (18,000 + 300 − 1,800) = 1,500
    const file = scenarioFile({ start: '2027-01', months: 3, drivers: [{ id: 'loans', unit: 'loan', unitsPerMonth: 1000, costs: [{ name: 'manual', perUnit: '6.00' }] }] }, [
      {
        id: 'x',
        name: 'X',
        levers: [
          { type: 'adjacent', start: '2027-01', name: 'Engineer', costs: [{ name: 'engineer', fixedMonthly: '100' }] },
          { type: 'price', start: '2027-01', scope: 'nonAi', pct: -10 },
        ],
      },
    ]);
    expect(leverWaterfall(file, 'x')).toEqual({
      scenario: 'x',
      baselineTotal: '18000.00',
      scenarioTotal: '16500.00',
      steps: [
        { lever: 0, label: 'Engineer', type: 'adjacent', saving: '-300.00' },
        { lever: 1, label: 'Price lever 2', type: 'price', saving: '1800.00' },
      ],
    });
  });

  it('adds up to the board question’s saving to the nano-unit', () => {
    const read = (from: string, relative: string): ScenarioText => {
      const p = path.resolve(path.dirname(from), relative);
      return { path: p, text: readFileSync(p, 'utf8') };
    };
    const p = path.resolve(__dirname, '../../../scenarios/example-loans-triple.yaml');
    const file = resolveScenarioFile({ path: p, text: readFileSync(p, 'utf8') }, read);
    const run = runDeterministic(file);
    for (const s of file.scenarios) {
      const w = leverWaterfall(file, s.id);
      const sum = w.steps.reduce((acc, step) => acc + parseMoney(step.saving), 0n);
      expect(sum).toBe(parseMoney(run.scenarios.find((r) => r.id === s.id)!.kpis.savingsVsBaseline));
      expect(w.steps).toHaveLength(s.levers.length);
    }
  });
});

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../shared/api/scenarios';
import { aispend } from '../../helpers/cli';
import { REPO_ROOT, tempDir } from '../../helpers/temp';

const { dir, cleanup } = tempDir();
const env = { AISPEND_HOME: path.join(dir, 'home') };
const workspace = path.join(dir, 'demo.aispend');
const example = (name: string) => path.join(REPO_ROOT, 'scenarios', name);

type RunDoc = { ok: true; runs: (RunResult & { file: string })[] };

describe('aispend run', () => {
  beforeAll(() => {
    const built = aispend(['demo', '--workspace', workspace], env);
    expect(built.status, built.stderr).toBe(0);
  });
  afterAll(cleanup);

  it('prints months and KPIs per scenario as one JSON document', () => {
    const run = aispend(['run', example('example-loans-triple.yaml'), '--workspace', workspace, '--months', '12', '--json'], env);
    expect(run.status, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout) as RunDoc;
    const [baseline, optimised] = doc.runs[0]!.scenarios;
    expect(doc.runs[0]!.months).toBe(12);
    // Acme's status quo in January 2027: 1,000 loans at about $8 a loan
    expect(baseline!.months[0]).toMatchObject({ month: '2027-01', businessUnits: 1000 });
    expect(Object.keys(baseline!.months[0]!)).toEqual(expect.arrayContaining(['month', 'totalCost', 'aiCost', 'businessUnits', 'costPerUnit', 'aiCostPerUnit', 'costPerSuccess']));
    expect(Number(baseline!.months[0]!.costPerUnit)).toBeCloseTo(8, 0);
    expect(optimised!.kpis.savingsVsBaseline).toMatch(/^-?\d+\.\d+$/);
    expect(optimised!.kpis).toHaveProperty('breakEvenMonth');
    expect(optimised!.kpis.p50).toBeUndefined();
  });

  it('adds P10/P50/P90 with draws, the same for the same seed; progress goes to stderr', () => {
    const args = ['run', 'board-question.yaml', '--workspace', workspace, '--draws', '2000', '--seed', '5', '--months', '12', '--json'];
    const a = aispend(args, env);
    expect(a.status, a.stderr).toBe(0);
    expect(a.stderr).toMatch(/Monte Carlo/);
    const b = aispend(args, env);
    const ka = (JSON.parse(a.stdout) as RunDoc).runs[0]!.scenarios.map((s) => s.kpis);
    const kb = (JSON.parse(b.stdout) as RunDoc).runs[0]!.scenarios.map((s) => s.kpis);
    expect(ka).toEqual(kb);
    const more = ka[1]!;
    expect(Number(more.p10!.totalCost)).toBeLessThanOrEqual(Number(more.p50!.totalCost));
    expect(Number(more.p50!.totalCost)).toBeLessThanOrEqual(Number(more.p90!.totalCost));
  });

  it('prints a table for people', () => {
    const run = aispend(['run', example('lever-tier.yaml'), '--months', '3'], env);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/month\s+loans\s+total cost\s+AI cost\s+cost\/loan/);
    expect(run.stdout).toMatch(/Side by side/);
  });

  it('people doing whole loans end to end: their other per-unit costs go too, and with nothing to recover there is no break-even', () => {
    // acme-baseline: 1,000 loans a month; per loan $6.22 manual processing and $0.80 review (its central value)
    // besides the AI. From March 2027, 15% of loans are done by officers end to end at $7.50 each: 150 × 7.50
    // replaces those loans' AI cost and their 150 × (6.22 + 0.80) = $1,053 of other per-unit costs.
    const run = aispend(['run', example('lever-alternative.yaml'), '--months', '6', '--json'], env);
    expect(run.status, run.stderr).toBe(0);
    const scenarios = (JSON.parse(run.stdout) as RunDoc).runs[0]!.scenarios;
    const base = scenarios.find((s) => s.isBaseline)!;
    const officers = scenarios.find((s) => s.id === 'officers-do-simple-loans')!;
    const ai = (s: typeof base, m: number) => Number(s.months[m]!.aiCost);
    const total = (s: typeof base, m: number) => Number(s.months[m]!.totalCost);
    // March: total = 85% of the loans' AI + 850 × 7.02 + 150 × 7.50 (the AI cost scales with the loans AI still does).
    expect(total(officers, 2)).toBeCloseTo(0.85 * ai(base, 2) + 850 * 7.02 + 150 * 7.5, 6);
    expect(officers.months[2]!.byComponent.alternative).toBe('1125.00');
    // Saving from March on, never below zero: no upfront cost to recover, so no break-even month.
    expect(officers.kpis).toMatchObject({ breakEvenMonth: null, noUpfrontCost: true, savingsStartMonth: '2027-03' });
    const table = aispend(['run', example('lever-alternative.yaml'), '--months', '6'], env);
    expect(table.stdout).toMatch(/officers-do-simple-loans .* no upfront cost/);
    expect(table.stdout).toMatch(/no upfront cost: savings start 2027-03/);
  });

  it('exits 2 on a bad scenario file, naming file, line and field', () => {
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'version: 1\nbaseline:\n  start: 2027-01\n  drivers:\n    - id: loans\n      unitsPerMonth: lots\n');
    const run = aispend(['run', bad, '--workspace', workspace], env);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${bad}, line 6, field baseline.drivers.0.unitsPerMonth: "lots" is not valid here`);
    const json = aispend(['run', bad, '--json'], env);
    expect(json.status).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'invalid_file', row: 6, field: 'baseline.drivers.0.unitsPerMonth' } });
    expect(aispend(['run', path.join(dir, 'missing.yaml')], env).status).toBe(2);
  });

  it('stores scenario files and imports drivers', () => {
    const csv = path.join(dir, 'calls.csv');
    writeFileSync(csv, 'month,calls,agent time per call\n2026-09,5000,0.42\n2026-10,5200,0.42\n');
    const imported = aispend(['drivers', 'import', csv, '--workspace', workspace, '--json'], env);
    expect(imported.status, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ ok: true, months: 2, driver: { id: 'calls', unit: 'call', costs: [{ name: 'agent time', basis: 'perUnit' }] } });
    const added = aispend(['scenarios', 'add', example('acme-baseline.yaml'), example('lever-cache.yaml'), '--workspace', workspace], env);
    expect(added.status, added.stderr).toBe(0);
    const list = JSON.parse(aispend(['scenarios', 'list', '--workspace', workspace, '--json'], env).stdout) as { files: { id: string }[] };
    expect(list.files.map((f) => f.id)).toEqual(expect.arrayContaining(['acme-baseline.yaml', 'lever-cache.yaml', 'board-question.yaml']));
  });
});

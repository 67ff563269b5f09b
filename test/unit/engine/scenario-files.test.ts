import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEVER_TYPES, scenarioFileJsonSchema } from '../../../shared/api/scenarios';
import { checkScenarioYaml, parseScenarioYaml, resolveScenarioFile, type ScenarioText } from '../../../shared/engine/scenario-file';
import { runDeterministic } from '../../../shared/engine/run';

const dir = path.resolve(__dirname, '../../../scenarios');
const read = (from: string, relative: string): ScenarioText => {
  const p = path.resolve(path.dirname(from), relative);
  return { path: p, text: readFileSync(p, 'utf8') };
};
const load = (name: string) => {
  const p = path.join(dir, name);
  return resolveScenarioFile({ path: p, text: readFileSync(p, 'utf8') }, read);
};

describe('the example scenario files', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

  it('cover every lever', () => {
    const levers = new Set(files.flatMap((f) => load(f).scenarios.flatMap((s) => s.levers.map((l) => l.type))));
    expect([...levers].sort()).toEqual([...LEVER_TYPES].sort());
  });

  it.each(files)('%s validates and runs', (name) => {
    const result = runDeterministic(load(name));
    expect(result.scenarios[0]!.isBaseline).toBe(true);
    expect(result.months).toBe(36);
    for (const s of result.scenarios) expect(s.months).toHaveLength(36);
  });

  it('answer the board question: loans triple and AI levers bring the cost per loan down 10% or more, and no AI costs more', () => {
    const result = runDeterministic(load('example-loans-triple.yaml'));
    const [baseline, optimised, noAi] = result.scenarios;
    const last = (s: typeof baseline) => Number(s!.months.at(-1)!.costPerUnit);
    expect(baseline!.months.at(-1)!.businessUnits).toBe(3000);
    expect(last(baseline)).toBeCloseTo(8, 1);
    expect(last(optimised)).toBeLessThan(0.9 * last(baseline));
    expect(last(noAi)).toBeGreaterThan(last(baseline));
    expect(optimised!.kpis.breakEvenMonth).not.toBeNull();
  });

  it('show commitment use and the month prepaid credits run out', () => {
    const result = runDeterministic(load('lever-contract.yaml'));
    const commit = result.scenarios.find((s) => s.id === 'openai-commit')!.contracts[0]!;
    expect(commit.commitment[0]!.committed).toBe('500.00');
    const credits = result.scenarios.find((s) => s.id === 'anthropic-credits')!.contracts[0]!;
    expect(credits.creditExhaustionMonth).toBe('2027-10');
  });

  it('keep scenario.schema.json in step with the zod schema', () => {
    expect(JSON.parse(readFileSync(path.join(dir, 'scenario.schema.json'), 'utf8'))).toEqual(scenarioFileJsonSchema());
  });
});

describe('scenario YAML', () => {
  it('names the line and field of a mistake', () => {
    const text = ['version: 1', 'baseline:', '  start: 2027-01', '  drivers:', '    - id: loans', '      unitsPerMonth: lots', 'scenarios: []', ''].join('\n');
    const { issues } = checkScenarioYaml(text);
    expect(issues[0]).toMatchObject({ path: 'baseline.drivers.0.unitsPerMonth', line: 6 });
    try {
      parseScenarioYaml(text, 'bad.yaml');
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'invalid_file', file: 'bad.yaml', row: 6, field: 'baseline.drivers.0.unitsPerMonth' });
    }
  });

  it('reports YAML syntax errors with their line', () => {
    const { issues } = checkScenarioYaml('version: 1\nname: Acme\nname: Acme again\n');
    expect(issues[0]).toMatchObject({ message: 'Map keys must be unique', line: 3 });
  });

  it('refuses a lever of an unknown type', () => {
    const { issues } = checkScenarioYaml('extends: x.yaml\nscenarios:\n  - id: s\n    name: S\n    levers:\n      - type: teleport\n        start: 2027-01\n');
    expect(issues[0]).toMatchObject({ path: 'scenarios.0.levers.0.type', line: 6 });
  });

  it('refuses extends in a circle', () => {
    const files: Record<string, string> = { 'a.yaml': 'extends: b.yaml\n', 'b.yaml': 'extends: a.yaml\n' };
    expect(() => resolveScenarioFile({ path: 'a.yaml', text: files['a.yaml']! }, (_from, rel) => ({ path: rel, text: files[rel]! }))).toThrow(/round in a circle/);
  });

  it('takes business units as one value, a list carried forward, or month by month', () => {
    const text = (units: string) =>
      `baseline:\n  start: 2027-01\n  months: 4\n  drivers:\n    - id: loans\n      unitsPerMonth: ${units}\n      costs: [{ name: manual, perUnit: 1 }]\nscenarios: []\n`;
    const units = (u: string) => runDeterministic(resolveScenarioFile({ path: 'u.yaml', text: text(u) }, read)).scenarios[0]!.months.map((m) => m.businessUnits);
    expect(units('100')).toEqual([100, 100, 100, 100]);
    expect(units('[100, 200]')).toEqual([100, 200, 200, 200]);
    expect(units('{ "2027-02": 300, "2027-04": 400 }')).toEqual([300, 300, 300, 400]);
  });
});

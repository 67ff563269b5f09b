import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { amountProblem, percentProblem, quantityProblem, yearProblem } from '../../../shared/domain/bounds';
import { loadContractYaml } from '../../../shared/domain/contracts/load';
import { driverFromTable } from '../../../shared/domain/drivers';
import { parseExactYaml } from '../../../shared/domain/yaml-text';
import { checkScenarioYaml } from '../../../shared/engine/scenario-file';
import { REPO_ROOT } from '../../helpers/temp';

/**
 * Absurd numbers are refused where they are typed, with the field, the line
 * and a plain reason naming the bound (shared/domain/bounds.ts, README
 * "Bounds"), never a schema dump or an internal error later in the run.
 */
const read = (...parts: string[]) => readFileSync(path.join(REPO_ROOT, ...parts), 'utf8');
const baseline = read('scenarios', 'acme-baseline.yaml');
const volume = read('scenarios', 'lever-volume.yaml');
const termSheet = read('scenarios', 'contracts', 'azure-term-sheet-2027.yaml');
const table = (text: string) => text.split('\n').map((l) => l.split(','));

/** Ten aliases of ten aliases ... five levels deep: 100,000 strings from 6 lines (a "billion laughs" file). */
const ALIAS_BOMB = [
  'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  '',
].join('\n');

describe('bounds of what people type', () => {
  it('states each bound in a plain sentence', () => {
    // A trillion is the largest plain number; 1e12 itself is allowed.
    expect(quantityProblem(1e12)).toBeNull();
    expect(quantityProblem(1e12 + 1)).toBe('1000000000001 is too large: a number here is at most 1,000,000,000,000 (a trillion)');
    expect(quantityProblem(Number.POSITIVE_INFINITY)).toBe('the number is too large: a number here is at most 1,000,000,000,000 (a trillion)');
    // A billion in its currency, to the nano-unit: 1,000,000,000.000000000 is in, one nano-unit more is out.
    expect(amountProblem('1000000000.000000000')).toBeNull();
    expect(amountProblem('1000000000.000000001')).toBe('1000000000.000000001 is too large: an amount of money is at most 1,000,000,000 (a billion) in its currency');
    expect(amountProblem('-1000000000.5')).toBe('-1000000000.5 is too large: an amount of money is at most 1,000,000,000 (a billion) in its currency');
    // A 300-digit price is refused by its digits before the point, without parsing them.
    expect(amountProblem('9'.repeat(300))).toBe('999999999999… (300 digits) is too large: an amount of money is at most 1,000,000,000 (a billion) in its currency');
    expect(percentProblem(-100)).toBeNull();
    expect(percentProblem(-100.5)).toBe('-100.5% is below -100%: nothing can fall by more than all of it');
    expect(percentProblem(1_000_000)).toBe('1000000% is beyond the bound of +1,000%');
    expect(yearProblem('2099-12')).toBeNull();
    expect(yearProblem('1999-12-31')).toBe('1999-12-31 is outside the years the workbench plans in (2000 to 2099)');
  });

  it('refuses absurd numbers in a scenario file with the field, the line and the reason', () => {
    const issue = (text: string) => checkScenarioYaml(text).issues;
    // unitsPerMonth sits on line 19 of acme-baseline.yaml, perUnit "6.22" on line 22, start on line 10.
    expect(issue(baseline.replace('unitsPerMonth: { dist: normal, mean: 1000, sd: 60 }', 'unitsPerMonth: 1e308'))).toEqual([
      { path: 'baseline.drivers.0.unitsPerMonth', message: '1e+308 is too large: a number here is at most 1,000,000,000,000 (a trillion)', line: 19 },
    ]);
    expect(issue(baseline.replace('perUnit: "6.22"', `perUnit: "${'9'.repeat(300)}.00"`))).toEqual([
      { path: 'baseline.drivers.0.costs.0.perUnit', message: '999999999999… (300 digits) is too large: an amount of money is at most 1,000,000,000 (a billion) in its currency', line: 22 },
    ]);
    expect(issue(baseline.replace('start: 2027-01', 'start: 9999-12'))).toEqual([
      { path: 'baseline.start', message: '9999-12 is outside the years the workbench plans in (2000 to 2099)', line: 10 },
    ]);
    // The steady-growth lever is on line 15 of lever-volume.yaml: growth of a million percent a month.
    expect(issue(volume.replace('monthlyGrowthPct: { dist: normal, mean: 3, sd: 1 }', 'monthlyGrowthPct: 1000000'))).toEqual([
      { path: 'scenarios.0.levers.0.monthlyGrowthPct', message: '1000000% is beyond the bound of +100%', line: 15 },
    ]);
  });

  it('returns a YAML alias bomb as a validation issue at its first alias (scenarios) or a refusal naming the file (contracts, policies, assumptions)', () => {
    expect(checkScenarioYaml(ALIAS_BOMB)).toEqual({
      file: null,
      issues: [{ path: '', message: 'the file repeats its content through aliases (*name) more than 100 times; write the values out instead', line: 2 }],
    });
    expect(() => parseExactYaml(ALIAS_BOMB, 'bomb.yaml')).toThrow(
      expect.objectContaining({ code: 'invalid_file', file: 'bomb.yaml', message: 'the file repeats its content through aliases (*name) more than 100 times; write the values out instead' }),
    );
  });

  it('refuses an absurd contract rate with its field', () => {
    expect(() => loadContractYaml(termSheet.replace('price: "2.10"', `price: "${'1'.repeat(300)}"`), { file: 'azure.yaml' })).toThrow(
      expect.objectContaining({
        code: 'invalid_file',
        file: 'azure.yaml',
        field: 'rates[0].price',
        message: '111111111111… (300 digits) is too large: an amount of money is at most 1,000,000,000 (a billion) in its currency',
      }),
    );
  });

  it('refuses absurd units, months and amounts in a driver table with the row and column', () => {
    const refused = (text: string) => {
      try {
        driverFromTable(table(text), { file: 'loans.csv' });
        return null;
      } catch (error) {
        const { message, row, field } = error as { message: string; row: number; field: string };
        return { message, row, field };
      }
    };
    expect(refused('month,loans\n2026-05,1000\n2026-06,20000000000000')).toEqual({ row: 3, field: 'loans', message: '20000000000000 is too large: a number here is at most 1,000,000,000,000 (a trillion)' });
    expect(refused('month,loans\n9999-12,10')).toEqual({ row: 2, field: 'month', message: '9999-12 is outside the years the workbench plans in (2000 to 2099)' });
    expect(refused(`month,loans,office per month\n2026-05,10,${'9'.repeat(300)}`)).toEqual({
      row: 2,
      field: 'office per month',
      message: '999999999999… (300 digits) is too large: an amount of money is at most 1,000,000,000 (a billion) in its currency',
    });
  });
});

/**
 * `aispend run --set NAME=VALUE`: a run with some named assumptions changed,
 * the same change an analyst makes by typing into the board workbook's
 * Assumptions sheet. Parameters take the new value (and lose their
 * distribution: a set input is no longer uncertain), list prices are changed
 * in the compiled plans for the months the name covers, and contract terms are
 * written into the contract's YAML before it is loaded, so the contracts
 * module validates and prices them as it would a saved file.
 */
import YAML from 'yaml';
import { WorkbenchError } from '../domain/errors';
import { isDecimalText, nanosToNumber, parseMoney } from '../domain/money';
import type { AssumptionCatalogue } from './assumptions';
import { ENGINE_CLASSES } from './plan';
import type { PreparedRun } from './run';

export interface AssumptionSetting {
  name: string;
  /** One value for every cell of the name, or one per cell in order. Decimal text. */
  values: string[];
}

export interface ContractEdit {
  contract: string;
  path: (string | number)[];
  value: string;
}

/** "Driver.loans.Units=1200,1300" → { name, values }. */
export function parseSetting(text: string): AssumptionSetting {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new WorkbenchError('bad_input', `--set ${text}: write NAME=VALUE (a name from the workbook's Assumptions sheet)`, { field: '--set' });
  const name = text.slice(0, eq).trim();
  const values = text
    .slice(eq + 1)
    .split(',')
    .map((v) => v.trim().replace(/_/g, ''));
  for (const v of values) {
    if (!isDecimalText(v) || v === '') throw new WorkbenchError('bad_input', `--set ${name}: "${v}" is not a number`, { field: '--set' });
  }
  return { name, values };
}

function valuesFor(setting: AssumptionSetting, cells: number): string[] {
  if (setting.values.length === 1) return new Array<string>(cells).fill(setting.values[0]!);
  if (setting.values.length !== cells) {
    throw new WorkbenchError('bad_input', `--set ${setting.name}: the name covers ${cells} cells; give one value for all or ${cells} values separated by commas, not ${setting.values.length}`, { field: '--set' });
  }
  return setting.values;
}

/**
 * Applies settings to a prepared run in place (parameters and prices) and
 * returns the contract edits still to make. Unknown names and values outside
 * an input's range are refused, naming the setting.
 */
export function applyAssumptionSettings(prepared: PreparedRun, catalogue: AssumptionCatalogue, settings: readonly AssumptionSetting[]): ContractEdit[] {
  const edits: ContractEdit[] = [];
  const specs = prepared.params.specs;
  for (const setting of settings) {
    const a = catalogue.byName(setting.name);
    if (!a) {
      const near = catalogue.assumptions.filter((x) => x.name.toLowerCase().includes(setting.name.toLowerCase().split('.').at(-1) ?? '')).slice(0, 3);
      throw new WorkbenchError('bad_input', `--set ${setting.name}: no assumption has that name${near.length > 0 ? `; did you mean ${near.map((x) => x.name).join(', ')}?` : ''} (the names are on the workbook's Assumptions sheet)`, { field: '--set' });
    }
    const values = valuesFor(setting, a.cells.length);
    const numbers = values.map(Number);
    numbers.forEach((n) => {
      if (!(n >= a.domain.lo && n <= a.domain.hi)) {
        const range = a.domain.hi === Number.POSITIVE_INFINITY ? `at least ${a.domain.lo}` : `between ${a.domain.lo} and ${a.domain.hi}`;
        throw new WorkbenchError('bad_input', `--set ${a.name}: ${n} is out of range; it must be ${range}`, { field: '--set' });
      }
    });
    const target = a.target;
    if (target.kind === 'param') {
      target.params.forEach((p, i) => {
        const spec = specs[p]!;
        const text = values[i]!;
        const baseNanos = spec.baseNanos === null ? null : parseMoney(text);
        specs[p] = { ...spec, base: baseNanos === null ? Number(text) : nanosToNumber(baseNanos), baseNanos, dist: null };
      });
    } else if (target.kind === 'price') {
      const C = ENGINE_CLASSES.length;
      target.months.forEach((months, i) => {
        const nanos = parseMoney(values[i]!);
        for (const plan of prepared.plans) {
          const k = plan.models.findIndex((m) => m.provider === target.provider && m.model === target.model);
          if (k < 0) continue;
          for (const month of months) {
            const m = plan.months.indexOf(month);
            if (m < 0) continue;
            const at = (((m * plan.models.length + k) * 4 + target.tier) * C + target.usageClass) * plan.prices.bands + target.band;
            plan.prices.nanos[at] = nanos;
            plan.prices.perUnit[at] = Number(nanos) / 1e9 / Number(plan.prices.per[at]);
          }
        }
      });
    } else {
      target.paths.forEach((path, i) => edits.push({ contract: target.contract, path, value: values[i]! }));
    }
  }
  return edits;
}

/** Writes contract edits into the contracts' YAML texts (comments and layout kept). */
export function editContractYaml(contracts: readonly { fileName: string; yaml: string; id: string }[], edits: readonly ContractEdit[]): { fileName: string; yaml: string }[] {
  return contracts.map((c) => {
    const mine = edits.filter((e) => e.contract === c.id);
    if (mine.length === 0) return { fileName: c.fileName, yaml: c.yaml };
    const doc = YAML.parseDocument(c.yaml);
    for (const e of mine) {
      const last = e.path.at(-1);
      doc.setIn(e.path, last === 'units' ? Number(e.value) : e.value);
    }
    return { fileName: c.fileName, yaml: doc.toString() };
  });
}

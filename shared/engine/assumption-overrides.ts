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
import type { ServiceTier, UsageClass } from '../domain/usage';
import { ENGINE_CLASSES, PRICED_TIERS } from './plan';
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

/** A list price set by name: the contracts module re-prices usage from the price book, so it must see the same price. */
export interface PriceEdit {
  provider: string;
  model: string;
  usageClass: UsageClass;
  serviceTier: ServiceTier;
  contextAbove: number | null;
  /** First and last horizon month the price holds (null: open at that end). */
  from: string | null;
  to: string | null;
  price: string;
  per: number;
  currency: string;
}

export interface SettingEdits {
  contracts: ContractEdit[];
  prices: PriceEdit[];
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
export function applyAssumptionSettings(prepared: PreparedRun, catalogue: AssumptionCatalogue, settings: readonly AssumptionSetting[]): SettingEdits {
  const edits: ContractEdit[] = [];
  const priceEdits: PriceEdit[] = [];
  const specs = prepared.params.specs;
  for (const setting of settings) {
    const a = catalogue.byName(setting.name);
    if (!a) {
      const wanted = setting.name.toLowerCase();
      const near = catalogue.assumptions
        .map((x) => ({ name: x.name, d: editDistance(wanted, x.name.toLowerCase()) }))
        .filter((x) => x.d <= Math.max(2, Math.floor(wanted.length / 8)))
        .sort((a, b) => a.d - b.d)
        .slice(0, 3);
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
        const plan0 = prepared.plans[0]!;
        const k0 = plan0.models.findIndex((m) => m.provider === target.provider && m.model === target.model);
        const m0 = plan0.months.indexOf(months[0]!);
        const thresholds = k0 >= 0 && m0 >= 0 ? (plan0.prices.thresholds[m0 * plan0.models.length + k0] ?? []) : [];
        priceEdits.push({
          provider: target.provider,
          model: target.model,
          usageClass: ENGINE_CLASSES[target.usageClass]!,
          serviceTier: PRICED_TIERS[target.tier]!,
          contextAbove: target.band === 0 ? null : (thresholds[target.band - 1] ?? null),
          from: i === 0 ? null : months[0]!,
          to: i === target.months.length - 1 ? null : months.at(-1)!,
          price: values[i]!,
          per: Number(target.per),
          currency: plan0.currency,
        });
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
  // A price book prices other tiers by the vendor's rule from the standard price: pin them at the plan's own prices, so
  // that setting the standard price changes only what the name covers, in the engine and in the contracts module alike.
  const pinned: PriceEdit[] = [];
  const plan0 = prepared.plans[0]!;
  const C = ENGINE_CLASSES.length;
  for (const e of priceEdits.filter((x) => x.serviceTier === 'standard')) {
    const k = plan0.models.findIndex((m) => m.provider === e.provider && m.model === e.model);
    const c = ENGINE_CLASSES.indexOf(e.usageClass as (typeof ENGINE_CLASSES)[number]);
    if (k < 0 || c < 0) continue;
    for (let t = 1; t < 4; t++) {
      const tier = PRICED_TIERS[t]!;
      if (priceEdits.some((x) => x.provider === e.provider && x.model === e.model && x.usageClass === e.usageClass && x.serviceTier === tier && x.contextAbove === e.contextAbove)) continue;
      const band = e.contextAbove === null ? 0 : 1 + (plan0.prices.thresholds[k]?.indexOf(e.contextAbove) ?? 0);
      const at = (((0 * plan0.models.length + k) * 4 + t) * C + c) * plan0.prices.bands + band;
      if (plan0.prices.missing[at] === 1 || plan0.prices.fallback[at] === 1) continue;
      pinned.push({ ...e, serviceTier: tier, from: null, to: null, price: nanosText(plan0.prices.nanos[at]!), per: Number(plan0.prices.per[at]) });
    }
  }
  return { contracts: edits, prices: [...priceEdits, ...pinned] };
}

function nanosText(n: bigint): string {
  const abs = (n < 0n ? -n : n).toString().padStart(10, '0');
  const frac = abs.slice(-9).replace(/0+$/, '');
  return `${n < 0n ? '-' : ''}${abs.slice(0, -9)}${frac ? `.${frac}` : ''}`;
}

/** Levenshtein distance, for "did you mean". */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
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

/**
 * Every input a run uses, named once: the engine's parameters (drivers,
 * workloads, lever settings), the list prices it looked up and the terms of
 * the workspace contracts its contract levers price with. The board
 * workbook's Assumptions sheet lays this catalogue out (one row per name, a
 * defined name on its cells) and `aispend run --set NAME=VALUE` changes the
 * same inputs (assumption-overrides.ts), so the two front doors cannot drift.
 *
 * A name may cover several cells (a driver's months, a price that changes
 * during the horizon, a contract's volume tiers); the cells are in order.
 */
import { scopeText } from '../domain/contracts/scope-text';
import type { Contract, ContractTermKey, ContractVersion } from '../domain/contracts/types';
import { minimumFeeRef } from '../domain/contracts/versions';
import { nanosToNumber, type Nanos } from '../domain/money';
import { nameSegment, NameRegistry, pascal } from './assumption-names';
import { quantile, type Dist } from './distributions';
import { monthNumber } from '../domain/calendar';
import { stepOf } from './levers/step-data';
import type { ParamSpec, Domain } from './params';
import { ENGINE_CLASSES, PRICED_TIERS, type ScenarioPlan } from './plan';
import type { PriceKey, RateCard } from './pricing';
import { contextBandLabel } from '../domain/pricebook/context-band';

export type AssumptionFormat = 'count' | 'money' | 'share' | 'percent' | 'ratio' | 'price' | 'number';
export type AssumptionSection = 'Business drivers' | 'Workloads' | 'Levers' | 'List prices' | 'Contract terms';

export interface AssumptionCell {
  /** What distinguishes this cell within its name: a month, "from 2027-03", a tier; null for a single cell. */
  label: string | null;
  value: number;
  /** Exact text for money (nano-unit amounts written as decimals). */
  exact: string | null;
}

export type AssumptionTarget =
  /** Parameter indices of the run's parameter table, one per cell. */
  | { kind: 'param'; params: number[] }
  /** A list price entry; per cell, the horizon months it prices. */
  | { kind: 'price'; provider: string; model: string; tier: number; usageClass: number; band: number; per: bigint; months: string[][] }
  /** A workspace contract's term, as paths into its YAML file, one per cell. */
  | { kind: 'contract'; contract: string; paths: (string | number)[][] };

export interface Assumption {
  name: string;
  section: AssumptionSection;
  label: string;
  unit: string;
  format: AssumptionFormat;
  /** Where the value comes from: a file and key, a ledger period, a price-book row, a contract clause. */
  source: string;
  cells: AssumptionCell[];
  /** For an uncertain single-cell input: its distribution in words and its P10 and P90. */
  uncertainty: { text: string; p10: number; p90: number } | null;
  domain: Domain;
  target: AssumptionTarget;
}

export interface CatalogueInput {
  plans: readonly ScenarioPlan[];
  specs: readonly ParamSpec[];
  /** The rate card the run priced with (to name the row behind each price). */
  rateCard: RateCard;
  /** The workspace contracts the run's contract levers name. */
  contracts: readonly Contract[];
  /** Where the scenario file's inputs came from, when not typed into it (workspace drivers, ledger-derived workloads). */
  sourceOf?: (key: string) => string | null;
  file: string;
}

export interface AssumptionCatalogue {
  assumptions: Assumption[];
  byName(name: string): Assumption | undefined;
  /** The name and 1-based cell of a parameter, or null for a fixed number the model needs (a constant). */
  paramRef(param: number): { name: string; cell: number; cells: number } | null;
  /** The price entry's name and cell for a month, or null when the rate card has no price. */
  priceRef(provider: string, model: string, tier: number, usageClass: number, band: number, month: string): { name: string; cell: number; cells: number; per: bigint; value: number } | null;
  contractRef(contract: string, path: string): { name: string; cell: number; cells: number; value: number } | null;
}

const CLASS_FIELD: Record<string, string> = {
  input: 'Input',
  cached_input: 'CachedInput',
  cache_write_5m: 'CacheWrite5m',
  cache_write_1h: 'CacheWrite1h',
  output: 'Output',
};

interface FieldInfo {
  unit: string;
  format: AssumptionFormat;
}

/** Units and formats of the scenario file's numeric fields, by the key's last segment. */
function fieldInfo(field: string, currency: string, unitWord: string, money: boolean): FieldInfo {
  if (money) {
    if (/perUnit|costPerUnit/i.test(field)) return { unit: `${currency} per ${unitWord}`, format: 'money' };
    if (/perRequest|costPerRequest/i.test(field)) return { unit: `${currency} per request`, format: 'money' };
    if (/pricePerUnitHour/.test(field)) return { unit: `${currency} per unit-hour`, format: 'money' };
    if (/pricePerUnitMonth/.test(field)) return { unit: `${currency} per unit-month`, format: 'money' };
    if (/fixedMonthly|monthlyCost|monthlyCommitment|minimumMonthlyFee/i.test(field)) return { unit: `${currency} per month`, format: 'money' };
    return { unit: currency, format: 'money' };
  }
  if (/share|successRate|hitRate|cacheableShare|^batch$|^flex$|^priority$|^standard$/i.test(field)) return { unit: 'share (0–1)', format: 'share' };
  if (/Pct$|^pct$|discountPct/.test(field)) return { unit: '%', format: 'percent' };
  if (/tokenRatio|outputTokenRatio|factor|peakFactor/i.test(field)) return { unit: '×', format: 'ratio' };
  if (/latencyMs/.test(field)) return { unit: 'ms', format: 'count' };
  if (/tokensPerMinutePerUnit/.test(field)) return { unit: 'tokens per minute', format: 'count' };
  if (field === 'units') return { unit: 'provisioned units', format: 'count' };
  if (field === 'requestsPerUnit') return { unit: `requests per ${unitWord}`, format: 'number' };
  if (field === 'input' || field === 'output') return { unit: 'tokens per request', format: 'count' };
  return { unit: '', format: 'number' };
}

export function describeDist(d: Dist): string {
  const n = (x: number) => String(Math.round(x * 1e6) / 1e6);
  switch (d.kind) {
    case 'uniform':
      return `uniform ${n(d.min)} to ${n(d.max)}`;
    case 'triangular':
      return `triangular ${n(d.min)} / ${n(d.mode)} / ${n(d.max)}`;
    case 'pert':
      return `PERT ${n(d.min)} / ${n(d.mode)} / ${n(d.max)}`;
    case 'normal':
      return `normal, mean ${n(d.mean)}, sd ${n(d.sd)}`;
    case 'lognormal':
      return `lognormal, μ ${n(d.mu)}, σ ${n(d.sigma)} (of the log)`;
  }
}

interface Group {
  wanted: string;
  section: AssumptionSection;
  label: string;
  field: string;
  money: boolean;
  unitWord: string;
  params: { param: number; label: string | null }[];
  source: string;
}

/** A key's group (one name) and the label of its cell within the group. */
function groupOf(key: string, spec: ParamSpec, plan: ScenarioPlan): { wanted: string; section: AssumptionSection; field: string; cell: string | null; unitWord: string; label: string } {
  const unitOfDriver = (id: string) => plan.drivers.find((d) => d.id === id)?.unit ?? plan.drivers[plan.unitDriver]?.unit ?? 'unit';
  const unitWord = plan.drivers[plan.unitDriver]?.unit ?? 'unit';
  const label = spec.label;
  let m = /^baseline\.drivers\.(.+?)\.unitsPerMonth(?:\.(\d+|\d{4}-\d{2}))?$/.exec(key);
  if (m) {
    const cell = m[2] === undefined ? null : /^\d+$/.test(m[2]) ? `month ${Number(m[2]) + 1}` : m[2];
    return { wanted: `Driver.${nameSegment(m[1]!)}.Units`, section: 'Business drivers', field: 'units', cell, unitWord: unitOfDriver(m[1]!), label: label.replace(/ (in month \d+|in \d{4}-\d{2}|per month)$/, ' per month') };
  }
  m = /^baseline\.drivers\.(.+?)\.costs\.(\d+)\.(perUnit|fixedMonthly)(?:\.(\d{4}-\d{2}))?$/.exec(key);
  if (m) {
    const driver = plan.drivers.find((d) => d.id === m![1]);
    const costName = label.replace(/^[^:]*: /, '').replace(/ (per .*|in \d{4}-\d{2})$/, '');
    void driver;
    return {
      wanted: `Driver.${nameSegment(m[1]!)}.${pascal(nameSegment(costName).replace(/\./g, '_'))}.${m[3] === 'perUnit' ? 'PerUnit' : 'PerMonth'}`,
      section: 'Business drivers',
      field: m[3]!,
      cell: m[4] ?? null,
      unitWord: unitOfDriver(m[1]!),
      label: label.replace(/ in \d{4}-\d{2}$/, ''),
    };
  }
  m = /^baseline\.workloads\.(.+?)\.models\.([^/]+)\/(.+)\.(tokenRatio|outputTokenRatio|successRate|latencyMs|share)$/.exec(key);
  if (m) return { wanted: `Workload.${nameSegment(m[1]!)}.${nameSegment(m[2]!)}.${nameSegment(m[3]!)}.${pascal(m[4]!)}`, section: 'Workloads', field: m[4]!, cell: null, unitWord, label };
  m = /^baseline\.workloads\.(.+?)\.(requestsPerUnit|tokensPerRequest\.input|tokensPerRequest\.output|tiers\.\w+|unitsPerRequest\.\w+|promptCache\.\w+|responseCache\.\w+)$/.exec(key);
  if (m) {
    const [part, sub] = m[2]!.split('.') as [string, string | undefined];
    const names: Record<string, string> = {
      requestsPerUnit: 'RequestsPerUnit',
      'tokensPerRequest.input': 'InputTokens',
      'tokensPerRequest.output': 'OutputTokens',
      'promptCache.cacheableShare': 'CacheableShare',
      'promptCache.hitRate': 'HitRate',
      'responseCache.share': 'ResponseShare',
      'responseCache.monthlyCost': 'ResponseCacheMonthlyCost',
      'responseCache.costPerRequest': 'ResponseCacheCostPerRequest',
    };
    const field = names[m[2]!] ?? (part === 'tiers' ? `Tier.${pascal(sub!)}` : `${pascal(sub!)}PerRequest`);
    return { wanted: `Workload.${nameSegment(m[1]!)}.${field}`, section: 'Workloads', field: sub ?? part, cell: null, unitWord, label };
  }
  m = /^(.+?)\.levers\.(\d+)\.(.+)$/.exec(key);
  if (m) {
    const rest = m[3]!
      .split('.')
      .map((s) => (/^\d+$/.test(s) ? String(Number(s) + 1) : pascal(s)))
      .join('.');
    const field = m[3]!.split('.').at(-1)!;
    return { wanted: `Lever.${nameSegment(m[1]!)}.${Number(m[2]) + 1}.${rest}`, section: 'Levers', field, cell: null, unitWord, label };
  }
  return { wanted: `Input.${nameSegment(key)}`, section: 'Levers', field: key.split('.').at(-1)!, cell: null, unitWord, label };
}

function domainOfContractField(field: string): Domain {
  if (field === 'percentOff') return { lo: 0, hi: 100 };
  return { lo: 0, hi: Number.POSITIVE_INFINITY };
}

/** Builds the catalogue. Names are claimed in a fixed order (drivers, workloads, levers, prices, contracts) so they are stable. */
export function buildAssumptionCatalogue(input: CatalogueInput): AssumptionCatalogue {
  const registry = new NameRegistry();
  const assumptions: Assumption[] = [];
  const paramRefs = new Map<number, { name: string; cell: number; cells: number }>();
  const priceRefs = new Map<string, { name: string; cells: { months: Set<string>; value: number }[]; per: bigint }>();
  const contractRefs = new Map<string, { name: string; cell: number; cells: number; value: number }>();
  const plan0 = input.plans[0]!;
  const currency = plan0.currency;

  // Parameters, grouped into names, in the order the plans use them.
  const groups = new Map<string, Group>();
  const order: string[] = [];
  const seen = new Set<number>();
  const visit = (plan: ScenarioPlan, p: number) => {
    if (p < 0 || seen.has(p)) return;
    seen.add(p);
    const spec = input.specs[p]!;
    if (spec.key.startsWith('const:')) return;
    const g = groupOf(spec.key, spec, plan);
    let group = groups.get(g.wanted);
    if (!group) {
      const section = g.section;
      group = {
        wanted: g.wanted,
        section,
        label: g.label,
        field: g.field,
        money: spec.baseNanos !== null,
        unitWord: g.unitWord,
        params: [],
        source: input.sourceOf?.(spec.key) ?? `${input.file}: ${spec.key.replace(/\.\d{4}-\d{2}$|\.\d+$/, (s) => (g.cell === null ? s : ''))}`,
      };
      groups.set(g.wanted, group);
      order.push(g.wanted);
    }
    group.params.push({ param: p, label: g.cell });
  };
  for (const plan of input.plans) {
    for (const d of plan.drivers) {
      for (const u of d.units) visit(plan, u);
      for (const c of d.costs) {
        for (const p of c.perUnit) visit(plan, p);
        for (const p of c.fixedMonthly) visit(plan, p);
      }
    }
  }
  // Every other parameter in the order of the table (drivers' series entries are all listed above, used or not).
  input.specs.forEach((spec, p) => {
    if (seen.has(p)) return;
    const plan = input.plans.find((pl) => spec.key.startsWith('baseline.') || spec.key.startsWith(`${pl.id}.`)) ?? plan0;
    visit(plan, p);
  });
  // Driver series entries in month order: the order the workbook's cells follow.
  const sortedOrder = [...order].sort((a, b) => sectionRank(groups.get(a)!.section) - sectionRank(groups.get(b)!.section));
  for (const wanted of sortedOrder) {
    const g = groups.get(wanted)!;
    const entries = [...g.params].sort((a, b) => cellOrder(a.label) - cellOrder(b.label));
    const name = registry.claim(wanted);
    const info = fieldInfo(g.field, currency, g.unitWord, g.money);
    const unit = g.field === 'units' ? `${g.unitWord}s per month` : info.unit;
    const single = entries.length === 1 ? input.specs[entries[0]!.param]! : null;
    const dist = single?.dist ?? null;
    assumptions.push({
      name,
      section: g.section,
      label: g.label,
      unit,
      format: g.field === 'units' ? 'count' : info.format,
      source: g.source,
      cells: entries.map((e) => {
        const spec = input.specs[e.param]!;
        return { label: entries.length === 1 ? null : e.label, value: spec.base, exact: spec.baseNanos === null ? null : nanosText(spec.baseNanos) };
      }),
      uncertainty: dist ? { text: describeDist(dist), p10: quantile(dist, 0.1), p90: quantile(dist, 0.9) } : null,
      domain: input.specs[entries[0]!.param]!.domain,
      target: { kind: 'param', params: entries.map((e) => e.param) },
    });
    entries.forEach((e, i) => paramRefs.set(e.param, { name, cell: i + 1, cells: entries.length }));
  }

  // List prices the plans can use.
  const priceKeys = new Map<string, { provider: string; model: string; tier: number; c: number; band: number; months: Map<string, { nanos: Nanos; per: bigint }> }>();
  for (const plan of input.plans) {
    const used = usedPriceEntries(plan, input.specs);
    const C = ENGINE_CLASSES.length;
    for (const at of used) {
      const k = Math.floor(at / (4 * C));
      const t = Math.floor(at / C) % 4;
      const c = at % C;
      const mdl = plan.models[k]!;
      for (let b = 0; b < plan.prices.bands; b++) {
        const key = `${mdl.provider}/${mdl.model}|${t}|${c}|${b}`;
        let entry = priceKeys.get(key);
        plan.months.forEach((month, m) => {
          if (b > 0 && (plan.prices.thresholds[m * plan.models.length + k]?.length ?? 0) < b) return;
          const i = (((m * plan.models.length + k) * 4 + t) * C + c) * plan.prices.bands + b;
          if (plan.prices.missing[i]) return;
          if (!entry) {
            entry = { provider: mdl.provider, model: mdl.model, tier: t, c, band: b, months: new Map() };
            priceKeys.set(key, entry);
          }
          entry.months.set(month, { nanos: plan.prices.nanos[i]!, per: plan.prices.per[i]! });
        });
      }
    }
  }
  const sortedPrices = [...priceKeys.values()].sort(
    (a, b) => a.provider.localeCompare(b.provider) || a.model.localeCompare(b.model) || a.band - b.band || a.tier - b.tier || a.c - b.c,
  );
  for (const e of sortedPrices) {
    const months = [...e.months.keys()].sort((a, b) => monthNumber(a) - monthNumber(b));
    const segments: { months: string[]; nanos: Nanos; per: bigint }[] = [];
    for (const month of months) {
      const p = e.months.get(month)!;
      const last = segments.at(-1);
      if (last && last.nanos === p.nanos && last.per === p.per && monthNumber(last.months.at(-1)!) === monthNumber(month) - 1) last.months.push(month);
      else segments.push({ months: [month], nanos: p.nanos, per: p.per });
    }
    const cls = ENGINE_CLASSES[e.c]!;
    const tier = PRICED_TIERS[e.tier]!;
    const bandWord = e.band === 0 ? '' : `.Band${e.band}`;
    const wanted = `Price.${nameSegment(e.provider)}.${nameSegment(e.model)}.${CLASS_FIELD[cls] ?? pascal(cls)}${tier === 'standard' ? '' : `.${pascal(tier)}`}${bandWord}`;
    const name = registry.claim(wanted);
    const per = segments[0]!.per;
    const perText = per === 1_000_000n ? '1M tokens' : per === 1_000n ? '1k tokens' : per === 1n ? unitOfClass(cls) : `${per} ${unitOfClass(cls)}s`;
    const source = input.rateCard.unitPrice({ provider: e.provider, model: e.model, usageClass: cls, serviceTier: tier, month: months[0]!, contextBand: null } as PriceKey)?.source ?? 'price book';
    assumptions.push({
      name,
      section: 'List prices',
      label: `${e.provider}/${e.model} ${cls.replace(/_/g, ' ')}${tier === 'standard' ? '' : `, ${tier} tier`}${e.band === 0 ? '' : `, long-context band ${e.band}`}`,
      unit: `${currency} per ${perText}`,
      format: 'price',
      source,
      cells: segments.map((s) => ({
        label: segments.length === 1 ? null : s.months.length === 1 ? s.months[0]! : `${s.months[0]} to ${s.months.at(-1)}`,
        value: nanosToNumber(s.nanos),
        exact: nanosText(s.nanos),
      })),
      uncertainty: null,
      domain: { lo: 0, hi: Number.POSITIVE_INFINITY },
      target: { kind: 'price', provider: e.provider, model: e.model, tier: e.tier, usageClass: e.c, band: e.band, per, months: segments.map((s) => s.months) },
    });
    priceRefs.set(`${e.provider}/${e.model}|${e.tier}|${e.c}|${e.band}`, {
      name,
      per,
      cells: segments.map((s) => ({ months: new Set(s.months), value: nanosToNumber(s.nanos) })),
    });
  }

  // Terms of the workspace contracts the plans' contract levers name.
  const wantedContracts = new Set(input.plans.flatMap((p) => p.contracts.flatMap((c) => (c.contractId === null ? [] : [c.contractId]))));
  for (const contract of input.contracts) {
    if (!wantedContracts.has(contract.id)) continue;
    // The original terms, then each version's: the terms a version names (its own grants, for credits), under names of their own.
    const stages: { terms: Contract; version: ContractVersion | null }[] = [{ terms: contract, version: null }, ...(contract.versions ?? []).map((v) => ({ terms: { ...contract, ...v.terms } as Contract, version: v }))];
    for (const { terms, version } of stages) {
      const named = (key: ContractTermKey) => version === null || version.changes.includes(key);
      const base = `Contract.${nameSegment(contract.id)}${version ? `.V${version.number}` : ''}`;
      const title = version ? `${contract.name} v${version.number} from ${version.effectiveFrom} (${version.reason})` : contract.name;
      // Field paths in the file: a version's terms sit under versions[i].
      const at = (...path: (string | number)[]): (string | number)[] => (version ? ['versions', Number(/\[(\d+)\]/.exec(version.where)![1]), ...path] : path);
      const indexIn = (where: string) => Number(/\[(\d+)\]$/.exec(where)![1]);
      const add = (wanted: string, label: string, unit: string, format: AssumptionFormat, field: string, cells: { label: string | null; value: number; exact: string | null; path: (string | number)[]; ref: string }[]) => {
        const name = registry.claim(wanted);
        assumptions.push({
          name,
          section: 'Contract terms',
          label,
          unit,
          format,
          source: `contract ${contract.id} (${contract.file}), ${cells.map((c) => c.ref).join(', ')}`,
          cells: cells.map(({ label: l, value, exact }) => ({ label: l, value, exact })),
          uncertainty: null,
          domain: domainOfContractField(field),
          target: { kind: 'contract', contract: contract.id, paths: cells.map((c) => at(...c.path)) },
        });
        cells.forEach((c, i) => contractRefs.set(`${contract.id}|${c.ref}`, { name, cell: i + 1, cells: cells.length, value: c.value }));
      };
      const money = (n: Nanos) => ({ value: nanosToNumber(n), exact: nanosText(n) });
      if (named('discounts')) {
        terms.discounts.forEach((d, i) => {
          const scope = [d.models?.join(', '), d.usageClasses?.join(', '), d.serviceTiers?.join(', ')].filter(Boolean).join('; ');
          add(`${base}.Discounts.${i + 1}.PercentOff`, `${title}: ${d.label}${scope ? ` (${scope})` : ''}`, '% off list', 'percent', 'percentOff', [
            { label: null, value: Number(d.percentOff), exact: d.percentOff, path: ['discounts', i, 'percentOff'], ref: `${d.where}.percentOff` },
          ]);
        });
      }
      if (named('rates')) {
        terms.rates.forEach((r, i) => {
          add(`${base}.Rates.${i + 1}.Price`, `${title}: contracted rate, ${r.model ?? 'every model'} ${r.usageClass}${r.serviceTier ? ` (${r.serviceTier})` : ''}${r.contextBand !== null ? `, prompts ${contextBandLabel(r.contextBand || null)}` : ''}${r.region !== null ? `, ${r.region}` : ''}`, `${contract.currency} per ${r.per === 1_000_000 ? '1M' : r.per} ${r.unit}${r.per === 1 ? '' : 's'}`, 'price', 'price', [
            { label: null, ...money(r.price), path: ['rates', i, 'price'], ref: `${r.where}.price` },
          ]);
        });
      }
      if (terms.volumeDiscount && named('volumeDiscount')) {
        const v = terms.volumeDiscount;
        const tierLabel = (i: number) => `tier ${i + 1}`;
        add(`${base}.VolumeDiscount.From`, `${title}: volume discount tiers start at (${v.basis}, ${v.period === 'month' ? 'monthly' : 'contract year'}, ${v.method.replace('_', ' ')})`, v.basis === 'spend' ? contract.currency : 'tokens', v.basis === 'spend' ? 'money' : 'count', 'from', v.tiers.map((t, i) => ({
          label: tierLabel(i),
          value: v.basis === 'spend' ? nanosToNumber(t.from) : Number(t.from),
          exact: v.basis === 'spend' ? nanosText(t.from) : String(t.from),
          path: ['volumeDiscount', 'tiers', i, 'from'],
          ref: `${v.where}.tiers[${i}].from`,
        })));
        add(`${base}.VolumeDiscount.PercentOff`, `${title}: volume discount per tier`, '% off', 'percent', 'percentOff', v.tiers.map((t, i) => ({
          label: tierLabel(i),
          value: Number(t.percentOff),
          exact: t.percentOff,
          path: ['volumeDiscount', 'tiers', i, 'percentOff'],
          ref: `${v.where}.tiers[${i}].percentOff`,
        })));
      }
      if (terms.commitment && named('commitment')) {
        const c = terms.commitment;
        add(`${base}.Commitment.Amount`, `${title}: committed spend per ${c.period}${c.takeOrPay ? ' (take-or-pay)' : ''}`, `${contract.currency} per ${c.period}`, 'money', 'amount', [
          { label: null, ...money(c.amount), path: ['commitment', 'amount'], ref: `${c.where}.amount` },
        ]);
        if (c.years.length > 0) {
          add(
            `${base}.Commitment.Years`,
            `${title}: committed spend per ${c.period} by contract year (${c.years.map((y) => `year ${y.year}`).join(', ')})`,
            `${contract.currency} per ${c.period}`,
            'money',
            'amount',
            c.years.map((y) => ({ label: `year ${y.year}`, ...money(y.amount), path: ['commitment', 'years', indexIn(y.where), 'amount'], ref: `${y.where}.amount` })),
          );
        }
        if (c.maxCarryOver !== null) {
          add(`${base}.Commitment.MaxCarryOver`, `${title}: most excess carried into the next period`, contract.currency, 'money', 'maxCarryOver', [
            { label: null, ...money(c.maxCarryOver), path: ['commitment', 'maxCarryOver'], ref: `${c.where}.maxCarryOver` },
          ]);
        }
      }
      // A version's credits are the grants it adds (earlier grants keep burning, under the names the version that made them gave).
      const grants = (terms.credits?.grants ?? []).filter((g) => (version ? g.where.startsWith(`${version.where}.`) : true));
      for (const g of grants) {
        add(`${base}.Credits.${nameSegment(g.id)}.Amount`, `${title}: prepaid credit ${g.id} (${g.start} to ${g.expires}, ${g.scope ? `${scopeText(g.scope)} only` : g.appliesTo.replace('_', ' ')}${g.partMonth === 'valid_days' ? '; a part month pays its valid days' : ''})`, contract.currency, 'money', 'amount', [
          { label: null, ...money(g.amount), path: ['credits', 'grants', indexIn(g.where), 'amount'], ref: `${g.where}.amount` },
        ]);
      }
      if (named('provisioned')) {
        terms.provisioned.forEach((p, i) => {
          add(`${base}.Provisioned.${nameSegment(p.id)}.Units`, `${title}: provisioned units ${p.id}`, 'units', 'count', 'units', [
            { label: null, value: p.units, exact: String(p.units), path: ['provisioned', i, 'units'], ref: `${p.where}.units` },
          ]);
          if (p.pricePerUnitHour !== null) {
            add(`${base}.Provisioned.${nameSegment(p.id)}.PricePerUnitHour`, `${title}: ${p.id} price per unit-hour`, `${contract.currency} per unit-hour`, 'money', 'pricePerUnitHour', [
              { label: null, ...money(p.pricePerUnitHour), path: ['provisioned', i, 'pricePerUnitHour'], ref: `${p.where}.pricePerUnitHour` },
            ]);
          }
          if (p.pricePerUnitMonth !== null) {
            add(`${base}.Provisioned.${nameSegment(p.id)}.PricePerUnitMonth`, `${title}: ${p.id} price per unit-month`, `${contract.currency} per unit-month`, 'money', 'pricePerUnitMonth', [
              { label: null, ...money(p.pricePerUnitMonth), path: ['provisioned', i, 'pricePerUnitMonth'], ref: `${p.where}.pricePerUnitMonth` },
            ]);
          }
        });
      }
      if (terms.minimumMonthlyFee !== null && named('minimumMonthlyFee')) {
        add(`${base}.MinimumMonthlyFee`, `${title}: minimum monthly fee`, `${contract.currency} per month`, 'money', 'minimumMonthlyFee', [
          { label: null, ...money(terms.minimumMonthlyFee), path: ['minimumMonthlyFee'], ref: minimumFeeRef(version) },
        ]);
      }
    }
  }

  const index = new Map(assumptions.map((a) => [a.name.toLowerCase(), a]));
  return {
    assumptions,
    byName: (name) => index.get(name.toLowerCase()),
    paramRef: (p) => paramRefs.get(p) ?? null,
    priceRef(provider, model, tier, usageClass, band, month) {
      const ref = priceRefs.get(`${provider}/${model}|${tier}|${usageClass}|${band}`);
      if (!ref) return null;
      const cell = ref.cells.findIndex((c) => c.months.has(month));
      if (cell < 0) return null;
      return { name: ref.name, cell: cell + 1, cells: ref.cells.length, per: ref.per, value: ref.cells[cell]!.value };
    },
    contractRef: (contract, path) => contractRefs.get(`${contract}|${path}`) ?? null,
  };
}

function sectionRank(s: AssumptionSection): number {
  return ['Business drivers', 'Workloads', 'Levers', 'List prices', 'Contract terms'].indexOf(s);
}

function cellOrder(label: string | null): number {
  if (label === null) return 0;
  if (/^\d{4}-\d{2}$/.test(label)) return monthNumber(label);
  const m = /^month (\d+)$/.exec(label);
  return m ? Number(m[1]) : 0;
}

function unitOfClass(cls: string): string {
  if (cls === 'request') return 'request';
  if (cls === 'image') return 'image';
  if (cls === 'audio_second') return 'audio second';
  if (cls === 'tool_call') return 'call';
  return 'unit';
}

function nanosText(n: Nanos): string {
  const negative = n < 0n;
  const abs = (negative ? -n : n).toString().padStart(10, '0');
  const whole = abs.slice(0, -9);
  const frac = abs.slice(-9).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

/**
 * (model, tier, class) entries a plan can price: the workloads' models on
 * the tiers their shares or tier levers can reach, the token classes their
 * caches can produce, and their other billed units.
 */
export function usedPriceEntries(plan: ScenarioPlan, specs: readonly ParamSpec[]): Set<number> {
  const C = ENGINE_CLASSES.length;
  const used = new Set<number>();
  for (const w of plan.workloads) {
    const tiers = new Set<number>([0]);
    w.tiers.forEach((p, t) => {
      if (t > 0 && !isConstant(specs, p, 0)) tiers.add(t);
    });
    let cache = !isConstant(specs, w.cacheable, 0);
    let ttl5 = !w.ttl1h;
    let ttl1 = w.ttl1h;
    for (const l of w.levers) {
      const tier = stepOf(l, 'tier')?.data;
      if (tier) {
        if (tier.batch >= 0) tiers.add(1);
        if (tier.flex >= 0) tiers.add(2);
        if (tier.priority >= 0) tiers.add(3);
      }
      const c = stepOf(l, 'cache')?.data;
      if (c) {
        if (c.cacheable >= 0) cache = true;
        if (c.ttl1h === true) ttl1 = true;
        if (c.ttl1h === false) ttl5 = true;
      }
    }
    const classes = [0, 4, ...(cache ? [1, ...(ttl5 ? [2] : []), ...(ttl1 ? [3] : [])] : []), ...w.otherUnits.map((o) => o.usageClass)];
    for (const prof of w.profiles) for (const t of tiers) for (const c of classes) used.add((prof.model * 4 + t) * C + c);
  }
  return used;
}

/** Whether a parameter is one of the model's fixed numbers (a `const:` key) with this value: not an input anyone set. */
export function isConstant(specs: readonly ParamSpec[], param: number, value: number): boolean {
  if (param < 0) return true;
  const spec = specs[param];
  return spec !== undefined && spec.key.startsWith('const:') && spec.base === value;
}

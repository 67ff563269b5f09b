/**
 * One Monthly sheet per scenario: months down, drivers and cost components
 * across, every deterministic figure a formula chain back to the named
 * Assumptions and the drivers. Key figures come first; the blocks that
 * compute them (lever timing, drivers, each workload, provisioned capacity,
 * costs, contracts) follow, folded under an outline.
 */
import type { CostComponent } from '../../engine/schema';
import type { AssumptionCatalogue } from '../../engine/assumptions';
import type { ParamSpec } from '../../engine/params';
import type { ScenarioPlan, WorkloadLever } from '../../engine/plan';
import { add, clamp01, cmp, div, excelRound, iff, max, mul, num, round, roundHalfEven, sub, ZERO, ONE, ref, type Expr } from '../expr';
import { a1, rangeRef, SheetBuilder, columnLetter } from '../grid';
import type { Sheet } from '../model';
import type { StyleName } from '../styles';
import { Columns } from './columns';
import { contractBlocks, type ContractModel } from './contract-blocks';
import { MonthlyContext, type LeverTiming } from './context';
import { monthlyCosts, poolBlocks, usageCosts } from './costs';
import { workloadFigures, type WorkloadFigures } from './workloads';

export const COMPONENT_LABELS: Record<CostComponent, string> = {
  input: 'input tokens',
  cached_input: 'cache reads',
  cache_write: 'cache writes',
  output: 'output tokens',
  other_usage: 'other usage',
  provisioned: 'provisioned capacity',
  contract_adjustment: 'contract terms',
  response_cache: 'response cache',
  migration: 'migration',
  adjacent: 'adjacent costs',
  alternative: 'work without AI',
  non_ai: 'non-AI process cost',
};

/** Where a Monthly sheet keeps the figures other sheets and charts refer to. */
export interface MonthlyLayout {
  sheet: string;
  scenario: string;
  firstRow: number;
  lastRow: number;
  /** The row of horizon totals. */
  totalRow: number;
  months: string[];
  col: {
    month: number;
    units: number;
    total: number;
    ai: number;
    nonAi: number;
    work: number;
    requests: number;
    successes: number;
    costPerUnit: number;
    aiCostPerUnit: number;
    costPerSuccess: number;
    savings: number | null;
    cumulative: number | null;
    /** TRUE from the break-even month on. */
    holds: number | null;
    /** TRUE in each month whose saving is above zero. */
    saves: number | null;
    components: Partial<Record<CostComponent, number>>;
    vendors: Record<string, number>;
    workloads: Record<string, number>;
  };
  /** Cached values of the key figures, by column, per month (for the Summary's cached KPIs). */
  values: (col: number, m: number) => number;
  /** Contract blocks: commitment, credits, invoice totals (for the Contracts sheet). */
  contracts: ContractColumns[];
  /** Provisioned pools: utilisation column per pool. */
  pools: { label: string; model: string; utilisation: number }[];
  /** Every formula cell with the engine's own figure for it, for checks. */
  checks: { row: number; col: number; what: string; m: number }[];
}

export interface ContractColumns {
  label: string;
  provider: string;
  months: number[];
  total: number;
  listTotal: number;
  adjustment: number;
  committed: number | null;
  eligible: number | null;
  shortfall: number | null;
  committedToDate: number | null;
  remaining: number | null;
  creditsOpening: number | null;
  creditsConsumed: number | null;
  creditsForfeited: number | null;
  creditsClosing: number | null;
}

export interface MonthlyInput {
  plan: ScenarioPlan;
  specs: readonly ParamSpec[];
  catalogue: AssumptionCatalogue;
  levers: readonly LeverTiming[];
  /** Labels of the levers' monthly costs (adjacent, migration, response cache), in the plan's order. */
  monthlyCostLabels: readonly string[];
  sheetName: string;
  title: string;
  subtitle: string;
  /** The baseline's sheet, for savings (null on the baseline's own sheet). */
  baseline: MonthlyLayout | null;
  contracts: ContractModel;
  header: string;
  footer: string;
  leverLabel: (lever: WorkloadLever) => string;
}

const FIRST_ROW = 4;
const PER_SUCCESS: ReadonlySet<CostComponent> = new Set(['input', 'cached_input', 'cache_write', 'output', 'other_usage', 'provisioned', 'contract_adjustment', 'response_cache', 'alternative']);

/** SUM(a,b,…) of cell references, in chunks Excel's 255-argument limit allows. */
function sumOf(terms: Expr[]): Expr {
  if (terms.length === 0) return ZERO;
  if (terms.length === 1) return terms[0]!;
  const chunks: Expr[] = [];
  for (let i = 0; i < terms.length; i += 200) {
    const part = terms.slice(i, i + 200);
    let v = 0;
    for (const t of part) v += t.v;
    chunks.push({ f: `SUM(${part.map((t) => t.f).join(',')})`, v, p: 3 });
  }
  return chunks.length === 1 ? chunks[0]! : add(...chunks);
}

export function buildMonthlySheet(input: MonthlyInput): { sheet: Sheet; layout: MonthlyLayout } {
  const { plan, specs, catalogue } = input;
  const M = plan.months.length;
  const cols = new Columns(M, FIRST_ROW);
  const ctx = new MonthlyContext(plan, specs, catalogue, cols, input.levers);

  // Key figures are declared last (they sum everything) but shown first; the month label leads.
  cols.add({ id: 'month', block: 'Key figures', header: 'Month', style: 'month', front: true, level: 0, width: 10, compute: (m) => ({ text: plan.months[m]! }) });
  cols.add({ id: 'days', block: 'Lever timing', header: 'Days in month', style: 'countInput', compute: (m) => ({ input: plan.daysInMonth[m]! }) });

  // Price levers: each one's factor this month.
  const effectColumn = (e: number) => `pf:${e}`;
  plan.priceEffects.forEach((effect, e) => {
    const ramp = ctx.ramp(effect.timing);
    cols.add({
      id: effectColumn(e),
      block: 'Price changes',
      header: `${input.levers.find((l) => l.start === effect.timing.start && l.rampMonths === effect.timing.rampMonths)?.label ?? `price change ${e + 1}`}: price factor`,
      style: 'number',
      compute: (m) => max(ZERO, add(ONE, div(mul(ctx.param(effect.pct), cols.at(ramp, m)), num(100)))),
    });
  });

  // Business units: the drivers, times volume levers.
  plan.volume.forEach((vol, e) => {
    const ramp = ctx.ramp(vol.timing);
    cols.add({
      id: `vol:${e}`,
      block: 'Business drivers',
      header: `${input.levers.find((l) => l.start === vol.timing.start && l.rampMonths === vol.timing.rampMonths)?.label ?? 'volume'}: volume factor`,
      style: 'number',
      compute: (m) => {
        const r = cols.at(ramp, m);
        let f: Expr = ONE;
        if (vol.factor >= 0) f = add(ONE, mul(sub(ctx.param(vol.factor), ONE), r));
        if (vol.monthlyGrowthPct >= 0) {
          const growth: Expr = { f: `(1+${ctx.param(vol.monthlyGrowthPct).f}/100)^${m - vol.timing.start + 1}`, v: detPow(1 + ctx.param(vol.monthlyGrowthPct).v / 100, m - vol.timing.start + 1), p: 2 };
          f = vol.factor >= 0 ? mul(f, growth) : growth;
        }
        return iff(cmp(r, '=', ZERO), ONE, max(ZERO, f));
      },
    });
  });
  plan.drivers.forEach((d, di) => {
    const effects = plan.volume.flatMap((v, e) => (v.drivers.includes(di) ? [e] : []));
    cols.add({
      id: `units:${d.id}`,
      block: 'Business drivers',
      header: `${d.unit}s`,
      style: 'count',
      level: di === plan.unitDriver ? 0 : 1,
      compute: (m) => mul(max(ZERO, ctx.param(d.units[m]!)), ...effects.map((e) => cols.at(`vol:${e}`, m))),
    });
  });
  if (plan.nonAiPriceEffects.length > 0) {
    cols.add({ id: 'nonAiFactor', block: 'Business drivers', header: 'non-AI price factor', style: 'number', compute: (m) => mul(...plan.nonAiPriceEffects.map((e) => cols.at(effectColumn(e), m))) });
  }
  const nonAiFactor = (m: number): Expr | null => (plan.nonAiPriceEffects.length > 0 ? cols.at('nonAiFactor', m) : null);
  // Workloads, provisioned capacity, usage costs, other costs, contracts.
  const workloads: WorkloadFigures[] = plan.workloads.map((_, wi) => workloadFigures(ctx, wi, input.leverLabel));
  // Units people (or rules) do end to end drop their other per-unit costs: the share of each driver's units still
  // paying them, as the engine's rule (the largest share any of the driver's workloads moved that way).
  plan.drivers.forEach((d, di) => {
    const moved = workloads.flatMap((wf, wi) => {
      const w = plan.workloads[wi]!;
      if (w.driver !== di) return [];
      const ends = w.alternatives.flatMap((a, j) => (a.endToEnd && wf.altMoved[j] ? [wf.altMoved[j]!] : []));
      return ends.length > 0 ? [(m: number) => add(...ends.map((g) => g(m)))] : [];
    });
    if (moved.length === 0) return;
    cols.add({
      id: `kept:${di}`,
      block: 'Business drivers',
      header: `${d.id}: share still paying per-unit costs (the rest done end to end without AI)`,
      style: 'share',
      compute: (m) => sub(ONE, clamp01(moved.length === 1 ? moved[0]!(m) : max(...moved.map((g) => g(m))))),
    });
    ctx.unitCostsKept.set(di, `kept:${di}`);
  });
  // People's cost of the units they do end to end: once per unit, on the largest share the lever's workloads moved.
  plan.endToEndCosts.forEach((cost, i) => {
    const d = plan.drivers[cost.driver]!;
    const moved = cost.moved.map(({ workload, slot }) => workloads[workload]!.altMoved[slot]!);
    const id = `e2e:${i}`;
    cols.add({
      id,
      block: 'Other costs',
      header: `${d.id} done end to end without AI`,
      style: 'money',
      slot: cost.slot,
      compute: (m) => round(mul(cols.at(`units:${d.id}`, m), moved.length === 1 ? moved[0]!(m) : max(...moved.map((g) => g(m))), ctx.param(cost.costPerUnit)), 9),
    });
    ctx.addCost(cost.slot, id);
  });
  plan.drivers.forEach((d, di) => {
    d.costs.forEach((cost, ci) => {
      const id = `nonai:${di}:${ci}`;
      const name = specs[cost.perUnit.find((p) => p >= 0) ?? cost.fixedMonthly.find((p) => p >= 0) ?? 0]?.label.replace(/^[^:]*: /, '').replace(/ (per .*|in \d{4}-\d{2})$/, '') ?? `cost ${ci + 1}`;
      cols.add({
        id,
        block: 'Business drivers',
        header: name,
        style: 'money',
        slot: cost.slot,
        compute: (m) => {
          const terms: Expr[] = [];
          const f = nonAiFactor(m);
          const units = ctx.keptUnits(di, m);
          if ((cost.perUnit[m] as number) >= 0) terms.push(round(mul(f ? mul(units, f) : units, ctx.param(cost.perUnit[m]!)), 9));
          if ((cost.fixedMonthly[m] as number) >= 0) terms.push(round(f ? mul(f, ctx.param(cost.fixedMonthly[m]!)) : ctx.param(cost.fixedMonthly[m]!), 9));
          return terms.length > 0 ? add(...terms) : ZERO;
        },
      });
      ctx.addCost(cost.slot, id);
    });
  });


  const pools = poolBlocks(ctx, workloads);
  const contractProviders = new Set(plan.contracts.map((c) => c.providerIndex));
  const usage = usageCosts(ctx, workloads, pools, effectColumn, (k) => contractProviders.has(plan.models[k]!.providerIndex));
  monthlyCosts(ctx, workloads, (i) => input.monthlyCostLabels[i] ?? `cost ${i + 1}`);
  const contracts = contractBlocks(ctx, usage, input.contracts);

  // Key figures.
  const slotsOf = (pick: (slot: (typeof plan.slots)[number]) => boolean) => plan.slots.flatMap((s, i) => (pick(s) ? [i] : []));
  // Sums of nano-unit amounts are exact in the engine: rounded back to the nano-unit, they are exact here too (and 0 is 0, not 1e-14).
  const sumSlots = (slots: number[], m: number): Expr => round(sumOf(slots.flatMap((s) => (ctx.costColumns.get(s) ?? []).map((id) => cols.at(id, m)))), 9);
  const components = [...new Set(plan.slots.map((s) => s.component))].filter((c) => slotsOf((s) => s.component === c).some((s) => (ctx.costColumns.get(s) ?? []).length > 0));
  const order = Object.keys(COMPONENT_LABELS) as CostComponent[];
  components.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  for (const c of components) {
    cols.add({ id: `comp:${c}`, block: 'Cost by component', header: COMPONENT_LABELS[c], style: 'money', front: true, compute: (m) => sumSlots(slotsOf((s) => s.component === c), m) });
  }
  const compSum = (pick: (c: CostComponent) => boolean, m: number) => {
    const picked = components.filter(pick);
    return picked.length === 0 ? ZERO : picked.length === 1 ? cols.at(`comp:${picked[0]}`, m) : round(sumOf(picked.map((c) => cols.at(`comp:${c}`, m))), 9);
  };
  const unitDriver = plan.drivers[plan.unitDriver]!;
  const unitsId = `units:${unitDriver.id}`;
  cols.add({ id: 'k:units', block: 'Key figures', header: `${unitDriver.unit}s`, style: 'count', front: true, compute: (m) => cols.at(unitsId, m) });
  cols.add({ id: 'k:total', block: 'Key figures', header: 'Total cost', style: 'money', front: true, width: 14, compute: (m) => compSum(() => true, m) });
  cols.add({ id: 'k:ai', block: 'Key figures', header: 'AI cost', style: 'money', front: true, width: 14, compute: (m) => compSum((c) => c !== 'alternative' && c !== 'non_ai', m) });
  cols.add({ id: 'k:nonAi', block: 'Key figures', header: 'Non-AI cost', style: 'money', front: true, width: 14, compute: (m) => compSum((c) => c === 'alternative' || c === 'non_ai', m) });
  const perUnit = (amount: Expr, count: Expr): Expr => iff(cmp(count, '>', ZERO), roundHalfEven(div(amount, count), 9), { f: '""', v: Number.NaN, p: 3 });
  cols.add({ id: 'k:cpu', block: 'Key figures', header: `Cost per ${unitDriver.unit}`, style: 'money', front: true, compute: (m) => perUnit(cols.at('k:total', m), cols.at('k:units', m)) });
  cols.add({ id: 'k:aicpu', block: 'Key figures', header: `AI cost per ${unitDriver.unit}`, style: 'money', front: true, compute: (m) => perUnit(cols.at('k:ai', m), cols.at('k:units', m)) });
  cols.add({ id: 'k:requests', block: 'Key figures', header: 'Requests', style: 'count', front: true, compute: (m) => sumOf(workloads.map((w) => cols.at(w.requests, m))) });
  cols.add({ id: 'k:successes', block: 'Key figures', header: 'Successful outcomes', style: 'count', front: true, compute: (m) => sumOf(workloads.map((w) => cols.at(w.successes, m))) });
  cols.add({ id: 'k:work', block: 'Key figures', header: 'Cost of the work', style: 'money', front: true, compute: (m) => compSum((c) => PER_SUCCESS.has(c), m), note: 'Vendor usage after contract terms, capacity, caches and alternative handling: what cost per successful outcome divides.' });
  cols.add({ id: 'k:cps', block: 'Key figures', header: 'Cost per successful outcome', style: 'moneyExact', front: true, compute: (m) => perUnit(cols.at('k:work', m), cols.at('k:successes', m)) });
  const base = input.baseline;
  if (base) {
    cols.add({
      id: 'k:savings',
      block: 'Key figures',
      header: 'Savings vs baseline',
      style: 'money',
      front: true,
      // Exact in the engine (nano-units): a difference of two sums is rounded back to the nano-unit.
      compute: (m) => round(sub(ref(`${rangeRef(base.sheet, base.firstRow + m, base.col.total).replace(/\$/g, '')}`, base.values(base.col.total, m)), cols.at('k:total', m)), 9),
    });
    cols.add({ id: 'k:cumulative', block: 'Key figures', header: 'Cumulative savings', style: 'money', front: true, compute: (m) => (m === 0 ? cols.at('k:savings', m) : round(add(cols.at('k:cumulative', m - 1), cols.at('k:savings', m)), 9)) });
    // Whether cumulative savings stay at or above zero from this month to the end (and end above zero): filled in below, as it looks ahead.
    cols.add({ id: 'k:holds', block: 'Key figures', header: 'Savings hold from here', style: 'text', front: true, width: 10, compute: () => ({ text: '' }) });
    // Whether this month saves anything (to the nano-unit): the first such month is where savings start.
    cols.add({ id: 'k:saves', block: 'Key figures', header: 'Saves this month', style: 'text', front: true, width: 10, compute: () => ({ text: '' }) });
  }
  const vendors = [...new Set(plan.slots.flatMap((s) => (s.provider ? [s.provider] : [])))].sort();
  for (const v of vendors) cols.add({ id: `vendor:${v}`, block: 'Cost by vendor', header: v, style: 'money', front: true, compute: (m) => sumSlots(slotsOf((s) => s.provider === v), m) });
  const workloadIds = [...new Set(plan.slots.map((s) => s.workload ?? '(shared)'))];
  for (const w of workloadIds) cols.add({ id: `wl:${w}`, block: 'Cost by workload', header: w, style: 'money', front: true, compute: (m) => sumSlots(slotsOf((s) => (s.workload ?? '(shared)') === w), m) });

  // Positions, then every cell month by month.
  cols.layout(0, ['month', 'k:units', 'k:total', 'k:ai', 'k:nonAi', 'k:cpu', 'k:aicpu', 'k:cps', 'k:savings', 'k:cumulative', 'k:holds', 'k:saves', 'k:requests', 'k:successes', 'k:work']);
  cols.fill();

  // The sheet.
  const sheet = new SheetBuilder(input.sheetName, 'monthly');
  sheet.set(0, 0, { value: input.title, style: 'title' });
  for (let c = 1; c <= cols.column(base ? 'k:cumulative' : 'k:cps'); c++) sheet.set(0, c, { value: null, style: 'title' });
  sheet.set(1, 0, { value: input.subtitle, style: 'subtitle' });
  let lastBlock = '';
  const totalRow = FIRST_ROW + M;
  const moneyStyles = new Set<StyleName>(['money', 'moneyBold']);
  cols.displayed.forEach((d, c) => {
    if (d.block !== lastBlock) sheet.set(2, c, { value: d.block, style: 'section' });
    lastBlock = d.block;
    sheet.set(3, c, { value: d.header, style: c === 0 ? 'header' : 'headerRight', ...(d.note ? { note: d.note } : {}) });
    sheet.width(c, d.width, d.front ? {} : { outlineLevel: 1, hidden: true });
    for (let m = 0; m < M; m++) {
      const v = cols.computed(d.id, m);
      const row = FIRST_ROW + m;
      if (v === null) continue;
      if ('text' in v) sheet.set(row, c, { value: v.text, style: d.style });
      else if ('input' in v) sheet.set(row, c, { value: v.input, style: d.style });
      else sheet.set(row, c, { value: Number.isNaN(v.v) ? (v.f.includes('NA()') ? '#N/A' : '') : v.v, formula: v.f, style: d.style });
    }
    // Horizon totals of flows: the key figures' money and every cost column (not balances, not per-unit figures).
    const perUnitIds: Record<string, [string, string]> = { 'k:cpu': ['k:total', 'k:units'], 'k:aicpu': ['k:ai', 'k:units'], 'k:cps': ['k:work', 'k:successes'] };
    if (perUnitIds[d.id]) return;
    if (moneyStyles.has(d.style) && d.id !== 'k:cumulative' && (d.front || d.slot !== undefined)) {
      const range = `${a1(FIRST_ROW, c)}:${a1(FIRST_ROW + M - 1, c)}`;
      let v = 0;
      for (let m = 0; m < M; m++) v += cols.value(d.id, m) || 0;
      sheet.set(totalRow, c, { value: excelRound(v, 9), formula: `ROUND(SUM(${range}),9)`, style: 'moneyBold' });
    } else if (d.id === 'k:units' || d.id === 'k:requests' || d.id === 'k:successes') {
      const range = `${a1(FIRST_ROW, c)}:${a1(FIRST_ROW + M - 1, c)}`;
      let v = 0;
      for (let m = 0; m < M; m++) v += cols.value(d.id, m);
      sheet.set(totalRow, c, { value: v, formula: `SUM(${range})`, style: 'count' });
    }
  });
  sheet.set(totalRow, 0, { value: 'Horizon', style: 'labelBold' });
  // Per-unit figures over the horizon: the horizon's amount over its count, as the KPIs.
  for (const [id, [amountId, countId]] of Object.entries({ 'k:cpu': ['k:total', 'k:units'], 'k:aicpu': ['k:ai', 'k:units'], 'k:cps': ['k:work', 'k:successes'] } as const)) {
    const amount = sheet.get(totalRow, cols.column(amountId));
    const count = sheet.get(totalRow, cols.column(countId));
    if (!amount || !count || typeof amount.value !== 'number' || typeof count.value !== 'number') continue;
    const a = ref(a1(totalRow, cols.column(amountId)), amount.value);
    const n = ref(a1(totalRow, cols.column(countId)), count.value);
    const q = iff(cmp(n, '>', ZERO), roundHalfEven(div(a, n), 9), { f: '""', v: Number.NaN, p: 3 });
    sheet.set(totalRow, cols.column(id), { value: Number.isNaN(q.v) ? '' : q.v, formula: q.f, style: id === 'k:cps' ? 'moneyExact' : 'moneyBold' });
  }
  if (base) {
    // Break-even (the engine's rule): the first month from which cumulative savings stay ≥ 0, when they end above zero; to the nano-unit.
    const cum = cols.column('k:cumulative');
    const holds = cols.column('k:holds');
    const last = FIRST_ROW + M - 1;
    const values = plan.months.map((_, m) => Math.round(cols.value('k:cumulative', m) * 1e9) / 1e9);
    // Never a month before the scenario's first lever acts: until then it is the baseline, with nothing saved or spent.
    const actsFrom = plan.leversActFrom > 0 ? (plan.months[plan.leversActFrom] ?? '9999-12') : null;
    for (let m = 0; m < M; m++) {
      const rest = values.slice(m);
      const v = m >= plan.leversActFrom && Math.min(...rest) >= 0 && (values[M - 1] as number) > 0;
      const acting = actsFrom === null ? '' : `${a1(FIRST_ROW + m, cols.column('month'))}>="${actsFrom}",`;
      sheet.set(FIRST_ROW + m, holds, {
        value: v,
        formula: `AND(${acting}ROUND(MIN(${a1(FIRST_ROW + m, cum)}:${a1(last, cum)}),9)>=0,ROUND(${a1(last, cum)},9)>0)`,
        style: 'text',
      });
    }
    const saving = cols.column('k:savings');
    const saves = cols.column('k:saves');
    for (let m = 0; m < M; m++) {
      sheet.set(FIRST_ROW + m, saves, { value: Math.round(cols.value('k:savings', m) * 1e9) / 1e9 > 0, formula: `ROUND(${a1(FIRST_ROW + m, saving)},9)>0`, style: 'text' });
    }
  }
  sheet.rowHeights.set(3, 45);
  const lastFront = cols.displayed.filter((d) => d.front).length - 1;
  // What prints: the month and the key figures (the components, vendors and workloads stay on screen).
  const lastPrinted = cols.column(base ? 'k:cumulative' : 'k:cps');

  const col = (id: string) => (cols.has(id) ? cols.column(id) : -1);
  const layout: MonthlyLayout = {
    sheet: input.sheetName,
    scenario: plan.id,
    firstRow: FIRST_ROW,
    lastRow: FIRST_ROW + M - 1,
    totalRow,
    months: plan.months,
    col: {
      month: col('month'),
      units: col('k:units'),
      total: col('k:total'),
      ai: col('k:ai'),
      nonAi: col('k:nonAi'),
      work: col('k:work'),
      requests: col('k:requests'),
      successes: col('k:successes'),
      costPerUnit: col('k:cpu'),
      aiCostPerUnit: col('k:aicpu'),
      costPerSuccess: col('k:cps'),
      savings: base ? col('k:savings') : null,
      cumulative: base ? col('k:cumulative') : null,
      holds: base ? col('k:holds') : null,
      saves: base ? col('k:saves') : null,
      components: Object.fromEntries(components.map((c) => [c, col(`comp:${c}`)])),
      vendors: Object.fromEntries(vendors.map((v) => [v, col(`vendor:${v}`)])),
      workloads: Object.fromEntries(workloadIds.map((w) => [w, col(`wl:${w}`)])),
    },
    values: (c, m) => cols.value(cols.displayed[c]!.id, m),
    contracts: contracts.map((k) => ({
      label: k.label,
      provider: k.provider,
      months: k.months,
      total: col(k.total),
      listTotal: col(k.listTotal),
      adjustment: col(k.adjustment),
      committed: k.committed ? col(k.committed) : null,
      eligible: k.eligible ? col(k.eligible) : null,
      shortfall: k.shortfall ? col(k.shortfall) : null,
      committedToDate: k.committedToDate ? col(k.committedToDate) : null,
      remaining: k.remaining ? col(k.remaining) : null,
      creditsOpening: k.creditsOpening ? col(k.creditsOpening) : null,
      creditsConsumed: k.creditsConsumed ? col(k.creditsConsumed) : null,
      creditsForfeited: k.creditsForfeited ? col(k.creditsForfeited) : null,
      creditsClosing: k.creditsClosing ? col(k.creditsClosing) : null,
    })),
    pools: plan.pools.map((p, i) => ({ label: p.label, model: plan.models[p.model]!.key, utilisation: col(`pool${i}:utilisation`) })),
    checks: [],
  };
  const built = sheet.build({
    freeze: { rows: FIRST_ROW, columns: 1 },
    autoFilter: `A4:${columnLetter(lastFront)}${FIRST_ROW + M}`,
    charts: [],
    showGridLines: true,
    print: { landscape: true, fitToWidth: true, header: input.header, footer: input.footer, repeatRows: '1:4' },
  });
  return { sheet: { ...built, printArea: `A1:${columnLetter(lastPrinted)}${totalRow + 1}` }, layout };
}

/** (1 + g)^n by repeated multiplication, as the engine's detPowInt (exact to the last bit is not needed: 1e-9 is). */
function detPow(x: number, n: number): number {
  return x ** n;
}

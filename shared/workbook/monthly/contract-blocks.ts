/**
 * Contract levers as formulas: the vendor's usage, list-priced month by
 * month, re-priced under the contract; the difference is the contract
 * adjustment the engine books (shared/engine/contracts.ts).
 *
 * An offer written in the scenario (shared/engine/offer.ts): the contract
 * pricer's steps for its terms — usage lines to the cent, the % discount on
 * its own line, a monthly take-or-pay commitment, the minimum fee before or
 * after credits as the offer says, prepaid credits burnt earliest expiry
 * first (for all charges, or usage only).
 *
 * A workspace contract (shared/domain/contracts/price-month.ts): usage lines
 * per model, class and tier at the contracted rate or at list with each %
 * discount on its own line, each rounded to the cent; the volume discount
 * (tiers by LOOKUP); provisioned fees; the commitment true-up with carry-over;
 * the minimum fee top-up; credits in burn order, each for the share of the
 * month it is valid (pro rata, or its valid days' share of each usage item),
 * a scoped credit only for the usage in its scope (rows of the usage credits
 * may pay, item by item: credit-scope.ts). Balances and running totals carry
 * from row to row.
 */
import { contractYear, isTrueUpMonth } from '../../domain/contracts/commitment';
import { burnOrder, publisherOfUsage } from '../../domain/contracts/credits';
import { everyVersion, minimumFeeRef, setBy, termsInForce, versionLabel, versionRef } from '../../domain/contracts/versions';
import { WorkbenchError } from '../../domain/errors';
import { provisionedFee } from '../../domain/contracts/provisioned';
import { contractedPrice, contractListPrice } from '../../domain/contracts/rates';
import type { Commitment, Contract, CreditGrant } from '../../domain/contracts/types';
import { nanosToNumber } from '../../domain/money';
import type { PriceBook } from '../../domain/pricebook/book';
import { daysInMonth, daysInMonthWithin, firstDay, lastDay, monthOf } from '../../domain/calendar';
import { TOKEN_CLASSES } from '../../domain/usage';
import { addMonths, monthNumber, monthsBetween } from '../../domain/calendar';
import { ENGINE_CLASSES, PRICED_TIERS, type ContractTerms } from '../../engine/plan';
import { add, cmp, div, iff, max, min, mul, num, ONE, ref, round, sub as minus, ZERO, type Expr } from '../expr';
import { scopeRuns, scopeText } from './credit-scope';

/** A difference of money: exact in the engine's nano-units, so rounded back to a nano-unit (float sums cancel to noise otherwise). */
const sub = (a: Expr, b: Expr): Expr => round(minus(a, b), 9);
import type { MonthlyContext } from './context';
import type { UsageColumn } from './costs';

export interface ContractModel {
  /** Workspace contracts the levers may name, by id. */
  contracts: ReadonlyMap<string, Contract>;
  /** The price book the contracts module re-prices usage from. */
  book: PriceBook | null;
}

export interface ContractBlock {
  label: string;
  provider: string;
  months: number[];
  total: string;
  listTotal: string;
  adjustment: string;
  committed: string | null;
  eligible: string | null;
  shortfall: string | null;
  /** The commitment's contract-year balance: committed to date and what remains to be drawn or paid (workspace contracts). */
  committedToDate?: string | null;
  remaining?: string | null;
  creditsOpening: string | null;
  creditsConsumed: string | null;
  creditsForfeited: string | null;
  creditsClosing: string | null;
}

type Getter = (m: number) => Expr;

export function contractBlocks(ctx: MonthlyContext, usage: readonly UsageColumn[], model: ContractModel): ContractBlock[] {
  const plan = ctx.plan;
  const P = plan.providers.length;
  return plan.contracts.flatMap((terms, c) => {
    const months: number[] = [];
    for (let m = 0; m < plan.months.length; m++) if (plan.activeContract[m * P + terms.providerIndex] === c) months.push(m);
    if (months.length === 0) return [];
    const mine = usage.filter((u) => plan.models[u.model]!.providerIndex === terms.providerIndex);
    const block = `Contract: ${terms.label}`;
    const priced = new Set(months);
    const listTotal = `k${c}:list`;
    ctx.cols.add({
      id: listTotal,
      block,
      header: 'usage at list (as projected)',
      style: 'money',
      compute: (m) => (priced.has(m) ? add(...mine.map((u) => ctx.cols.at(u.cost, m))) : null),
    });
    const list = (m: number) => ctx.cols.at(listTotal, m);
    const result = terms.offer ? offerBlock(ctx, c, terms, block, months, mine) : workspaceContractBlock(ctx, c, terms, block, months, mine, model);
    const adjustment = `k${c}:adjustment`;
    ctx.cols.add({
      id: adjustment,
      block,
      header: 'contract adjustment (invoice − list)',
      style: 'money',
      level: 0,
      slot: terms.adjustmentSlot,
      compute: (m) => (priced.has(m) ? sub(ctx.cols.at(result.total, m), list(m)) : null),
    });
    ctx.addCost(terms.adjustmentSlot, adjustment);
    return [{ label: terms.label, provider: terms.provider, months, listTotal, adjustment, ...result }];
  });
}

// --- An offer written in the scenario ---------------------------------------

function offerBlock(ctx: MonthlyContext, c: number, terms: ContractTerms, block: string, months: number[], usage: readonly UsageColumn[]): Omit<ContractBlock, 'label' | 'provider' | 'months' | 'listTotal' | 'adjustment'> {
  const o = terms.offer!;
  const plan = ctx.plan;
  const cols = ctx.cols;
  const priced = new Set(months);
  const id = (what: string) => `k${c}:${what}`;
  const when = (f: (m: number) => Expr) => (m: number) => (priced.has(m) ? f(m) : null);
  const C = ENGINE_CLASSES.length;
  // The engine's usage lines of a month (model, tier, class, summed over workloads), each with the class the contract bills it as.
  const lines = (m: number): { billed: string; cost: Expr }[] => {
    const byLine = new Map<string, { billed: string; costs: Expr[] }>();
    for (const u of usage) {
      const cls = u.usageClass(m);
      const fell = plan.prices.fallback[(((m * plan.models.length + u.model) * 4 + u.tier) * C + cls) * plan.prices.bands] === 1;
      const key = `${u.model}|${u.tier}|${cls}`;
      const line = byLine.get(key) ?? { billed: `${u.model}|${u.tier}|${fell ? 0 : cls}`, costs: [] };
      line.costs.push(cols.at(u.cost, m));
      byLine.set(key, line);
    }
    return [...byLine.values()].map((l) => ({ billed: l.billed, cost: add(...l.costs) }));
  };
  // Usage lines of the invoice, one per model, tier and billed class, each rounded to the cent (price-month.ts step 4).
  cols.add({
    id: id('usage'),
    block,
    header: 'usage lines (each to the cent)',
    style: 'money',
    compute: when((m) => {
      const groups = new Map<string, Expr[]>();
      for (const l of lines(m)) groups.set(l.billed, [...(groups.get(l.billed) ?? []), l.cost]);
      return add(ZERO, ...[...groups.values()].map((costs) => round(add(...costs), 2)));
    }),
  });
  // The discount line: the exact % of each usage line's list cost, summed, to the cent.
  cols.add({
    id: id('discount'),
    block,
    header: 'discount line',
    style: 'money',
    compute: when((m) => minus(ZERO, round(add(ZERO, ...lines(m).map((l) => round(div(mul(l.cost, ctx.param(o.discountPct)), num(100)), 9))), 2))),
  });
  cols.add({ id: id('net'), block, header: 'usage after the discount', style: 'money', compute: when((m) => add(cols.at(id('usage'), m), cols.at(id('discount'), m))) });
  const usageNet = (m: number) => cols.at(id('net'), m);
  let shortfall: string | null = null;
  let committed: string | null = null;
  if (o.monthlyCommitment >= 0) {
    committed = id('committed');
    cols.add({ id: committed, block, header: 'monthly commitment', style: 'money', compute: when(() => round(ctx.param(o.monthlyCommitment), 2)) });
    shortfall = id('shortfall');
    cols.add({ id: shortfall, block, header: 'commitment shortfall', style: 'money', compute: when((m) => max(ZERO, sub(cols.at(committed!, m), usageNet(m)))) });
  }
  const shortfallOf = (m: number) => (shortfall ? cols.at(shortfall, m) : ZERO);
  const hasFee = o.minimumMonthlyFee >= 0;
  const afterCredits = o.minimumFeeOrder === 'after_credits';
  const fee = () => round(ctx.param(o.minimumMonthlyFee), 2);
  // Minimum fee before credits (the default): the charges are topped up first, and credits may pay the top-up.
  let topUp: string | null = null;
  if (hasFee && !afterCredits) {
    topUp = id('topUp');
    cols.add({ id: topUp, block, header: 'minimum fee top-up', style: 'money', compute: when((m) => max(ZERO, sub(fee(), add(usageNet(m), shortfallOf(m))))) });
  }
  const topUpBefore = (m: number) => (topUp && !afterCredits ? cols.at(topUp, m) : ZERO);
  // Credits: grants sorted by expiry, each granted in its first priced month, used before later ones, forfeited after its last month.
  const grants = o.credits.map((g, i) => ({ ...g, i, start: monthNumber(g.start), expires: monthNumber(g.expires) })).sort((a, b) => a.expires - b.expires || a.start - b.start);
  const first = months[0]!;
  const monthNo = (m: number) => monthNumber(ctx.plan.months[m]!);
  let consumed: string | null = null;
  let opening: string | null = null;
  let closing: string | null = null;
  let forfeited: string | null = null;
  if (grants.length > 0) {
    const all = (m: number) => add(usageNet(m), shortfallOf(m), topUpBefore(m));
    cols.add({ id: id('creditUsageBase'), block, header: 'usage credits may pay', style: 'money', compute: when((m) => iff(cmp(usageNet(m), '>', ZERO), min(usageNet(m), max(all(m), ZERO)), ZERO)) });
    cols.add({ id: id('creditOtherBase'), block, header: 'other charges credits may pay', style: 'money', compute: when((m) => max(sub(all(m), cols.at(id('creditUsageBase'), m)), ZERO)) });
    let usageLeft: Getter = (m) => cols.at(id('creditUsageBase'), m);
    let otherLeft: Getter = (m) => cols.at(id('creditOtherBase'), m);
    const useIds: string[] = [];
    for (const g of grants) {
      const open = id(`credit${g.i}:available`);
      const use = id(`credit${g.i}:used`);
      const close = id(`credit${g.i}:left`);
      cols.add({
        id: open,
        block,
        header: `credit ${g.i + 1}: available`,
        style: 'money',
        compute: when((m) => {
          const n = monthNo(m);
          if (n < g.start || n > g.expires) return ZERO;
          return m > first && priced.has(m - 1) && monthNo(m - 1) >= g.start ? cols.at(close, m - 1) : ctx.param(g.amount);
        }),
      });
      const uL = usageLeft;
      const oL = otherLeft;
      const usageOnly = g.appliesTo === 'usage_only';
      cols.add({
        id: use,
        block,
        header: `credit ${g.i + 1}: used`,
        style: 'money',
        compute: when((m) => max(ZERO, min(cols.at(open, m), usageOnly ? usageNet(m) : all(m), usageOnly ? uL(m) : add(uL(m), oL(m))))),
      });
      if (usageOnly) usageLeft = (m) => sub(uL(m), cols.at(use, m));
      else {
        const fromOther = (m: number) => min(cols.at(use, m), oL(m));
        otherLeft = (m) => sub(oL(m), fromOther(m));
        usageLeft = (m) => sub(uL(m), sub(cols.at(use, m), fromOther(m)));
      }
      cols.add({ id: close, block, header: `credit ${g.i + 1}: left`, style: 'money', compute: when((m) => (monthNo(m) >= g.expires ? ZERO : sub(cols.at(open, m), cols.at(use, m)))) });
      useIds.push(use);
    }
    consumed = id('credits');
    cols.add({ id: consumed, block, header: 'credits applied', style: 'money', compute: when((m) => add(ZERO, ...useIds.map((u) => cols.at(u, m)))) });
    opening = null;
    closing = id('creditsLeft');
    cols.add({ id: closing, block, header: 'credit balance', style: 'money', compute: when((m) => add(ZERO, ...grants.map((g) => cols.at(id(`credit${g.i}:left`), m)))) });
    forfeited = id('creditsForfeited');
    cols.add({
      id: forfeited,
      block,
      header: 'credits forfeited',
      style: 'money',
      compute: when((m) => {
        const n = monthNo(m);
        const lost = grants.flatMap((g) => {
          if (n === g.expires) return [sub(cols.at(id(`credit${g.i}:available`), m), cols.at(id(`credit${g.i}:used`), m))];
          // Expired before the offer's first month: forfeited whole in that month.
          if (m === first && g.expires < n) return [ctx.param(g.amount)];
          return [];
        });
        return add(ZERO, ...lost);
      }),
    });
  }
  const credits = (m: number) => (consumed ? cols.at(consumed, m) : ZERO);
  // Minimum fee after credits: what is left to pay is topped up to it.
  if (hasFee && afterCredits) {
    topUp = id('topUp');
    cols.add({ id: topUp, block, header: 'minimum fee top-up after credits', style: 'money', compute: when((m) => max(ZERO, sub(fee(), sub(add(usageNet(m), shortfallOf(m)), credits(m))))) });
  }
  const total = id('invoice');
  cols.add({
    id: total,
    block,
    header: 'invoice under the offer',
    style: 'money',
    level: 0,
    compute: when((m) => sub(add(usageNet(m), shortfallOf(m), topUp ? cols.at(topUp, m) : ZERO), credits(m))),
  });
  return {
    total,
    committed,
    eligible: o.monthlyCommitment >= 0 ? id('net') : null,
    shortfall,
    creditsOpening: opening,
    creditsConsumed: consumed,
    creditsForfeited: forfeited,
    creditsClosing: closing,
  };
}

// --- A workspace contract ----------------------------------------------------

interface Group {
  key: string;
  model: number;
  tier: number;
  cls: number;
  label: string;
}

function workspaceContractBlock(
  ctx: MonthlyContext,
  c: number,
  terms: ContractTerms,
  block: string,
  months: number[],
  usage: readonly UsageColumn[],
  model: ContractModel,
): Omit<ContractBlock, 'label' | 'provider' | 'months' | 'listTotal' | 'adjustment'> {
  const plan = ctx.plan;
  const cols = ctx.cols;
  const contract = model.contracts.get(terms.contractId!);
  const book = model.book;
  if (!contract || !book) throw new Error(`contract ${terms.contractId} is not in the workspace`);
  const priced = new Set(months);
  const id = (what: string) => `k${c}:${what}`;
  const when = (f: (m: number) => Expr) => (m: number) => (priced.has(m) ? f(m) : null);
  const C = ENGINE_CLASSES.length;
  const monthText = (m: number) => plan.months[m]!;
  // Dated versions (versions.ts): each month's formulas are written with the terms of the version in force that month,
  // reading that version's term cells; balances run on from row to row across a version change, as in the pricer.
  const versions = contract.versions ?? [];
  const changedVolume = versions.find((v) => v.changes.includes('volumeDiscount'));
  if (changedVolume) {
    throw new WorkbenchError('bad_input', `the board workbook cannot yet write the formulas of a volume discount a version changes (contract ${contract.id}, version ${changedVolume.number} from ${changedVolume.effectiveFrom}); price it with aispend price or the scenario, or keep the volume discount of the original terms`, {
      file: contract.file,
      field: `${changedVolume.where}.volumeDiscount`,
    });
  }
  const inForceCache = new Map<number, Contract>();
  const inForce = (m: number): Contract => {
    let t = inForceCache.get(m);
    if (!t) inForceCache.set(m, (t = versions.length > 0 ? termsInForce(contract, monthText(m)) : contract));
    return t;
  };
  if (versions.length > 0) {
    ctx.cols.add({ id: id('version'), block, header: 'contract version in force', style: 'text', width: 30, compute: (m) => (priced.has(m) ? { text: versionLabel(versionRef(contract, monthText(m))) } : null) });
  }
  const term = (path: string, fallback: number): Expr => {
    const r = ctx.catalogue.contractRef(contract.id, path);
    return r ? ref(r.cells === 1 ? r.name : `INDEX(${r.name},${r.cell})`, r.value) : num(fallback);
  };
  const termRange = (path: string): string | null => ctx.catalogue.contractRef(contract.id, path)?.name ?? null;

  // The class the contract bills a line as: cache tokens of a model without a cache price bill as input.
  const billedClass = (m: number, u: UsageColumn): number => {
    const cls = u.usageClass(m);
    const fell = plan.prices.fallback[(((m * plan.models.length + u.model) * 4 + u.tier) * C + cls) * plan.prices.bands] === 1;
    return fell ? 0 : cls;
  };
  // Invoice line groups: one per model, tier and billed class (their prices are the same within a month).
  const groups: Group[] = [];
  const groupOf = new Map<string, Group>();
  for (const u of usage) {
    for (const m of months) {
      const cls = billedClass(m, u);
      const key = `${u.model}|${u.tier}|${cls}`;
      if (groupOf.has(key)) continue;
      const g = { key, model: u.model, tier: u.tier, cls, label: `${plan.models[u.model]!.model} ${ENGINE_CLASSES[cls]!.replace(/_/g, ' ')}${u.tier === 0 ? '' : ` (${PRICED_TIERS[u.tier]})`}` };
      groups.push(g);
      groupOf.set(key, g);
    }
  }
  groups.sort((a, b) => a.model - b.model || a.tier - b.tier || a.cls - b.cls);
  // Items of a group in a month: the engine's usage lines (model, tier, class), each with its quantity summed over workloads.
  const items = (m: number, g: Group): { cls: number; quantity: Expr }[] => {
    const byClass = new Map<number, Expr[]>();
    for (const u of usage) {
      if (u.model !== g.model || u.tier !== g.tier || billedClass(m, u) !== g.cls || !u.quantity) continue;
      const cls = u.usageClass(m);
      byClass.set(cls, [...(byClass.get(cls) ?? []), cols.at(u.quantity, m)]);
    }
    return [...byClass.entries()].sort(([a], [b]) => a - b).map(([cls, qs]) => ({ cls, quantity: add(...qs) }));
  };

  // Prices each month: the list price the contract lets through, and the contracted price with the term that set it.
  // Priced once per month and group: every column of the group, and the credits' shares, ask again.
  const priceCache = new Map<string, ReturnType<typeof priceGroup>>();
  const pricing = (m: number, g: Group) => {
    const k = `${m}|${g.key}`;
    if (!priceCache.has(k)) priceCache.set(k, priceGroup(m, g));
    return priceCache.get(k)!;
  };
  const priceGroup = (m: number, g: Group) => {
    const date = firstDay(monthText(m));
    const inTerm = date >= contract.start && date <= contract.end;
    const mdl = plan.models[g.model]!;
    const q = { provider: terms.provider, model: mdl.model, usageClass: ENGINE_CLASSES[g.cls]!, serviceTier: PRICED_TIERS[g.tier]!, meter: null, region: null, date, contextBand: null, promptTokens: null };
    const signedTerms = inForce(m);
    const listed = contractListPrice(inTerm ? signedTerms : null, book, q);
    if (!listed.ok) return null;
    const cp = inTerm ? contractedPrice(signedTerms, book, listed, q.usageClass, q.serviceTier, null, date) : null;
    return { inTerm, listed, cp };
  };
  const listPriceExpr = (m: number, g: Group, p: NonNullable<ReturnType<typeof pricing>>): Expr => {
    const named = ctx.catalogue.priceRef(terms.provider, plan.models[g.model]!.model, g.tier, g.cls, 0, monthText(m));
    if (named && named.per === BigInt(p.listed.per) && Math.abs(named.value - nanosToNumber(p.listed.listPrice)) < 1e-12) {
      return ref(named.cells === 1 ? named.name : `INDEX(${named.name},${named.cell})`, named.value);
    }
    // The price book's price for the day, held down by the price-change clause where it applies.
    return num(nanosToNumber(p.listed.listPrice));
  };

  /**
   * The price after the first `n` discounts that apply to a group (pricing(m, g).cp.discounts): multiplicatively each
   * off the price the ones before left, or additively list less their percentages added, each rounded to the nano-unit
   * as the contract pricer does (rates.ts, discountSteps).
   */
  const discountedPrice = (m: number, g: Group, lp: Expr, n: number): Expr => {
    const steps = pricing(m, g)!.cp!.discounts.slice(0, n);
    const pcts = steps.map((s) => term(`${s.discount.where}.percentOff`, Number(s.discount.percentOff)));
    if (inForce(m).discountStacking === 'additive') return sub(lp, round(div(mul(lp, add(...pcts)), num(100)), 9));
    return pcts.reduce<Expr>((price, pct) => sub(price, round(div(mul(price, pct), num(100)), 9)), lp);
  };

  /** Each usage item of a group at the contracted price (list where no term applies), exact to the nano-unit: the contract pricer's contractedCost. */
  const contractedItems = (m: number, g: Group): { cls: number; cost: Expr }[] => {
    const p = pricing(m, g);
    if (!p) return [];
    let price = listPriceExpr(m, g, p);
    let per = p.listed.per;
    if (p.cp && p.cp.term !== null) {
      per = p.cp.per;
      if (p.cp.rate) {
        price = term(`${p.cp.rate.where}.price`, nanosToNumber(p.cp.rate.price));
        // Another tier than the rate's: the standard rate times the vendor's tier rule.
        if (p.cp.tierFactor !== null) price = round(mul(price, num(Number(p.cp.tierFactor))), 9);
        per = p.cp.rate.per;
      } else price = discountedPrice(m, g, price, p.cp.discounts.length);
    }
    return items(m, g).map((i) => ({ cls: i.cls, cost: round(div(mul(i.quantity, price), num(per)), 9) }));
  };

  const groupIds = groups.map((g, gi) => {
    const qty = id(`g${gi}:quantity`);
    cols.add({ id: qty, block, header: `${g.label}: quantity`, style: 'count', compute: when((m) => add(ZERO, ...items(m, g).map((i) => i.quantity))) });
    const atList = id(`g${gi}:list`);
    cols.add({
      id: atList,
      block,
      header: `${g.label}: at the contract's list price`,
      style: 'money',
      compute: when((m) => {
        const p = pricing(m, g);
        if (!p) return ZERO;
        const price = listPriceExpr(m, g, p);
        return add(ZERO, ...items(m, g).map((i) => round(div(mul(i.quantity, price), num(p.listed.per)), 9)));
      }),
    });
    const contracted = id(`g${gi}:contracted`);
    cols.add({
      id: contracted,
      block,
      header: `${g.label}: at the contracted price`,
      style: 'money',
      compute: when((m) => {
        const p = pricing(m, g);
        if (!p) return ZERO;
        if (!p.cp || p.cp.term === null) return cols.at(atList, m);
        return add(ZERO, ...contractedItems(m, g).map((i) => i.cost));
      }),
    });
    // Stacked discounts: the cost after each discount but the last (the contracted cost), so each discount's line is the difference it made.
    const chain = Math.max(0, ...months.map((m) => pricing(m, g)?.cp?.discounts.length ?? 0));
    const after = Array.from({ length: Math.max(0, chain - 1) }, (_, k) => {
      const col = id(`g${gi}:after${k}`);
      cols.add({
        id: col,
        block,
        header: `${g.label}: after discount ${k + 1} of ${chain}`,
        style: 'money',
        compute: when((m) => {
          const p = pricing(m, g);
          if (!p?.cp || p.cp.discounts.length <= k + 1) return ZERO;
          const price = discountedPrice(m, g, listPriceExpr(m, g, p), k + 1);
          return add(ZERO, ...items(m, g).map((i) => round(div(mul(i.quantity, price), num(p.cp!.per)), 9)));
        }),
      });
      return col;
    });
    const line = id(`g${gi}:line`);
    cols.add({
      id: line,
      block,
      header: `${g.label}: invoice line`,
      style: 'money',
      compute: when((m) => {
        const p = pricing(m, g);
        // With a % discount the line shows list and the discount has a line of its own.
        const shown = p?.cp?.discount ? atList : contracted;
        return round(cols.at(shown, m), 2);
      }),
    });
    return { g, qty, atList, contracted, line, after };
  });

  // One line per % discount term (of every version, each priced only in the months its version is in force): list less contracted over the lines it applies to.
  const everyDiscount = [...new Map(everyVersion(contract).flatMap((t) => t.discounts.map((d) => [d.where, d] as const))).values()];
  const discountIds = everyDiscount.map((d, di) => {
    const did = id(`discount${di}`);
    const by = versions.find((v) => d.where.startsWith(`${v.where}.`));
    cols.add({
      id: did,
      block,
      header: by ? `${d.label} (v${by.number})` : `${d.label}`,
      style: 'money',
      compute: when((m) => {
        // What this discount took off each line: the cost before it (list, or after the discounts it stacks on) less the cost after it.
        const parts = groupIds.flatMap((x) => {
          const steps = pricing(m, x.g)?.cp?.discounts ?? [];
          const k = steps.findIndex((step) => step.discount.where === d.where);
          if (k < 0) return [];
          const before = k === 0 ? cols.at(x.atList, m) : cols.at(x.after[k - 1]!, m);
          const afterIt = k === steps.length - 1 ? cols.at(x.contracted, m) : cols.at(x.after[k]!, m);
          return [sub(before, afterIt)];
        });
        if (parts.length === 0) return ZERO;
        return mul(num(-1), round(add(...parts), 2));
      }),
    });
    return did;
  });
  const monthInTerm = (m: number) => daysInMonthWithin(monthText(m), contract.start, contract.end) > 0;
  const inTermUsageLines = (m: number) => add(ZERO, ...groupIds.filter((x) => pricing(m, x.g)?.inTerm).map((x) => cols.at(x.line, m)));
  const allUsageLines = (m: number) => add(ZERO, ...groupIds.map((x) => cols.at(x.line, m)));
  const discountLines = (m: number) => add(ZERO, ...discountIds.map((d) => cols.at(d, m)));

  // Volume discount.
  let volume: string | null = null;
  const v = contract.volumeDiscount;
  if (v) volume = volumeBlock(ctx, contract, block, id, when, months, (m) => add(inTermUsageLines(m), discountLines(m)), (m) => {
    const tokens: Expr[] = [];
    for (const x of groupIds) {
      const p = pricing(m, x.g);
      if (!p?.inTerm || !TOKEN_CLASSES.includes(ENGINE_CLASSES[x.g.cls]!)) continue;
      for (const i of items(m, x.g)) tokens.push({ f: `TRUNC(${i.quantity.f})`, v: Math.trunc(i.quantity.v), p: 3 });
    }
    return add(ZERO, ...tokens);
  }, monthInTerm, term, termRange);
  const volumeAmount = (m: number) => (volume ? cols.at(volume, m) : ZERO);
  const usageNetId = id('usageNet');
  cols.add({ id: usageNetId, block, header: 'usage net of discounts', style: 'money', compute: when((m) => sub(add(allUsageLines(m), discountLines(m)), volumeAmount(m))) });
  const usageNet = (m: number) => cols.at(usageNetId, m);

  // Provisioned fees.
  const everyReservation = [...new Map(everyVersion(contract).flatMap((t) => t.provisioned.map((p) => [p.where, p] as const))).values()];
  const feeIds = everyReservation.map((p, pi) => {
    const fid = id(`fee${pi}`);
    cols.add({
      id: fid,
      block,
      header: `provisioned ${p.id}: fee`,
      style: 'money',
      compute: when((m) => {
        if (!monthInTerm(m) || !inForce(m).provisioned.some((x) => x.where === p.where)) return ZERO;
        const f = provisionedFee(p, monthText(m));
        if (f.days === 0) return ZERO;
        const units = term(`${p.where}.units`, p.units);
        if (p.pricePerUnitHour !== null) return round(mul(term(`${p.where}.pricePerUnitHour`, nanosToNumber(p.pricePerUnitHour)), units, num(f.hours)), 2);
        return round(round(div(mul(term(`${p.where}.pricePerUnitMonth`, nanosToNumber(p.pricePerUnitMonth ?? 0n)), units, num(f.days)), num(daysInMonth(monthText(m)))), 9), 2);
      }),
    });
    return fid;
  });
  const fees = (m: number) => add(ZERO, ...feeIds.map((f) => cols.at(f, m)));

  // Commitment true-up.
  let shortfallBilled: string | null = null;
  let committedId: string | null = null;
  let eligibleId: string | null = null;
  let shortfallId: string | null = null;
  let committedToDateId: string | null = null;
  let remainingId: string | null = null;
  // The commitment in force each month (a version may add, change or drop it); the block is there if any version commits.
  const cm = everyVersion(contract).find((t) => t.commitment)?.commitment ?? null;
  if (cm) {
    const first = months[0]!;
    const cmAt = (m: number): Commitment | null => inForce(m).commitment;
    // A month settles the commitment when it is in the term and a commitment is in force (the pricer's step 7 runs).
    const active = (m: number) => monthInTerm(m) && cmAt(m) !== null;
    const yearOf = (m: number) => contractYear(contract, monthText(m));
    const periodEnd = (m: number) => cmAt(m) !== null && isTrueUpMonth(contract, cmAt(m)!, monthText(m));
    const termEnds = (m: number) => monthText(m) === monthOf(contract.end);
    const monthIndexOf = (month: string) => months.find((m) => monthText(m) === month);
    // The commitment a month of the contract year commits at: its own version's (a month outside the projection: the version in force then).
    const commitmentOf = (month: string): Commitment | null => {
      const m = monthIndexOf(month);
      return m !== undefined ? cmAt(m) : versions.length > 0 ? termsInForce(contract, month).commitment : cm;
    };
    // The commitment per period in the month's contract year: the ramp's amount for that year, else the commitment's.
    const amountOf = (k: Commitment, month: string): Expr => {
      const y = k.years.find((e) => e.year === contractYear(contract, month).index + 1);
      return y ? term(`${y.where}.amount`, nanosToNumber(y.amount)) : term(`${k.where}.amount`, nanosToNumber(k.amount));
    };
    // One period's commitment (the month, or the contract year), prorated by the days of it the term covers.
    const periodCommitment = (k: Commitment, month: string): Expr => {
      const [covered, full] = coverage(contract, k.period, month);
      if (covered === full) return round(amountOf(k, month), 2);
      return round(round(div(mul(amountOf(k, month), num(covered)), num(full)), 9), 2);
    };
    // The contract year's commitment through its k-th month (0 the first): a monthly commitment adds up its months; an
    // annual one is spread evenly over the year's months in the term, to the cent (commitment.ts: committedThrough).
    // With versions each month commits at its own version's commitment, annual amounts spread together by amount
    // (commitment.ts: committedThroughVersions).
    const committedThrough = (m: number, k: number): Expr => {
      if (k < 0) return ZERO;
      const y = yearOf(m);
      const n = monthsBetween(y.firstMonth, y.lastMonth) + 1;
      if (versions.length === 0) {
        if (cm.period === 'month') return add(ZERO, ...Array.from({ length: k + 1 }, (_, i) => periodCommitment(cm, addMonths(y.firstMonth, i))));
        return k === n - 1 ? periodCommitment(cm, monthText(m)) : round(round(div(mul(periodCommitment(cm, monthText(m)), num(k + 1)), num(n)), 9), 2);
      }
      const monthly: Expr[] = [];
      const annual = new Map<number, { amount: Expr; count: number }>();
      for (let i = 0; i <= k; i++) {
        const month = addMonths(y.firstMonth, i);
        const c = commitmentOf(month);
        if (!c) continue;
        const amount = periodCommitment(c, month);
        if (c.period === 'month') monthly.push(amount);
        else {
          const seen = annual.get(amount.v);
          annual.set(amount.v, { amount: seen?.amount ?? amount, count: (seen?.count ?? 0) + 1 });
        }
      }
      const spread = [...annual.values()].map(({ amount, count }) => (count === n ? amount : round(div(mul(amount, num(count)), num(n)), 9)));
      return add(ZERO, ...monthly, ...(spread.length > 0 ? [round(add(...spread), 2)] : []));
    };
    const indexInYear = (m: number) => monthsBetween(yearOf(m).firstMonth, monthText(m));
    const monthsInYear = (m: number) => monthsBetween(yearOf(m).firstMonth, yearOf(m).lastMonth) + 1;
    const periodEndIndex = (m: number, k: Commitment) => {
      const i = indexInYear(m);
      const end = k.trueUp === 'month' ? i : k.trueUp === 'quarter' ? i - (i % 3) + 2 : monthsInYear(m) - 1;
      return Math.min(end, monthsInYear(m) - 1);
    };
    const previousTrueUp = (k: Commitment, i: number) => (k.trueUp === 'month' ? i - 1 : k.trueUp === 'quarter' ? i - (i % 3) - 1 : -1);
    // With versions the general form always: the true-up period's commitment, from its months' versions.
    const ramped = versions.length > 0 || cm.years.length > 0 || cm.trueUp !== cm.period;
    committedId = id('committed');
    cols.add({
      id: committedId,
      block,
      header: ramped ? `commitment for the ${versions.length > 0 ? 'true-up period' : cm.trueUp === 'quarter' ? 'quarter' : cm.trueUp === 'month' ? 'month' : 'contract year'}` : `commitment for the ${cm.period === 'month' ? 'month' : 'contract year'}`,
      style: 'money',
      compute: when((m) => {
        if (!active(m)) return ZERO;
        const k = cmAt(m)!;
        if (!ramped) return periodCommitment(k, monthText(m));
        const end = periodEndIndex(m, k);
        return sub(committedThrough(m, end), committedThrough(m, previousTrueUp(k, end)));
      }),
    });
    const eligibleMonth = id('eligibleMonth');
    cols.add({
      id: eligibleMonth,
      block,
      header: 'spend that counts this month',
      style: 'money',
      compute: when((m) => (active(m) ? add(sub(add(inTermUsageLines(m), discountLines(m)), volumeAmount(m)), ...(cmAt(m)!.includesProvisionedFees ? [fees(m)] : [])) : ZERO)),
    });
    const ytd = id('spendYtd');
    const sameYearAsBefore = (m: number) => m > first && priced.has(m - 1) && yearOf(m - 1).index === yearOf(m).index;
    cols.add({
      id: ytd,
      block,
      header: 'counted so far this contract year',
      style: 'money',
      compute: when((m) => (sameYearAsBefore(m) ? add(cols.at(ytd, m - 1), cols.at(eligibleMonth, m)) : cols.at(eligibleMonth, m))),
    });
    // Spend since the last true-up: a quarterly (or monthly) true-up of an annual commitment counts the period alone.
    const periodToDate = ramped ? id('spendInPeriod') : null;
    if (periodToDate) {
      cols.add({
        id: periodToDate,
        block,
        header: 'counted so far this true-up period',
        style: 'money',
        compute: when((m) => (sameYearAsBefore(m) && !periodEnd(m - 1) ? add(cols.at(periodToDate, m - 1), cols.at(eligibleMonth, m)) : cols.at(eligibleMonth, m))),
      });
    }
    const withinYear = (m: number) => (cmAt(m) ?? cm).carryOver === 'within_year';
    // The excess carried out of the month before, as it stands (a month with no commitment in force leaves it alone).
    const carriedBefore = (m: number): Expr => (m > first && priced.has(m - 1) ? cols.at(id('carry'), m - 1) : ZERO);
    // Excess carried within the year does not cross into the next one.
    const carryIn = (m: number): Expr => (withinYear(m) && indexInYear(m) === 0 ? ZERO : carriedBefore(m));
    const deferredIn = (m: number): Expr => (m > first && priced.has(m - 1) ? cols.at(id('deferred'), m - 1) : ZERO);
    eligibleId = id('counted');
    cols.add({
      id: eligibleId,
      block,
      header: 'counted toward the commitment',
      style: 'money',
      compute: when((m) => {
        if (!active(m)) return ZERO;
        const soFar = periodToDate ? cols.at(periodToDate, m) : cm.period === 'year' ? cols.at(ytd, m) : cols.at(eligibleMonth, m);
        return add(soFar, carryIn(m));
      }),
    });
    const available = (m: number) => cols.at(eligibleId!, m);
    const committed = (m: number) => cols.at(committedId!, m);
    shortfallId = id('shortfall');
    cols.add({ id: shortfallId, block, header: 'shortfall', style: 'money', compute: when((m) => (active(m) && periodEnd(m) ? max(sub(committed(m), available(m)), ZERO) : ZERO)) });
    const excess = (m: number) => max(sub(available(m), committed(m)), ZERO);
    cols.add({
      id: id('deferred'),
      block,
      header: 'shortfall rolled forward',
      style: 'money',
      compute: when((m) => {
        if (!active(m) || !periodEnd(m)) return deferredIn(m);
        // A true-up under a commitment that does not roll shortfalls forward ends any rolled forward before (commitment.ts).
        if (cmAt(m)!.carryOver !== 'shortfall_forward') return versions.length > 0 ? ZERO : deferredIn(m);
        if (termEnds(m)) return ZERO;
        return add(max(sub(deferredIn(m), excess(m)), ZERO), cols.at(shortfallId!, m));
      }),
    });
    shortfallBilled = id('billed');
    cols.add({
      id: shortfallBilled,
      block,
      header: 'shortfall billed (take-or-pay)',
      style: 'money',
      compute: when((m) => {
        if (!active(m) || !periodEnd(m) || !cmAt(m)!.takeOrPay) return ZERO;
        if (cmAt(m)!.carryOver === 'shortfall_forward') return termEnds(m) ? add(max(sub(deferredIn(m), excess(m)), ZERO), cols.at(shortfallId!, m)) : ZERO;
        return cols.at(shortfallId!, m);
      }),
    });
    const carries = (k: Commitment) => k.carryOver === 'excess_forward' || k.carryOver === 'within_year';
    cols.add({
      id: id('carry'),
      block,
      header: 'excess carried forward',
      style: 'money',
      compute: when((m) => {
        if (!monthInTerm(m)) return carryIn(m);
        if (!active(m)) return carriedBefore(m);
        const k = cmAt(m)!;
        if (!periodEnd(m)) return termEnds(m) && carries(k) ? ZERO : carryIn(m);
        if (termEnds(m) || !carries(k) || (withinYear(m) && yearOf(m).isLastMonth)) return ZERO;
        return k.maxCarryOver === null ? excess(m) : min(excess(m), term(`${k.where}.maxCarryOver`, nanosToNumber(k.maxCarryOver)));
      }),
    });
    // The contract year's balance (commitment.ts: CommitmentBalance): committed to date, drawn (counted so far this
    // contract year), shortfall billed at its true-ups so far, and what remains to be drawn or paid.
    const yearTotal = id('yearCommitted');
    cols.add({
      id: yearTotal,
      block,
      header: 'commitment for the contract year',
      style: 'money',
      compute: when((m) => (active(m) ? committedThrough(m, monthsInYear(m) - 1) : ZERO)),
    });
    committedToDateId = id('committedToDate');
    cols.add({ id: committedToDateId, block, header: 'committed to date this contract year', style: 'money', compute: when((m) => (active(m) ? committedThrough(m, indexInYear(m)) : ZERO)) });
    const billedYtd = id('billedYtd');
    cols.add({
      id: billedYtd,
      block,
      header: 'shortfall billed this contract year',
      style: 'money',
      compute: when((m) => (sameYearAsBefore(m) ? add(cols.at(billedYtd, m - 1), cols.at(shortfallBilled!, m)) : cols.at(shortfallBilled!, m))),
    });
    remainingId = id('remaining');
    cols.add({
      id: remainingId,
      block,
      header: 'commitment remaining this contract year',
      style: 'money',
      compute: when((m) => (active(m) ? max(sub(sub(cols.at(yearTotal, m), cols.at(ytd, m)), cols.at(billedYtd, m)), ZERO) : ZERO)),
    });
  }
  const shortfall = (m: number) => (shortfallBilled ? cols.at(shortfallBilled, m) : ZERO);

  // Minimum monthly fee, before credits pay (default) or after them, as the version in force says.
  const stages = everyVersion(contract);
  const feeAt = (m: number): bigint | null => inForce(m).minimumMonthlyFee;
  const afterAt = (m: number) => inForce(m).minimumFeeOrder === 'after_credits';
  const feeBefore = stages.some((t) => t.minimumMonthlyFee !== null && t.minimumFeeOrder !== 'after_credits');
  const feeAfter = stages.some((t) => t.minimumMonthlyFee !== null && t.minimumFeeOrder === 'after_credits');
  // Set once the credits' columns exist; read when the top-up's formulas are written.
  let consumed: string | null = null;
  let topUpBeforeId: string | null = null;
  let topUpAfterId: string | null = null;
  // Declared before the credits' columns, or after them when it reads what they paid (cells refer only to columns declared earlier).
  const declareTopUp = (after: boolean): string => {
    const topUpId = id(after && feeBefore ? 'topUpAfter' : 'topUp');
    cols.add({
      id: topUpId,
      block,
      header: after && feeBefore ? 'minimum fee top-up after credits' : 'minimum fee top-up',
      style: 'money',
      compute: when((m) => {
        const amount = feeAt(m);
        if (amount === null || afterAt(m) !== after) return ZERO;
        const days = daysInMonthWithin(monthText(m), contract.start, contract.end);
        if (days === 0) return ZERO;
        const fee = term(minimumFeeRef(setBy(contract, monthText(m), 'minimumMonthlyFee')), nanosToNumber(amount));
        const dim = daysInMonth(monthText(m));
        const minimum = days === dim ? round(fee, 2) : round(round(div(mul(fee, num(days)), num(dim)), 9), 2);
        // After credits (minimumFeeOrder), the minimum is on what is left to pay once they have paid.
        const paid = after && consumed !== null ? cols.at(consumed, m) : ZERO;
        return max(sub(minimum, sub(add(usageNet(m), fees(m), shortfall(m)), paid)), ZERO);
      }),
    });
    return topUpId;
  };
  if (feeBefore) topUpBeforeId = declareTopUp(false);
  const topUpBefore = (m: number) => (topUpBeforeId ? cols.at(topUpBeforeId, m) : ZERO);

  // Credits, in burn order: every grant any version makes, each paying only in the months it is in force.
  let opening: string | null = null;
  let closing: string | null = null;
  let forfeited: string | null = null;
  const withCredits = stages.filter((t) => t.credits);
  if (withCredits.length > 0) {
    const grantsById = new Map<string, CreditGrant>();
    for (const t of withCredits) for (const g of t.credits!.grants) if (!grantsById.has(g.id)) grantsById.set(g.id, g);
    // One order for every month's columns: each version's burn order must keep the grants it shares with it in the same order.
    const order = burnOrder({ burnOrder: withCredits[0]!.credits!.burnOrder, grants: [...grantsById.values()] });
    const rank = new Map(order.map((g, i) => [g.id, i]));
    for (const m of months) {
      const credits = inForce(m).credits;
      if (!credits) continue;
      const mine = burnOrder(credits).map((g) => rank.get(g.id)!);
      if (mine.some((r, i) => i > 0 && r < mine[i - 1]!)) {
        const v = setBy(contract, monthText(m), 'credits');
        throw new WorkbenchError('bad_input', `the board workbook cannot yet write credits whose burn order changes between versions (contract ${contract.id}, from ${monthText(m)}); price it with aispend price or the scenario, or keep one burn order`, {
          file: contract.file,
          field: v ? `${v.where}.credits.burnOrder` : 'credits.burnOrder',
        });
      }
    }
    // The month a grant is first in force (a version's grant from its effective date) and the month a version withdraws it.
    const addedIn = (g: CreditGrant): string | null => versions.find((v) => g.where.startsWith(`${v.where}.`))?.effectiveFrom.slice(0, 7) ?? null;
    const withdrawnIn = (g: CreditGrant): string | null => versions.find((v) => v.withdrawCredits.includes(g.id))?.effectiveFrom.slice(0, 7) ?? null;
    const notYet = (g: CreditGrant, m: number) => addedIn(g) !== null && monthText(m) < addedIn(g)!;
    const gone = (g: CreditGrant, m: number) => withdrawnIn(g) !== null && monthText(m) >= withdrawnIn(g)!;
    const first = months[0]!;
    const all = (m: number) => add(usageNet(m), fees(m), shortfall(m), topUpBefore(m));
    const usageLeft0 = id('creditUsageBase');
    cols.add({ id: usageLeft0, block, header: 'usage credits may pay', style: 'money', compute: when((m) => iff(cmp(usageNet(m), '>', ZERO), min(usageNet(m), max(all(m), ZERO)), ZERO)) });
    const otherLeft0 = id('creditOtherBase');
    cols.add({ id: otherLeft0, block, header: 'other charges credits may pay', style: 'money', compute: when((m) => max(sub(all(m), cols.at(usageLeft0, m)), ZERO)) });
    // The usage credits may pay, item by item as the contract pricer shares it (terms/credits.ts: creditUsage): the
    // month's usage credits may pay, shared among the usage items by their cost at contracted prices, each item's share
    // the difference of cumulative shares rounded to the nano-unit. The items run in the pricer's order, cut into runs
    // that the same scoped grants may pay (credit-scope.ts); each run is a row of its own.
    const inMonth = (g: CreditGrant, m: number) => !notYet(g, m) && !gone(g, m) && daysInMonthWithin(monthText(m), g.start, g.expires) > 0;
    const partMonth = (g: CreditGrant, m: number) => {
      const days = daysInMonthWithin(monthText(m), g.start, g.expires);
      return days > 0 && days < daysInMonth(monthText(m));
    };
    const modelOf = (g: Group): string => {
      for (const m of months) {
        const p = pricing(m, g);
        if (p) return p.listed.model;
      }
      return plan.models[g.model]!.model;
    };
    const parts = groupIds.flatMap((x) => {
      // The engine's usage classes behind the group in any month (known before any cell is computed).
      const classes = [...new Set(months.flatMap((m) => usage.filter((u) => u.model === x.g.model && u.tier === x.g.tier && u.quantity && billedClass(m, u) === x.g.cls).map((u) => u.usageClass(m))))].sort((a, b) => a - b);
      return classes.map((cls) => ({
        order: [x.g.model, x.g.tier, cls, x.g.cls],
        facts: { model: modelOf(x.g), publisher: publisherOfUsage({ model: modelOf(x.g) }, contract.vendor), usageClass: ENGINE_CLASSES[x.g.cls]!, serviceTier: PRICED_TIERS[x.g.tier]! },
        label: x.g.label,
        item: { x, cls },
      }));
    });
    const runs = scopeRuns(parts, order);
    const partIndex = new Map(runs.flatMap((r) => r.items).map((p, i) => [p, i]));
    const allParts = runs.flatMap((r) => r.items);
    // Shares item by item are needed where runs differ, or where a grant pays a part month by each item's share of it.
    const perItem = runs.length > 1 || order.some((g) => (g.scope !== null || g.partMonth === 'valid_days') && months.some((m) => inMonth(g, m) && partMonth(g, m)));
    const usageBase = (m: number) => cols.at(usageLeft0, m);
    let weight: Getter = () => ZERO;
    let itemShare: (m: number, p: (typeof allParts)[number]) => Expr = () => ZERO;
    let runShare: (m: number, r: (typeof runs)[number]) => Expr = () => ZERO;
    if (perItem) {
      const weightId = id('creditWeight');
      const weightOf = (m: number, p: (typeof allParts)[number]): Expr => {
        const costs = contractedItems(m, p.x.g);
        if (costs.length === 1 && costs[0]!.cls === p.cls) return cols.at(p.x.contracted, m);
        return costs.find((c) => c.cls === p.cls)?.cost ?? ZERO;
      };
      cols.add({ id: weightId, block, header: 'usage at contracted prices (credits share the usage by it)', style: 'money', compute: when((m) => add(ZERO, ...allParts.map((p) => weightOf(m, p)))) });
      weight = (m) => cols.at(weightId, m);
      // The share of the usage credits may pay up to and including the i-th item.
      const cumulativeCache = new Map<string, Expr>();
      const cumulative = (m: number, i: number): Expr => {
        if (i < 0) return ZERO;
        if (i === allParts.length - 1) return usageBase(m);
        const k = `${m}|${i}`;
        if (!cumulativeCache.has(k)) cumulativeCache.set(k, iff(cmp(weight(m), '=', ZERO), ZERO, round(div(mul(usageBase(m), add(...allParts.slice(0, i + 1).map((p) => weightOf(m, p)))), weight(m)), 9)));
        return cumulativeCache.get(k)!;
      };
      // Items i to j: the cumulative share through j less that through the item before i.
      const between = (m: number, i: number, j: number) => (i === 0 ? cumulative(m, j) : sub(cumulative(m, j), cumulative(m, i - 1)));
      itemShare = (m, p) => between(m, partIndex.get(p)!, partIndex.get(p)!);
      runShare = (m, r) => between(m, partIndex.get(r.items[0]!)!, partIndex.get(r.items.at(-1)!)!);
    }
    const shareIds = runs.map((r, ri) => {
      if (runs.length === 1) return usageLeft0;
      const sid = id(`creditRun${ri}`);
      cols.add({ id: sid, block, header: `usage credits may pay: ${r.label}`, style: 'money', compute: when((m) => runShare(m, r)) });
      return sid;
    });
    // A scoped grant's usage in scope, shown: what it could pay this month were its balance large enough.
    const scopeIds = order.map((g, gi) => {
      if (g.scope === null) return null;
      const sid = id(`credit${gi}:scope`);
      cols.add({ id: sid, block, header: `credit ${g.id}: usage it can pay (${scopeText(g.scope)})`, style: 'money', compute: when((m) => add(ZERO, ...runs.flatMap((r, ri) => (r.payers.includes(gi) ? [cols.at(shareIds[ri]!, m)] : [])))) });
      return sid;
    });
    let runLeft: Getter[] = shareIds.map((sid) => (m: number) => cols.at(sid, m));
    let otherLeft: Getter = (m) => cols.at(otherLeft0, m);
    const useIds: string[] = [];
    const openId = (gi: number) => id(`credit${gi}:open`);
    const closeId = (gi: number) => id(`credit${gi}:left`);
    const declareOpen = (g: CreditGrant, gi: number) => {
      const amount = term(`${g.where}.amount`, nanosToNumber(g.amount));
      // The balance comes from the month before once the grant has been made (a version's grant starts whole in its first month).
      const carried = (m: number) => m > first && priced.has(m - 1) && !notYet(g, m - 1);
      cols.add({ id: openId(gi), block, header: `credit ${g.id}: opening balance`, style: 'money', compute: when((m) => (notYet(g, m) ? ZERO : carried(m) ? cols.at(closeId(gi), m - 1) : amount)) });
    };
    // Credits pay first the usage fewer of the grants after them could pay: which depends on the later grants' balances, so those are declared first.
    const ranked = runs.length > 1;
    if (ranked) order.forEach(declareOpen);
    order.forEach((g: CreditGrant, gi) => {
      if (!ranked) declareOpen(g, gi);
      const open = openId(gi);
      const use = id(`credit${gi}:used`);
      const close = closeId(gi);
      const paysOther = g.scope === null && g.appliesTo === 'all_charges';
      const payable = runs.flatMap((r, ri) => (r.payers.includes(gi) ? [ri] : []));
      const left = runLeft;
      const oL = otherLeft;
      cols.add({
        id: use,
        block,
        header: `credit ${g.id}: applied`,
        style: 'money',
        compute: when((m) => {
          if (!inMonth(g, m)) return ZERO;
          const month = monthText(m);
          const days = daysInMonthWithin(month, g.start, g.expires);
          const dim = daysInMonth(month);
          const dated = g.partMonth === 'valid_days' && days < dim;
          let cap: Expr;
          if (g.scope === null && !dated) {
            const charges = g.appliesTo === 'usage_only' ? usageNet(m) : all(m);
            cap = days === dim ? round(charges, 2) : round(round(div(mul(charges, num(days)), num(dim)), 9), 2);
          } else {
            // Its usage (and, paying all charges, the other charges), each item's share prorated by its valid days.
            const prorated = (x: Expr) => (days === dim ? x : round(div(mul(x, num(days)), num(dim)), 9));
            const scopeId = scopeIds[gi];
            const usageCap = days === dim ? (scopeId ? [cols.at(scopeId, m)] : payable.map((ri) => cols.at(shareIds[ri]!, m))) : payable.flatMap((ri) => runs[ri]!.items.map((p) => prorated(itemShare(m, p))));
            cap = round(add(ZERO, ...usageCap, ...(paysOther ? [prorated(cols.at(otherLeft0, m))] : [])), 2);
          }
          const base = add(ZERO, ...payable.map((ri) => left[ri]!(m)), ...(paysOther ? [oL(m)] : []));
          return max(ZERO, min(cols.at(open, m), cap, round(base, 2)));
        }),
      });
      const fromOther = (m: number) => (paysOther ? min(cols.at(use, m), oL(m)) : ZERO);
      const toPay = (m: number) => (paysOther ? sub(cols.at(use, m), fromOther(m)) : cols.at(use, m));
      if (paysOther) otherLeft = (m) => sub(oL(m), fromOther(m));
      // Of the usage, the runs fewer of the later grants still holding a balance could pay go first; then in the pricer's order.
      const later = (m: number, ri: number) => runs[ri]!.payers.filter((h) => h > gi && inMonth(order[h]!, m));
      const count = (m: number, ri: number) => add(ZERO, ...later(m, ri).map((h) => iff(cmp(cols.at(openId(h), m), '>', ZERO), ONE, ZERO)));
      const paid: Getter[] = runs.map(() => () => ZERO);
      for (const ri of payable) {
        if (payable.length === 1) {
          paid[ri] = toPay;
          continue;
        }
        const pid = id(`credit${gi}:run${ri}`);
        cols.add({
          id: pid,
          block,
          header: `credit ${g.id}: paid of ${runs[ri]!.label}`,
          style: 'money',
          compute: when((m) => {
            const mine = later(m, ri).join(',');
            const before = payable.flatMap((rj) => {
              if (rj === ri) return [];
              // Static where both runs have the same later grants; otherwise by their balances this month.
              if (later(m, rj).join(',') === mine) return rj < ri ? [left[rj]!(m)] : [];
              return [iff(cmp(count(m, rj), rj < ri ? '<=' : '<', count(m, ri)), left[rj]!(m), ZERO)];
            });
            return max(ZERO, min(left[ri]!(m), sub(toPay(m), add(ZERO, ...before))));
          }),
        });
        paid[ri] = (m) => cols.at(pid, m);
      }
      runLeft = runLeft.map((l, ri) => (payable.includes(ri) ? (m: number) => sub(l(m), paid[ri]!(m)) : l));
      cols.add({
        id: close,
        block,
        header: `credit ${g.id}: closing balance`,
        style: 'money',
        compute: when((m) => {
          // Not yet granted, or withdrawn by a version (its balance forfeited that month).
          if (notYet(g, m) || gone(g, m)) return ZERO;
          const leftOver = sub(cols.at(open, m), cols.at(use, m));
          // What is left when the grant expires this month is forfeited.
          return g.expires <= lastDay(monthText(m)) ? ZERO : leftOver;
        }),
      });
      useIds.push(use);
    });
    consumed = id('credits');
    cols.add({ id: consumed, block, header: 'credits applied', style: 'money', compute: when((m) => add(ZERO, ...useIds.map((u) => cols.at(u, m)))) });
    const startedBefore = (g: CreditGrant, m: number) => g.start < firstDay(monthText(m));
    const startsBy = (g: CreditGrant, m: number) => g.start <= lastDay(monthText(m));
    opening = id('creditsOpening');
    cols.add({
      id: opening,
      block,
      header: 'credit balance at the start',
      style: 'money',
      compute: when((m) =>
        add(
          ZERO,
          ...order.flatMap((g, gi) => {
            if (!startedBefore(g, m) || notYet(g, m)) return [];
            if (addedIn(g) !== null) return [cols.at(id(`credit${gi}:open`), m)];
            return [m > first && priced.has(m - 1) ? cols.at(id(`credit${gi}:left`), m - 1) : term(`${g.where}.amount`, nanosToNumber(g.amount))];
          }),
        ),
      ),
    });
    forfeited = id('creditsForfeited');
    cols.add({
      id: forfeited,
      block,
      header: 'credits forfeited',
      style: 'money',
      compute: when((m) =>
        add(
          ZERO,
          ...order.flatMap((g, gi) => {
            // Withdrawn by the version taking effect this month: the whole balance (a memo line, as the pricer's).
            if (withdrawnIn(g) === monthText(m)) return [cols.at(id(`credit${gi}:open`), m)];
            if (gone(g, m)) return [];
            return g.expires <= lastDay(monthText(m)) ? [max(ZERO, sub(cols.at(id(`credit${gi}:open`), m), cols.at(id(`credit${gi}:used`), m)))] : [];
          }),
        ),
      ),
    });
    closing = id('creditsClosing');
    cols.add({ id: closing, block, header: 'credit balance at the end', style: 'money', compute: when((m) => add(ZERO, ...order.flatMap((g, gi) => (startsBy(g, m) ? [cols.at(id(`credit${gi}:left`), m)] : [])))) });
  }

  if (feeAfter) topUpAfterId = declareTopUp(true);
  const topUps = [topUpBeforeId, topUpAfterId].filter((t): t is string => t !== null);
  const topUp = (m: number) => (topUps.length === 0 ? ZERO : add(...topUps.map((t) => cols.at(t, m))));

  const total = id('invoice');
  cols.add({
    id: total,
    block,
    header: 'invoice under the contract',
    style: 'money',
    level: 0,
    compute: when((m) => {
      let t = add(usageNet(m), fees(m), shortfall(m), topUp(m));
      if (consumed) t = sub(t, cols.at(consumed, m));
      return t;
    }),
  });
  return { total, committed: committedId, eligible: eligibleId, shortfall: shortfallId, committedToDate: committedToDateId, remaining: remainingId, creditsOpening: opening, creditsConsumed: consumed, creditsForfeited: forfeited, creditsClosing: closing };
}

/** Days of a commitment period the term covers, and the period's days (for prorating a partial first or last period). */
function coverage(contract: Contract, period: 'month' | 'year', month: string): [number, number] {
  if (period === 'month') return [daysInMonthWithin(month, contract.start, contract.end), daysInMonth(month)];
  const year = contractYear(contract, month);
  let full = 0;
  let covered = 0;
  for (let i = 0; i < 12; i++) {
    const text = addMonths(year.firstMonth, i);
    full += daysInMonth(text);
    covered += daysInMonthWithin(text, contract.start, contract.end);
  }
  return [covered, full];
}

/** The volume discount: tiers by spend or tokens, marginal or all units, monthly or on the contract year's running totals. */
function volumeBlock(
  ctx: MonthlyContext,
  contract: Contract,
  block: string,
  id: (what: string) => string,
  when: (f: (m: number) => Expr) => (m: number) => Expr | null,
  months: number[],
  netBeforeVolume: Getter,
  tokensOf: Getter,
  monthInTerm: (m: number) => boolean,
  term: (path: string, fallback: number) => Expr,
  termRange: (path: string) => string | null,
): string {
  const v = contract.volumeDiscount!;
  const cols = ctx.cols;
  const priced = new Set(months);
  const first = months[0]!;
  const monthText = (m: number) => ctx.plan.months[m]!;
  const annual = v.period === 'year';
  const fromOf = (i: number) => term(`${v.where}.tiers[${i}].from`, v.basis === 'spend' ? nanosToNumber(v.tiers[i]!.from) : Number(v.tiers[i]!.from));
  const pctOf = (i: number) => term(`${v.where}.tiers[${i}].percentOff`, Number(v.tiers[i]!.percentOff));
  const ascending = v.tiers.every((t, i) => i === 0 || t.from > v.tiers[i - 1]!.from);
  const fromRange = termRange(`${v.where}.tiers[0].from`);
  const pctRange = termRange(`${v.where}.tiers[0].percentOff`);
  // The rate of the tier a total has reached: the last tier (in the contract's order) whose start it has reached.
  const rateAt = (total: Expr): Expr => {
    if (ascending && fromRange && pctRange && v.tiers.length > 1) {
      const lookup: Expr = { f: `LOOKUP(${total.f},${fromRange},${pctRange})`, v: 0, p: 3 };
      let value = Number(v.tiers[0]!.percentOff);
      v.tiers.forEach((t, i) => {
        if (total.v >= fromOf(i).v) value = pctOf(i).v;
      });
      return iff(cmp(total, '<', fromOf(0)), pctOf(0), { ...lookup, v: value });
    }
    let e: Expr = pctOf(0);
    v.tiers.forEach((_, i) => {
      if (i > 0) e = iff(cmp(total, '>=', fromOf(i)), pctOf(i), e);
    });
    return e;
  };
  const percentOf = (amount: Expr, pct: Expr) => round(div(mul(amount, pct), num(100)), 9);
  // Marginal: each slice of [lo, hi) at its own tier's rate.
  const marginal = (hi: Expr): Expr =>
    add(
      ZERO,
      ...v.tiers.map((_, i) => {
        const upper = i + 1 < v.tiers.length ? min(hi, fromOf(i + 1)) : hi;
        return percentOf(max(ZERO, sub(upper, max(fromOf(i), ZERO))), pctOf(i));
      }),
    );

  const spendId = id('volSpend');
  cols.add({ id: spendId, block, header: 'spend the volume discount applies to', style: 'money', compute: when((m) => (monthInTerm(m) ? max(netBeforeVolume(m), ZERO) : ZERO)) });
  const spend = (m: number) => cols.at(spendId, m);
  const yearOf = (m: number) => contractYear(contract, monthText(m)).index;
  const sameYear = (m: number) => m > first && priced.has(m - 1) && yearOf(m - 1) === yearOf(m);
  let tokens: Getter = () => ZERO;
  if (v.basis === 'tokens') {
    const tid = id('volTokens');
    cols.add({ id: tid, block, header: 'tokens the volume discount counts', style: 'count', compute: when((m) => (monthInTerm(m) ? tokensOf(m) : ZERO)) });
    tokens = (m) => cols.at(tid, m);
  }
  const amountId = id('volume');
  const before = (what: string, m: number): Expr => (annual && sameYear(m) ? cols.at(id(what), m - 1) : ZERO);
  cols.add({
    id: amountId,
    block,
    header: `volume discount (${v.method.replace('_', ' ')}, ${annual ? 'contract year' : 'monthly'} ${v.basis})`,
    style: 'money',
    compute: when((m) => {
      if (!monthInTerm(m)) return ZERO;
      let amount: Expr;
      if (v.basis === 'spend') {
        if (v.method === 'marginal') amount = sub(marginal(add(before('volSpendYtd', m), spend(m))), marginal(before('volSpendYtd', m)));
        else if (!annual) amount = percentOf(spend(m), rateAt(spend(m)));
        else {
          const after = add(before('volSpendYtd', m), spend(m));
          amount = sub(percentOf(after, rateAt(after)), before('volDiscountYtd', m));
        }
      } else if (v.method === 'marginal') {
        const lo = before('volTokensYtd', m);
        const hi = add(lo, tokens(m));
        const slices = v.tiers.map((_, i) => {
          const upper = i + 1 < v.tiers.length ? min(hi, fromOf(i + 1)) : hi;
          const overlap = max(ZERO, sub(upper, max(fromOf(i), lo)));
          return round(div(mul(spend(m), pctOf(i), overlap), mul(num(100), tokens(m))), 9);
        });
        amount = iff(cmp(tokens(m), '=', ZERO), ZERO, add(...slices));
      } else {
        const rate = rateAt(add(before('volTokensYtd', m), tokens(m)));
        amount = annual ? sub(percentOf(add(before('volSpendYtd', m), spend(m)), rate), before('volDiscountYtd', m)) : percentOf(spend(m), rate);
      }
      return round(amount, 2);
    }),
  });
  if (annual) {
    cols.add({ id: id('volSpendYtd'), block, header: 'volume spend so far this contract year', style: 'money', compute: when((m) => add(before('volSpendYtd', m), spend(m))) });
    cols.add({ id: id('volDiscountYtd'), block, header: 'volume discount so far this contract year', style: 'money', compute: when((m) => add(before('volDiscountYtd', m), cols.at(amountId, m))) });
    if (v.basis === 'tokens') cols.add({ id: id('volTokensYtd'), block, header: 'tokens so far this contract year', style: 'count', compute: when((m) => add(before('volTokensYtd', m), tokens(m))) });
  }
  return amountId;
}

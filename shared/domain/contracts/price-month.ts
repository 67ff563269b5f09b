/**
 * Pricing a month of usage under a contract.
 *
 * ORDER OF OPERATIONS (the README's section is copied from here)
 *
 *  1. List price. Each usage item is priced at list from the price book on
 *     its day (context band, tier, region as the price book decides), with
 *     the contract's price-change clause applied: an increase reaches the
 *     contract only after the notice period, and never more than the cap
 *     over the price in force at the term start. An item the price book
 *     cannot price is listed as unpriced (with the reason) and left out of
 *     every total; it is never priced at zero. Usage outside the term (or
 *     from another vendor) is priced at list with no contract terms.
 *  2. Provisioned capacity. Items on the provisioned tier draw on the
 *     reservations that list their model, in the order the reservations are
 *     written and the items' dates: a reservation holds units × minutes it
 *     runs in the month, and each token uses 1/throughput unit-minutes.
 *     Tokens the capacity serves cost nothing more; the rest overflows and
 *     is billed on demand (standard tier) from step 3 on.
 *  3. Contracted price for on-demand usage: the most specific rate override
 *     (a rate for the model beats one for every model, then one naming the
 *     context band or the region beats one without; a rate without a tier
 *     is the standard rate, and other tiers get it times the vendor's tier
 *     rule; a rate without a band is the base-band rate, and a prompt in a
 *     higher band pays it times the list's band premium, shown on the line);
 *     else the % discounts off the (protected) list price: the most
 *     specific of those that do not stack, then each discount marked
 *     `stacks` that covers the usage, in the order listed —
 *     multiplicatively (each off what the ones before left; the default)
 *     or additively (their percentages added), as discountStacking says;
 *     else list.
 *  4. Usage lines, one per model, class, tier and price, rounded to the
 *     cent: at the contracted rate where a rate applies, else at list; each
 *     % discount then has its own negative line: what it took off the
 *     price the discounts before it left, summed over the month.
 *  5. Volume discount on the month's usage after steps 3-4: by spend or by
 *     tokens, marginal (each slice at its tier's rate) or all-units (all of
 *     it at the rate reached), on the month or on the contract year's
 *     running total (annual all-units is retroactive: the year's spend at
 *     the rate reached, less what earlier months already got). One negative
 *     line. Usage net = usage lines + discount lines + volume discount.
 *  6. Provisioned fees: units × price per unit-hour × hours the reservation
 *     runs in the month, or units × price per unit-month prorated by days.
 *  7. Commitment true-up (take-or-pay): at each true-up (every month,
 *     every quarter from the contract year's start, or the contract year's
 *     last month, as the commitment says; the year's last month always) the
 *     spend that counts in the period just closed — in-term usage net, plus
 *     provisioned fees unless excluded, plus excess carried in — is compared
 *     with the period's commitment (the ramp's amount for the contract year,
 *     prorated for a part year; an annual amount spread evenly over the
 *     year's months to the cent); the shortfall is billed. excess_forward
 *     carries spend above the commitment into the next period; within_year
 *     the same inside the contract year only; shortfall_forward rolls a
 *     shortfall forward and bills what is left of it in the term's last
 *     month. Without take-or-pay the shortfall is only reported. The month
 *     shows the contract year's balance (committed to date, drawn, billed,
 *     remaining).
 *  8. Minimum monthly fee: if usage net + fees + shortfall is below the
 *     minimum (prorated for partial months), a top-up line makes up the
 *     difference. This is the default order (minimumFeeOrder:
 *     before_credits): credits in step 9 may pay the top-up. A contract
 *     saying after_credits takes this step after step 9 instead: what is
 *     left to pay after credits is topped up to the minimum, and credits
 *     never pay the top-up.
 *  9. Credits pay the charges of steps 4-8 in burn order (earliest expiry
 *     first unless the contract says "as listed"), never beyond a grant's
 *     balance or what is owed. Credits for all charges pay fees and
 *     true-ups before usage. A grant scoped to models, usage classes or
 *     tiers pays only that usage (the usage net shared among the items by
 *     contracted cost). In a month a grant is valid only some days it pays
 *     that share of the month (partMonth pro_rata, the default) or the
 *     charges of the usage dated on its valid days (valid_days). A grant
 *     pays first the usage fewer later grants could pay (credits.ts).
 * 10. Credits forfeited: a balance left when a grant expires is shown in the
 *     month of its expiry date, as a memo line of amount zero.
 * 11. Total = the sum of the lines. Every line is rounded to the cent (half
 *     away from zero) before later steps use it, so the total is exact to
 *     the cent and equals the sum of what the invoice shows. The exact total (usage
 *     and discounts before rounding) is kept beside it for comparison with
 *     exact billed amounts.
 */
import { WorkbenchError } from '../errors';
import { priceQuantity, prorate, type Nanos } from '../money';
import { groupThousands } from '../money-text';
import type { PriceBook } from '../pricebook/book';
import { contextBandLabel } from '../pricebook/context-band';
import { addMonths, daysInMonth, daysInMonthWithin, firstDay, isIsoDate, isMonth, monthOf } from '../calendar';
import { TOKEN_CLASSES, USAGE_CLASS_LABELS, type ServiceTier, type UsageClass } from '../usage';
import { contractYear } from './commitment';
import { toCents } from './percent';
import { CapacityPool, provisionedFee } from './provisioned';
import { addScaled, scaledText, subScaled, toScaled, wholePart } from './quantity';
import { contractedPrice, contractListPrice, discountsFor, discountSteps, matchRate, type DiscountStep } from './rates';
import { hasTerm, monthPricingFor, type MonthPricing } from './terms';
import { invoiceLine, money } from './terms/term';
import { termsInForce, versionOf, versionRef } from './versions';
import type { AppliedDiscount, Contract, ContractMonth, ContractState, InvoiceLine, PricedItem, ProvisionedComparison, UnpricedItem, UsageItem } from './types';

export function initialState(contract: Contract): ContractState {
  const credits: Record<string, Nanos> = {};
  for (const g of contract.credits?.grants ?? []) credits[g.id] = g.amount;
  return {
    contractId: contract.id,
    lastMonth: null,
    credits,
    yearIndex: 0,
    commitmentSpendYtd: 0n,
    volumeSpendYtd: 0n,
    volumeTokensYtd: 0n,
    volumeDiscountYtd: 0n,
    commitmentCarry: 0n,
    deferredShortfall: 0n,
    commitmentSpendInPeriod: 0n,
    commitmentBilledYtd: 0n,
  };
}

function perLabel(per: number, unit: string): string {
  const u = unit.replace('_', '-');
  if (per === 1) return u;
  const n = per % 1_000_000 === 0 ? `${per / 1_000_000}M` : per % 1_000 === 0 ? `${per / 1_000}k` : String(per);
  return `${n} ${u}s`;
}

interface Group {
  line: InvoiceLine;
  quantity: ReturnType<typeof toScaled>;
  exact: Nanos;
  /** The same usage at list, exact: the month's "usage at list" is these rounded line by line, as the invoice's lines are. */
  listExact: Nanos;
  inTerm: boolean;
  covered: string | null;
  unitPrice: Nanos;
  per: number;
  unit: string;
  contextAbove: number | null;
  meter: string | null;
  rate: boolean;
  bandFactor: string | null;
}

/** Prices one month of usage under a contract; pass the state the previous month returned to carry credits and annual totals. */
export function priceContractMonth(signed: Contract, month: string, items: readonly UsageItem[], book: PriceBook | null, state: ContractState | null = null): ContractMonth {
  if (!isMonth(month)) throw new WorkbenchError('bad_input', `month must look like 2026-03, not "${month}"`, { field: 'month' });
  // The month is priced under the version in force (versions.ts); balances run on in the state across versions.
  const contract = termsInForce(signed, month);
  const prior = withVersionCredits(contract, month, state ?? initialState(signed));
  if (prior.contractId !== contract.id) throw new WorkbenchError('bad_input', `the state passed belongs to contract ${prior.contractId}, not ${contract.id}`, { field: 'state' });
  if (prior.lastMonth !== null && addMonths(prior.lastMonth, 1) !== month) {
    throw new WorkbenchError('bad_input', `months must be priced in order: the state is for ${prior.lastMonth}, so the next month is ${addMonths(prior.lastMonth, 1)}, not ${month}`, { field: 'month' });
  }
  const termDays = daysInMonthWithin(month, contract.start, contract.end);
  const inTerm = termDays > 0;
  const dim = BigInt(daysInMonth(month));
  const year = contractYear(contract, month);
  const sameYear = prior.yearIndex === year.index;
  const next: ContractState = {
    ...prior,
    lastMonth: month,
    yearIndex: year.index,
    commitmentSpendYtd: sameYear ? prior.commitmentSpendYtd : 0n,
    commitmentBilledYtd: sameYear ? prior.commitmentBilledYtd : 0n,
    commitmentSpendInPeriod: sameYear ? prior.commitmentSpendInPeriod : 0n,
    volumeSpendYtd: sameYear ? prior.volumeSpendYtd : 0n,
    volumeTokensYtd: sameYear ? prior.volumeTokensYtd : 0n,
    volumeDiscountYtd: sameYear ? prior.volumeDiscountYtd : 0n,
  };

  // Step 1: list prices.
  const priced: PricedItem[] = [];
  const unpriced: UnpricedItem[] = [];
  const pools = inTerm ? contract.provisioned.filter((p) => daysInMonthWithin(month, p.start, p.end) > 0).map((p) => new CapacityPool(p, month)) : [];
  const alternatives = new Map<CapacityPool, { tokens: bigint; onDemandCost: Nanos }>();
  const ordered = items.map((item, i) => ({ item, i, date: item.date ?? firstDay(month) })).sort((a, b) => a.date.localeCompare(b.date) || a.i - b.i);
  for (const { item, date } of ordered) {
    if (!isIsoDate(date) || monthOf(date) !== month) {
      throw new WorkbenchError('bad_input', `usage dated ${date} does not belong to ${month}`, { field: 'date', ...(item.ref ? { details: { ref: item.ref } } : {}) });
    }
    if (item.usageClass === 'provisioned_unit_hour') {
      unpriced.push({ item, reason: 'capacity_fee_line', message: "a vendor's capacity fee line is not usage: the contract's own provisioned fee replaces it" });
      continue;
    }
    const provider = item.provider ?? contract.vendor;
    const itemInTerm = inTerm && provider === contract.vendor && date >= contract.start && date <= contract.end;
    const onProvisioned = item.serviceTier === 'provisioned';
    const billedTier: ServiceTier = onProvisioned ? 'standard' : item.serviceTier;
    const meter = item.meter ?? null;
    if (item.listCost !== undefined) {
      const listedItem = pricePreListed(contract, item, date, itemInTerm);
      if ('reason' in listedItem) unpriced.push(listedItem);
      else priced.push(listedItem);
      continue;
    }
    if (book === null) {
      unpriced.push({ item, reason: 'no_price_book', message: 'no price book to price it from, and no list cost given with it' });
      continue;
    }
    const list = contractListPrice(itemInTerm ? contract : null, book, {
      provider,
      model: item.model,
      usageClass: item.usageClass,
      serviceTier: billedTier,
      meter,
      region: item.region ?? null,
      date,
      contextBand: item.contextBand ?? null,
      promptTokens: item.promptTokens ?? null,
    });
    if (!list.ok) {
      unpriced.push({ item, reason: list.reason, message: list.message });
      continue;
    }
    if (list.currency !== contract.currency) {
      throw new WorkbenchError('bad_input', `mixed currencies: ${provider} ${list.model} is listed in ${list.currency} but the contract is in ${contract.currency}`, { file: contract.file, field: 'currency' });
    }
    const qty = toScaled(item.quantity);
    if (qty.digits < 0n) throw new WorkbenchError('bad_input', `usage quantity must not be negative (${scaledText(qty)})`, { field: 'quantity' });

    // Step 2: provisioned capacity.
    let covered = { digits: 0n, scale: 0 };
    let coveredBy: string | null = null;
    const servedBy: { pool: CapacityPool; served: bigint }[] = [];
    if (onProvisioned && itemInTerm && TOKEN_CLASSES.includes(item.usageClass)) {
      let left = wholePart(qty);
      for (const pool of pools) {
        if (!pool.reservation.models.includes(list.model) || left <= 0n) continue;
        const served = pool.draw(list.model, left);
        if (served > 0n) {
          covered = addScaled(covered, { digits: served, scale: 0 });
          coveredBy ??= pool.reservation.id;
          left -= served;
          servedBy.push({ pool, served });
        }
      }
    }
    const onDemand = subScaled(qty, covered);
    const onDemandText = scaledText(onDemand);

    // Step 3: contracted price.
    const cp = itemInTerm ? contractedPrice(contract, book, list, item.usageClass, billedTier, meter, date, item.region ?? null) : null;
    const listCost = priceQuantity(scaledText(qty), list.listPrice, BigInt(list.per));
    const contractedCost = cp ? priceQuantity(onDemandText, cp.price, BigInt(cp.per)) : priceQuantity(onDemandText, list.listPrice, BigInt(list.per));
    // What the capacity's tokens would have cost on demand, at the same contracted price.
    for (const { pool, served } of servedBy) {
      const alt = alternatives.get(pool) ?? { tokens: 0n, onDemandCost: 0n };
      alt.tokens += served;
      alt.onDemandCost += cp ? priceQuantity(String(served), cp.price, BigInt(cp.per)) : priceQuantity(String(served), list.listPrice, BigInt(list.per));
      alternatives.set(pool, alt);
    }
    priced.push({
      item,
      model: list.model,
      date,
      quantity: scaledText(qty),
      listCost,
      contractedCost,
      listPrice: list.listPrice,
      listPer: list.per,
      contractedPrice: cp ? cp.price : list.listPrice,
      per: cp ? cp.per : list.per,
      unit: list.unit,
      contextAbove: list.contextAbove,
      priceRowId: list.row.id,
      term: cp?.term ?? null,
      coveredQuantity: scaledText(covered),
      coveredBy,
      priceProtected: list.protectedBy !== null,
      bandAssumed: list.bandAssumed,
      bandFactor: cp?.bandFactor ?? null,
      inTerm: itemInTerm,
      discounts: appliedDiscounts(priceQuantity(onDemandText, list.listPrice, BigInt(list.per)), cp?.discounts ?? [], (price) => priceQuantity(onDemandText, price, BigInt(list.per))),
    });
  }

  // Step 4: usage lines and % discount lines.
  const groups = new Map<string, Group>();
  const discountTotals = new Map<string, { label: string; exact: Nanos }>();
  for (const p of priced) {
    const covered = toScaled(p.coveredQuantity);
    if (covered.digits !== 0n) addToGroup(groups, p, covered, 0n, priceQuantity(scaledText(covered), p.listPrice, BigInt(p.listPer)), { covered: true, unitPrice: 0n, per: p.per });
    const onDemand = subScaled(toScaled(p.quantity), covered);
    if (onDemand.digits === 0n) continue;
    const discounted = p.inTerm && p.discounts.length > 0;
    // With % discounts the usage line shows list and each discount has its own line; otherwise the line is at the contracted (or list) rate.
    const preListed = p.listPer === 0;
    const listOnDemand = preListed ? p.listCost : priceQuantity(scaledText(onDemand), p.listPrice, BigInt(p.listPer));
    const amount = discounted ? listOnDemand : p.contractedCost;
    // A given list cost has no unit price to show or to tell lines apart by: such lines group by model, class, tier and term.
    const unitPrice = preListed && (discounted || p.per === 0) ? 0n : discounted ? p.listPrice : p.contractedPrice;
    addToGroup(groups, p, onDemand, amount, listOnDemand, { covered: false, unitPrice, per: discounted ? p.listPer : p.per });
    if (discounted) {
      for (const a of p.discounts) {
        const d = discountTotals.get(a.term) ?? { label: a.label, exact: 0n };
        d.exact += a.amount;
        discountTotals.set(a.term, d);
      }
    }
  }
  // Each usage and discount line is rounded to the cent on its own, as the vendor's invoice and the board workbook's
  // ROUND formulas do (the workbook recalculates these lines and must agree to the cent); the exact amounts are kept
  // for the invoice check's comparison with exact billed amounts.
  const lines: InvoiceLine[] = [];
  let usageLinesTotal = 0n;
  let inTermUsageLines = 0n;
  let usageExact = 0n;
  for (const g of groups.values()) {
    g.line.amount = toCents(g.exact);
    g.line.quantity = scaledText(g.quantity);
    g.line.label = usageLabel(g, contract.currency);
    lines.push(g.line);
    usageLinesTotal += g.line.amount;
    usageExact += g.exact;
    if (g.inTerm) inTermUsageLines += g.line.amount;
  }
  let discountLinesTotal = 0n;
  let discountExact = 0n;
  for (const [where, d] of discountTotals) {
    const amount = -toCents(d.exact);
    // A stacked discount says how it stacks, since its amount depends on it.
    if (contract.discounts.find((x) => x.where === where)?.stacks) d.label = `${d.label} (stacked ${contract.discountStacking === 'additive' ? 'additively' : 'multiplicatively'})`;
    discountLinesTotal += amount;
    discountExact -= d.exact;
    lines.push(invoiceLine('discount', d.label, amount, where));
  }

  // Steps 5-10: each term the contract has adds its part to the month, in the order above (terms/).
  const ctx: MonthPricing = {
    contract,
    month,
    inTerm,
    termDays,
    daysInMonth: dim,
    priced,
    lines,
    state: next,
    inTermNetBeforeVolume: inTermUsageLines + discountLinesTotal,
    usageNet: usageLinesTotal + discountLinesTotal,
    inTermUsageNet: inTermUsageLines + discountLinesTotal,
    volumeDiscount: 0n,
    provisionedFees: 0n,
    commitmentShortfall: 0n,
    minimumTopUp: 0n,
    creditsApplied: 0n,
    creditsForfeited: 0n,
    credits: [],
    commitment: null,
  };
  for (const { key, price } of monthPricingFor(contract)) if (hasTerm(contract, key)) price(contract[key] as never, ctx);
  forfeitWithdrawnCredits(signed, month, ctx);

  // Step 11: total.
  const total = lines.reduce((sum, l) => sum + l.amount, 0n);
  // Usage at list on the invoice's own basis: each usage line at list, rounded as that line is. Rounding the
  // exact list sum once instead could put "usage net" a cent above "usage at list" with no discount at all.
  const usageAtList = [...groups.values()].reduce((sum, g) => sum + toCents(g.listExact), 0n);
  return {
    contractId: contract.id,
    month,
    currency: contract.currency,
    version: versionRef(signed, month),
    inTerm,
    lines,
    total,
    exactTotal: total - usageLinesTotal - discountLinesTotal + usageExact + discountExact,
    summary: {
      usageAtList,
      usageNet: ctx.usageNet,
      volumeDiscount: ctx.volumeDiscount,
      provisionedFees: ctx.provisionedFees,
      commitmentShortfall: ctx.commitmentShortfall,
      minimumTopUp: ctx.minimumTopUp,
      creditsApplied: ctx.creditsApplied,
      creditsForfeited: ctx.creditsForfeited,
    },
    items: priced,
    unpriced,
    credits: ctx.credits,
    commitment: ctx.commitment,
    provisioned: pools.map((pool) => provisionedComparison(pool, month, alternatives.get(pool))),
    state: next,
  };
}

/** A grant a version adds starts with its amount the first month that version is in force; earlier grants keep their balance. */
function withVersionCredits(contract: Contract, month: string, state: ContractState): ContractState {
  const missing = (contract.credits?.grants ?? []).filter((g) => !(g.id in state.credits));
  if (missing.length === 0) return state;
  const credits = { ...state.credits };
  for (const g of missing) credits[g.id] = g.amount;
  return { ...state, credits };
}

/** In the month a version takes effect, the balance of each grant it withdraws (no longer among the credits in force, so untouched by them) is forfeited: a memo line, like a grant's expiry. */
function forfeitWithdrawnCredits(signed: Contract, month: string, ctx: MonthPricing): void {
  const v = versionOf(signed, month);
  if (!v || v.effectiveFrom.slice(0, 7) !== month) return;
  for (const id of v.withdrawCredits) {
    const balance = ctx.state.credits[id] ?? 0n;
    if (balance <= 0n) continue;
    ctx.state.credits = { ...ctx.state.credits, [id]: 0n };
    ctx.creditsForfeited += balance;
    ctx.lines.push({ kind: 'credit_forfeited', label: `Credit ${id} withdrawn by version ${v.number} from ${v.effectiveFrom} (${v.reason}) with a balance left (forfeited)`, amount: 0n, memo: balance, model: null, usageClass: null, serviceTier: null, quantity: null, term: `${v.where}.withdrawCredits` });
  }
}

/** A reservation's month against on demand: its fee, what it served, and what that would have cost without it. */
function provisionedComparison(pool: CapacityPool, month: string, alt: { tokens: bigint; onDemandCost: Nanos } | undefined): ProvisionedComparison {
  const { fee } = provisionedFee(pool.reservation, month);
  const tokens = alt?.tokens ?? 0n;
  const onDemandCost = alt?.onDemandCost ?? 0n;
  return {
    id: pool.reservation.id,
    fee,
    tokens,
    utilisationPercent: pool.utilisationPercent,
    onDemandCost,
    effectivePerMillion: tokens === 0n ? null : prorate(fee, 1_000_000n, tokens),
    onDemandCheaper: onDemandCost < fee,
  };
}

/**
 * A usage item the caller priced at list already (a scenario's own prices,
 * which the price book need not know): the contract takes its list cost as
 * given. A rate for the model, class and tier prices its quantity; else the
 * discounts that apply come off the list cost; else list. A tier
 * without its own rate cannot borrow the standard rate here (that needs the
 * price book's tier rule), nor can the price-change clause hold the given
 * list down, nor provisioned capacity serve it: such items are unpriced.
 */
function pricePreListed(contract: Contract, item: UsageItem, date: string, inTerm: boolean): PricedItem | UnpricedItem {
  const listCost = item.listCost!;
  const qty = toScaled(item.quantity);
  if (qty.digits < 0n) throw new WorkbenchError('bad_input', `usage quantity must not be negative (${scaledText(qty)})`, { field: 'quantity' });
  if (item.serviceTier === 'provisioned' && inTerm && contract.provisioned.length > 0) {
    return { item, reason: 'needs_price_book', message: 'usage on provisioned capacity is priced from the price book, not from a given list cost' };
  }
  const where = { contextAbove: null, region: item.region ?? null };
  const rate = inTerm ? matchRate(contract, item.model, item.usageClass, item.serviceTier, item.meter ?? null, where) : null;
  // The given cost stands for the whole quantity: the discounts take their percentages off it as one block's price.
  const steps = inTerm && !rate ? discountSteps(listCost, discountsFor(contract.discounts, item.model, item.usageClass, item.serviceTier), contract.discountStacking) : [];
  if (inTerm && !rate && item.serviceTier !== 'standard' && matchRate(contract, item.model, item.usageClass, 'standard', item.meter ?? null, where)) {
    return { item, reason: 'needs_price_book', message: `the contract's standard rate for ${item.model} reaches the ${item.serviceTier} tier through the price book's tier rule, which a given list cost does not carry` };
  }
  const contractedCost = rate ? priceQuantity(scaledText(qty), rate.price, BigInt(rate.per)) : steps.length > 0 ? steps.at(-1)!.price : listCost;
  return {
    item,
    model: item.model,
    date,
    quantity: scaledText(qty),
    listCost,
    contractedCost,
    // The given cost stands for the whole quantity: one "block" of it.
    listPrice: listCost,
    listPer: 0,
    contractedPrice: rate ? rate.price : contractedCost,
    per: rate ? rate.per : 0,
    unit: TOKEN_CLASSES.includes(item.usageClass) ? 'token' : 'unit',
    contextAbove: null,
    priceRowId: 'given list cost',
    term: rate?.where ?? steps[0]?.discount.where ?? null,
    coveredQuantity: '0',
    coveredBy: null,
    priceProtected: false,
    bandAssumed: false,
    bandFactor: null,
    inTerm,
    discounts: appliedDiscounts(listCost, steps, (price) => price),
  };
}

/**
 * What each discount took off an item: the cost at the price the discounts
 * before it left, less the cost at the price it leaves. The amounts add up
 * exactly to list less contracted cost.
 */
function appliedDiscounts(listCost: Nanos, steps: readonly DiscountStep[], costAt: (price: Nanos) => Nanos): AppliedDiscount[] {
  let before = listCost;
  return steps.map(({ discount, price }) => {
    const after = costAt(price);
    const amount = before - after;
    before = after;
    return { term: discount.where, label: discount.label, percentOff: discount.percentOff, amount };
  });
}

interface GroupPrice {
  covered: boolean;
  unitPrice: Nanos;
  per: number;
}

function addToGroup(groups: Map<string, Group>, p: PricedItem, quantity: ReturnType<typeof toScaled>, amount: Nanos, atList: Nanos, price: GroupPrice): void {
  const cls: UsageClass = p.item.usageClass;
  const key = [p.item.provider ?? '', p.model, cls, p.item.meter ?? '', p.item.serviceTier, p.contextAbove ?? '', p.inTerm, price.covered ? `covered:${p.coveredBy}` : `${p.term}|${price.unitPrice}|${price.per}`].join('|');
  const g = groups.get(key);
  if (g) {
    g.quantity = addScaled(g.quantity, quantity);
    g.exact += amount;
    g.listExact += atList;
    return;
  }
  groups.set(key, {
    line: { kind: 'usage', label: '', amount: 0n, memo: null, model: p.model, usageClass: cls, serviceTier: p.item.serviceTier, quantity: null, term: p.inTerm ? p.term : null },
    quantity,
    exact: amount,
    listExact: atList,
    inTerm: p.inTerm,
    covered: price.covered ? p.coveredBy : null,
    unitPrice: price.unitPrice,
    per: price.per,
    unit: p.unit,
    contextAbove: p.contextAbove,
    meter: p.item.meter ?? null,
    rate: p.inTerm && (p.term?.startsWith('rates[') ?? false),
    bandFactor: p.inTerm ? p.bandFactor : null,
  });
}

/** "gpt-4o input tokens: 400,000,000 at $2.50 per 1M tokens" */
function usageLabel(g: Group, currency: string): string {
  const cls = g.line.usageClass ?? 'other';
  const tier = g.line.serviceTier;
  const what = `${g.line.model} ${USAGE_CLASS_LABELS[cls].toLowerCase()}${g.meter ? ` (${g.meter})` : ''}`;
  const band = g.contextAbove === null ? '' : ` (prompts ${contextBandLabel(g.contextAbove)} tokens)`;
  const qty = groupThousands(scaledText(g.quantity));
  if (g.covered) return `${what}${band}: ${qty} on provisioned capacity ${g.covered}, paid by its fee`;
  const tierText = tier === 'provisioned' ? ' (provisioned overflow, billed on demand)' : tier === 'standard' || tier === null ? '' : ` (${tier})`;
  const at = g.per === 0 ? 'at the given list prices' : `${g.rate ? 'at contracted' : 'at'} ${money(g.unitPrice, currency)} per ${perLabel(g.per, g.unit)}${g.bandFactor ? ` (the ${g.line.term} base-band rate × ${g.bandFactor}, the list's band premium)` : ''}`;
  return `${what}${tierText}${band}: ${qty} ${at}${g.inTerm ? '' : ' (outside the contract term, at list)'}`;
}

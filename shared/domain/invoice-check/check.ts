import { priceContractMonths } from '../contracts/price-months';
import { isPriceableUsage, usageItemFromLedgerLine } from '../contracts/usage-items';
import { contractedPrice, contractListPrice } from '../contracts/rates';
import { percentOf } from '../contracts/percent';
import type { Contract, ContractMonth, PricedItem, UsageItem } from '../contracts/types';
import { WorkbenchError } from '../errors';
import type { LedgerLine } from '../ledger-line';
import { priceQuantity, type Nanos } from '../money';
import { moneyText as money } from '../money-text';
import type { PriceBook } from '../pricebook/book';
import { dayOf, monthOf } from '../calendar';
import { lookupPrice } from '../pricebook/lookup';
import { FINDING_TEXT, type FindingCode } from './findings';

/** A ledger line as the check needs it, with a reference back to the stored line. */
export type CheckLine = Pick<
  LedgerLine,
  'chargePeriodStart' | 'chargeCategory' | 'provider' | 'model' | 'modelRaw' | 'usageClass' | 'serviceTier' | 'contextBand' | 'region' | 'quantity' | 'billedCost' | 'currency'
> & {
  ref: string;
  meter?: string | null;
  /** How many ledger lines this check line stands for, when the caller grouped a day's lines first (default 1). */
  ledgerLines?: number;
};

export interface InvoiceCheckOptions {
  /** A difference smaller than this is rounding, not a finding (default one cent). */
  absoluteTolerance?: Nanos;
  /** ...or smaller than this percentage of the contracted cost (default 0.5%). */
  relativeTolerancePercent?: string;
}

export interface CheckedLine {
  ref: string;
  /** The calendar day of the charge. */
  day: string;
  month: string;
  provider: string;
  model: string | null;
  usageClass: LedgerLine['usageClass'];
  serviceTier: LedgerLine['serviceTier'];
  quantity: string;
  currency: string;
  billed: Nanos;
  /** List cost from the price book (null when the model is unknown). */
  list: Nanos | null;
  /** What the contract in force says the line should cost (before month-level volume discounts and credits). */
  contracted: Nanos | null;
  /** billed − contracted. */
  variance: Nanos | null;
  contractId: string | null;
  priceRowId: string | null;
  findings: FindingCode[];
  ledgerLines: number;
}

export interface Finding {
  code: FindingCode;
  message: string;
  month: string;
  provider: string;
  lineRef: string | null;
  /** How much more was billed than the contract says, where that can be said. */
  overcharge: Nanos | null;
}

export interface MonthCheck {
  month: string;
  provider: string;
  contractId: string | null;
  currency: string;
  /** Everything the vendor billed that month except tax. */
  billed: Nanos;
  /** The invoice the contract gives for that month (null when some usage could not be priced). */
  contracted: Nanos | null;
  variance: Nanos | null;
  /** The expected invoice, line by line. */
  expected: ContractMonth | null;
}

export interface InvoiceCheck {
  lines: CheckedLine[];
  months: MonthCheck[];
  totals: { currency: string; billed: Nanos; contracted: Nanos; variance: Nanos }[];
  findings: Finding[];
}

const CENT = 10_000_000n;

function abs(n: Nanos): Nanos {
  return n < 0n ? -n : n;
}


const isUsage = isPriceableUsage;
const toItem = usageItemFromLedgerLine;

/**
 * Re-prices ledger lines under the contract in force for each line's day and
 * compares them with what was billed, line by line and month by month.
 *
 * Line level (usage): the expected cost is the quantity at the contracted
 * rate or discounted list price (provisioned-capacity tokens at zero, their
 * fee being a line of its own). Month level: the whole expected invoice —
 * volume discounts, fees, true-ups, minimum fees, credits — against
 * everything billed that month except tax. Findings name what went wrong in
 * plain words. Lines of a vendor with no contract at all are compared with
 * list prices.
 */
export function checkInvoices(book: PriceBook, contracts: readonly Contract[], lines: readonly CheckLine[], options: InvoiceCheckOptions = {}): InvoiceCheck {
  const absTol = options.absoluteTolerance ?? CENT;
  const relTol = options.relativeTolerancePercent ?? '0.5';
  const tolerance = (expected: Nanos): Nanos => {
    const rel = percentOf(abs(expected), relTol);
    return rel > absTol ? rel : absTol;
  };

  const findings: Finding[] = [];
  const checked: CheckedLine[] = [];
  const months: MonthCheck[] = [];
  const providers = [...new Set(lines.map((l) => l.provider))].sort();

  for (const provider of providers) {
    const vendorLines = lines.filter((l) => l.provider === provider);
    const vendorContracts = contracts.filter((c) => c.vendor === provider).sort((a, b) => a.start.localeCompare(b.start));
    for (const c of vendorContracts) {
      const foreign = vendorLines.find((l) => l.currency !== c.currency && isUsage(l) && c.start <= dayOf(l.chargePeriodStart) && dayOf(l.chargePeriodStart) <= c.end);
      if (foreign) throw new WorkbenchError('bad_input', `mixed currencies: ${provider} billed line ${foreign.ref} in ${foreign.currency} but the contract is in ${c.currency}`, { file: c.file, field: 'currency' });
    }
    const contractOf = (day: string): Contract | null => vendorContracts.find((c) => c.start <= day && day <= c.end) ?? null;

    // Price each contract's lines through the months of its term, so month-level terms carry state.
    const pricedByRef = new Map<string, { item: PricedItem; contract: Contract }>();
    const unpricedByRef = new Map<string, { reason: string; message: string }>();
    const expectedMonths = new Map<string, { contract: Contract; month: ContractMonth }>();
    for (const c of vendorContracts) {
      const own = vendorLines.filter((l) => isUsage(l) && contractOf(dayOf(l.chargePeriodStart)) === c);
      const byMonth = new Map<string, UsageItem[]>();
      for (const l of own) {
        const item = toItem(l);
        const list = byMonth.get(monthOf(item.date)) ?? [];
        list.push(item);
        byMonth.set(monthOf(item.date), list);
      }
      const run = priceContractMonths(c, book, byMonth, { from: monthOf(c.start), through: monthOf(c.end) });
      for (const m of run) {
        expectedMonths.set(`${c.id}|${m.month}`, { contract: c, month: m });
        for (const p of m.items) if (p.item.ref) pricedByRef.set(p.item.ref, { item: p, contract: c });
        for (const u of m.unpriced) if (u.item.ref) unpricedByRef.set(u.item.ref, { reason: u.reason, message: u.message });
      }
    }

    const outsideByMonth = new Map<string, number>();
    const freeRefs = new Set<string>();
    const unknownByModel = new Map<string, { month: string; count: number }>();
    for (const l of vendorLines) {
      if (!isUsage(l)) continue;
      const day = dayOf(l.chargePeriodStart);
      const month = monthOf(day);
      const found = pricedByRef.get(l.ref);
      const line: CheckedLine = {
        ref: l.ref,
        day,
        month,
        provider,
        model: l.model ?? l.modelRaw,
        usageClass: l.usageClass,
        serviceTier: l.serviceTier,
        quantity: String(l.quantity),
        currency: l.currency,
        billed: l.billedCost,
        list: null,
        contracted: null,
        variance: null,
        contractId: found?.contract.id ?? null,
        priceRowId: null,
        findings: [],
        ledgerLines: l.ledgerLines ?? 1,
      };
      checked.push(line);
      let expectedCost: Nanos | null = null;
      let hasContractTerm = false;
      if (found) {
        line.list = found.item.listCost;
        expectedCost = found.item.contractedCost;
        line.priceRowId = found.item.priceRowId;
        hasContractTerm = found.item.term !== null;
      } else if (!unpricedByRef.has(l.ref)) {
        // No contract in force that day: the list price is what the line should cost.
        const item = toItem(l);
        const listed = lookupPrice(book, { provider, model: item.model, usageClass: l.usageClass, serviceTier: l.serviceTier, meter: item.meter ?? null, region: l.region, date: day, contextBand: l.contextBand });
        if (listed.ok) {
          line.list = priceQuantity(l.quantity, listed.price, BigInt(listed.per));
          line.priceRowId = listed.row.id;
          expectedCost = line.list;
          if (vendorContracts.length > 0) {
            line.findings.push('usage_outside_contract');
            outsideByMonth.set(month, (outsideByMonth.get(month) ?? 0) + 1);
          }
        } else if (listed.reason === 'unknown_model') {
          unpricedByRef.set(l.ref, { reason: listed.reason, message: listed.message });
        } else unpricedByRef.set(l.ref, { reason: listed.reason, message: listed.message });
      }
      const unpriced = unpricedByRef.get(l.ref);
      if (unpriced?.reason === 'unknown_model') {
        line.findings.push('unknown_model');
        const key = line.model ?? '';
        const u = unknownByModel.get(key) ?? { month, count: 0 };
        u.count += 1;
        unknownByModel.set(key, u);
      }
      // A known model's meter nobody prices (request counts beside the tokens) that was billed nothing costs nothing.
      if (expectedCost === null && unpriced?.reason === 'no_price' && l.billedCost === 0n) {
        expectedCost = 0n;
        freeRefs.add(l.ref);
      }
      if (expectedCost === null) continue;
      line.contracted = expectedCost;
      line.variance = l.billedCost - expectedCost;
      const tol = tolerance(expectedCost);
      if (line.variance <= tol) continue;

      // Billed above what it should be: say why, most specific reason first.
      let code: FindingCode = 'rate_above_contract';
      let detail = '';
      if (l.usageClass === 'cached_input') {
        const uncached = uncachedCost(book, found?.contract ?? null, l, day);
        if (uncached !== null && l.billedCost >= uncached - tolerance(uncached)) {
          code = 'cached_billed_as_uncached';
          detail = ` (uncached input would cost ${money(uncached, l.currency)})`;
        }
      }
      if (code === 'rate_above_contract' && hasContractTerm && line.list !== null && abs(l.billedCost - line.list) <= tolerance(line.list)) {
        code = 'discount_not_applied';
        const term = found!.item.term!;
        const discount = found!.contract.discounts.find((d) => d.where === term);
        detail = discount ? ` (billed at list, ${money(line.list, l.currency)}; the contract's ${discount.label} of ${discount.percentOff}% applies)` : ` (billed at list, ${money(line.list, l.currency)}; the contract's ${term} applies)`;
      }
      line.findings.push(code);
      findings.push({
        code,
        message: `${FINDING_TEXT[code]}: ${line.model} ${l.usageClass} on ${day}, billed ${money(l.billedCost, l.currency)} against ${money(expectedCost, l.currency)} contracted${detail}`,
        month,
        provider,
        lineRef: l.ref,
        overcharge: line.variance,
      });
    }
    for (const [month, count] of outsideByMonth) {
      findings.push({ code: 'usage_outside_contract', message: `${FINDING_TEXT.usage_outside_contract}: ${count} ${provider} line${count === 1 ? '' : 's'} in ${month} fall outside every ${provider} contract term and were compared with list prices`, month, provider, lineRef: null, overcharge: null });
    }
    for (const [model, u] of unknownByModel) {
      findings.push({ code: 'unknown_model', message: `${FINDING_TEXT.unknown_model}: ${provider} ${model} (${u.count} line${u.count === 1 ? '' : 's'}) is not in the price book, so it could not be checked; add it to the price book`, month: u.month, provider, lineRef: null, overcharge: null });
    }

    // Month level: the whole invoice against everything billed except tax.
    const billedMonths = new Map<string, { currency: string; billed: Nanos; usage: Nanos; credits: Nanos; adjustments: Nanos }>();
    for (const l of vendorLines) {
      if (l.chargeCategory === 'tax') continue;
      const month = monthOf(dayOf(l.chargePeriodStart));
      const key = `${month}|${l.currency}`;
      const b = billedMonths.get(key) ?? { currency: l.currency, billed: 0n, usage: 0n, credits: 0n, adjustments: 0n };
      b.billed += l.billedCost;
      if (l.chargeCategory === 'usage') b.usage += l.billedCost;
      if (l.chargeCategory === 'credit') b.credits += l.billedCost;
      if (l.chargeCategory === 'adjustment' || l.chargeCategory === 'refund') b.adjustments += l.billedCost;
      billedMonths.set(key, b);
    }
    const creditsSeen = new Set<string>();
    for (const [key, b] of [...billedMonths.entries()].sort()) {
      const month = key.split('|')[0]!;
      const c = vendorContracts.find((x) => expectedMonths.has(`${x.id}|${month}`) && x.currency === b.currency) ?? null;
      const expected = c ? expectedMonths.get(`${c.id}|${month}`)!.month : null;
      if (!expected) {
        const monthLines = checked.filter((x) => x.provider === provider && x.month === month);
        const allPriced = monthLines.every((x) => x.contracted !== null);
        const contracted = allPriced ? monthLines.reduce((s, x) => s + (x.contracted ?? 0n), 0n) : null;
        months.push({ month, provider, contractId: null, currency: b.currency, billed: b.billed, contracted, variance: contracted === null ? null : b.billed - contracted, expected: null });
        continue;
      }
      const complete = expected.unpriced.every((u) => u.reason === 'capacity_fee_line' || (u.item.ref !== undefined && freeRefs.has(u.item.ref)));
      months.push({ month, provider, contractId: c!.id, currency: b.currency, billed: b.billed, contracted: complete ? expected.total : null, variance: complete ? b.billed - expected.total : null, expected });
      const billedCredits = -b.credits;
      if (billedCredits > 0n) creditsSeen.add(c!.id);
      const missingCredit = expected.summary.creditsApplied - billedCredits;
      if (missingCredit > tolerance(expected.summary.creditsApplied)) {
        const early = creditsSeen.has(c!.id) && billedCredits === 0n;
        const code: FindingCode = early ? 'credits_expired_early' : 'credits_not_applied';
        const grants = expected.credits.filter((m) => m.applied > 0n).map((m) => m.grantId);
        findings.push({
          code,
          message: `${FINDING_TEXT[code]}: the contract applies ${money(expected.summary.creditsApplied, b.currency)} of credit (${grants.join(', ')}) in ${month}, the bill shows ${money(billedCredits, b.currency)}${early ? ' although credits were applied in earlier months and the grant had not expired' : ''}`,
          month,
          provider,
          lineRef: null,
          overcharge: missingCredit,
        });
      }
      const volume = expected.summary.volumeDiscount;
      if (volume > 0n) {
        const billedUsageNet = b.usage + b.adjustments;
        if (billedUsageNet - expected.summary.usageNet > tolerance(volume) && billedUsageNet >= expected.summary.usageNet + volume - tolerance(volume)) {
          findings.push({
            code: 'discount_not_applied',
            message: `${FINDING_TEXT.discount_not_applied}: the volume discount of ${money(volume, b.currency)} for ${month} does not appear on the bill`,
            month,
            provider,
            lineRef: null,
            overcharge: volume,
          });
        }
      }
    }
    months.push(...missingMonths(provider, vendorContracts, expectedMonths, billedMonths, findings));
  }
  months.sort((a, b) => a.provider.localeCompare(b.provider) || a.month.localeCompare(b.month) || a.currency.localeCompare(b.currency));

  return { lines: checked, months, totals: totalsOf(months), findings };
}

/** What a cached-input line would cost billed as uncached input, under the same contract. */
function uncachedCost(book: PriceBook, contract: Contract | null, l: CheckLine, day: string): Nanos | null {
  const q = { provider: l.provider, model: (l.model ?? l.modelRaw)!, usageClass: 'input' as const, serviceTier: l.serviceTier === 'provisioned' ? ('standard' as const) : l.serviceTier, meter: l.meter ?? null, region: l.region, date: day, contextBand: l.contextBand };
  const list = contractListPrice(contract, book, q);
  if (!list.ok) return null;
  if (!contract) return priceQuantity(l.quantity, list.listPrice, BigInt(list.per));
  const cp = contractedPrice(contract, book, list, 'input', q.serviceTier, q.meter, day);
  return priceQuantity(l.quantity, cp.price, BigInt(cp.per));
}

/**
 * Months the contract bills something (a commitment shortfall, a provisioned
 * fee, a minimum fee) but the vendor billed nothing at all. Only months
 * between the vendor's first and last billed month are reported: before and
 * after that the ledger simply does not reach, which is not a finding.
 */
function missingMonths(
  provider: string,
  contracts: readonly Contract[],
  expectedMonths: ReadonlyMap<string, { contract: Contract; month: ContractMonth }>,
  billedMonths: ReadonlyMap<string, unknown>,
  findings: Finding[],
): MonthCheck[] {
  const billed = new Set([...billedMonths.keys()].map((k) => k.split('|')[0]!));
  const sorted = [...billed].sort();
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) return [];
  const out: MonthCheck[] = [];
  for (const c of contracts) {
    for (const [key, { month: expected }] of expectedMonths) {
      if (!key.startsWith(`${c.id}|`)) continue;
      const month = expected.month;
      if (month < first || month > last || billed.has(month) || expected.total <= 0n) continue;
      const due = [
        expected.summary.commitmentShortfall > 0n ? `commitment shortfall ${money(expected.summary.commitmentShortfall, c.currency)}` : null,
        expected.summary.provisionedFees > 0n ? `provisioned fees ${money(expected.summary.provisionedFees, c.currency)}` : null,
        expected.summary.minimumTopUp > 0n ? `minimum fee ${money(expected.summary.minimumTopUp, c.currency)}` : null,
      ].filter((d): d is string => d !== null);
      findings.push({
        code: 'missing_invoice_month',
        message: `${FINDING_TEXT.missing_invoice_month}: the contract ${c.name} bills ${money(expected.total, c.currency)} for ${month}${due.length > 0 ? ` (${due.join(', ')})` : ''}, but the ledger has no ${provider} lines that month; import the bill or ask the vendor for it`,
        month,
        provider,
        lineRef: null,
        overcharge: null,
      });
      out.push({ month, provider, contractId: c.id, currency: c.currency, billed: 0n, contracted: expected.total, variance: -expected.total, expected });
    }
  }
  return out;
}

/** Totals per currency over the months whose contracted amount is known. */
function totalsOf(months: readonly MonthCheck[]): InvoiceCheck['totals'] {
  const by = new Map<string, { currency: string; billed: Nanos; contracted: Nanos; variance: Nanos }>();
  for (const m of months) {
    if (m.contracted === null) continue;
    const t = by.get(m.currency) ?? { currency: m.currency, billed: 0n, contracted: 0n, variance: 0n };
    t.billed += m.billed;
    t.contracted += m.contracted;
    t.variance += m.billed - m.contracted;
    by.set(m.currency, t);
  }
  return [...by.values()];
}

/**
 * One month of a check. The check itself must run from the contract's first
 * month (credit balances and annual terms carry from there); this keeps what
 * concerns the month asked for.
 */
export function checkForMonth(check: InvoiceCheck, month: string): InvoiceCheck {
  const months = check.months.filter((m) => m.month === month);
  return { lines: check.lines.filter((l) => l.month === month), months, totals: totalsOf(months), findings: check.findings.filter((f) => f.month === month) };
}

import { priceContractMonths } from '../contracts/price-months';
import { versionRef } from '../contracts/versions';
import { hasQuantity, isPriceableUsage, leavesPriceGap, usageItemFromLedgerLine } from '../contracts/usage-items';
import { contractedPrice, contractListPrice } from '../contracts/rates';
import { percentOf } from '../contracts/percent';
import type { AppliedDiscount, Contract, ContractMonth, PricedItem, UsageItem } from '../contracts/types';
import { WorkbenchError } from '../errors';
import type { LedgerLine } from '../ledger-line';
import { parseMoney, priceQuantity, type Nanos } from '../money';
import { moneyText as money } from '../money-text';
import type { PriceBook } from '../pricebook/book';
import { dayOf, monthOf } from '../calendar';
import { lookupPrice } from '../pricebook/lookup';
import { usageWords } from '../labels';
import { footedDifference } from '../rounding';
import { FINDING_SEVERITY, FINDING_TEXT, type FindingCode, type FindingSeverity } from './findings';
import { impliedPromptTokens } from '../contracts/implied-prompt';
import { contextBandLabel } from '../pricebook/context-band';

/** A ledger line as the check needs it, with a reference back to the stored line. */
export type CheckLine = Pick<
  LedgerLine,
  'chargePeriodStart' | 'chargeCategory' | 'provider' | 'model' | 'modelRaw' | 'usageClass' | 'serviceTier' | 'contextBand' | 'region' | 'quantity' | 'billedCost' | 'currency'
> & {
  ref: string;
  /** The ledger's publisher, when the line has one (a publisher-scoped credit pays by it). */
  publisher?: string | null;
  meter?: string | null;
  /** How many ledger lines this check line stands for, when the caller grouped a day's lines first (default 1). */
  ledgerLines?: number;
  /** A costs report's line whose quantity comes from the vendor's usage report of the same day (pairing.ts). */
  pairedWithUsage?: boolean;
  /** Prompt tokens per request the day's usage implies, for a line without a context band (implied-prompt.ts). */
  promptTokens?: number | null;
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
  /** Null when the statement does not report it (a costs export): the line cannot be re-priced. */
  quantity: string | null;
  currency: string;
  billed: Nanos;
  /** List cost from the price book (null when the model is unknown or the quantity is not reported). */
  list: Nanos | null;
  /** What the contract in force says the line should cost (before month-level volume discounts and credits); list for a vendor with no contract; null when nothing says. */
  contracted: Nanos | null;
  /** billed − contracted. */
  variance: Nanos | null;
  /** The contract's % discounts that priced the line, in the order applied (the one that applies, then those stacked on it), each with what it took off, exact. */
  discounts: AppliedDiscount[];
  contractId: string | null;
  /** The version of the contract that priced the line (1 the original terms; null without a contract). */
  contractVersion: number | null;
  priceRowId: string | null;
  findings: FindingCode[];
  ledgerLines: number;
  /** The quantity came from a usage report paired with this costs-report line. */
  pairedWithUsage: boolean;
}

/**
 * One finding: one cause, with every line it concerns (a discount missing on
 * 146 lines is one finding of 146 lines), or one month's invoice.
 */
export interface Finding {
  code: FindingCode;
  message: string;
  /** The (first) month it concerns. */
  month: string;
  provider: string;
  currency: string;
  /** The first line it concerns (null for a month-level finding). */
  lineRef: string | null;
  /** Every check line it concerns, in day order. */
  lineRefs: string[];
  /** How many check lines it concerns (0 for a month-level finding). */
  lines: number;
  /** What those lines billed together (null for a month-level finding). */
  billed: Nanos | null;
  /** How much more was billed than the contract says, where that can be said. */
  overcharge: Nanos | null;
}

/** Why a month's contracted amount is not known. */
export type MonthNote = 'outside_term' | 'cost_without_usage' | 'unpriced';

export interface MonthCheck {
  month: string;
  provider: string;
  contractId: string | null;
  currency: string;
  /** Everything the vendor billed that month except tax (a month's lines outside every contract term are a row of their own). */
  billed: Nanos;
  /** The invoice the contract gives for that month, exact (null when it cannot be known: see `note`). */
  contracted: Nanos | null;
  variance: Nanos | null;
  /** Why `contracted` is not known, when it is not. */
  note: MonthNote | null;
  /** The expected invoice, line by line. */
  expected: ContractMonth | null;
}

export interface CheckTotal {
  currency: string;
  /** Over the months whose contracted amount is known. */
  billed: Nanos;
  contracted: Nanos;
  variance: Nanos;
  /** Months left out of the totals because their contracted amount is not known, and what they billed. */
  uncheckedMonths: number;
  uncheckedBilled: Nanos;
}

/** A line's finding before findings of one cause are grouped. */
export interface LineFinding {
  code: FindingCode;
  provider: string;
  currency: string;
  month: string;
  day: string;
  ref: string;
  billed: Nanos;
  /** What it should have cost (contracted, or list for a vendor with no contract), where known. */
  expected: Nanos | null;
  overcharge: Nanos | null;
  /** Lines with the same code, provider, currency and cause are one finding. */
  cause: string;
  /** The line in words ("gpt-4.1 cached input (batch)"). */
  what: string;
  /** The message when the finding is this line alone. */
  single: string;
  /** For a discount not applied: the discount in words ("Enterprise discount of 15%"). */
  discount?: string;
  /** For a line with no quantity: whether a contract was in force (else the vendor has none). */
  underContract?: boolean;
  /** For a band assumed: the highest band's label (">200k"), at which the bill would fit. */
  topBand?: string;
  /** For a line below list: the off-peak hours and the explanation. */
  offPeak?: { hours: string; words: string };
}

export interface InvoiceCheck {
  lines: CheckedLine[];
  months: MonthCheck[];
  totals: CheckTotal[];
  /** Line findings grouped by cause, then month-level findings, then what could not be checked. */
  findings: Finding[];
  /** Line findings before grouping, so a check cut to one month regroups what concerns it. */
  lineFindings: LineFinding[];
  /** Month-level findings (credits, volume discounts, missing months). */
  monthFindings: Finding[];
}

const CENT = 10_000_000n;

function abs(n: Nanos): Nanos {
  return n < 0n ? -n : n;
}

const isUsage = isPriceableUsage;
/** Usage billed on its own line (not a capacity fee, which the contract's own fee replaces), with or without a model. */
const isBilledUsage = (l: CheckLine): boolean => l.chargeCategory === 'usage' && l.usageClass !== 'provisioned_unit_hour';
const toItem = usageItemFromLedgerLine;
const plural = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** "billed $17.77 against $15.10": the two amounts as shown differ by their exact difference rounded once. */
function against(billed: Nanos, expected: Nanos, currency: string): [string, string] {
  const f = footedDifference(billed, expected);
  return [money(f.billed, currency), money(f.contracted, currency)];
}

/**
 * Re-prices ledger lines under the contract in force for each line's day and
 * compares them with what was billed, line by line and month by month.
 *
 * Line level (usage): the expected cost is the quantity at the contracted
 * rate or discounted list price (provisioned-capacity tokens at zero, their
 * fee being a line of its own). Month level: the whole expected invoice —
 * volume discounts, fees, true-ups, minimum fees, credits — against
 * everything billed that month except tax, both exact. Lines of a vendor with
 * no contract at all are compared with list prices.
 *
 * What cannot be checked is said, never priced at zero: a line without a
 * quantity (a costs export) is "cost without usage: cannot re-price"; a line
 * of a vendor with contracts on a day none is in force is "outside the term"
 * and kept out of the contract's month; neither counts as an overcharge, and
 * a month holding such lines has no contracted amount, with the reason.
 * Findings of one cause are one finding with its lines, count and totals.
 */
export function checkInvoices(book: PriceBook, contracts: readonly Contract[], givenLines: readonly CheckLine[], options: InvoiceCheckOptions = {}): InvoiceCheck {
  // A line without a context band is priced at the band its day's prompt tokens per request imply, where the ledger reports requests.
  const prompts = impliedPromptTokens(givenLines);
  const lines = prompts.size === 0 ? givenLines : givenLines.map((l) => (prompts.has(l.ref) && (l.promptTokens ?? null) === null ? { ...l, promptTokens: prompts.get(l.ref)! } : l));
  const absTol = options.absoluteTolerance ?? CENT;
  const relTol = options.relativeTolerancePercent ?? '0.5';
  const tolerance = (expected: Nanos): Nanos => {
    const rel = percentOf(abs(expected), relTol);
    return rel > absTol ? rel : absTol;
  };

  const lineFindings: LineFinding[] = [];
  const monthFindings: Finding[] = [];
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
      const own = vendorLines.filter(hasQuantity).filter((l) => isUsage(l) && contractOf(dayOf(l.chargePeriodStart)) === c);
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

    const outsideRefs = new Set<string>();
    const noUsageMonths = new Set<string>();
    const freeRefs = new Set<string>();
    for (const l of vendorLines) {
      // Usage without a model (a web search line of a costs export) cannot be priced, but it is still said when it cannot be checked.
      if (!isUsage(l) && !(isBilledUsage(l) && (!hasQuantity(l) || (vendorContracts.length > 0 && contractOf(dayOf(l.chargePeriodStart)) === null)))) continue;
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
        quantity: l.quantity === null ? null : String(l.quantity),
        currency: l.currency,
        billed: l.billedCost,
        list: null,
        contracted: null,
        variance: null,
        discounts: found?.item.inTerm ? found.item.discounts : [],
        contractId: found?.contract.id ?? null,
        contractVersion: found ? versionRef(found.contract, month).number : null,
        priceRowId: null,
        findings: [],
        ledgerLines: l.ledgerLines ?? 1,
        pairedWithUsage: l.pairedWithUsage ?? false,
      };
      checked.push(line);
      const what = usageWords(line.model, l.usageClass, l.serviceTier);
      const base = { provider, currency: l.currency, month, day, ref: l.ref, billed: l.billedCost, what };
      const inForce = vendorContracts.length > 0 ? contractOf(day) : null;

      if (vendorContracts.length > 0 && inForce === null) {
        // No contract says what this line should cost: shown at list where that can be said, never compared.
        outsideRefs.add(l.ref);
        if (hasQuantity(l)) {
          const listed = listCost(book, l, day);
          if (listed) [line.list, line.priceRowId] = [listed.cost, listed.rowId];
        }
        line.findings.push('usage_outside_contract');
        const lineText = `1 ${provider} line on ${day} (billed ${money(l.billedCost, l.currency)}) falls outside every ${provider} contract term, so no contract says what it should cost`;
        lineFindings.push({ ...base, code: 'usage_outside_contract', expected: null, overcharge: null, cause: '', single: `${FINDING_TEXT.usage_outside_contract}: ${lineText}` });
        continue;
      }
      if (!hasQuantity(l)) {
        noUsageMonths.add(`${month}|${l.currency}`);
        line.findings.push('cost_without_usage');
        const how = inForce ? 'under the contract' : 'at list prices';
        lineFindings.push({
          ...base,
          code: 'cost_without_usage',
          expected: null,
          overcharge: null,
          cause: '',
          underContract: inForce !== null,
          single: `${FINDING_TEXT.cost_without_usage}: 1 ${provider} line on ${day} (billed ${money(l.billedCost, l.currency)}) gives a cost but no quantity, so it cannot be priced ${how}; import the usage report for that day to check it`,
        });
        continue;
      }

      let expectedCost: Nanos | null = null;
      let hasContractTerm = false;
      let bandAssumed = false;
      if (found) {
        line.list = found.item.listCost;
        expectedCost = found.item.contractedCost;
        line.priceRowId = found.item.priceRowId;
        hasContractTerm = found.item.term !== null;
        bandAssumed = found.item.bandAssumed;
      } else if (!unpricedByRef.has(l.ref)) {
        // A vendor with no contract at all: the list price is what the line should cost.
        const item = toItem(l);
        const listed = lookupPrice(book, { provider, model: item.model, usageClass: l.usageClass, serviceTier: l.serviceTier, meter: item.meter ?? null, region: l.region, date: day, contextBand: l.contextBand, promptTokens: l.promptTokens ?? null });
        if (listed.ok) {
          line.list = priceQuantity(l.quantity, listed.price, BigInt(listed.per));
          line.priceRowId = listed.row.id;
          expectedCost = line.list;
          bandAssumed = listed.bandAssumed;
        } else unpricedByRef.set(l.ref, { reason: listed.reason, message: listed.message });
      }
      const unpriced = unpricedByRef.get(l.ref);
      if (unpriced?.reason === 'unknown_model') {
        line.findings.push('unknown_model');
        lineFindings.push({ ...base, code: 'unknown_model', expected: null, overcharge: null, cause: line.model ?? '', single: '' });
      }
      if (expectedCost === null && unpriced?.reason === 'no_price' && !leavesPriceGap(unpriced, l.billedCost)) {
        expectedCost = 0n;
        freeRefs.add(l.ref);
      }
      if (expectedCost === null) continue;
      line.contracted = expectedCost;
      line.variance = l.billedCost - expectedCost;
      const tol = tolerance(expectedCost);
      if (line.variance < -tol) {
        // Billed below what it should be: not an error, but a vendor with an off-peak discount says why.
        const offPeak = offPeakReason(book, line.priceRowId, l.billedCost, expectedCost, tol, l.currency);
        if (offPeak) {
          line.findings.push('off_peak_discount');
          lineFindings.push({ ...base, code: 'off_peak_discount', expected: expectedCost, overcharge: null, cause: `${line.model}|${l.usageClass}|${offPeak.hours}`, offPeak, single: `${FINDING_TEXT.off_peak_discount}: ${what} on ${day}, billed ${money(l.billedCost, l.currency)} against ${money(expectedCost, l.currency)} at the standard rate; ${offPeak.words}` });
        }
        continue;
      }
      if (line.variance <= tol) continue;

      // Billed above what it should be: say why, most specific reason first.
      const underContract = found !== undefined;
      if (bandAssumed) {
        // Priced at the base band only because the line said nothing about prompt size: if the bill fits a higher band, that is not an overcharge.
        const top = topBandCost(book, found?.contract ?? null, l, day);
        if (top !== null && l.billedCost <= top.cost + tolerance(top.cost)) {
          line.findings.push('band_assumed');
          const [billedText, expectedText] = against(l.billedCost, expectedCost, l.currency);
          const basis = underContract ? 'contracted' : 'at list';
          lineFindings.push({
            ...base,
            code: 'band_assumed',
            expected: expectedCost,
            overcharge: null,
            cause: `${found?.contract.id ?? ''}|${line.model}|${l.serviceTier}`,
            topBand: top.band,
            underContract,
            single: `${FINDING_TEXT.band_assumed}: ${what} on ${day}, billed ${billedText} against ${expectedText} ${basis} at the base band; the line names no context band and the ledger has no request count to tell the prompt size, and at the ${top.band} band it would cost ${money(top.cost, l.currency)}. Ask the vendor which band it billed, or import the usage report with request counts`,
          });
          continue;
        }
      }
      let code: FindingCode = underContract ? 'rate_above_contract' : 'rate_above_list';
      let detail = '';
      let discountWords: string | undefined;
      let cause = `${found?.contract.id ?? ''}|${line.model}|${l.usageClass}|${l.serviceTier}`;
      if (l.usageClass === 'cached_input') {
        const uncached = uncachedCost(book, found?.contract ?? null, l, day);
        if (uncached !== null && l.billedCost >= uncached - tolerance(uncached)) {
          code = 'cached_billed_as_uncached';
          detail = ` (uncached input would cost ${money(uncached, l.currency)})`;
          cause = `${found?.contract.id ?? ''}|${line.model}|${l.serviceTier}`;
        }
      }
      if (code === 'rate_above_contract' && hasContractTerm && line.list !== null && abs(l.billedCost - line.list) <= tolerance(line.list)) {
        code = 'discount_not_applied';
        const term = found!.item.term!;
        const applied = found!.item.discounts;
        const how = found!.contract.discountStacking === 'additive' ? 'additively' : 'multiplicatively';
        // Stacked discounts are named in the order they apply, and how they stack.
        discountWords = applied.length === 0 ? term : `${applied.map((d) => `${d.label} of ${d.percentOff}%`).join(' and ')}${applied.length > 1 ? ` (stacked ${how})` : ''}`;
        detail = ` (billed at list, ${money(line.list, l.currency)}; the contract's ${discountWords} ${applied.length > 1 ? 'apply' : 'applies'})`;
        cause = `${found!.contract.id}|${term}`;
      }
      line.findings.push(code);
      const [billedText, expectedText] = against(l.billedCost, expectedCost, l.currency);
      // A contract amended or renewed says which of its versions priced the line.
      const basis = underContract ? (found!.contract.versions ? `contracted (version ${line.contractVersion})` : 'contracted') : 'at list (no contract)';
      lineFindings.push({
        ...base,
        code,
        expected: expectedCost,
        overcharge: line.variance,
        cause,
        ...(discountWords !== undefined ? { discount: discountWords } : {}),
        single: `${FINDING_TEXT[code]}: ${what} on ${day}, billed ${billedText} against ${expectedText} ${basis}${detail}`,
      });
    }

    // Month level: the whole invoice against everything billed except tax. Lines outside every term are a row of their own.
    const billedMonths = new Map<string, { currency: string; billed: Nanos; usage: Nanos; credits: Nanos; adjustments: Nanos }>();
    const outsideMonths = new Map<string, { currency: string; billed: Nanos }>();
    for (const l of vendorLines) {
      if (l.chargeCategory === 'tax') continue;
      const month = monthOf(dayOf(l.chargePeriodStart));
      const key = `${month}|${l.currency}`;
      if (outsideRefs.has(l.ref)) {
        const o = outsideMonths.get(key) ?? { currency: l.currency, billed: 0n };
        o.billed += l.billedCost;
        outsideMonths.set(key, o);
        continue;
      }
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
      const noUsage = noUsageMonths.has(key);
      if (!expected) {
        if (vendorContracts.length > 0) {
          // A vendor with contracts, in a month none is in force (credits, adjustments): with the month's lines outside the term.
          const o = outsideMonths.get(key) ?? { currency: b.currency, billed: 0n };
          o.billed += b.billed;
          outsideMonths.set(key, o);
          continue;
        }
        const monthLines = checked.filter((x) => x.provider === provider && x.month === month && x.currency === b.currency);
        const allPriced = monthLines.every((x) => x.contracted !== null);
        const note: MonthNote | null = noUsage ? 'cost_without_usage' : allPriced ? null : 'unpriced';
        const contracted = note === null ? monthLines.reduce((s, x) => s + (x.contracted ?? 0n), 0n) : null;
        months.push({ month, provider, contractId: null, currency: b.currency, billed: b.billed, contracted, variance: contracted === null ? null : b.billed - contracted, note, expected: null });
        continue;
      }
      const complete = expected.unpriced.every((u) => u.reason === 'capacity_fee_line' || (u.item.ref !== undefined && freeRefs.has(u.item.ref)));
      const note: MonthNote | null = noUsage ? 'cost_without_usage' : complete ? null : 'unpriced';
      const contracted = note === null ? expected.exactTotal : null;
      months.push({ month, provider, contractId: c!.id, currency: b.currency, billed: b.billed, contracted, variance: contracted === null ? null : b.billed - contracted, note, expected });
      const billedCredits = -b.credits;
      if (billedCredits > 0n) creditsSeen.add(c!.id);
      const missingCredit = expected.summary.creditsApplied - billedCredits;
      if (missingCredit > tolerance(expected.summary.creditsApplied)) {
        const early = creditsSeen.has(c!.id) && billedCredits === 0n;
        const code: FindingCode = early ? 'credits_expired_early' : 'credits_not_applied';
        const grants = expected.credits.filter((m) => m.applied > 0n).map((m) => m.grantId);
        monthFindings.push({
          ...monthFinding(code, month, provider, b.currency, missingCredit),
          message: `${FINDING_TEXT[code]}: the contract applies ${money(expected.summary.creditsApplied, b.currency)} of credit (${grants.join(', ')}) in ${month}, the bill shows ${money(billedCredits, b.currency)}${early ? ' although credits were applied in earlier months and the grant had not expired' : ''}`,
        });
      }
      const volume = expected.summary.volumeDiscount;
      if (volume > 0n) {
        const billedUsageNet = b.usage + b.adjustments;
        if (billedUsageNet - expected.summary.usageNet > tolerance(volume) && billedUsageNet >= expected.summary.usageNet + volume - tolerance(volume)) {
          monthFindings.push({
            ...monthFinding('discount_not_applied', month, provider, b.currency, volume),
            message: `${FINDING_TEXT.discount_not_applied}: the volume discount of ${money(volume, b.currency)} for ${month} does not appear on the bill`,
          });
        }
      }
    }
    for (const [key, o] of outsideMonths) {
      months.push({ month: key.split('|')[0]!, provider, contractId: null, currency: o.currency, billed: o.billed, contracted: null, variance: null, note: 'outside_term', expected: null });
    }
    months.push(...missingMonths(provider, vendorContracts, expectedMonths, billedMonths, monthFindings));
  }
  months.sort((a, b) => a.provider.localeCompare(b.provider) || a.month.localeCompare(b.month) || a.currency.localeCompare(b.currency) || (a.contractId ?? '').localeCompare(b.contractId ?? ''));

  return { lines: checked, months, totals: totalsOf(months), findings: groupFindings(lineFindings, monthFindings), lineFindings, monthFindings };
}

function monthFinding(code: FindingCode, month: string, provider: string, currency: string, overcharge: Nanos | null): Omit<Finding, 'message'> {
  return { code, month, provider, currency, lineRef: null, lineRefs: [], lines: 0, billed: null, overcharge };
}

/**
 * Why a line billed below its expected cost may be right: the price row has
 * an off-peak discount (DeepSeek: $0.135 instead of $0.27 per M outside
 * 00:30-16:30 UTC) and the bill lies between all-off-peak and all-standard.
 * A contract's discounts scale both alike, so the all-off-peak cost is the
 * expected cost × off-peak price / list price. The share of usage at the
 * off-peak price follows from where the bill falls between the two.
 */
function offPeakReason(book: PriceBook, rowId: string | null, billed: Nanos, expected: Nanos, tol: Nanos, currency: string): { hours: string; words: string } | null {
  const row = rowId === null ? undefined : book.byId.get(rowId);
  if (!row?.offPeak || row.price === 0n) return null;
  const offPrice = parseMoney(row.offPeak.price);
  const allOffPeak = (expected * offPrice) / row.price;
  if (billed < allOffPeak - tol) return null;
  const shareText = (() => {
    if (billed <= allOffPeak + tol) return 'all of it at the off-peak price';
    // Share at off-peak = (expected − billed) / (expected − allOffPeak), in whole percent.
    const percent = Number(((expected - billed) * 100n) / (expected - allOffPeak));
    return `about ${percent}% of it at the off-peak price`;
  })();
  const per = row.per === 1_000_000 ? 'per M' : `per ${row.per.toLocaleString('en-US')}`;
  return {
    hours: row.offPeak.hours,
    words: `the price book lists ${money(row.price, row.currency, { exact: true })} ${per} with an off-peak discount to ${money(offPrice, row.currency, { exact: true })} ${per} ${row.offPeak.hours}, which a daily line cannot show; the bill matches ${shareText} (all off-peak: ${money(allOffPeak, currency)})`,
  };
}

/** A line's list cost from the price book, where it has one. */
function listCost(book: PriceBook, l: CheckLine & { quantity: number }, day: string): { cost: Nanos; rowId: string } | null {
  const item = toItem(l);
  const listed = lookupPrice(book, { provider: l.provider, model: item.model, usageClass: l.usageClass, serviceTier: l.serviceTier, meter: item.meter ?? null, region: l.region, date: day, contextBand: l.contextBand, promptTokens: l.promptTokens ?? null });
  return listed.ok ? { cost: priceQuantity(l.quantity, listed.price, BigInt(listed.per)), rowId: listed.row.id } : null;
}

/**
 * What a line would cost at the highest context band the price book has for
 * it, under the contract (or at list without one), with the band's label;
 * null when that cannot be priced.
 */
function topBandCost(book: PriceBook, contract: Contract | null, l: CheckLine & { quantity: number }, day: string): { cost: Nanos; band: string } | null {
  const item = toItem(l);
  const tier = l.serviceTier === 'provisioned' ? ('standard' as const) : l.serviceTier;
  // A prompt larger than any threshold picks the highest band.
  const q = { provider: l.provider, model: item.model, usageClass: l.usageClass, serviceTier: tier, meter: item.meter ?? null, region: l.region, date: day, contextBand: null, promptTokens: Number.MAX_SAFE_INTEGER };
  const list = contractListPrice(contract, book, q);
  if (!list.ok || list.contextAbove === null) return null;
  const band = contextBandLabel(list.contextAbove);
  if (!contract) return { cost: priceQuantity(l.quantity, list.listPrice, BigInt(list.per)), band };
  const cp = contractedPrice(contract, book, list, l.usageClass, tier, q.meter, day, l.region);
  return { cost: priceQuantity(l.quantity, cp.price, BigInt(cp.per)), band };
}

/** Findings that overcharge come first, then month-level ones, then bands assumed (not an overcharge: the bill may be right), then what could not be checked. */
const RANK: Record<FindingSeverity, number> = { overcharge: 0, assumption: 2, unchecked: 3 };

const dayRange = (first: string, last: string): string => (first === last ? `on ${first}` : `from ${first} to ${last}`);

/** One finding per cause: the lines of one code, vendor, currency and cause together, with their count and totals. */
export function groupFindings(lineFindings: readonly LineFinding[], monthFindings: readonly Finding[]): Finding[] {
  const groups = new Map<string, LineFinding[]>();
  for (const f of lineFindings) {
    const key = `${f.code}|${f.provider}|${f.currency}|${f.cause}`;
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  const grouped: Finding[] = [];
  for (const list of groups.values()) {
    const sorted = [...list].sort((a, b) => a.day.localeCompare(b.day) || a.ref.localeCompare(b.ref));
    const first = sorted[0]!;
    const last = sorted[sorted.length - 1]!;
    const billed = sorted.reduce((s, f) => s + f.billed, 0n);
    const overcharges = sorted.filter((f) => f.overcharge !== null);
    const overcharge = overcharges.length > 0 ? overcharges.reduce((s, f) => s + f.overcharge!, 0n) : null;
    const expected = sorted.every((f) => f.expected !== null) ? sorted.reduce((s, f) => s + f.expected!, 0n) : null;
    grouped.push({
      code: first.code,
      message: groupMessage(first, sorted, billed, expected, dayRange(first.day, last.day)),
      month: first.month,
      provider: first.provider,
      currency: first.currency,
      lineRef: first.ref,
      lineRefs: sorted.map((f) => f.ref),
      lines: sorted.length,
      billed,
      overcharge,
    });
  }
  const rank = (f: Finding): number => (FINDING_SEVERITY[f.code] === 'overcharge' && f.lineRef === null ? 1 : RANK[FINDING_SEVERITY[f.code]]);
  return [...grouped, ...monthFindings].map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
}

function groupMessage(first: LineFinding, all: readonly LineFinding[], billed: Nanos, expected: Nanos | null, days: string): string {
  const n = all.length;
  const cur = first.currency;
  const text = FINDING_TEXT[first.code];
  const p = first.provider;
  switch (first.code) {
    case 'unknown_model':
      return `${text}: ${p} ${first.cause} (${plural(n, 'line')}) is not in the price book, so it could not be checked; add it to the price book`;
    case 'usage_outside_contract':
      if (n === 1) return first.single;
      return `${text}: ${n.toLocaleString('en-US')} ${p} lines ${days} (billed ${money(billed, cur)}) fall outside every ${p} contract term, so no contract says what they should cost`;
    case 'off_peak_discount': {
      if (n === 1 || expected === null) return first.single;
      return `${text}: ${first.what} on ${n.toLocaleString('en-US')} lines ${days}, billed ${money(billed, cur)} against ${money(expected, cur)} at the standard rate; the price book's off-peak discount ${first.offPeak?.hours ?? ''} would explain it (a daily line cannot show the hour)`;
    }
    case 'cost_without_usage':
      if (n === 1) return first.single;
      return `${text}: ${n.toLocaleString('en-US')} ${p} lines ${days} (billed ${money(billed, cur)}) give a cost but no quantity, so they cannot be priced ${first.underContract ? 'under the contract' : 'at list prices'}; import the usage report for those days to check them`;
    case 'band_assumed': {
      if (n === 1 || expected === null) return first.single;
      const [b, e] = against(billed, expected, cur);
      const whats = [...new Set(all.map((f) => f.what))].join(', ');
      return `${text}: ${whats} on ${n.toLocaleString('en-US')} lines ${days}, billed ${b} against ${e} ${first.underContract ? 'contracted' : 'at list'} at the base band; the lines name no context band and the ledger has no request count to tell the prompt size, and the bill fits the ${first.topBand ?? 'higher'} band. Ask the vendor which band it billed, or import the usage report with request counts`;
    }
    default: {
      if (n === 1 || expected === null) return first.single;
      const [b, e] = against(billed, expected, cur);
      if (first.code === 'discount_not_applied') {
        const whats = [...new Set(all.map((f) => f.what))];
        const shown = whats.length > 4 ? `${whats.slice(0, 4).join(', ')} and ${whats.length - 4} more` : whats.join(', ');
        return `${text}: the contract's ${first.discount ?? 'discount'} is missing on ${n.toLocaleString('en-US')} lines (${shown}) ${days}, billed ${b} at list against ${e} contracted`;
      }
      const basis = first.code === 'rate_above_list' ? 'at list (no contract)' : 'contracted';
      return `${text}: ${first.what} on ${n.toLocaleString('en-US')} lines ${days}, billed ${b} against ${e} ${basis}`;
    }
  }
}

/** What a cached-input line would cost billed as uncached input, under the same contract. */
function uncachedCost(book: PriceBook, contract: Contract | null, l: CheckLine & { quantity: number }, day: string): Nanos | null {
  const q = { provider: l.provider, model: (l.model ?? l.modelRaw)!, usageClass: 'input' as const, serviceTier: l.serviceTier === 'provisioned' ? ('standard' as const) : l.serviceTier, meter: l.meter ?? null, region: l.region, date: day, contextBand: l.contextBand, promptTokens: l.promptTokens ?? null };
  const list = contractListPrice(contract, book, q);
  if (!list.ok) return null;
  if (!contract) return priceQuantity(l.quantity, list.listPrice, BigInt(list.per));
  const cp = contractedPrice(contract, book, list, 'input', q.serviceTier, q.meter, day, l.region);
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
        ...monthFinding('missing_invoice_month', month, provider, c.currency, null),
        message: `${FINDING_TEXT.missing_invoice_month}: the contract ${c.name} bills ${money(expected.total, c.currency)} for ${month}${due.length > 0 ? ` (${due.join(', ')})` : ''}, but the ledger has no ${provider} lines that month; import the bill or ask the vendor for it`,
      });
      out.push({ month, provider, contractId: c.id, currency: c.currency, billed: 0n, contracted: expected.exactTotal, variance: -expected.exactTotal, note: null, expected });
    }
  }
  return out;
}

/** Totals per currency over the months whose contracted amount is known; the others are counted with what they billed. */
function totalsOf(months: readonly MonthCheck[]): CheckTotal[] {
  const by = new Map<string, CheckTotal>();
  for (const m of months) {
    const t = by.get(m.currency) ?? { currency: m.currency, billed: 0n, contracted: 0n, variance: 0n, uncheckedMonths: 0, uncheckedBilled: 0n };
    by.set(m.currency, t);
    if (m.contracted === null) {
      t.uncheckedMonths += 1;
      t.uncheckedBilled += m.billed;
      continue;
    }
    t.billed += m.billed;
    t.contracted += m.contracted;
    t.variance += m.billed - m.contracted;
  }
  return [...by.values()];
}

/**
 * One month of a check. The check itself must run from the contract's first
 * month (credit balances and annual terms carry from there); this keeps what
 * concerns the month asked for, its findings regrouped.
 */
export function checkForMonth(check: InvoiceCheck, month: string): InvoiceCheck {
  const months = check.months.filter((m) => m.month === month);
  const lineFindings = check.lineFindings.filter((f) => f.month === month);
  const monthFindings = check.monthFindings.filter((f) => f.month === month);
  return { lines: check.lines.filter((l) => l.month === month), months, totals: totalsOf(months), findings: groupFindings(lineFindings, monthFindings), lineFindings, monthFindings };
}

/**
 * FOCUS (FinOps Open Cost and Usage Specification) 1.0 – 1.3 cost and usage
 * exports, CSV or Parquet.
 *
 * Source total: BilledCost per BillingCurrency (the invoice basis).
 * EffectiveCost (amortised: a prepaid commitment's usage rows carry
 * BilledCost 0 and EffectiveCost > 0), ListCost and ContractedCost are kept
 * beside it. ChargeCategory Usage, Purchase, Tax, Credit and Adjustment stay
 * apart; credits and negative quantities are kept.
 *
 * Model identity comes the way the FOCUS working group's AI billing examples
 * carry it, as JSON in SkuPriceDetails (ModelDeveloper, ModelFamily,
 * ModelId, ModelVersion, TokenDirection Input/Output, TokenCacheAction
 * Uncached/Read/Write), plus the keys the workbench's own FOCUS export adds
 * (x_UsageClass, x_ServiceTier, x_ContextBand, x_CacheTtl, and the
 * x_CredentialId column); rows without it fall back to words in SkuMeter and
 * ChargeDescription. Version: 1.3 has ServiceProviderName/HostProviderName,
 * 1.2 InvoiceId/PricingCurrency/BillingAccountType, 1.1 SkuMeter/
 * SkuPriceDetails/ServiceSubcategory, otherwise 1.0.
 */
import type { LedgerLine } from '../domain/ledger-line';
import { normaliseModelId } from '../domain/model-ids';
import { isUsageClass, type ChargeCategory, type ServiceTier, type UsageClass } from '../domain/usage';
import { CellReader } from './cells';
import { FOCUS_CHARGE_CATEGORY } from './rules/charge-categories';
import { lookupWord } from './rules/text-rules';
import { FOCUS_DETAIL_KEYS, FOCUS_TOKEN_CLASS } from './rules/usage-rules';
import { Columns, cell, presentColumns } from './columns';
import { DescribedRows } from './described-rows';
import type { Detection, FormatModule, FormatSample, MapOptions, RecordMapper, RowSink } from './types';
import { usageClassFromText, serviceTierFromText, serviceTierFromWord } from './usage-words';
import { monthOf } from './values/dates';
import { decimalToNanos, decimalToNumber, inferDecimalStyle, multiplyDecimal, parseUnit, plainQuantity } from './values/numbers';
import { parseContractApplied, storedContractApplied } from './values/contract-applied';
import { parseTags } from './values/tags';
import { blankToNull, clip, providerSlug } from './values/text';

const CURRENCY = /^[A-Z]{3}$/;
const REQUIRED = ['BilledCost', 'ChargePeriodStart', 'ChargePeriodEnd', 'BillingCurrency', 'ChargeCategory'];
const V13 = ['ServiceProviderName', 'HostProviderName'];
const V12 = ['InvoiceId', 'PricingCurrency', 'BillingAccountType', 'SubAccountType'];
const V11 = ['SkuMeter', 'SkuPriceDetails', 'ServiceSubcategory', 'CommitmentDiscountQuantity', 'CommitmentDiscountUnit'];
const SUPPORTING = ['EffectiveCost', 'ListCost', 'ContractedCost', 'ServiceName', 'ProviderName', 'ChargePeriodStart'];

function detect(sample: FormatSample): Detection | null {
  if (sample.kind !== 'tabular') return null;
  const required = presentColumns(sample.header, REQUIRED);
  if (required.length < REQUIRED.length) return null;
  const supporting = presentColumns(sample.header, SUPPORTING);
  const v13 = presentColumns(sample.header, V13);
  const v12 = presentColumns(sample.header, V12);
  const v11 = presentColumns(sample.header, V11);
  const version = v13.length > 0 ? '1.3' : v12.length > 0 ? '1.2' : v11.length > 0 ? '1.1' : '1.0';
  const decidedBy = [...required, ...(v13.length ? v13 : v12.length ? v12 : v11)];
  return { formatId: 'focus', version, confidence: supporting.length >= 3 ? 1 : 0.9, decidedBy, kind: 'tabular' };
}

interface ModelDetails {
  modelRaw: string | null;
  developer: string | null;
  usageClass: UsageClass | null;
  tier: ServiceTier | null;
  contextBand: string | null;
  /** The row's quantity is a placeholder: the statement it came from reported none. */
  quantityNotReported: boolean;
}

/** A line without tags (shared and frozen, like the parsed tags: the encoder stringifies it once). */
const NO_TAGS: Record<string, string> = Object.freeze({}) as Record<string, string>;
const NO_DETAILS: ModelDetails = { modelRaw: null, developer: null, usageClass: null, tier: null, contextBand: null, quantityNotReported: false };
const detailsCache = new Map<string, ModelDetails>();

/** SkuPriceDetails keys, matched without case and with or without the x_ prefix custom properties carry. */
function detailKey(details: Record<string, unknown>, key: string): string | null {
  const wanted = key.toLowerCase();
  for (const k of Object.keys(details)) {
    const folded = k.toLowerCase().replace(/^x_/, '');
    if (folded === wanted) {
      const v = details[k];
      if (v === null || v === undefined || typeof v === 'object') return null;
      const s = String(v).trim();
      return s === '' ? null : s;
    }
  }
  return null;
}

const TTL_PATTERNS = new Map(FOCUS_TOKEN_CLASS.filter((r) => r.ttl !== undefined).map((r) => [r.ttl as string, new RegExp(r.ttl as string)]));

/** TokenDirection, TokenCacheAction and the cache TTL (lower case) to a usage class, by FOCUS_TOKEN_CLASS. */
export function tokenClass(direction: string | null, cache: string | null, ttl: string): UsageClass | null {
  for (const rule of FOCUS_TOKEN_CLASS) {
    if (direction !== rule.direction) continue;
    if (rule.cache !== null && cache !== rule.cache) continue;
    if (rule.ttl !== undefined && !(TTL_PATTERNS.get(rule.ttl) as RegExp).test(ttl)) continue;
    return rule.value;
  }
  return null;
}

function parseDetails(text: string): ModelDetails {
  const t = text.trim();
  if (t === '' || t[0] !== '{') return NO_DETAILS;
  let hit = detailsCache.get(t);
  if (hit) return hit;
  let parsed: unknown;
  try {
    parsed = JSON.parse(t);
  } catch {
    parsed = null;
  }
  hit = NO_DETAILS;
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
    const d = parsed as Record<string, unknown>;
    const K = FOCUS_DETAIL_KEYS;
    const modelId = detailKey(d, K.modelId);
    const family = detailKey(d, K.family);
    const version = detailKey(d, K.version);
    const direction = detailKey(d, K.direction)?.toLowerCase() ?? null;
    const cache = (detailKey(d, K.cache) ?? detailKey(d, K.cacheAlt))?.toLowerCase() ?? null;
    const ttl = (detailKey(d, K.ttl[0]) ?? detailKey(d, K.ttl[1]) ?? detailKey(d, K.ttl[2]) ?? '').toLowerCase();
    const tierWord = detailKey(d, K.tier);
    const classWord = detailKey(d, K.usageClass);
    hit = {
      modelRaw: modelId ?? (family ? (version ? `${family}-${version}` : family) : null),
      developer: detailKey(d, K.developer),
      usageClass: tokenClass(direction, cache, ttl) ?? (classWord !== null && isUsageClass(classWord) ? classWord : null),
      tier: tierWord ? serviceTierFromWord(tierWord) : null,
      contextBand: detailKey(d, K.contextBand),
      quantityNotReported: detailKey(d, K.quantityNotReported)?.toLowerCase() === 'true',
    };
  }
  if (detailsCache.size > 10_000) detailsCache.clear();
  detailsCache.set(t, hit);
  return hit;
}

/** What describe makes of a row's descriptive cells, as the line takes it. */
type RowDescription = Pick<
  LedgerLine,
  'provider' | 'publisher' | 'billingAccount' | 'subAccount' | 'credential' | 'model' | 'modelRaw' | 'usageClass' | 'serviceTier' | 'region' | 'resourceId' | 'sku' | 'description' | 'tags'
> & {
  unit: ReturnType<typeof parseUnit>;
  lineUnit: string;
  quantityNotReported: boolean;
  contextBand: ModelDetails['contextBand'];
};

interface Kind {
  model: string | null;
  modelRaw: string | null;
  usageClass: UsageClass;
  serviceTier: ServiceTier;
}

function classifyUncached(details: ModelDetails, modelColumnText: string | null, meterText: string, descriptionText: string, unitText: string, usage: boolean): Kind {
  let modelRaw = details.modelRaw ?? modelColumnText;
  let model: string | null = null;
  if (modelRaw !== null) model = normaliseModelId(modelRaw).modelId;
  else {
    // No structured model: a meter or description that names a known model ("mistral-large input tokens").
    for (const text of [meterText, descriptionText]) {
      if (text === '') continue;
      const guess = normaliseModelId(text);
      if (guess.known) {
        modelRaw = text;
        model = guess.modelId;
        break;
      }
    }
  }
  const wordSource = meterText !== '' ? meterText : descriptionText !== '' ? descriptionText : unitText;
  const usageClass: UsageClass = details.usageClass ?? (usage ? (usageClassFromText(`${wordSource} ${unitText}`) ?? 'other') : 'other');
  const serviceTier: ServiceTier = details.tier ?? serviceTierFromText(`${meterText} ${descriptionText}`);
  return { model, modelRaw, usageClass, serviceTier };
}

function createMapper(sample: FormatSample, options: MapOptions): RecordMapper {
  if (sample.kind !== 'tabular') throw new TypeError('FOCUS reads tabular records');
  const c = new Columns(sample.header, options.fileName);
  const billedCost = c.require('BilledCost');
  const start = c.require('ChargePeriodStart');
  const end = c.require('ChargePeriodEnd');
  const currency = c.require('BillingCurrency');
  const category = c.require('ChargeCategory');
  const effectiveCost = c.index('EffectiveCost');
  const listCost = c.index('ListCost');
  const contractedCost = c.index('ContractedCost');
  const billingPeriodStart = c.index('BillingPeriodStart');
  const serviceProvider = c.index('ServiceProviderName');
  const providerName = c.index('ProviderName');
  const invoiceIssuer = c.index('InvoiceIssuerName');
  const publisherName = c.index('PublisherName');
  const hostProvider = c.index('HostProviderName');
  const billingAccount = c.index('BillingAccountId');
  const subAccount = c.index('SubAccountId');
  const credential = c.index('CredentialId');
  const principal = c.index('PrincipalId');
  const region = c.index('RegionId');
  const resource = c.index('ResourceId');
  const sku = c.index('SkuId');
  const skuMeter = c.index('SkuMeter');
  const skuPriceDetails = c.index('SkuPriceDetails');
  const description = c.index('ChargeDescription');
  const consumedQuantity = c.index('ConsumedQuantity');
  const consumedUnit = c.index('ConsumedUnit');
  const pricingQuantity = c.index('PricingQuantity');
  const pricingUnit = c.index('PricingUnit');
  const tags = c.index('Tags');
  const contractApplied = c.index('ContractApplied');
  const modelColumn = c.index('x_ModelId', 'x_Model');
  // The workbench's own FOCUS export writes the credential here (FOCUS 1.3 has no column for it).
  const credentialColumn = c.index('x_CredentialId');
  const extensions: [number, string][] = [];
  sample.header.forEach((h, i) => {
    const name = h.trim();
    if (name.startsWith('x_') && i !== modelColumn && i !== credentialColumn) extensions.push([i, name]);
  });

  const decimal = options.decimal ?? inferDecimalStyle(sample.rows.map((r) => cell(r, billedCost)));
  const cells = new CellReader(decimal, options.dateOrder ?? 'mdy');
  const costName = c.name(billedCost, 'BilledCost');
  /** The other cost columns usually repeat BilledCost's text: reuse its value instead of parsing again. */
  const otherCost = (values: readonly string[], index: number, name: string, billedText: string, billedNanos: bigint, sink: RowSink): bigint | null | false => {
    const text = cell(values, index);
    if (text === billedText) return billedNanos;
    if (text === '' || text.trim() === '') return null;
    const v = cells.number(text);
    if (v === null) {
      sink.reject(c.name(index, name), `${name} is not a number`, clip(text));
      return false;
    }
    return decimalToNanos(v);
  };
  const appliedCache = new Map<string, string | null | { reason: string }>();
  let lastPeriodText: string | null = null;
  /**
   * Charge periods by their start's text, with the end text that came with it last: the two dates of a row are found
   * by one lookup, not two (a million rows of a month hold a few hundred periods, the end mostly following the start).
   */
  const periods = new Map<string, { endText: string; start: string; end: string }>();
  /** Each currency cell folded and checked once: a file bills in one or a few currencies, its rows in any order. */
  const currencies = new Map<string, { text: string; ok: boolean }>();
  let lastCurrencyCell: string | null = null;
  let lastCurrency: { text: string; ok: boolean } | undefined;
  let lastPeriod: string | null = null;
  // The previous row's category cell and what it meant: most rows of a file are Usage (a word-table lookup a row fewer).
  let lastCategoryText: string | null = null;
  let lastCategory: ChargeCategory | undefined;
  // What a row is (model, class, tier) depends on its details and its words; both repeat across a file,
  // so each distinct combination is worked out once. Details objects are cached, so they key by identity;
  // the words key a tree of maps, one level per word, rather than one joined key: cells come from the
  // readers as shared strings whose hashes are known, where a joined key was a new string to build and
  // hash on every row (a tenth of the mapping's time on a million FOCUS rows).
  type KindTree = Map<string, Map<string, Map<string, Map<string, Kind[]>>>>;
  const kinds = new WeakMap<ModelDetails, { size: number; tree: KindTree }>();
  // The last kind met for each description, checked first: a description mostly comes with the same details, meter and
  // unit, and one lookup and a few comparisons replace the five lookups of the tree.
  interface LastKind {
    details: ModelDetails;
    modelColumnText: string | null;
    meterText: string;
    unitText: string;
    usage: boolean;
    kind: Kind;
  }
  const lastKinds = new Map<string, LastKind>();
  const classify = (details: ModelDetails, modelColumnText: string | null, meterText: string, descriptionText: string, unitText: string, usage: boolean): Kind => {
    const last = lastKinds.get(descriptionText);
    if (last !== undefined && last.details === details && last.meterText === meterText && last.unitText === unitText && last.usage === usage && last.modelColumnText === modelColumnText) {
      return last.kind;
    }
    const kind = classifyInTree(details, modelColumnText, meterText, descriptionText, unitText, usage);
    if (last !== undefined) {
      last.details = details;
      last.modelColumnText = modelColumnText;
      last.meterText = meterText;
      last.unitText = unitText;
      last.usage = usage;
      last.kind = kind;
    } else {
      if (lastKinds.size >= 10_000) lastKinds.clear();
      lastKinds.set(descriptionText, { details, modelColumnText, meterText, unitText, usage, kind });
    }
    return kind;
  };
  const classifyInTree = (details: ModelDetails, modelColumnText: string | null, meterText: string, descriptionText: string, unitText: string, usage: boolean): Kind => {
    let known = kinds.get(details);
    if (known === undefined || known.size > 5000) {
      known = { size: 0, tree: new Map() };
      kinds.set(details, known);
    }
    const byModel = known.tree;
    const modelKey = modelColumnText ?? '';
    let byMeter = byModel.get(modelKey);
    if (byMeter === undefined) byModel.set(modelKey, (byMeter = new Map()));
    let byDescription = byMeter.get(meterText);
    if (byDescription === undefined) byMeter.set(meterText, (byDescription = new Map()));
    let byUnit = byDescription.get(descriptionText);
    if (byUnit === undefined) byDescription.set(descriptionText, (byUnit = new Map()));
    let pair = byUnit.get(unitText);
    if (pair === undefined) byUnit.set(unitText, (pair = []));
    const slot = usage ? 1 : 0;
    let kind = pair[slot];
    if (kind === undefined) {
      kind = classifyUncached(details, modelColumnText, meterText, descriptionText, unitText, usage);
      pair[slot] = kind;
      known.size += 1;
    }
    return kind;
  };

  /** What a row says about itself besides its dates, amounts and quantity (no rejection comes of it). */
  const describe = (values: readonly string[], chargeCategory: ChargeCategory, pricing: boolean): RowDescription => {
    const unitText = cell(values, pricing ? pricingUnit : consumedUnit).trim();
    const unit = parseUnit(unitText);
    const details = skuPriceDetails >= 0 ? parseDetails(cell(values, skuPriceDetails)) : NO_DETAILS;
    const meterText = cell(values, skuMeter);
    const descriptionText = blankToNull(cell(values, description));
    const kind = classify(details, blankToNull(cell(values, modelColumn)), meterText, descriptionText ?? '', unitText, chargeCategory === 'usage');

    const provider = providerSlug(blankToNull(cell(values, serviceProvider)) ?? blankToNull(cell(values, providerName)) ?? blankToNull(cell(values, invoiceIssuer)) ?? 'unknown');
    const publisherText = details.developer ?? blankToNull(cell(values, publisherName)) ?? blankToNull(cell(values, hostProvider));
    const publisherSlug = publisherText === null ? null : providerSlug(publisherText);

    let lineTags: Record<string, string>;
    const tagsText = cell(values, tags);
    const parsed = tagsText === '' ? null : parseTags(tagsText);
    if (extensions.length === 0) {
      // (Frozen: one row description's tags go on many lines.)
      lineTags = parsed ? (parsed as Record<string, string>) : tagsText.trim() === '' ? NO_TAGS : Object.freeze({ Tags: tagsText });
    } else {
      lineTags = parsed ? { ...parsed } : tagsText.trim() === '' ? {} : { Tags: tagsText };
      for (const [i, name] of extensions) {
        const v = values[i];
        if (v !== undefined && v !== '') lineTags[name] = v;
      }
    }
    return {
      unit,
      lineUnit: unit.tokens || unit.unit === 'hours' ? unit.unit : unitText === '' ? 'units' : unitText,
      quantityNotReported: details.quantityNotReported,
      provider,
      publisher: publisherSlug !== null && publisherSlug !== provider ? publisherSlug : null,
      billingAccount: blankToNull(cell(values, billingAccount)),
      subAccount: blankToNull(cell(values, subAccount)),
      credential: blankToNull(cell(values, credential)) ?? blankToNull(cell(values, principal)) ?? blankToNull(cell(values, credentialColumn)),
      model: kind.model,
      modelRaw: kind.modelRaw,
      usageClass: kind.usageClass,
      serviceTier: kind.serviceTier,
      contextBand: details.contextBand,
      region: blankToNull(cell(values, region)),
      resourceId: blankToNull(cell(values, resource)),
      sku: blankToNull(cell(values, sku)),
      description: descriptionText,
      tags: lineTags,
    };
  };
  // Row descriptions found again by their cells (see described-rows.ts): one table for rows whose quantity is the consumed
  // one and one for the priced, since that choice picks the unit; not with x_ extensions, whose cells make each line's tags
  // its own object. Every column describe reads (the category too: it decides the usage flag), found by the one with the
  // most values (a description: credits and taxes of one SKU and resource have their own, 124 of them in the narrow 1M
  // benchmark file; else the SKU), then those that most often tell two rows apart.
  const describedColumns = [
    description, sku, resource, subAccount, billingAccount, category, credential, principal, credentialColumn, region, consumedUnit, pricingUnit,
    skuMeter, modelColumn, skuPriceDetails, serviceProvider, providerName, invoiceIssuer, publisherName, hostProvider, tags,
  ];
  const consumedRows = extensions.length === 0 ? new DescribedRows<RowDescription>(describedColumns) : null;
  const pricedRows = extensions.length === 0 ? new DescribedRows<RowDescription>(describedColumns) : null;

  return {
    // The columns looked up above and the x_ extensions copied into tags; nothing else of a row is read.
    columnsRead: [...c.found(), ...extensions.map(([i]) => i)],
    map(record, row, sink: RowSink): void {
      const values = record as readonly string[];
      sink.begin(row);

      const currencyCell = cell(values, currency);
      let folded = currencyCell === lastCurrencyCell ? lastCurrency : currencies.get(currencyCell);
      if (folded === undefined) {
        const text = currencyCell.trim().toUpperCase();
        folded = { text, ok: CURRENCY.test(text) };
        if (currencies.size >= 1000) currencies.clear();
        currencies.set(currencyCell, folded);
      }
      lastCurrencyCell = currencyCell;
      lastCurrency = folded;
      const currencyText = folded.text;
      const currencyOk = folded.ok;
      const billed = cells.number(cell(values, billedCost));
      if (billed !== null && currencyOk) sink.source(currencyText, billed);
      if (billed === null) return sink.reject(costName, 'BilledCost is not a number', clip(cell(values, billedCost)));
      if (!currencyOk) return sink.reject(c.name(currency, 'BillingCurrency'), 'BillingCurrency is not a three-letter currency code', clip(cell(values, currency)));

      const categoryText = cell(values, category).trim();
      if (categoryText !== lastCategoryText) {
        lastCategoryText = categoryText;
        lastCategory = lookupWord(FOCUS_CHARGE_CATEGORY, categoryText);
      }
      const chargeCategory = lastCategory;
      if (chargeCategory === undefined) return sink.reject(c.name(category, 'ChargeCategory'), 'ChargeCategory is not Usage, Purchase, Tax, Credit or Adjustment', clip(categoryText));

      const startText = cell(values, start);
      const endText = cell(values, end);
      // A charge period read before (both dates valid, in order): one lookup for the two dates.
      let period = periods.get(startText);
      if (period === undefined || period.endText !== endText) {
        const s = cells.instant(startText);
        if (!s.ok) return sink.reject(c.name(start, 'ChargePeriodStart'), s.reason, clip(startText));
        const e = cells.instant(endText);
        if (!e.ok) return sink.reject(c.name(end, 'ChargePeriodEnd'), e.reason, clip(endText));
        if (e.iso < s.iso) return sink.reject(c.name(end, 'ChargePeriodEnd'), 'ChargePeriodEnd is before ChargePeriodStart', endText);
        period = { endText, start: s.iso, end: e.iso };
        if (periods.size >= 4096) periods.clear();
        periods.set(startText, period);
      }

      const billedText = cell(values, billedCost);
      const billedNanos = decimalToNanos(billed);
      const effective = effectiveCost >= 0 ? otherCost(values, effectiveCost, 'EffectiveCost', billedText, billedNanos, sink) : null;
      if (effective === false) return;
      const list = listCost >= 0 ? otherCost(values, listCost, 'ListCost', billedText, billedNanos, sink) : null;
      if (list === false) return;
      const contracted = contractedCost >= 0 ? otherCost(values, contractedCost, 'ContractedCost', billedText, billedNanos, sink) : null;
      if (contracted === false) return;

      // Quantity: what was consumed, in single tokens when the unit is a block of tokens.
      const pricing = cell(values, consumedQuantity).trim() === '' && cell(values, pricingQuantity).trim() !== '';
      const qIndex = pricing ? pricingQuantity : consumedQuantity;
      const rows = pricing ? pricedRows : consumedRows;
      let d = rows?.on ? rows.find(values) : undefined;
      if (d === undefined) {
        d = describe(values, chargeCategory, pricing);
        rows?.keep(values, d);
      }
      const unit = d.unit;
      // Blank is not reported (a tax or credit line, a costs-only export): unknown, never zero.
      let quantity: number | null = null;
      const quantityText = cell(values, qIndex);
      // A plain quantity in the unit itself (most lines) is read straight to its number.
      const plain = unit.factor === 1n ? plainQuantity(quantityText, cells.decimal) : undefined;
      if (plain !== undefined) quantity = plain;
      else if (quantityText.trim() !== '') {
        const q = cells.number(quantityText);
        if (q === null) return sink.reject(c.name(qIndex, 'ConsumedQuantity'), 'quantity is not a number', clip(quantityText));
        quantity = decimalToNumber(unit.factor === 1n ? q : multiplyDecimal(q, unit.factor));
      }
      // The workbench's own export writes the PricingQuantity FOCUS requires even where the statement gave none, and says so.
      if (d.quantityNotReported) quantity = null;

      // ContractApplied repeats across a file's rows (one commitment, the same amounts): each distinct text is read once.
      let applied: string | null = null;
      const appliedText = contractApplied >= 0 ? cell(values, contractApplied) : '';
      if (appliedText !== '' && appliedText.trim() !== '') {
        let stored = appliedCache.get(appliedText);
        if (stored === undefined) {
          const parsed = parseContractApplied(appliedText);
          stored = parsed.ok ? storedContractApplied(parsed.applications) : { reason: parsed.reason };
          if (appliedCache.size > 10_000) appliedCache.clear();
          appliedCache.set(appliedText, stored);
        }
        if (stored !== null && typeof stored === 'object') return sink.reject(c.name(contractApplied, 'ContractApplied'), stored.reason, clip(appliedText));
        applied = stored;
      }

      const bpText = cell(values, billingPeriodStart);
      if (bpText !== lastPeriodText) {
        lastPeriodText = bpText;
        lastPeriod = billingPeriodStart >= 0 ? monthOf(bpText) : null;
      }
      const bp = lastPeriod;
      const line: LedgerLine = {
        chargePeriodStart: period.start,
        chargePeriodEnd: period.end,
        billingPeriod: bp,
        chargeCategory,
        provider: d.provider,
        publisher: d.publisher,
        billingAccount: d.billingAccount,
        subAccount: d.subAccount,
        credential: d.credential,
        model: d.model,
        modelRaw: d.modelRaw,
        usageClass: d.usageClass,
        serviceTier: d.serviceTier,
        contextBand: d.contextBand,
        region: d.region,
        resourceId: d.resourceId,
        sku: d.sku,
        description: d.description,
        tags: d.tags,
        quantity,
        unit: d.lineUnit,
        billedCost: billedNanos,
        effectiveCost: effective,
        listCost: list,
        contractedCost: contracted,
        currency: currencyText,
        sourceRow: row,
      };
      if (applied !== null) line.contractApplied = applied;
      sink.line(line);
    },
  };
}

export const focusFormat: FormatModule<'focus'> = {
  id: 'focus',
  label: 'FOCUS cost and usage export (1.0–1.3)',
  kinds: ['tabular'],
  costBasis: 'BilledCost per BillingCurrency',
  detect,
  createMapper,
};

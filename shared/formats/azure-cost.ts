/**
 * Azure Cost Management cost details export (EA and MCA; actual or
 * amortized), with Azure OpenAI / AI Foundry meters such as
 * `gpt-4o-mini-0718-Inp-glbl Tokens`, provisioned throughput units (PTU)
 * and reservations.
 *
 * Source total: CostInBillingCurrency (or Cost / PreTaxCost in older
 * exports) per BillingCurrencyCode, imported exactly as written: Azure
 * rounds it, and it is not always Quantity × EffectivePrice, so it is never
 * recomputed. Quantities are in UnitOfMeasure units ("1K", "1M", "1 Hour",
 * mixed within one file) and are scaled exactly to single tokens and hours.
 * Column names are matched without case (MCA writes camelCase). Dates are
 * often MM/DD/YYYY; DD/MM/YYYY is recognised when a day above 12 shows it.
 * Purchase, refund and tax rows (blank meters) keep their categories; in an
 * amortized export the cost is also the line's effective cost.
 */
import { addDaysToInstant } from '../domain/calendar';
import type { LedgerLine } from '../domain/ledger-line';
import { normaliseModelId } from '../domain/model-ids';
import type { ChargeCategory, ServiceTier, UsageClass } from '../domain/usage';
import { CellReader } from './cells';
import { AZURE_CHARGE_CATEGORY } from './rules/charge-categories';
import { lookupWord, matchTextRules } from './rules/text-rules';
import { AZURE_AI_CATEGORY, AZURE_PTU_METER, AZURE_TOKEN_METER } from './rules/usage-rules';
import { Columns, cell, presentColumns } from './columns';
import type { Detection, FormatModule, FormatSample, MapOptions, RecordMapper } from './types';
import { lineHint } from './keep';
import { serviceTierFromText, usageClassFromText } from './usage-words';
import { inferDateOrder, monthOf } from './values/dates';
import { decimalToNanos, decimalToNumber, inferDecimalStyle, multiplyDecimal, parseUnit } from './values/numbers';
import { parseTags } from './values/tags';
import { blankToNull, clip } from './values/text';

const COST = ['CostInBillingCurrency', 'Cost', 'PreTaxCost'];
const CURRENCY = ['BillingCurrencyCode', 'BillingCurrency', 'Currency'];
const DATE = ['Date', 'UsageDate', 'UsageDateTime'];
const METER = ['MeterName', 'MeterCategory', 'MeterSubCategory'];

function detect(sample: FormatSample): Detection | null {
  if (sample.kind !== 'tabular') return null;
  const cost = presentColumns(sample.header, COST);
  const currency = presentColumns(sample.header, CURRENCY);
  const date = presentColumns(sample.header, DATE);
  const meter = presentColumns(sample.header, METER);
  if (cost.length === 0 || date.length === 0 || meter.length < 2) return null;
  const chargeType = presentColumns(sample.header, ['ChargeType']);
  const typeIndex = sample.header.findIndex((h) => h.trim().toLowerCase() === 'chargetype');
  const unused = typeIndex >= 0 && sample.rows.some((r) => /^unused(reservation|savingsplan)$/i.test((r[typeIndex] ?? '').trim()));
  const amortized = /amorti[sz]ed/i.test(sample.fileName) || unused;
  return {
    formatId: 'azure-cost',
    version: amortized ? 'amortized' : 'actual',
    confidence: currency.length > 0 && chargeType.length > 0 ? 1 : 0.8,
    decidedBy: [cost[0] as string, ...currency, date[0] as string, ...meter, ...chargeType],
    kind: 'tabular',
  };
}


function createMapper(sample: FormatSample, options: MapOptions, detection?: Detection): RecordMapper {
  if (sample.kind !== 'tabular') throw new TypeError('the Azure cost details export is a CSV');
  const c = new Columns(sample.header, options.fileName);
  const cost = c.require(COST[0] as string, ...COST.slice(1));
  const currency = c.require(CURRENCY[0] as string, ...CURRENCY.slice(1));
  const date = c.require(DATE[0] as string, ...DATE.slice(1));
  const billingPeriodStart = c.index('BillingPeriodStartDate');
  const billingAccount = c.index('BillingAccountId', 'BillingProfileId');
  const subscription = c.index('SubscriptionId', 'SubscriptionGuid');
  const resourceGroup = c.index('ResourceGroup', 'ResourceGroupName');
  const resourceId = c.index('ResourceId', 'InstanceId', 'ResourceUri');
  const location = c.index('ResourceLocation');
  const meterRegion = c.index('MeterRegion');
  const meterCategory = c.index('MeterCategory');
  const meterSubCategory = c.index('MeterSubCategory');
  const meterName = c.index('MeterName');
  const meterId = c.index('MeterId');
  const unitOfMeasure = c.index('UnitOfMeasure');
  const quantity = c.index('Quantity', 'UsageQuantity');
  const payg = c.index('PaygCostInBillingCurrency');
  const tags = c.index('Tags');
  const chargeType = c.index('ChargeType');
  const productName = c.index('ProductName', 'Product');
  const consumedService = c.index('ConsumedService');
  const reservationName = c.index('ReservationName', 'BenefitName');
  const version = options.version ?? detection?.version ?? 'actual';
  const amortized = version === 'amortized';

  const decimal = options.decimal ?? inferDecimalStyle(sample.rows.map((r) => cell(r, cost)));
  const dateOrder = options.dateOrder ?? inferDateOrder(sample.rows.map((r) => cell(r, date)), 'mdy');
  const cells = new CellReader(decimal, dateOrder);
  const costName = c.name(cost, 'CostInBillingCurrency');

  return {
    map(record, row, sink) {
      const values = record as readonly string[];
      sink.begin(row);
      const costText = cell(values, cost);
      const amount = cells.number(costText);
      const currencyText = cell(values, currency).trim().toUpperCase();
      const currencyOk = /^[A-Z]{3}$/.test(currencyText);
      if (amount !== null && currencyOk) sink.source(currencyText, amount);
      if (amount === null) return sink.reject(costName, `${costName} is not a number`, clip(costText));
      if (!currencyOk) return sink.reject(c.name(currency, 'BillingCurrencyCode'), 'billing currency is not a three-letter code', clip(cell(values, currency)));

      const dateText = cell(values, date);
      const d = cells.instant(dateText);
      if (!d.ok) return sink.reject(c.name(date, 'Date'), d.reason, clip(dateText));

      const typeText = cell(values, chargeType).trim();
      const typeKey = typeText.toLowerCase();
      const chargeCategory = lookupWord(AZURE_CHARGE_CATEGORY, typeText) as ChargeCategory;

      const meter = cell(values, meterName).trim();
      const category = `${cell(values, meterCategory)} ${cell(values, meterSubCategory)} ${cell(values, consumedService)}`;
      const tokenMeter = matchTextRules(AZURE_TOKEN_METER, meter) !== null;
      const aiLine = matchTextRules(AZURE_AI_CATEGORY, category) !== null || tokenMeter;
      let model: string | null = null;
      let modelRaw: string | null = null;
      if (aiLine && meter !== '') {
        const m = normaliseModelId(meter, { provider: 'azure' });
        if (m.known || tokenMeter) {
          model = m.modelId;
          modelRaw = meter;
          if (matchTextRules(AZURE_PTU_METER, meter) !== null && !m.known) {
            // A PTU meter names capacity, not a model ("Global Provisioned Managed Unit").
            model = null;
            modelRaw = null;
          }
        }
      }
      const meterWords = `${meter} ${cell(values, meterSubCategory)}`;
      let usageClass: UsageClass = 'other';
      if (chargeCategory === 'usage' && !typeKey.startsWith('unused')) usageClass = (aiLine ? usageClassFromText(meterWords) : null) ?? 'other';
      const serviceTier: ServiceTier = aiLine ? serviceTierFromText(meterWords) : 'standard';

      const unitText = cell(values, unitOfMeasure).trim();
      const unit = parseUnit(unitText);
      const tokenClass = usageClass === 'input' || usageClass === 'output' || usageClass === 'cached_input' || usageClass === 'cache_write_5m' || usageClass === 'cache_write_1h';
      let q: number | null = null;
      const quantityText = cell(values, quantity);
      if (quantityText.trim() !== '') {
        const parsed = cells.number(quantityText);
        if (parsed === null) return sink.reject(c.name(quantity, 'Quantity'), 'quantity is not a number', clip(quantityText));
        q = decimalToNumber(unit.factor === 1n ? parsed : multiplyDecimal(parsed, unit.factor));
      }

      let list: bigint | null = null;
      const paygText = cell(values, payg);
      if (paygText.trim() !== '') {
        const p = cells.number(paygText);
        if (p === null) return sink.reject(c.name(payg, 'PaygCostInBillingCurrency'), 'pay-as-you-go cost is not a number', clip(paygText));
        list = decimalToNanos(p);
      }

      const tagText = cell(values, tags);
      const parsedTags = tagText.trim() === '' ? null : parseTags(tagText);
      let lineTags = (parsedTags as Record<string, string> | null) ?? (tagText.trim() === '' ? {} : { Tags: tagText });
      const group = blankToNull(cell(values, resourceGroup));
      const reservation = blankToNull(cell(values, reservationName));
      if (group !== null || reservation !== null) {
        lineTags = { ...lineTags };
        if (group !== null) lineTags.resourceGroup = group;
        if (reservation !== null) lineTags.reservation = reservation;
      }

      const billed = decimalToNanos(amount);
      const line: LedgerLine = {
        chargePeriodStart: d.iso,
        chargePeriodEnd: d.dateOnly ? addDaysToInstant(d.iso, 1) : d.iso,
        billingPeriod: billingPeriodStart >= 0 ? (monthOf(cell(values, billingPeriodStart)) ?? monthFromSlashDate(cell(values, billingPeriodStart), cells)) : null,
        chargeCategory,
        provider: 'azure',
        publisher: model !== null ? (normaliseModelId(modelRaw ?? '').developer ?? null) : null,
        billingAccount: blankToNull(cell(values, billingAccount)),
        subAccount: blankToNull(cell(values, subscription)),
        credential: null,
        model,
        modelRaw,
        usageClass,
        serviceTier,
        contextBand: null,
        region: blankToNull(cell(values, location)) ?? blankToNull(cell(values, meterRegion)),
        resourceId: blankToNull(cell(values, resourceId)),
        sku: blankToNull(cell(values, meterId)),
        description: blankToNull(meter) ?? blankToNull(cell(values, productName)) ?? (typeText === '' ? null : typeText),
        tags: lineTags,
        quantity: q,
        unit: tokenClass ? 'tokens' : unit.tokens || unit.unit === 'hours' ? unit.unit : unitText === '' ? 'units' : unitText,
        billedCost: billed,
        effectiveCost: amortized ? billed : null,
        listCost: list,
        contractedCost: null,
        currency: currencyText,
        sourceRow: row,
      };
      // A reservation purchase or refund has no meter: its product names the AI service ("Azure OpenAI Provisioned Throughput Reservation").
      const product = cell(values, productName);
      const aiProduct = !aiLine && product !== '' && matchTextRules(AZURE_AI_CATEGORY, product) !== null;
      sink.line(line, lineHint(blankToNull(cell(values, meterCategory)) ?? blankToNull(cell(values, consumedService)) ?? blankToNull(product), aiLine || aiProduct));
    },
  };
}

function monthFromSlashDate(text: string, cells: CellReader): string | null {
  const d = cells.instant(text);
  return d.ok ? d.iso.slice(0, 7) : null;
}

export const azureCostFormat: FormatModule<'azure-cost'> = {
  id: 'azure-cost',
  label: 'Azure cost details export (actual or amortized)',
  kinds: ['tabular'],
  costBasis: 'CostInBillingCurrency per BillingCurrencyCode, as written',
  detect,
  createMapper,
};

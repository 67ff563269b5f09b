/**
 * One writer per vendor format. Each draws rows from a seeded Random, writes
 * them in the vendor's own shape and spelling, and keeps the exact totals
 * the importer must reconcile to.
 */
import type { UsageClass } from '../../shared/domain/usage';
import { perTokenUnits, unitsToText } from './amounts';
import { ACCOUNT_SERVICES, MODELS, PROJECTS, TEAMS, TOKEN_CLASSES, type GenModel } from './catalog';
import type { Random } from './random';
import { ExpectedTotals, type TextSink } from './sink';

export interface WriterContext {
  rng: Random;
  rows: number;
  sink: TextSink;
  expected: ExpectedTotals;
}

export interface FormatWriter {
  /** Format id the importer should detect. */
  formatId: string;
  /** Default file extension. */
  extension: string;
  write(ctx: WriterContext): Promise<void>;
}

const DAY = 86_400_000;
const MONTH_START = Date.UTC(2026, 2, 1);

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function classFor(rng: Random, model: GenModel): UsageClass {
  const usageClass = rng.weighted(TOKEN_CLASSES);
  return model.prices[usageClass] !== undefined ? usageClass : 'input';
}

/** A usage draw: model, class, tokens and its exact cost in 1e-10 units. */
function drawUsage(rng: Random, models: readonly GenModel[] = MODELS): { model: GenModel; usageClass: UsageClass; tokens: number; units: number; day: number } {
  const model = rng.pick(models);
  const usageClass = classFor(rng, model);
  const tokens = rng.int(1_000, 2_000_000);
  const units = tokens * perTokenUnits(model.prices[usageClass] as number);
  return { model, usageClass, tokens, units, day: rng.int(0, 30) };
}

async function rowsLoop(ctx: WriterContext, each: (i: number) => void): Promise<void> {
  for (let i = 0; i < ctx.rows; i += 1) {
    each(i);
    if ((i & 1023) === 1023) await ctx.sink.maybeFlush();
  }
}

// ---------------------------------------------------------------- FOCUS 1.2

const FOCUS_HEADER = [
  'BillingAccountId', 'BillingAccountName', 'BillingCurrency', 'BillingPeriodStart', 'BillingPeriodEnd', 'ChargeCategory', 'ChargeClass',
  'ChargeDescription', 'ChargeFrequency', 'ChargePeriodStart', 'ChargePeriodEnd', 'BilledCost', 'EffectiveCost', 'ListCost', 'ContractedCost',
  'ConsumedQuantity', 'ConsumedUnit', 'PricingQuantity', 'PricingUnit', 'InvoiceId', 'InvoiceIssuerName', 'ProviderName', 'PublisherName',
  'RegionId', 'ResourceId', 'ServiceCategory', 'ServiceName', 'SkuId', 'SkuMeter', 'SkuPriceDetails', 'SubAccountId', 'SubAccountName', 'Tags',
];

const DIRECTION: Record<string, [string, string]> = {
  input: ['Input', 'Uncached'],
  cached_input: ['Input', 'Read'],
  cache_write_5m: ['Input', 'Write'],
  output: ['Output', ''],
};

const focus: FormatWriter = {
  formatId: 'focus',
  extension: 'csv',
  async write(ctx) {
    const { rng, sink, expected } = ctx;
    sink.write(`${FOCUS_HEADER.join(',')}\n`);
    const details = new Map<string, string>();
    const billingStart = iso(MONTH_START);
    const billingEnd = iso(Date.UTC(2026, 3, 1));
    const tags = TEAMS.flatMap((t) => PROJECTS.map((p) => csvCell(JSON.stringify({ team: t, project: p }))));
    await rowsLoop(ctx, () => {
      const currency = rng.chance(0.1) ? 'EUR' : 'USD';
      const account = currency === 'USD' ? 'acct-1001' : 'acct-2002';
      const category = rng.weighted([['Usage', 96], ['Credit', 1.5], ['Tax', 1.5], ['Purchase', 0.5], ['Adjustment', 0.5]] as const);
      const day = rng.int(0, 30);
      const start = iso(MONTH_START + day * DAY);
      const end = iso(MONTH_START + (day + 1) * DAY);
      expected.rows += 1;
      expected.lines += 1;
      if (category !== 'Usage') {
        const cents = rng.int(1, 50_000);
        const units = (category === 'Credit' || category === 'Adjustment' ? -cents : cents) * 100_000_000;
        const cost = unitsToText(units);
        expected.add(currency, units);
        sink.write(`${account},Acme,${currency},${billingStart},${billingEnd},${category},,${category} ${day + 1},One-Time,${start},${end},${cost},${cost},,,,,,,inv-${currency},OpenAI,OpenAI,OpenAI,,,AI and Machine Learning,OpenAI API,,,,proj-billing,Billing,\n`);
        return;
      }
      const u = drawUsage(rng);
      const [direction, cache] = DIRECTION[u.usageClass] as [string, string];
      const spelling = u.model.openai ?? u.model.anthropic ?? u.model.id;
      const key = `${spelling}|${u.usageClass}`;
      let detail = details.get(key);
      if (detail === undefined) {
        const d: Record<string, string> = { ModelDeveloper: u.model.developer, ModelId: spelling, TokenDirection: direction };
        if (cache) d.TokenCacheAction = cache;
        detail = csvCell(JSON.stringify(d));
        details.set(key, detail);
      }
      const cost = unitsToText(u.units);
      expected.add(currency, u.units);
      expected.addTokens(u.usageClass, u.tokens);
      const project = rng.pick(PROJECTS);
      const provider = u.model.developer === 'anthropic' ? 'Amazon Web Services' : u.model.developer === 'google' ? 'Google Cloud' : 'OpenAI';
      sink.write(
        `${account},Acme,${currency},${billingStart},${billingEnd},Usage,,${u.model.id} ${u.usageClass} tokens,Usage-Based,${start},${end},${cost},${cost},${cost},,${u.tokens},Tokens,${u.tokens},Tokens,inv-${currency},${provider},${provider},${u.model.developer},global,res-${project},AI and Machine Learning,${provider} AI,sku-${u.model.id}-${u.usageClass},${u.usageClass} tokens,${detail},${project},${project},${rng.pick(tags)}\n`,
      );
    });
  },
};

// ---------------------------------------------------------------- OpenAI API pages

function openAiBuckets(ctx: WriterContext, result: (day: number) => string): Promise<void> {
  const { sink } = ctx;
  sink.write('{"object":"page","data":[');
  let written = 0;
  let day = 0;
  const perBucket = Math.max(1, Math.ceil(ctx.rows / 31));
  return (async () => {
    while (written < ctx.rows) {
      const start = (MONTH_START + day * DAY) / 1000;
      const items: string[] = [];
      for (let k = 0; k < perBucket && written < ctx.rows; k += 1, written += 1) items.push(result(day));
      sink.write(`${day > 0 ? ',' : ''}\n{"object":"bucket","start_time":${start},"end_time":${start + 86400},"results":[\n${items.join(',\n')}]}`);
      day += 1;
      await sink.maybeFlush();
    }
    sink.write('],"has_more":false,"next_page":null}\n');
  })();
}

const openAiCosts: FormatWriter = {
  formatId: 'openai-costs',
  extension: 'json',
  write(ctx) {
    const openai = MODELS.filter((m) => m.openai);
    return openAiBuckets(ctx, () => {
      const u = drawUsage(ctx.rng, openai);
      const usageClass = u.usageClass === 'cache_write_5m' ? 'input' : u.usageClass;
      const units = u.tokens * perTokenUnits(u.model.prices[usageClass] as number);
      ctx.expected.rows += 1;
      ctx.expected.lines += 1;
      ctx.expected.add('USD', units);
      // The API writes small amounts in exponent form; so does this generator, for a share of them.
      const value = units < 1000 && ctx.rng.chance(0.5) ? `${units}e-10` : unitsToText(units);
      const kind = usageClass === 'cached_input' ? 'cached input' : usageClass;
      return `{"object":"organization.costs.result","amount":{"value":${value},"currency":"usd"},"line_item":"${u.model.openai}, ${kind}","project_id":"${ctx.rng.pick(PROJECTS)}","api_key_id":null,"quantity":null}`;
    });
  },
};

const openAiUsage: FormatWriter = {
  formatId: 'openai-usage',
  extension: 'json',
  write(ctx) {
    const openai = MODELS.filter((m) => m.openai);
    return openAiBuckets(ctx, () => {
      const { rng, expected } = ctx;
      const model = rng.pick(openai);
      const input = rng.int(1_000, 900_000);
      const cached = rng.int(0, input);
      const output = rng.int(0, 200_000);
      const requests = rng.int(1, 500);
      expected.rows += 1;
      expected.lines += [input - cached, cached, output, requests].filter((n) => n !== 0).length;
      expected.addTokens('input', input - cached);
      expected.addTokens('cached_input', cached);
      expected.addTokens('output', output);
      return `{"object":"organization.usage.completions.result","input_tokens":${input},"input_cached_tokens":${cached},"output_tokens":${output},"input_audio_tokens":0,"output_audio_tokens":0,"num_model_requests":${requests},"project_id":"${rng.pick(PROJECTS)}","user_id":null,"api_key_id":"key_${rng.int(1, 9)}","model":"${model.openai}","batch":${rng.chance(0.2)},"service_tier":"default"}`;
    });
  },
};

const openAiDashboardCosts: FormatWriter = {
  formatId: 'openai-dashboard-csv',
  extension: 'csv',
  async write(ctx) {
    const { rng, sink, expected } = ctx;
    const openai = MODELS.filter((m) => m.openai);
    sink.write('start_time,end_time,start_time_iso,end_time_iso,amount_value,amount_currency,quantity,quantity_unit,line_item,user_id,api_key_id,project_id,organization_id,project_name,organization_name,user_email,api_source\n');
    await rowsLoop(ctx, () => {
      const u = drawUsage(rng, openai);
      const usageClass = u.usageClass === 'cache_write_5m' ? 'output' : u.usageClass;
      const units = u.tokens * perTokenUnits(u.model.prices[usageClass] as number);
      const start = MONTH_START + u.day * DAY;
      expected.rows += 1;
      expected.lines += 1;
      expected.add('USD', units);
      const kind = usageClass === 'cached_input' ? 'cached input' : usageClass;
      sink.write(`${start / 1000},${start / 1000 + 86400},${iso(start).replace('Z', '+00:00')},${iso(start + DAY).replace('Z', '+00:00')},${unitsToText(units)},usd,,,"${u.model.openai}, ${kind}",,key_${rng.int(1, 9)},proj_${rng.int(1, 6)},org_1,${rng.pick(PROJECTS)},Acme,,\n`);
    });
  },
};

// ---------------------------------------------------------------- Anthropic

const anthropicTokenTypes: Record<string, string> = {
  input: 'uncached_input_tokens',
  output: 'output_tokens',
  cached_input: 'cache_read_input_tokens',
  cache_write_5m: 'cache_creation.ephemeral_5m_input_tokens',
};

function anthropicItem(ctx: WriterContext): { model: GenModel; usageClass: UsageClass; tokens: number; cents: string; units: number; day: number } {
  const u = drawUsage(ctx.rng, MODELS.filter((m) => m.anthropic));
  // Cost report amounts are cents: 1e-10 units are 1e-8 cents.
  const cents = unitsToText(u.units * 100).replace(/\.00$/, '');
  return { ...u, cents };
}

const anthropicCostJson: FormatWriter = {
  formatId: 'anthropic-cost',
  extension: 'json',
  async write(ctx) {
    const { sink, expected } = ctx;
    sink.write('{"data":[');
    const perBucket = Math.max(1, Math.ceil(ctx.rows / 31));
    let written = 0;
    for (let day = 0; written < ctx.rows; day += 1) {
      const items: string[] = [];
      for (let k = 0; k < perBucket && written < ctx.rows; k += 1, written += 1) {
        const it = anthropicItem(ctx);
        expected.rows += 1;
        expected.lines += 1;
        expected.add('USD', it.units);
        items.push(`{"currency":"USD","amount":"${it.cents}","workspace_id":"wrkspc_${ctx.rng.int(1, 4)}","description":null,"cost_type":"tokens","context_window":"0-200k","model":"${it.model.anthropic}","service_tier":"standard","token_type":"${anthropicTokenTypes[it.usageClass]}"}`);
      }
      sink.write(`${day > 0 ? ',' : ''}\n{"starting_at":"${iso(MONTH_START + day * DAY)}","ending_at":"${iso(MONTH_START + (day + 1) * DAY)}","results":[\n${items.join(',\n')}]}`);
      await sink.maybeFlush();
    }
    sink.write('],"has_more":false,"next_page":null}\n');
  },
};

const anthropicCostCsv: FormatWriter = {
  formatId: 'anthropic-cost',
  extension: 'csv',
  async write(ctx) {
    const { sink, expected } = ctx;
    sink.write('starting_at,ending_at,amount,currency,cost_type,token_type,model,service_tier,context_window,workspace_id,description\n');
    await rowsLoop(ctx, () => {
      const it = anthropicItem(ctx);
      expected.rows += 1;
      expected.lines += 1;
      expected.add('USD', it.units);
      sink.write(`${iso(MONTH_START + it.day * DAY)},${iso(MONTH_START + (it.day + 1) * DAY)},${it.cents},USD,tokens,${anthropicTokenTypes[it.usageClass]},${it.model.anthropic},standard,0-200k,wrkspc_1,\n`);
    });
  },
};

function anthropicUsageCounts(ctx: WriterContext): number[] {
  const { rng, expected } = ctx;
  const counts = [rng.int(0, 500_000), rng.int(0, 50_000), rng.int(0, 20_000), rng.int(0, 400_000), rng.int(0, 80_000), rng.int(0, 5)];
  const classes = ['input', 'cache_write_5m', 'cache_write_1h', 'cached_input', 'output', 'tool_call'];
  expected.rows += 1;
  counts.forEach((n, i) => {
    if (n !== 0) {
      expected.lines += 1;
      expected.addTokens(classes[i] as string, n);
    }
  });
  return counts;
}

const anthropicUsageJson: FormatWriter = {
  formatId: 'anthropic-usage',
  extension: 'json',
  async write(ctx) {
    const { sink, rng } = ctx;
    sink.write('{"data":[');
    const perBucket = Math.max(1, Math.ceil(ctx.rows / 31));
    let written = 0;
    for (let day = 0; written < ctx.rows; day += 1) {
      const items: string[] = [];
      for (let k = 0; k < perBucket && written < ctx.rows; k += 1, written += 1) {
        const [input, w5, w1, read, output, search] = anthropicUsageCounts(ctx);
        const model = rng.pick(MODELS.filter((m) => m.anthropic));
        items.push(`{"uncached_input_tokens":${input},"cache_creation":{"ephemeral_1h_input_tokens":${w1},"ephemeral_5m_input_tokens":${w5}},"cache_read_input_tokens":${read},"output_tokens":${output},"server_tool_use":{"web_search_requests":${search}},"api_key_id":"apikey_${rng.int(1, 5)}","workspace_id":"wrkspc_${rng.int(1, 4)}","model":"${model.anthropic}","service_tier":"${rng.chance(0.2) ? 'batch' : 'standard'}","context_window":"0-200k"}`);
      }
      sink.write(`${day > 0 ? ',' : ''}\n{"starting_at":"${iso(MONTH_START + day * DAY)}","ending_at":"${iso(MONTH_START + (day + 1) * DAY)}","results":[\n${items.join(',\n')}]}`);
      await sink.maybeFlush();
    }
    sink.write('],"has_more":false,"next_page":null}\n');
  },
};

const anthropicUsageCsv: FormatWriter = {
  formatId: 'anthropic-usage',
  extension: 'csv',
  async write(ctx) {
    const { sink, rng } = ctx;
    sink.write('starting_at,ending_at,model,workspace_id,api_key_id,service_tier,context_window,uncached_input_tokens,cache_creation.ephemeral_5m_input_tokens,cache_creation.ephemeral_1h_input_tokens,cache_read_input_tokens,output_tokens,server_tool_use.web_search_requests\n');
    await rowsLoop(ctx, () => {
      const [input, w5, w1, read, output, search] = anthropicUsageCounts(ctx);
      const day = rng.int(0, 30);
      const model = rng.pick(MODELS.filter((m) => m.anthropic));
      sink.write(`${iso(MONTH_START + day * DAY)},${iso(MONTH_START + (day + 1) * DAY)},${model.anthropic},wrkspc_${rng.int(1, 4)},apikey_${rng.int(1, 5)},standard,0-200k,${input},${w5},${w1},${read},${output},${search}\n`);
    });
  },
};

// ---------------------------------------------------------------- AWS CUR

const BEDROCK_SUFFIX: Record<string, string> = {
  input: 'input-tokens',
  output: 'output-tokens',
  cached_input: 'cache-read-input-token-count',
  cache_write_5m: 'cache-write-input-token-count',
};

function curRow(ctx: WriterContext): { type: string; usageType: string; amount: string; units: number; day: number; productCode: string } {
  const { rng, expected } = ctx;
  expected.rows += 1;
  expected.lines += 1;
  const type = rng.weighted([['Usage', 95], ['Tax', 2], ['Credit', 2], ['Refund', 1]] as const);
  if (type !== 'Usage') {
    const cents = rng.int(1, 20_000) * (type === 'Tax' ? 1 : -1);
    expected.add('USD', cents * 100_000_000);
    return { type, usageType: '', amount: '', units: cents * 100_000_000, day: rng.int(0, 30), productCode: 'AmazonBedrock' };
  }
  const u = drawUsage(rng, MODELS.filter((m) => m.bedrockUsageType));
  // Bedrock bills per 1K tokens: draw whole thousands so the usage amount is exact.
  const thousands = Math.max(1, Math.round(u.tokens / 1000));
  const units = thousands * 1000 * perTokenUnits(u.model.prices[u.usageClass] as number);
  expected.add('USD', units);
  expected.addTokens(u.usageClass, thousands * 1000);
  const region = rng.pick(['USE1', 'USW2', 'EUC1']);
  return { type, usageType: `${region}-${u.model.bedrockUsageType}-${BEDROCK_SUFFIX[u.usageClass]}`, amount: String(thousands), units, day: u.day, productCode: 'AmazonBedrock' };
}

const awsCur2: FormatWriter = {
  formatId: 'aws-cur',
  extension: 'csv',
  async write(ctx) {
    const { sink, rng } = ctx;
    sink.write('bill_billing_period_start_date,bill_payer_account_id,line_item_usage_account_id,line_item_line_item_type,line_item_usage_start_date,line_item_usage_end_date,line_item_product_code,line_item_usage_type,line_item_operation,line_item_usage_amount,line_item_currency_code,line_item_unblended_cost,line_item_net_unblended_cost,line_item_line_item_description,pricing_unit,product,product_region_code,resource_tags\n');
    await rowsLoop(ctx, () => {
      const r = curRow(ctx);
      const cost = unitsToText(r.units);
      const tags = csvCell(JSON.stringify({ user_team: rng.pick(TEAMS) }));
      sink.write(`${iso(MONTH_START)},999988887777,11112222${rng.int(1000, 1009)},${r.type},${iso(MONTH_START + r.day * DAY)},${iso(MONTH_START + (r.day + 1) * DAY)},${r.productCode},${r.usageType},InvokeModelInference,${r.amount},USD,${cost},${cost},${r.type} line,${r.usageType ? '1K tokens' : ''},"{""product_name"":""Amazon Bedrock""}",us-east-1,${tags}\n`);
    });
  },
};

const awsCurLegacy: FormatWriter = {
  formatId: 'aws-cur',
  extension: 'csv',
  async write(ctx) {
    const { sink, rng } = ctx;
    sink.write('identity/LineItemId,bill/BillingPeriodStartDate,bill/PayerAccountId,lineItem/UsageAccountId,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/UsageEndDate,lineItem/ProductCode,lineItem/UsageType,lineItem/UsageAmount,lineItem/CurrencyCode,lineItem/UnblendedCost,lineItem/LineItemDescription,product/ProductName,pricing/unit,resourceTags/user:Team\r\n');
    await rowsLoop(ctx, (i) => {
      const r = curRow(ctx);
      sink.write(`li-${i},${iso(MONTH_START)},999988887777,111122223333,${r.type},${iso(MONTH_START + r.day * DAY)},${iso(MONTH_START + (r.day + 1) * DAY)},${r.productCode},${r.usageType},${r.amount},USD,${unitsToText(r.units)},${r.type} line,Amazon Bedrock,${r.usageType ? '1K tokens' : ''},${rng.pick(TEAMS)}\r\n`);
    });
  },
};

/** Share of a whole-account CUR's lines that are Bedrock (the issue's 2%). */
const ACCOUNT_BEDROCK_SHARE = 0.02;

/**
 * A whole organisation's CUR 2.0: mostly compute, storage and network lines
 * by the hour over 20 usage accounts (1% of them under a second payer billed
 * in EUR), resource ids that rarely repeat, and 2% Bedrock lines (curRow's,
 * with their tax, credits and refunds). The shape `--keep ai` is for.
 */
const awsCurAccount: FormatWriter = {
  formatId: 'aws-cur',
  extension: 'csv',
  async write(ctx) {
    const { sink, rng, expected } = ctx;
    sink.write('bill_billing_period_start_date,bill_payer_account_id,line_item_usage_account_id,line_item_line_item_type,line_item_usage_start_date,line_item_usage_end_date,line_item_product_code,line_item_usage_type,line_item_operation,line_item_resource_id,line_item_usage_amount,line_item_currency_code,line_item_unblended_cost,line_item_net_unblended_cost,line_item_line_item_description,pricing_unit,product,product_region_code,resource_tags\n');
    const period = iso(MONTH_START);
    await rowsLoop(ctx, () => {
      const account = `11112222${rng.int(1000, 1019)}`;
      if (rng.chance(ACCOUNT_BEDROCK_SHARE)) {
        const r = curRow(ctx);
        const cost = unitsToText(r.units);
        sink.write(`${period},999988887777,${account},${r.type},${iso(MONTH_START + r.day * DAY)},${iso(MONTH_START + (r.day + 1) * DAY)},${r.productCode},${r.usageType},InvokeModelInference,,${r.amount},USD,${cost},${cost},${r.type} line,${r.usageType ? '1K tokens' : ''},"{""product_name"":""Amazon Bedrock""}",us-east-1,\n`);
        return;
      }
      expected.rows += 1;
      expected.lines += 1;
      const [productCode, usageTypes, unit] = rng.pick(ACCOUNT_SERVICES);
      const type = rng.weighted([['Usage', 97], ['Tax', 1], ['Credit', 1.5], ['Refund', 0.5]] as const);
      const eur = rng.chance(0.01);
      const currency = eur ? 'EUR' : 'USD';
      const hour = rng.int(0, 30 * 24 - 1);
      const start = MONTH_START + hour * 3_600_000;
      const units = rng.int(1, 2_000_000) * 100 * (type === 'Usage' || type === 'Tax' ? 1 : -1);
      expected.add(currency, units);
      const cost = unitsToText(units);
      const usageType = type === 'Usage' ? `USE1-${rng.pick(usageTypes)}` : '';
      const amount = type === 'Usage' ? `${rng.int(1, 100_000)}.${rng.int(0, 999)}` : '';
      sink.write(`${period},${eur ? '999988880000' : '999988887777'},${account},${type},${iso(start)},${iso(start + 3_600_000)},${productCode},${usageType},Run,${type === 'Usage' ? `r-${rng.hex(12)}` : ''},${amount},${currency},${cost},${cost},${type} line,${type === 'Usage' ? unit : ''},,us-east-1,${type === 'Usage' ? `{"user_team": "${rng.pick(TEAMS)}"}`.replace(/"/g, '""').replace(/^/, '"').replace(/$/, '"') : ''}\n`);
    });
  },
};

// ---------------------------------------------------------------- Azure

const AZURE_KIND: Record<string, string> = { input: 'Inp', output: 'Outp', cached_input: 'cchd-Inp', cache_write_5m: 'Inp' };

function azureWriter(amortized: boolean): FormatWriter {
  return {
    formatId: 'azure-cost',
    extension: 'csv',
    async write(ctx) {
      const { sink, rng, expected } = ctx;
      sink.write('\uFEFFBillingAccountId,BillingPeriodStartDate,SubscriptionId,Date,ResourceGroup,ResourceLocation,MeterCategory,MeterSubCategory,MeterName,UnitOfMeasure,Quantity,EffectivePrice,CostInBillingCurrency,BillingCurrencyCode,Tags,ChargeType,PricingModel\r\n');
      const azure = MODELS.filter((m) => m.azureMeter);
      await rowsLoop(ctx, () => {
        expected.rows += 1;
        expected.lines += 1;
        const day = rng.int(1, 31);
        const date = `03/${String(day).padStart(2, '0')}/2026`;
        if (rng.chance(0.02)) {
          const cents = rng.int(100, 1_000_000);
          const type = amortized ? 'UnusedReservation' : rng.pick(['Purchase', 'Refund']);
          const units = (type === 'Refund' ? -cents : cents) * 100_000_000;
          expected.add('EUR', units);
          sink.write(`8611537,03/01/2026,sub-1111,${date},,,,,,,,,${unitsToText(units)},EUR,,${type},Reservation\r\n`);
          return;
        }
        const u = drawUsage(rng, azure);
        const usageClass = u.usageClass === 'cache_write_5m' ? 'input' : u.usageClass;
        // Quantity in 1K units with three decimals, so the tokens are whole and the scaling exact.
        const quantityText = (u.tokens / 1000).toFixed(3);
        const tokens = Math.round(Number(quantityText) * 1000);
        const units = tokens * perTokenUnits(u.model.prices[usageClass] as number);
        expected.add('EUR', units);
        expected.addTokens(usageClass, tokens);
        sink.write(`8611537,03/01/2026,sub-1111,${date},rg-ai,swedencentral,Cognitive Services,Azure OpenAI,${u.model.azureMeter}-${AZURE_KIND[usageClass]}-glbl Tokens,1K,${quantityText},0,${unitsToText(units)},EUR,"""team"": ""${rng.pick(TEAMS)}""",Usage,OnDemand\r\n`);
      });
    },
  };
}

// ---------------------------------------------------------------- Google Cloud

function gcpRow(ctx: WriterContext): { sku: string; units: number; credit: number; day: number; tokens: number; usageClass: UsageClass } {
  const { rng, expected } = ctx;
  const u = drawUsage(rng, MODELS.filter((m) => m.vertexSku));
  const usageClass = u.usageClass === 'cache_write_5m' ? 'input' : u.usageClass;
  const units = u.tokens * perTokenUnits(u.model.prices[usageClass] as number);
  const credit = rng.chance(0.2) ? -Math.floor(units / 10) : 0;
  expected.rows += 1;
  expected.lines += credit !== 0 ? 2 : 1;
  expected.add('USD', units);
  if (credit !== 0) expected.add('USD', credit);
  expected.addTokens(usageClass, u.tokens);
  const kind = usageClass === 'cached_input' ? 'Cached Input' : usageClass === 'output' ? 'Output' : 'Input';
  const sku = u.model.developer === 'google' ? `${u.model.vertexSku} Text ${kind} - Predictions` : `${u.model.vertexSku} ${kind} Tokens`;
  return { sku, units, credit, day: u.day, tokens: u.tokens, usageClass };
}

const gcpJson: FormatWriter = {
  formatId: 'gcp-billing',
  extension: 'jsonl',
  async write(ctx) {
    const { sink, rng } = ctx;
    await rowsLoop(ctx, () => {
      const r = gcpRow(ctx);
      const start = MONTH_START + r.day * DAY;
      const credits = r.credit !== 0 ? `[{"name":"Committed use discount","amount":${unitsToText(r.credit)},"type":"COMMITTED_USAGE_DISCOUNT","id":"cud-1"}]` : '[]';
      sink.write(`{"billing_account_id":"01ABCD-234567-89EFGH","service":{"id":"C7E2-9256-1C43","description":"Vertex AI"},"sku":{"id":"SKU-${rng.int(1000, 1099)}","description":"${r.sku}"},"usage_start_time":"${iso(start).replace('T', ' ').replace('Z', ' UTC')}","usage_end_time":"${iso(start + 3_600_000).replace('T', ' ').replace('Z', ' UTC')}","project":{"id":"${rng.pick(PROJECTS)}"},"labels":[{"key":"team","value":"${rng.pick(TEAMS)}"}],"location":{"region":"us-central1"},"cost":${unitsToText(r.units)},"currency":"USD","usage":{"amount":${r.tokens},"unit":"count"},"credits":${credits},"invoice":{"month":"202603"},"cost_type":"regular"}\n`);
    });
  },
};

const gcpCsv: FormatWriter = {
  formatId: 'gcp-billing',
  extension: 'csv',
  async write(ctx) {
    const { sink, rng } = ctx;
    sink.write('billing_account_id,service_description,sku_description,usage_start_time,usage_end_time,project_id,labels,location_region,cost,currency,usage_amount,usage_unit,credits,invoice_month,cost_type\n');
    await rowsLoop(ctx, () => {
      const r = gcpRow(ctx);
      const start = MONTH_START + r.day * DAY;
      const credits = r.credit !== 0 ? csvCell(`[{"name":"Committed use discount","amount":${unitsToText(r.credit)}}]`) : '[]';
      sink.write(`01ABCD,Vertex AI,${r.sku},${iso(start)},${iso(start + 3_600_000)},${rng.pick(PROJECTS)},"[{""key"":""team"",""value"":""${rng.pick(TEAMS)}""}]",us-central1,${unitsToText(r.units)},USD,${r.tokens},count,${credits},202603,regular\n`);
    });
  },
};

// ---------------------------------------------------------------- generic (LiteLLM-style spend log)

export const GENERIC_MAPPING_YAML = `version: 1
name: generated gateway log
columns:
  chargePeriodStart: startTime
  model: model
  provider: custom_llm_provider
  billedCost: spend
  currency: { value: USD }
  subAccount: team_id
  credential: api_key
tags: [user]
lines:
  - { usageClass: input, quantity: prompt_tokens }
  - { usageClass: output, quantity: completion_tokens }
`;

const generic: FormatWriter = {
  formatId: 'generic',
  extension: 'csv',
  async write(ctx) {
    const { sink, rng, expected } = ctx;
    sink.write('request_id,startTime,model,custom_llm_provider,api_key,team_id,user,prompt_tokens,completion_tokens,spend\n');
    await rowsLoop(ctx, (i) => {
      const model = rng.pick(MODELS);
      const prompt = rng.int(1, 20_000);
      const completion = rng.int(1, 4_000);
      const units = prompt * perTokenUnits(model.prices.input as number) + completion * perTokenUnits(model.prices.output as number);
      expected.rows += 1;
      expected.lines += 2;
      expected.add('USD', units);
      expected.addTokens('input', prompt);
      expected.addTokens('output', completion);
      const at = MONTH_START + rng.int(0, 31 * 86_400 - 1) * 1000;
      sink.write(`req-${i},${iso(at)},${model.openai ?? model.anthropic ?? model.id},${model.developer},sk-${rng.hex(6)},${rng.pick(TEAMS)},user-${rng.int(1, 50)},${prompt},${completion},${unitsToText(units)}\n`);
    });
  },
};

export const WRITERS = {
  focus,
  'openai-costs': openAiCosts,
  'openai-usage': openAiUsage,
  'openai-dashboard-costs': openAiDashboardCosts,
  'anthropic-cost': anthropicCostJson,
  'anthropic-cost-csv': anthropicCostCsv,
  'anthropic-usage': anthropicUsageJson,
  'anthropic-usage-csv': anthropicUsageCsv,
  'aws-cur': awsCur2,
  'aws-cur-legacy': awsCurLegacy,
  'aws-cur-account': awsCurAccount,
  azure: azureWriter(false),
  'azure-amortized': azureWriter(true),
  gcp: gcpJson,
  'gcp-csv': gcpCsv,
  generic,
} satisfies Record<string, FormatWriter>;

export type GeneratedFormat = keyof typeof WRITERS;
export const GENERATED_FORMATS = Object.keys(WRITERS) as GeneratedFormat[];
export { ExpectedTotals };

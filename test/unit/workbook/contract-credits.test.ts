import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContractYaml } from '../../../shared/domain/contracts/load';
import { priceContractMonths } from '../../../shared/domain/contracts/price-months';
import { nanosToNumber } from '../../../shared/domain/money';
import { bundledPriceBook } from '../../../shared/domain/pricebook/bundled';
import type { WorkbookData } from '../../../shared/workbook/model';
import { contractWorkbook } from './contract-workbook';

/**
 * The board workbook and scoped or part-month credits: the contract block's formulas give the contract pricer's
 * invoices (their cached values are the formulas evaluated as a spreadsheet does; the LibreOffice test recalculates a
 * hand-computed case, test/integration/export/workbook-recalc.test.ts).
 */
const ROOT = path.resolve(__dirname, '../../..');
const FILE = 'openai-batch-stacked-2027.yaml';
const YAML = readFileSync(path.join(ROOT, 'scenarios', 'contracts', FILE), 'utf8');
const book = bundledPriceBook({ userRows: [] });
const MONTHS = ['2027-01', '2027-02', '2027-03', '2027-04'];

function workbookWith(yaml: string) {
  return contractWorkbook(FILE, yaml, {
    start: '2027-01',
    months: MONTHS.length,
    drivers: [{ id: 'requests', unitsPerMonth: 20_000 }],
    workloads: [{ id: 'w', driver: 'requests', requestsPerUnit: 1, tokensPerRequest: { input: 20_000, output: 1_500 }, models: [{ provider: 'openai', model: 'gpt-4o', share: 1 }], tiers: { standard: 0.6, batch: 0.4 } }],
  }, 'Credits');
}

/** A column of the scenario's sheet (Monthly signed) under its header (row 4), month by month: the formulas' cached values. */
function column(data: WorkbookData, header: string): unknown[] {
  const sheet = data.sheets.find((s) => s.name === 'Monthly signed')!;
  const c = sheet.rows[3]!.findIndex((cell) => cell?.value === header);
  expect(c, `a column ${header}`).toBeGreaterThanOrEqual(0);
  return MONTHS.map((_, m) => sheet.rows[4 + m]![c]?.value);
}

function headers(data: WorkbookData): string[] {
  return data.sheets.find((s) => s.name === 'Monthly signed')!.rows[3]!.map((c) => String(c?.value ?? ''));
}

/** The pricer's invoices on the scenario's usage: 400M input and 30M output tokens of gpt-4o a month, 60% standard and 40% batch, in the engine's order. */
function pricerInvoices(yaml: string): number[] {
  const contract = loadContractYaml(yaml, { file: FILE, book });
  const item = (usageClass: 'input' | 'output', serviceTier: 'standard' | 'batch', quantity: number) => ({ model: 'gpt-4o', usageClass, serviceTier, quantity });
  const usage = new Map(MONTHS.map((m) => [m, [item('input', 'standard', 240_000_000), item('output', 'standard', 18_000_000), item('input', 'batch', 160_000_000), item('output', 'batch', 12_000_000)]]));
  return priceContractMonths(contract, book, usage, { from: MONTHS[0]!, through: MONTHS.at(-1)! }).map((m) => nanosToNumber(m.total));
}

describe('the board workbook and scoped credits', () => {
  it('writes a credit scoped to batch usage and a renewal bonus paid pro rata in its first month, as the pricer prices them', () => {
    const data = workbookWith(YAML)();
    const invoices = column(data, 'invoice under the contract');
    expect(invoices).toEqual(pricerInvoices(YAML));
    // The batch credit pays only the batch lines: what it may pay is their share of the usage, a row of its own.
    expect(headers(data)).toEqual(expect.arrayContaining(['credit batch-credit: usage it can pay (batch tier)', 'usage credits may pay: gpt-4o input, gpt-4o output', 'usage credits may pay: gpt-4o input (batch), gpt-4o output (batch)']));
    const inScope = column(data, 'credit batch-credit: usage it can pay (batch tier)') as number[];
    const batchRun = column(data, 'usage credits may pay: gpt-4o input (batch), gpt-4o output (batch)') as number[];
    expect(inScope).toEqual(batchRun);
    expect(inScope.every((v) => v > 0)).toBe(true);
    // Its balance runs down by what it applied: $2,000 less January's and February's batch usage.
    const applied = column(data, 'credit batch-credit: applied') as number[];
    expect(column(data, 'credit batch-credit: closing balance')[1]).toBeCloseTo(2000 - applied[0]! - applied[1]!, 9);
    // The assumption says what the grant may pay.
    const labels = data.sheets.find((s) => s.name === 'Assumptions')!.rows.flatMap((r) => r.map((c) => c?.value)).filter((v): v is string => typeof v === 'string');
    expect(labels).toContain('OpenAI enterprise renewal 2027 (stacked batch discount): prepaid credit batch-credit (2027-01-01 to 2027-06-30, batch tier only)');
  });

  it('writes an unscoped bonus paid by its valid days in January (each usage item’s share of 17 of 31 days), as the pricer does', () => {
    const yaml = YAML.replace('partMonth: pro_rata', 'partMonth: valid_days');
    const data = workbookWith(yaml)();
    const invoices = column(data, 'invoice under the contract');
    expect(invoices).toEqual(pricerInvoices(yaml));
    expect(headers(data)).toContain('usage at contracted prices (credits share the usage by it)');
  });

  it('writes the same contract without the scope: one row of usage credits may pay, no per-item rows', () => {
    const yaml = YAML.replace(', serviceTiers: [batch] }', ' }');
    const data = workbookWith(yaml)();
    expect(column(data, 'invoice under the contract')).toEqual(pricerInvoices(yaml));
    expect(headers(data).filter((h) => h.startsWith('usage credits may pay'))).toEqual(['usage credits may pay']);
  });

  it('writes credits scoped by publisher on a Bedrock agreement (a model’s developer is its publisher), as the pricer prices them', () => {
    // Claude Sonnet 4.5 (Anthropic's) and Llama 3.3 70B (Meta's) on AWS: the Anthropic grant pays only Claude's usage,
    // the Meta output grant only Llama's output, the unscoped grant what is left; the invoices must be the pricer's.
    const yaml = [
      'schema: aispend-contract/1',
      'id: bedrock-publishers',
      'name: Bedrock publishers',
      'vendor: aws',
      'currency: USD',
      'term: { start: 2027-01-01, end: 2027-12-31 }',
      'credits:',
      '  burnOrder: as_listed',
      '  grants:',
      '    - { id: anthropic-pack, amount: "900", start: 2027-01-01, expires: 2027-12-31, publishers: [Anthropic] }',
      '    - { id: meta-output, amount: "50", start: 2027-01-01, expires: 2027-12-31, publishers: [Meta], usageClasses: [output] }',
      '    - { id: launch, amount: "400", start: 2027-02-10, expires: 2027-03-20, partMonth: valid_days }',
    ].join('\n');
    const models = [
      { provider: 'aws', model: 'claude-sonnet-4-5', share: 0.5 },
      { provider: 'aws', model: 'meta.llama3-3-70b-instruct', share: 0.5 },
    ];
    const data = contractWorkbook('bedrock-publishers.yaml', yaml, {
      start: '2027-01',
      months: MONTHS.length,
      drivers: [{ id: 'requests', unitsPerMonth: 10_000 }],
      workloads: [{ id: 'w', driver: 'requests', requestsPerUnit: 1, tokensPerRequest: { input: 10_000, output: 1_000 }, models }],
    }, 'Publishers')();
    const contract = loadContractYaml(yaml, { file: 'bedrock-publishers.yaml', book });
    // The engine's usage: 10,000 requests × 10,000 input / 1,000 output tokens, half per model, standard tier.
    const item = (model: string, usageClass: 'input' | 'output', quantity: number) => ({ provider: 'aws', model, usageClass, serviceTier: 'standard' as const, quantity });
    const usage = new Map(MONTHS.map((m) => [m, models.flatMap((x) => [item(x.model, 'input', 50_000_000), item(x.model, 'output', 5_000_000)])]));
    const want = priceContractMonths(contract, book, usage, { from: MONTHS[0]!, through: MONTHS.at(-1)! });
    expect(column(data, 'invoice under the contract')).toEqual(want.map((m) => nanosToNumber(m.total)));
    // Every grant pays something over the four months, so each scope is exercised.
    const paid = new Map<string, number>();
    for (const m of want) for (const c of m.credits) paid.set(c.grantId, (paid.get(c.grantId) ?? 0) + nanosToNumber(c.applied));
    expect([...paid.keys()].filter((id) => (paid.get(id) ?? 0) > 0).sort()).toEqual(['anthropic-pack', 'launch', 'meta-output']);
    expect(headers(data)).toEqual(expect.arrayContaining(['credit anthropic-pack: usage it can pay (Anthropic)']));
  });
});

describe('the board workbook’s credit formulas against the pricer, over seeded random grants', () => {
  // Linear congruential, so a failure names a case that can be rerun.
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const SCOPES = ['', ', models: [gpt-4o]', ', models: [gpt-4o-mini]', ', usageClasses: [input]', ', usageClasses: [output]', ', serviceTiers: [batch]', ', models: [gpt-4o], usageClasses: [output]'];
  const months = ['2027-01', '2027-02', '2027-03', '2027-04', '2027-05'];

  it('80 contracts of two to four grants (scopes, part months both ways, usage only, either burn order, a fee or a commitment): the same invoices to the cent', () => {
    const mismatches: string[] = [];
    let applied = 0;
    for (let t = 0; t < 80; t++) {
      const grants = Array.from({ length: 2 + Math.floor(random() * 3) }, (_, i) => {
        const start = pick(['2027-01-01', '2027-01-10', '2027-02-01', '2027-02-20']);
        const expires = pick(['2027-02-28', '2027-03-15', '2027-04-30', '2027-05-31']);
        const whole = start.endsWith('-01') && !expires.endsWith('-15');
        const partMonth = whole ? '' : pick(['', ', partMonth: valid_days', ', partMonth: pro_rata']);
        return `    - { id: g${i}, amount: "${pick([5, 20, 60, 150, 400])}", start: ${start}, expires: ${expires}${pick(SCOPES)}${partMonth}${pick(['', ', appliesTo: usage_only'])} }`;
      });
      const yaml = [
        'schema: aispend-contract/1',
        'id: seeded',
        'name: Seeded credits',
        'vendor: openai',
        'currency: USD',
        'term: { start: 2027-01-01, end: 2027-12-31 }',
        pick(['', 'minimumMonthlyFee: "300"', 'commitment: { amount: "250", period: month, takeOrPay: true }']),
        `discounts: [{ label: Enterprise, percentOff: "${pick([0, 7, 15])}" }]`,
        'credits:',
        `  burnOrder: ${pick(['as_listed', 'earliest_expiry'])}`,
        '  grants:',
        ...grants,
      ].join('\n');
      const data = contractWorkbook('seeded.yaml', yaml, {
        start: months[0]!,
        months: months.length,
        drivers: [{ id: 'requests', unitsPerMonth: 1_000 }],
        workloads: [{ id: 'w', driver: 'requests', requestsPerUnit: 1, tokensPerRequest: { input: 20_000, output: 1_500 }, models: [{ provider: 'openai', model: 'gpt-4o-mini', share: 0.5 }, { provider: 'openai', model: 'gpt-4o', share: 0.5 }], tiers: { standard: 0.6, batch: 0.4 } }],
      }, 'Seeded')();
      const sheet = data.sheets.find((s) => s.name === 'Monthly signed')!;
      const at = (header: string) => sheet.rows[3]!.findIndex((cell) => cell?.value === header);
      const got = months.map((_, m) => sheet.rows[4 + m]![at('invoice under the contract')]?.value);
      applied += months.reduce((sum, _, m) => sum + Number(sheet.rows[4 + m]![at('credits applied')]?.value), 0);
      // The engine's usage items in its order (model, tier, class): 20M input and 1.5M output tokens a month, half per model, 60/40 standard/batch.
      const item = (model: string, usageClass: 'input' | 'output', serviceTier: 'standard' | 'batch', tokens: number, share: number) => ({ model, usageClass, serviceTier, quantity: 1_000 * tokens * 0.5 * share });
      const usage = new Map(months.map((m) => [m, ['gpt-4o-mini', 'gpt-4o'].flatMap((model) => [item(model, 'input', 'standard', 20_000, 0.6), item(model, 'output', 'standard', 1_500, 0.6), item(model, 'input', 'batch', 20_000, 0.4), item(model, 'output', 'batch', 1_500, 0.4)])]));
      const priced = priceContractMonths(loadContractYaml(yaml, { file: 'seeded.yaml', book }), book, usage, { from: months[0]!, through: months.at(-1)! });
      // An invoice is whole cents: each credit line is rounded as the invoice rounds a line, whatever share of the usage a scope may pay.
      for (const m of priced) if (m.total % 10_000_000n !== 0n) mismatches.push(`case ${t}: the pricer's ${m.month} invoice ${nanosToNumber(m.total)} is not whole cents`);
      const want = priced.map((m) => nanosToNumber(m.total));
      if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(`case ${t}: workbook ${JSON.stringify(got)}, pricer ${JSON.stringify(want)}\n${yaml}`);
    }
    expect(mismatches).toEqual([]);
    // The cases spend credits (not 80 contracts whose grants never pay).
    expect(applied).toBeGreaterThan(1_000);
  }, 300_000);
});

/**
 * The ledger written as FOCUS 1.3 goes back to the same ledger: the demo
 * workspace, with vendor fixtures imported beside it for every charge category
 * (tax, credits, refunds, purchases), non-token classes, context bands,
 * credentials and lines without an account, exported (CSV and Parquet, one folder per billing period), every
 * row checked against the specification's requirements table, and every file
 * read back through the workbench's own FOCUS importer gives the workspace's
 * lines again, field by field, with the spec's required values applied where
 * the ledger had none (FOCUS_DEFAULTS, each spelled out below).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FocusExportResult } from '../../../shared/api/warehouse';
import { readStatement } from '../../../electron/backend/imports/readers';
import { chargeMonth, type LedgerLine } from '../../../shared/domain/ledger-line';
import { nanosToDecimal } from '../../../shared/domain/money';
import { FOCUS_COLUMNS, validateFocusRow, type FocusRow } from '../../../shared/formats/focus-out/columns';
import { providerDisplayName } from '../../../shared/formats/focus-out/row';
import { startBackend } from '../../helpers/backend';

let s: Awaited<ReturnType<typeof startBackend>>;
let ledger: LedgerLine[];

function lineOf(r: Record<string, unknown>): LedgerLine {
  return {
    chargePeriodStart: r.charge_period_start as string,
    chargePeriodEnd: r.charge_period_end as string,
    billingPeriod: r.billing_period as string | null,
    chargeCategory: r.charge_category as LedgerLine['chargeCategory'],
    provider: r.provider as string,
    publisher: r.publisher as string | null,
    billingAccount: r.billing_account as string | null,
    subAccount: r.sub_account as string | null,
    credential: r.credential as string | null,
    model: r.model as string | null,
    modelRaw: r.model_raw as string | null,
    usageClass: r.usage_class as LedgerLine['usageClass'],
    serviceTier: r.service_tier as LedgerLine['serviceTier'],
    contextBand: r.context_band as string | null,
    region: r.region as string | null,
    resourceId: r.resource_id as string | null,
    sku: r.sku as string | null,
    description: r.description as string | null,
    tags: JSON.parse(r.tags as string) as Record<string, string>,
    quantity: r.quantity === null ? null : Number(r.quantity),
    unit: r.unit as string,
    billedCost: r.billed_cost as bigint,
    effectiveCost: r.effective_cost as bigint | null,
    listCost: r.list_cost as bigint | null,
    contractedCost: r.contracted_cost as bigint | null,
    currency: r.currency as string,
    sourceRow: 0,
  };
}

/** What the importer must read back for a ledger line: the line with the spec's required values filled in (FOCUS_DEFAULTS). */
function expected(l: LedgerLine): Record<string, unknown> {
  const usage = l.chargeCategory === 'usage';
  const refund = l.chargeCategory === 'refund';
  const tax = l.chargeCategory === 'tax';
  const priced = (usage || l.chargeCategory === 'purchase') && !refund;
  return {
    chargePeriodStart: l.chargePeriodStart,
    chargePeriodEnd: l.chargePeriodEnd,
    // BillingPeriodStart is never null: the charge's month when the vendor named none.
    billingPeriod: l.billingPeriod ?? chargeMonth(l.chargePeriodStart),
    // FOCUS has no Refund category: a refund is Usage with ChargeClass Correction.
    chargeCategory: refund ? 'usage' : l.chargeCategory,
    provider: l.provider,
    publisher: l.publisher,
    // BillingAccountId is never null: the provider's name when the statement named no account.
    billingAccount: l.billingAccount ?? providerDisplayName(l.provider),
    subAccount: l.subAccount,
    credential: l.credential,
    // A Tax row has no SKU price, so no model identity.
    model: tax ? null : l.model,
    modelRaw: tax ? null : l.modelRaw,
    usageClass: tax ? 'other' : l.usageClass,
    serviceTier: tax ? 'standard' : l.serviceTier,
    contextBand: tax ? null : l.contextBand,
    region: l.region,
    resourceId: l.resourceId,
    // SkuId is required on Usage and Purchase rows: provider/model when the vendor gave none.
    sku: tax ? null : (l.sku ?? (priced ? `${l.provider}/${l.model ?? l.usageClass}` : null)),
    description: l.description,
    tags: l.tags,
    // Quantities are written on Usage (consumed) and Purchase (pricing) rows only; other rows read back as not reported
    // (null), and so does a priced row whose statement gave none (x_QuantityNotReported beside FOCUS's required 0).
    quantity: priced ? l.quantity : null,
    unit: priced ? l.unit : 'units',
    billedCost: nanosToDecimal(l.billedCost),
    // EffectiveCost, ListCost and ContractedCost are never null: the billed cost when the ledger has none.
    effectiveCost: nanosToDecimal(l.effectiveCost ?? l.billedCost),
    listCost: nanosToDecimal(l.listCost ?? l.billedCost),
    contractedCost: nanosToDecimal(l.contractedCost ?? l.billedCost),
    currency: l.currency,
  };
}

function actual(l: LedgerLine): Record<string, unknown> {
  // ContractApplied is what the export adds (the contracts in force), not a field of the ledger it came from: counted apart.
  const { sourceRow: _row, contractApplied: _applied, billedCost, effectiveCost, listCost, contractedCost, ...rest } = l;
  return {
    ...rest,
    billedCost: nanosToDecimal(billedCost),
    effectiveCost: effectiveCost === null ? null : nanosToDecimal(effectiveCost),
    listCost: listCost === null ? null : nanosToDecimal(listCost),
    contractedCost: contractedCost === null ? null : nanosToDecimal(contractedCost),
  };
}

function files(result: FocusExportResult): string[] {
  return result.files.map((f) => f.path);
}

/** Fixtures that bring what the demo lacks: tax, credit, refund and purchase lines, bands, credentials, other classes. */
const EXTRA = [
  'aispend-ledger/ledger-export.csv',
  'aws-cur/cur2-bedrock.csv',
  'azure-cost/azure-actual-ea.csv',
  'gcp-billing/billing-export.jsonl',
  'anthropic-cost/cost-report.json',
  'focus/focus-1.3-hosted.csv',
  'openai-usage/completions-page.json',
];

beforeAll(async () => {
  s = await startBackend();
  for (const fixture of EXTRA) {
    await s.client.runJob('imports.run', { path: path.resolve('test/fixtures/formats', fixture), onRejects: 'import', onOverlap: 'keep' }).result;
  }
  // Each import is followed by a list-cost fill from the price book: let those finish before the ledger is read.
  for (let i = 0; i < 600; i += 1) {
    const { jobs } = await s.client.call('jobs.list', {});
    if (jobs.every((j) => j.state === 'done' || j.state === 'failed' || j.state === 'cancelled')) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const db = new Database(s.backend.workspace().path, { readonly: true });
  ledger = (db.prepare('SELECT * FROM ledger_lines ORDER BY coalesce(billing_period, month), id').safeIntegers(true).all() as Record<string, unknown>[]).map(lineOf);
  db.close();
}, 120_000);

afterAll(async () => {
  await s?.stop();
});

describe('FOCUS 1.3 export of the demo ledger', () => {
  for (const format of ['csv', 'parquet'] as const) {
    it(`${format}: one folder per billing period, and it reads back to the same ledger`, async () => {
      const out = path.join(s.dir, `focus-${format}`);
      const result = await s.client.runJob('warehouse.exportFocus', { out, format }).result;
      const periods = [...new Set(ledger.map((l) => l.billingPeriod ?? chargeMonth(l.chargePeriodStart)))].sort();
      expect(result.files.map((f) => f.billingPeriod)).toEqual(periods);
      expect(readdirSync(out).sort()).toEqual(periods.map((p) => `BillingPeriod=${p}`));
      expect(result.lines).toBe(ledger.length);
      expect(result.rows).toBe(ledger.length);
      // The demo's two contracts (OpenAI and Anthropic, May 2026 on) apply to their usage.
      expect(result.contractsApplied).toBeGreaterThan(0);
      // The fixtures brought every charge category and more than token classes.
      expect(new Set(ledger.map((l) => l.chargeCategory))).toEqual(new Set(['usage', 'tax', 'credit', 'refund', 'purchase']));

      const back: LedgerLine[] = [];
      for (const file of files(result)) {
        const read = await readStatement(file);
        expect(read.chosen.format.id).toBe('focus');
        expect(read.chosen.detection.version).toBe('1.3');
        expect(read.summary.rowsRejected).toBe(0);
        for (const r of read.summary.reconciliation) expect(r.reconciles).toBe(true);
        back.push(...read.lines);
      }
      expect(back.length).toBe(ledger.length);
      // Every row the export wrote a ContractApplied for reads back with it.
      expect(back.filter((l) => l.contractApplied !== undefined && l.contractApplied !== null).length).toBe(result.contractsApplied);
      for (let i = 0; i < ledger.length; i += 1) expect(actual(back[i] as LedgerLine), `line ${i + 1}`).toEqual(expected(ledger[i] as LedgerLine));
    }, 120_000);
  }

  it('every CSV row meets the requirements table (types, allowed values, nullability, conditions)', async () => {
    const out = path.join(s.dir, 'focus-checked');
    const result = await s.client.runJob('warehouse.exportFocus', { out, format: 'csv' }).result;
    let checked = 0;
    const categories = new Set<string>();
    for (const file of files(result)) {
      const records = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
      for (const record of records) {
        const row: FocusRow = Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v === '' ? null : v]));
        expect(validateFocusRow(row), JSON.stringify(row)).toEqual([]);
        categories.add(row.ChargeCategory as string);
        if (row.ContractApplied !== null) {
          const applied = JSON.parse(row.ContractApplied as string) as { Elements: Record<string, unknown>[] };
          expect(Object.keys(applied.Elements[0] ?? {})).toEqual(['ContractId', 'ContractCommitmentId', 'ContractCommitmentAppliedCost', 'ContractCommitmentAppliedQuantity', 'ContractCommitmentAppliedUnit']);
          expect(String(applied.Elements[0]?.ContractCommitmentAppliedCost)).toBe(row.BilledCost?.replace(/0+$/, '').replace(/\.$/, ''));
        }
        checked += 1;
      }
      // Every Mandatory column is in the header.
      const header = Object.keys(records[0] ?? {});
      for (const c of FOCUS_COLUMNS) if (c.level === 'Mandatory') expect(header).toContain(c.name);
    }
    expect(checked).toBe(ledger.length);
    expect(categories.has('Usage')).toBe(true);
  }, 120_000);

  it('the validator catches rows that break the rules', () => {
    const good: FocusRow = {
      BilledCost: '1.00', BillingAccountId: 'a', BillingAccountName: 'a', BillingCurrency: 'USD', BillingPeriodEnd: '2026-04-01T00:00:00Z', BillingPeriodStart: '2026-03-01T00:00:00Z',
      ChargeCategory: 'Tax', ChargeClass: null, ChargeDescription: null, ChargeFrequency: 'One-Time', ChargePeriodEnd: '2026-03-02T00:00:00Z', ChargePeriodStart: '2026-03-01T00:00:00Z',
      ConsumedQuantity: null, ConsumedUnit: null, ContractApplied: null, ContractedCost: '1.00', EffectiveCost: '1.00', HostProviderName: 'OpenAI', InvoiceIssuerName: 'OpenAI',
      ListCost: '1.00', PricingCategory: null, PricingQuantity: null, PricingUnit: null, ProviderName: 'OpenAI', PublisherName: 'OpenAI', RegionId: null, ResourceId: null,
      ServiceCategory: 'Other', ServiceName: 'OpenAI', ServiceProviderName: 'OpenAI', SkuId: null, SkuPriceDetails: null, SkuPriceId: null, SubAccountId: null, Tags: null, x_CredentialId: null,
    };
    expect(validateFocusRow(good)).toEqual([]);
    const rules = (row: FocusRow) => validateFocusRow(row).map((v) => `${v.column}: ${v.rule}`);
    expect(rules({ ...good, ChargeCategory: 'Refund' })).toEqual(['ChargeCategory: must be one of Usage, Purchase, Tax, Credit, Adjustment']);
    expect(rules({ ...good, PricingQuantity: '5', PricingUnit: 'Tokens' })).toEqual(['PricingQuantity: must be null here']);
    expect(rules({ ...good, ChargeCategory: 'Usage', ChargeFrequency: 'Usage-Based' })).toEqual([
      'ConsumedQuantity: must not be null here',
      'PricingCategory: must not be null here',
      'PricingQuantity: must not be null here',
      'SkuId: must not be null here',
      'SkuPriceId: must not be null here',
    ]);
    expect(rules({ ...good, BilledCost: '1e-5', ChargePeriodStart: '2026-03-01', Tags: '[1]', BillingAccountId: null })).toEqual([
      'BilledCost: must be a decimal in numeric format',
      'BillingAccountId: must not be null',
      'ChargePeriodStart: must be an ISO 8601 UTC date/time (YYYY-MM-DDTHH:mm:ssZ)',
      'Tags: must be a JSON object (key-value format)',
    ]);
    expect(rules({ ...good, ChargeCategory: 'Purchase', ChargeFrequency: 'Usage-Based', PricingCategory: 'Standard', PricingQuantity: '1', PricingUnit: 'Seats', SkuId: 's', SkuPriceId: 'p' })).toEqual([
      'ChargeFrequency: must not be Usage-Based for a Purchase',
    ]);
    const withoutSkuPrice = { ...good, SkuPriceDetails: '{"ModelId":"gpt-4o"}' };
    expect(rules(withoutSkuPrice)).toEqual(['SkuPriceDetails: must be null here']);
  });
});

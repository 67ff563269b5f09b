/**
 * The readers that read ledger_rows and ledger_kinds directly (migration 011)
 * give what the same figures read through the ledger_lines view give, on a
 * ledger of many kinds in three currencies (test/helpers/mixed-ledger.ts).
 * Each reference below is the view-based query the reader used before, or
 * the view's lines summed one by one in the test.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dailySeriesOf } from '../../../electron/backend/allocation/anomaly-service';
import { ledgerDays } from '../../../electron/backend/allocation/budget-service';
import { estimateEnergy, assumptionsOf } from '../../../electron/backend/allocation/energy-service';
import { readGroups, readLines, TagCache, costSql, type CostColumn } from '../../../electron/backend/allocation/ledger-passes';
import { vendorDrawdown } from '../../../electron/backend/contracts/drawdown';
import { ledgerExtract, ledgerLineCount } from '../../../electron/backend/export/ledger-extract';
import { listCostStatus } from '../../../electron/backend/pricing/list-costs';
import { unknownModels } from '../../../electron/backend/pricing/unknown-models';
import { aggregateLedger } from '../../../electron/backend/scenarios/ledger-aggregates';
import { exportFocus } from '../../../electron/backend/warehouse/focus-export';
import { Workspace } from '../../../electron/backend/workspace/workspace';
import { TOKEN_CLASSES } from '../../../shared/domain/usage';
import { lineImpact } from '../../../shared/domain/energy/estimate';
import { nanosToDecimal, nanosToNumber, parseMoney } from '../../../shared/domain/money';
import { resolveModel } from '../../../shared/domain/pricebook/book';
import { readStoredContractApplied } from '../../../shared/formats/values/contract-applied';
import { fixtureBook } from '../../fixtures/contracts/price-fixture';
import { MIXED_CONTRACT_APPLIED, writeMixedLedger } from '../../helpers/mixed-ledger';
import { tempDir } from '../../helpers/temp';

const temp = tempDir();
let ws: Workspace;
let written: number;

beforeAll(() => {
  ws = Workspace.create(path.join(temp.dir, 'mixed.aispend'), { appVersion: 'test', name: 'mixed' });
  written = writeMixedLedger(ws);
});
afterAll(() => {
  ws.close();
  temp.cleanup();
});

/** Rows of a query on the view, with 64-bit integers kept exact. */
function viewRows<T>(sql: string, ...params: unknown[]): T[] {
  return ws.db.prepare(sql).safeIntegers(true).all(...params) as T[];
}

describe('the mixed ledger', () => {
  it('has many kinds in three currencies, ContractApplied on some lines, and ids out of kind order', () => {
    expect(ledgerLineCount(ws)).toBe(written);
    expect(written).toBe(3 * 3 * 12 * 3);
    const kinds = ws.db.prepare('SELECT count(*) AS n, count(DISTINCT currency) AS currencies FROM ledger_kinds').get() as { n: number; currencies: number };
    expect(kinds.currencies).toBe(3);
    expect(kinds.n).toBeGreaterThanOrEqual(12);
    expect((ws.db.prepare('SELECT count(*) AS n FROM ledger_rows WHERE contract_applied IS NOT NULL').get() as { n: number }).n).toBeGreaterThan(20);
    const kindOrder = (ws.db.prepare('SELECT kind_id FROM ledger_rows ORDER BY id').pluck().all() as number[]).join(',');
    expect(kindOrder).not.toBe([...(ws.db.prepare('SELECT kind_id FROM ledger_rows ORDER BY kind_id, id').pluck().all() as number[])].join(','));
  });
});

describe('allocation: the two passes', () => {
  const TOKENS = TOKEN_CLASSES.map((c) => `'${c}'`).join(', ');
  const MATCH = 'provider, billing_account, sub_account, credential, model, usage_class, service_tier, charge_category, region, tags';

  it.each<[CostColumn, string | undefined]>([
    ['billed', undefined],
    ['effective', undefined],
    ['billed', '2026-02'],
  ])('groups (%s cost, month %s) as the view grouped line by line', (cost, month) => {
    const where = month ? 'WHERE month = ?' : '';
    const reference = ws.db
      .prepare(
        `SELECT month, currency, ${MATCH}, count(*) AS lines, total(CASE WHEN usage_class IN (${TOKENS}) THEN quantity ELSE 0 END) AS tokens, sum(${costSql(cost)}) AS cost
         FROM ledger_lines ${where} GROUP BY month, currency, ${MATCH}`,
      )
      .safeIntegers(true)
      .raw(true)
      .all(...(month ? [month] : [])) as unknown[][];
    const tags = new TagCache();
    const groups = readGroups(ws.db, cost, month ? { month } : {}, tags);
    // Kinds alike in every matched field (here: the SKU, the unit) are one group, as in the view.
    expect(groups.length).toBeLessThan((ws.db.prepare(`SELECT count(*) AS n FROM (SELECT DISTINCT month, kind_id, tags FROM ledger_rows ${where})`).get(...(month ? [month] : [])) as { n: number }).n);
    expect(groups).toEqual(
      reference.map((r) => ({
        month: r[0],
        currency: r[1],
        provider: r[2],
        billingAccount: r[3],
        subAccount: r[4],
        credential: r[5],
        model: r[6],
        usageClass: r[7],
        serviceTier: r[8],
        chargeCategory: r[9],
        region: r[10],
        tags: JSON.parse(r[11] as string),
        lines: Number(r[12] as bigint),
        tokens: r[13],
        cost: r[14],
      })),
    );
  });

  it.each<[CostColumn, string | undefined, boolean]>([
    ['billed', undefined, false],
    ['effective', '2026-03', true],
  ])('reads every line (%s cost, month %s, extended %s) in id order with the view’s fields', (cost, month, extended) => {
    const reference = ws.db
      .prepare(
        `SELECT id, month, substr(charge_period_start, 1, 10) AS day, currency, ${MATCH}, quantity, unit, ${costSql(cost)} AS cost,
                charge_period_start, charge_period_end, billing_period, publisher, resource_id, import_id, source_row
         FROM ledger_lines ${month ? 'WHERE month = ?' : ''} ORDER BY id`,
      )
      .safeIntegers(true)
      .all(...(month ? [month] : [])) as Record<string, unknown>[];
    const lines = [...readLines(ws.db, cost, { ...(month ? { month } : {}), extended }, new TagCache())];
    expect(lines.length).toBe(reference.length);
    expect(lines).toEqual(
      reference.map((r) => ({
        extra: extended
          ? { chargePeriodStart: r.charge_period_start, chargePeriodEnd: r.charge_period_end, billingPeriod: r.billing_period, publisher: r.publisher, resourceId: r.resource_id, importId: Number(r.import_id), sourceRow: Number(r.source_row) }
          : undefined,
        id: Number(r.id),
        month: r.month,
        day: r.day,
        currency: r.currency,
        provider: r.provider,
        billingAccount: r.billing_account,
        subAccount: r.sub_account,
        credential: r.credential,
        model: r.model,
        usageClass: r.usage_class,
        serviceTier: r.service_tier,
        chargeCategory: r.charge_category,
        region: r.region,
        tags: JSON.parse(r.tags as string),
        quantity: r.quantity,
        unit: r.unit,
        cost: r.cost,
      })),
    );
  });

  it('gives the ledger’s first and last day as the view’s min and max of each line’s day', () => {
    expect(ledgerDays(ws)).toEqual(ws.db.prepare('SELECT min(substr(charge_period_start, 1, 10)) AS first, max(substr(charge_period_start, 1, 10)) AS last FROM ledger_lines').get());
    expect(ledgerDays(ws)).toEqual({ first: '2026-01-01', last: '2026-03-28' });
  });
});

describe('anomalies and energy', () => {
  it('sums the daily series per provider, model and key as the view’s lines add up one by one', () => {
    const { series } = dailySeriesOf(ws, {}, ['provider', 'model', 'credential']);
    const expected = new Map<string, Map<string, bigint>>();
    const add = (dimension: string, value: string | null, currency: string, day: string, cost: bigint) => {
      if (value === null || value === '') return;
      const key = `${dimension}\u0001${value}\u0001${currency}`;
      const days = expected.get(key) ?? new Map<string, bigint>();
      expected.set(key, days);
      days.set(day, (days.get(day) ?? 0n) + cost);
    };
    for (const l of viewRows<{ day: string; currency: string; provider: string; model: string | null; credential: string | null; cost: bigint }>(
      'SELECT substr(charge_period_start, 1, 10) AS day, currency, provider, model, credential, billed_cost AS cost FROM ledger_lines ORDER BY id',
    )) {
      add('provider', l.provider, l.currency, l.day, l.cost);
      if (l.model !== null) add('model', `${l.provider}/${l.model}`, l.currency, l.day, l.cost);
      add('credential', l.credential, l.currency, l.day, l.cost);
    }
    const sorted = (m: Map<string, Map<string, bigint>>) => [...m].map(([k, days]) => [k, [...days].sort()] as const).sort(([a], [b]) => (a < b ? -1 : 1));
    expect(sorted(series)).toEqual(sorted(expected));
  });

  it('estimates energy per model from the output tokens the view groups by provider, model, region and month', () => {
    const assumptions = assumptionsOf(ws);
    const report = estimateEnergy(ws, {});
    const groups = ws.db
      .prepare("SELECT provider, model, region, month, total(quantity) AS tokens FROM ledger_lines WHERE usage_class = 'output' GROUP BY provider, model, region, month")
      .all() as { provider: string; model: string | null; region: string | null; month: string; tokens: number }[];
    const unestimated = new Map<string, number>();
    const kwh = new Map<string, number>();
    for (const g of groups) {
      const estimate = lineImpact(assumptions, { provider: g.provider, model: g.model, usageClass: 'output', region: g.region, quantity: g.tokens });
      const key = `${g.provider}/${g.model ?? ''}`;
      if (!estimate) unestimated.set(key, (unestimated.get(key) ?? 0) + g.tokens);
      else kwh.set(`${key} ${g.month}`, (kwh.get(`${key} ${g.month}`) ?? 0) + estimate.impact.kwh.mid);
    }
    expect(report.unestimated.map((u) => [`${u.provider}/${u.model ?? ''}`, u.outputTokens]).sort()).toEqual([...unestimated].sort());
    expect(report.byModel.map((m) => [`${m.provider}/${m.model} ${m.month}`, m.kwh.mid]).sort()).toEqual([...kwh].sort());
    expect(report.byModel.length + report.unestimated.length).toBeGreaterThan(0);
  });
});

describe('contract draw-down', () => {
  it('sums ContractApplied per commitment, month and currency as the view’s lines add up one by one', () => {
    const expected = new Map<string, { applied: bigint | null; purchased: bigint | null; lines: number }>();
    for (const l of viewRows<{ applied: string; month: string; currency: string; category: string }>(
      'SELECT contract_applied AS applied, month, currency, charge_category AS category FROM ledger_lines WHERE contract_applied IS NOT NULL ORDER BY id',
    )) {
      for (const a of readStoredContractApplied(l.applied)) {
        const key = `${a.contractId} ${a.commitmentId} ${l.month} ${l.currency}`;
        const sum = expected.get(key) ?? { applied: null, purchased: null, lines: 0 };
        expected.set(key, sum);
        if (l.category === 'purchase') sum.purchased = (sum.purchased ?? 0n) + a.appliedCost!;
        else {
          sum.lines += 1;
          sum.applied = (sum.applied ?? 0n) + a.appliedCost!;
        }
      }
    }
    const sums = vendorDrawdown(ws);
    expect(new Map(sums.map((s) => [`${s.contractId} ${s.commitmentId} ${s.month} ${s.currency}`, { applied: s.applied, purchased: s.purchased, lines: s.lines }]))).toEqual(expected);
    // Every ContractApplied text was used, and the Anthropic commitment fee (a purchase) was counted apart.
    expect(new Set(viewRows<{ applied: string }>('SELECT DISTINCT contract_applied AS applied FROM ledger_lines WHERE contract_applied IS NOT NULL').map((r) => r.applied))).toEqual(new Set(MIXED_CONTRACT_APPLIED));
    expect(sums.some((s) => s.purchased !== null)).toBe(true);
    const march = vendorDrawdown(ws, { from: '2026-03', through: '2026-03' });
    expect(march).toEqual(sums.filter((s) => s.month === '2026-03'));
  });
});

describe('workbook ledger extract', () => {
  it('sums per month, provider, model, class, tier, currency and unit in the view’s order', () => {
    const extract = ledgerExtract(ws, 'aggregated');
    const reference = viewRows<{ month: string; provider: string; model: string; usage_class: string; service_tier: string; currency: string; unit: string; quantity: number | null; billed: bigint; list: bigint | null; priced: bigint; lines: bigint }>(
      `SELECT month, provider, coalesce(model, model_raw, '') AS model, usage_class, service_tier, currency, unit,
              sum(quantity) AS quantity, sum(billed_cost) AS billed, sum(list_cost) AS list, count(list_cost) AS priced, count(*) AS lines
         FROM ledger_lines
        GROUP BY month, provider, coalesce(model, model_raw, ''), usage_class, service_tier, currency, unit
        ORDER BY month, provider, model, usage_class, service_tier, currency`,
    );
    expect(extract.rows).toEqual(
      reference.map((r) => [r.month, r.provider, r.model, r.usage_class, r.service_tier, Number(r.quantity), r.unit, r.currency, nanosToNumber(r.billed), r.priced > 0n ? nanosToNumber(r.list!) : null, Number(r.lines)]),
    );
  });

  it('streams every line in period order with the view’s fields', async () => {
    const extract = ledgerExtract(ws, 'lines');
    const rows: unknown[][] = [];
    for await (const row of extract.stream!.rows()) rows.push(row);
    const reference = ws.db
      .prepare(
        `SELECT charge_period_start, provider, model, model_raw, usage_class, service_tier, quantity, unit, billed_cost, currency, billing_account, sub_account, tags, import_id, source_row
           FROM ledger_lines ORDER BY charge_period_start, id`,
      )
      .raw(true)
      .all() as unknown[][];
    expect(rows).toEqual(reference.map((r) => [...r.slice(0, 8), nanosToNumber(BigInt(r[8] as number)), ...r.slice(9, 12), r[12] === '{}' ? null : r[12], r[13], r[14]]));
  });
});

describe('FOCUS export', () => {
  it('writes each billing period’s lines in id order with the view’s values and totals', async () => {
    const out = path.join(temp.dir, 'focus');
    const result = await exportFocus(ws.db, { out, format: 'csv', overwrite: false });
    const reference = viewRows<{ period: string; start: string; currency: string; billed: bigint; sub_account: string | null; credential: string | null; region: string | null }>(
      'SELECT coalesce(billing_period, month) AS period, charge_period_start AS start, currency, billed_cost AS billed, sub_account, credential, region FROM ledger_lines ORDER BY period, id',
    );
    const periods = [...new Set(reference.map((r) => r.period))];
    expect(result.files.map((f) => f.billingPeriod)).toEqual(periods);
    expect(result.lines).toBe(written);
    for (const file of result.files) {
      const csv = parse(readFileSync(file.path, 'utf8'), { columns: true }) as Record<string, string>[];
      const lines = reference.filter((r) => r.period === file.billingPeriod);
      expect(csv.map((c) => [c.ChargePeriodStart!.slice(0, 10), c.BillingCurrency, c.BilledCost, c.SubAccountId || null, c.x_CredentialId || null, c.RegionId || null])).toEqual(
        lines.map((l) => [l.start.slice(0, 10), l.currency, nanosToDecimal(l.billed), l.sub_account, l.credential, l.region]),
      );
    }
    const totals = viewRows<{ currency: string; billed: bigint }>('SELECT currency, sum(billed_cost) AS billed FROM ledger_lines GROUP BY currency ORDER BY currency');
    expect(result.totals).toEqual(totals.map((t) => ({ currency: t.currency, billedCost: nanosToDecimal(t.billed) })));
  });

  it('exports one billing period alone, the lines the view bills in it', async () => {
    const result = await exportFocus(ws.db, { out: path.join(temp.dir, 'focus-march'), format: 'csv', month: '2026-03', overwrite: false });
    const n = (ws.db.prepare("SELECT count(*) AS n FROM ledger_lines WHERE coalesce(billing_period, month) = '2026-03'").get() as { n: number }).n;
    expect(result.lines).toBe(n);
    expect(result.files.map((f) => f.billingPeriod)).toEqual(['2026-03']);
  });
});

describe('scenarios and pricing', () => {
  it('aggregates usage per month and mapping keys as the view grouped it, in the currency with the most cost', () => {
    const reference = viewRows<{ month: string; provider: string; model: string | null; usage_class: string; service_tier: string; tags: string; sub_account: string | null; credential: string | null; currency: string; quantity: number | null; cost: bigint }>(
      `SELECT month, provider, model, usage_class, service_tier, tags, sub_account, credential, currency, sum(quantity) AS quantity, sum(billed_cost) AS cost
         FROM ledger_lines WHERE charge_category = 'usage' AND month >= ? AND month <= ?
        GROUP BY month, provider, model, usage_class, service_tier, tags, sub_account, credential, currency
        ORDER BY month, provider, model, usage_class, service_tier, tags, sub_account, credential, currency`,
      '2026-02',
      '2026-03',
    );
    const result = aggregateLedger(ws.db, '2026-02', '2026-03');
    const byCurrency = new Map<string, bigint>();
    for (const r of reference) byCurrency.set(r.currency, (byCurrency.get(r.currency) ?? 0n) + r.cost);
    const top = [...byCurrency].sort((a, b) => (a[1] === b[1] ? a[0].localeCompare(b[0]) : a[1] > b[1] ? -1 : 1))[0]![0];
    expect(result.currency).toBe(top);
    expect(result.otherCurrencies.map((o) => o.currency).sort()).toEqual([...byCurrency.keys()].filter((c) => c !== top).sort());
    expect(result.rows).toEqual(
      reference
        .filter((r) => r.currency === top)
        .map((r) => ({ month: r.month, provider: r.provider, model: r.model, usageClass: r.usage_class, serviceTier: r.service_tier, tags: JSON.parse(r.tags), project: r.sub_account, apiKey: r.credential, quantity: Number(r.quantity), cost: r.cost })),
    );
  });

  it('counts list costs by source as the view’s lines do', () => {
    const status = listCostStatus(ws.db, null);
    const reference = ws.db
      .prepare(
        `SELECT coalesce(sum(list_cost IS NOT NULL AND coalesce(list_cost_source, 'vendor') = 'vendor'), 0) AS vendor, coalesce(sum(list_cost_source = 'price_book'), 0) AS priceBook,
                coalesce(sum(list_cost IS NULL AND charge_category = 'usage'), 0) AS missing, coalesce(sum(list_cost IS NULL AND charge_category = 'usage' AND quantity IS NULL), 0) AS withoutQuantity
           FROM ledger_lines`,
      )
      .get();
    expect(status).toEqual({ ...(reference as object), filledAt: null, borrowed: [] });
    expect(status.missing).toBeGreaterThan(status.withoutQuantity);
  });

  it('lists the models the price book does not know, with the view’s line counts, months and billed cost', () => {
    const book = fixtureBook();
    const expected = new Map<string, { lines: number; first: string; last: string; billed: bigint }>();
    for (const l of viewRows<{ provider: string; model: string | null; model_raw: string | null; currency: string; month: string; billed: bigint }>(
      "SELECT provider, model, model_raw, currency, month, billed_cost AS billed FROM ledger_lines WHERE charge_category = 'usage' AND (model IS NOT NULL OR model_raw IS NOT NULL) ORDER BY id",
    )) {
      const name = (l.model ?? l.model_raw)!;
      if (resolveModel(book, l.provider, name) !== null) continue;
      const key = `${l.provider}|${name}|${l.currency}`;
      const e = expected.get(key) ?? { lines: 0, first: l.month, last: l.month, billed: 0n };
      expected.set(key, e);
      e.lines += 1;
      if (l.month < e.first) e.first = l.month;
      if (l.month > e.last) e.last = l.month;
      e.billed += l.billed;
    }
    const report = unknownModels(ws.db, book);
    expect(report.length).toBeGreaterThan(0);
    expect(new Map(report.map((r) => [`${r.provider}|${r.model}|${r.currency}`, { lines: r.lines, first: r.firstMonth, last: r.lastMonth, billed: parseMoney(r.billedCost) }]))).toEqual(expected);
  });
});

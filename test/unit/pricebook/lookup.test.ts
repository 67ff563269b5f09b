import { describe, expect, it } from 'vitest';
import { createPriceBook, resolveModel } from '../../../shared/domain/pricebook/book';
import { lookupPrice, type PriceLookup } from '../../../shared/domain/pricebook/lookup';
import { priceUsage } from '../../helpers/price-request';
import { overridePrice } from '../../../shared/domain/pricebook/edit';
import { bandLowerBound, contextBandLabel } from '../../../shared/domain/pricebook/context-band';
import { listUnitPrice } from '../../../shared/domain/pricebook/unit-price';
import { nanosToDecimal } from '../../../shared/domain/money';
import { fixtureBook, fixtureCatalogue, fixtureSupplement } from '../../fixtures/contracts/price-fixture';

const book = fixtureBook();
const price = (r: PriceLookup) => (r.ok ? nanosToDecimal(r.price, 2) : r.reason);

describe('price lookup', () => {
  it('names the row that priced a line', () => {
    const r = lookupPrice(book, { provider: 'acme', model: 'acme-large', usageClass: 'input', date: '2026-02-01' });
    expect(r.ok && r.row.id).toBe('fx:acme:acme-large:input:standard:0:start');
    expect(price(r)).toBe('2.50');
  });

  it('resolves dated snapshots and vendor spellings to one model id', () => {
    expect(resolveModel(book, 'acme', 'acme-large-2026-01-15')).toBe('acme-large');
    expect(resolveModel(book, 'acme', 'ACME-Large-Turbo')).toBe('acme-large'); // catalogue rule: starts_with acme-large
    expect(resolveModel(book, 'acme', 'acme-tiny')).toBeNull();
    const withResolver = createPriceBook({ catalogue: fixtureCatalogue, supplement: fixtureSupplement, resolveModelId: (_p, raw) => (raw === 'USE1-AcmeL-input-tokens' ? 'acme-large' : null) });
    expect(resolveModel(withResolver, 'acme', 'USE1-AcmeL-input-tokens')).toBe('acme-large');
  });

  it('reports unknown models instead of pricing them at zero', () => {
    const r = lookupPrice(book, { provider: 'acme', model: 'acme-tiny', usageClass: 'input', date: '2026-02-01' });
    expect(r).toMatchObject({ ok: false, reason: 'unknown_model' });
    const cost = priceUsage(book, { provider: 'acme', model: 'acme-tiny', usageClass: 'input', date: '2026-02-01', quantity: 1000 });
    expect(cost.ok).toBe(false);
  });

  it('picks the context band from the prompt size or the vendor band label', () => {
    const q = { provider: 'acme', model: 'acme-long', usageClass: 'output' as const, date: '2026-02-01' };
    expect(price(lookupPrice(book, { ...q, promptTokens: 150_000 }))).toBe('15.00');
    expect(price(lookupPrice(book, { ...q, promptTokens: 200_001 }))).toBe('22.50');
    expect(price(lookupPrice(book, { ...q, contextBand: '200k-1M' }))).toBe('22.50');
    expect(price(lookupPrice(book, { ...q, contextBand: '0-200k' }))).toBe('15.00');
    const assumed = lookupPrice(book, q);
    expect(assumed.ok && assumed.bandAssumed).toBe(true);
    expect([bandLowerBound('200k-1M'), bandLowerBound('>272k'), bandLowerBound('0-200k'), bandLowerBound('weird')]).toEqual([200000, 272000, 0, null]);
    expect(contextBandLabel(200000)).toBe('>200k');
  });

  it('follows dated prices: effective-from inclusive, effective-to exclusive', () => {
    const q = { provider: 'acme', model: 'acme-small', usageClass: 'input' as const };
    expect(price(lookupPrice(book, { ...q, date: '2026-03-31' }))).toBe('0.25');
    expect(price(lookupPrice(book, { ...q, date: '2026-04-01' }))).toBe('0.40');
  });

  it('prices a tier by an explicit row, else by the tier rule, else says there is none', () => {
    const q = { provider: 'acme', model: 'acme-large', usageClass: 'input' as const, date: '2026-02-01' };
    const batch = lookupPrice(book, { ...q, serviceTier: 'batch' });
    expect([price(batch), batch.ok && batch.multiplier?.id]).toEqual(['1.25', 'fx:acme:batch']);
    expect(lookupPrice(book, { ...q, serviceTier: 'priority' })).toMatchObject({ ok: false, reason: 'no_tier_price' });
    const withPriority = fixtureBook([{ ...overridePrice(book, 'fx:acme:acme-large:input:standard:0:start', '4', '2026-01-01'), serviceTier: 'priority', id: 'user:prio' }]);
    expect(price(lookupPrice(withPriority, { ...q, serviceTier: 'priority' }))).toBe('4.00');
  });

  it('lets a reseller fall back to the publisher list price and says so', () => {
    const r = lookupPrice(book, { provider: 'reseller', model: 'acme-large', usageClass: 'output', date: '2026-02-01' });
    expect(r.ok && [r.pricedAsProvider, nanosToDecimal(r.price, 2)]).toEqual(['acme', '10.00']);
  });

  it('applies a user override from its date only', () => {
    const override = overridePrice(book, 'fx:acme:acme-large:input:standard:0:start', '2.00', '2026-03-01', 'negotiated list');
    const edited = fixtureBook([override]);
    const q = { provider: 'acme', model: 'acme-large', usageClass: 'input' as const };
    expect(price(lookupPrice(edited, { ...q, date: '2026-02-28' }))).toBe('2.50');
    const after = lookupPrice(edited, { ...q, date: '2026-03-01' });
    expect([price(after), after.ok && after.row.source]).toEqual(['2.00', 'user']);
  });

  it('gives the scenario engine a unit price for a month', () => {
    const r = listUnitPrice(book, { provider: 'acme', model: 'acme-large', usageClass: 'output', serviceTier: 'batch', month: '2026-05' });
    expect(r).toMatchObject({ ok: true, nanosPerBlock: 5_000_000_000n, blockSize: 1_000_000, unit: 'token', currency: 'USD', rowId: 'fx:acme:acme-large:output:standard:0:start', multiplierId: 'fx:acme:batch' });
    expect(r.ok && r.perUnit).toBeCloseTo(0.000005, 12);
    expect(listUnitPrice(book, { provider: 'acme', model: 'nope', usageClass: 'input', serviceTier: 'standard', month: '2026-05' })).toMatchObject({ ok: false, reason: 'unknown_model' });
  });
});

import { execFileSync } from 'node:child_process';
import { calcPrice } from '@pydantic/genai-prices';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CatalogueFileSchema, SupplementFileSchema } from '../../../shared/api/pricing';
import { createPriceBook } from '../../../shared/domain/pricebook/book';
import { bundledPriceBook, bundledPriceData } from '../../../shared/domain/pricebook/bundled';
import { inForce } from '../../../shared/domain/calendar';
import { lookupPrice } from '../../../shared/domain/pricebook/lookup';
import { priceRequest } from '../../helpers/price-request';
import { nanosToNumber } from '../../../shared/domain/money';

const book = bundledPriceBook();
const REQUIRED = ['openai', 'anthropic', 'google', 'aws', 'azure', 'mistral'];

describe('shipped price data', () => {
  it('validates and records where it came from and as of when', () => {
    const cat = CatalogueFileSchema.parse(bundledPriceData.catalogue);
    SupplementFileSchema.parse(bundledPriceData.supplement);
    expect(cat.source).toMatchObject({ package: '@pydantic/genai-prices', version: '0.1.8', license: 'MIT' });
    expect(cat.asOf).toBe('2026-09-23');
    expect(book.info).toMatchObject({ catalogueAsOf: '2026-09-23', catalogueVersion: '0.1.8', supplementAsOf: '2026-11-23' });
    expect(book.rows.every((r) => r.note.trim().length > 0)).toBe(true);
  });

  it('covers the six vendors with cached input, cache writes, tiers, long-context bands and provisioned units', () => {
    for (const p of REQUIRED) expect(book.rows.some((r) => r.provider === p && r.usageClass === 'input'), p).toBe(true);
    const has = (pred: (r: (typeof book.rows)[number]) => boolean) => book.rows.some(pred);
    expect(has((r) => r.provider === 'anthropic' && r.usageClass === 'cache_write_1h')).toBe(true);
    expect(has((r) => r.provider === 'anthropic' && r.usageClass === 'cache_write_5m')).toBe(true);
    expect(has((r) => r.provider === 'openai' && r.usageClass === 'cached_input')).toBe(true);
    expect(has((r) => r.provider === 'google' && r.contextAbove === 200000)).toBe(true);
    expect(has((r) => r.provider === 'openai' && r.serviceTier === 'priority')).toBe(true);
    expect(has((r) => r.provider === 'azure' && r.usageClass === 'provisioned_unit_hour')).toBe(true);
    expect(has((r) => r.provider === 'aws' && r.usageClass === 'provisioned_unit_hour')).toBe(true);
    for (const p of REQUIRED) expect(book.multipliers.some((m) => m.provider === p && m.serviceTier === 'batch'), `${p} batch`).toBe(true);
    expect(book.multipliers.some((m) => m.serviceTier === 'flex')).toBe(true);
  });

  it('prices provider spellings across vendors (Bedrock ids, Azure fallback, dated snapshots)', () => {
    const q = { usageClass: 'input' as const, date: '2026-09-01' };
    const aws = lookupPrice(book, { ...q, provider: 'aws', model: 'global.anthropic.claude-sonnet-4-5-20250929-v1:0' });
    expect(aws.ok && [aws.model, aws.row.region]).toEqual(['claude-sonnet-4-5', 'global']);
    const azure = lookupPrice(book, { ...q, provider: 'azure', model: 'gpt-4o-2024-08-06' });
    expect(azure.ok && [azure.model, azure.pricedAsProvider]).toEqual(['gpt-4o', 'openai']);
  });

  it('is what the build script makes from the pinned package (reproducible)', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-price-catalogue.ts', '--check'], { encoding: 'utf8' });
    expect(out).toContain('up to date');
  });
});

/** genai-prices counts input_tokens as all input (cache reads and writes included); our ledger's `input` is the uncached part. */
function viaPackage(provider: string, catalogueId: string, t: { input: number; cached: number; w5: number; w1h: number; output: number }, date: string): number | null {
  const r = calcPrice(
    { input_tokens: t.input + t.cached + t.w5 + t.w1h, cache_read_tokens: t.cached, cache_write_tokens: t.w5 + t.w1h, cache_write_1h_tokens: t.w1h, output_tokens: t.output },
    catalogueId,
    { providerId: provider, timestamp: new Date(`${date}T12:00:00Z`) },
  );
  return r ? r.total_price : null;
}

describe('agreement with @pydantic/genai-prices calcPrice', () => {
  it('$1.5225 for 250k in / 1k out on claude-sonnet-4-5, both ways', () => {
    // 250,000 × $6/M + 1,000 × $22.50/M = $1.50 + $0.0225 (prompt over 200k: every token at the long-context rate)
    const ours = priceRequest(book, { provider: 'anthropic', model: 'claude-sonnet-4-5', date: '2026-09-01', tokens: { input: 250_000, output: 1_000 } });
    expect(ours.total).toBe(1_522_500_000n);
    expect(viaPackage('anthropic', 'claude-sonnet-4-5', { input: 250_000, cached: 0, w5: 0, w1h: 0, output: 1_000 }, '2026-09-01')).toBeCloseTo(1.5225, 12);
  });

  it('agrees on a sample of requests across the six vendors', () => {
    // The converted catalogue alone: the supplement adds what the package lacks (e.g. Sonnet 4 long-context bands), so it differs on purpose.
    const book = createPriceBook({ catalogue: bundledPriceData.catalogue });
    // Every model of the six vendors whose prices are plain tokens, with random token counts around the long-context thresholds.
    const models = book.models.filter((m) => REQUIRED.includes(m.provider) && book.rows.some((r) => r.provider === m.provider && r.model === m.model && r.usageClass === 'output'));
    expect(models.length).toBeGreaterThan(200);
    const tokens = fc.record({
      input: fc.integer({ min: 0, max: 400_000 }),
      cached: fc.integer({ min: 0, max: 100_000 }),
      w5: fc.integer({ min: 0, max: 20_000 }),
      w1h: fc.integer({ min: 0, max: 20_000 }),
      output: fc.integer({ min: 0, max: 50_000 }),
    });
    let compared = 0;
    fc.assert(
      fc.property(fc.constantFrom(...models), tokens, fc.constantFrom('2025-06-01', '2026-03-20', '2026-09-01'), (m, t, date) => {
        const classes = new Set(book.rows.filter((r) => r.provider === m.provider && r.model === m.model && inForce(date, r.effectiveFrom, r.effectiveTo)).map((r) => r.usageClass));
        // Send only the token kinds the model prices that day: the package bills an unpriced kind at the input rate, we report it as unpriced.
        const use = { input: t.input, cached: classes.has('cached_input') ? t.cached : 0, w5: classes.has('cache_write_5m') ? t.w5 : 0, w1h: classes.has('cache_write_1h') ? t.w1h : 0, output: t.output };
        const id = m.catalogueIds[0]!;
        const theirs = viaPackage(m.provider, id, use, date);
        const ours = priceRequest(book, { provider: m.provider, model: id, date, tokens: { input: use.input, cached_input: use.cached, cache_write_5m: use.w5, cache_write_1h: use.w1h, output: use.output } });
        // A few catalogue ids are prefixes their own match rules do not accept ("ft:gpt-4o"): nothing to compare there.
        if (theirs === null) return true;
        if (ours.total === null) return false;
        compared += 1;
        const diff = Math.abs(nanosToNumber(ours.total) - theirs);
        return diff <= 1e-9 * Math.max(1, theirs);
      }),
      { numRuns: 1500, seed: 20260923 },
    );
    expect(compared).toBeGreaterThan(1000);
  });
});

describe('time-of-day prices (DeepSeek)', () => {
  it('lists the standard daytime price and names the off-peak discount in the row note', () => {
    // deepseek-chat: $0.27 per 1M input tokens 00:30-16:30 UTC (16 of 24 hours), $0.135 off-peak.
    // A daily ledger line cannot tell the hour, so list = $0.27: 10M input tokens at list = 10 × $0.27 = $2.70.
    const input = lookupPrice(book, { provider: 'deepseek', model: 'deepseek-chat', usageClass: 'input', date: '2026-06-15' });
    expect(input.ok).toBe(true);
    if (!input.ok) return;
    expect(nanosToNumber(input.price)).toBe(0.27);
    expect(input.row.note).toContain('0.135 outside 00:30-16:30 UTC (off-peak discount');
    // The package's own calculation at midday UTC agrees.
    const midday = calcPrice({ input_tokens: 10_000_000 }, 'deepseek-chat', { providerId: 'deepseek', timestamp: new Date('2026-06-15T12:00:00Z') });
    expect(midday?.total_price).toBeCloseTo(2.7, 10);
    const reasoner = lookupPrice(book, { provider: 'deepseek', model: 'deepseek-reasoner', usageClass: 'output', date: '2026-06-15' });
    expect(reasoner.ok && nanosToNumber(reasoner.price)).toBe(2.19);
  });

  it('keeps the default price where peak windows cover less of the day (deepseek-v4-flash: 7 of 24 hours)', () => {
    // deepseek-v4-flash from 2026-08-17: $0.22 input outside 01:00-04:00 and 06:00-10:00 UTC, $0.44 inside.
    const flash = lookupPrice(book, { provider: 'deepseek', model: 'deepseek-v4-flash', usageClass: 'input', date: '2026-09-01' });
    expect(flash.ok && nanosToNumber(flash.price)).toBe(0.22);
  });
});

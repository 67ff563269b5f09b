import { describe, expect, it } from 'vitest';
import differences from '../../../data/prices/genai-prices-differences.json';
import { bundledPriceBook } from '../../../shared/domain/pricebook/bundled';
import { agrees, compareAll, describePoint, explainDifferences, type ReviewedDifference } from '../../helpers/genai-prices-compare';

const table = differences.differences as ReviewedDifference[];
const book = bundledPriceBook();
const providers = [...book.providers.keys()];
// Computed once: ~1,600 points, each priced by our lookup and by the package's calcPrice (twice).
const results = compareAll(book, providers);

describe('the price book against @pydantic/genai-prices, every shared point both ways', () => {
  it('compares every model, usage type, band threshold and dated change the two share', () => {
    const agreeing = results.filter(agrees).length;
    // Both sides' points: the package's models × converted keys × tier thresholds × start dates (and the day before each),
    // and the book's rows × effective-from dates, supplement rows included.
    expect(results.length).toBeGreaterThan(1500);
    expect(agreeing).toBeGreaterThan(1450);
    expect(new Set(results.map((r) => r.provider))).toEqual(new Set(['openai', 'anthropic', 'google', 'aws', 'azure', 'mistral', 'deepseek', 'x-ai', 'moonshotai', 'cohere']));
    // Dated changes are compared on their first day and the day before.
    const dated = results.filter((r) => r.provider === 'mistral' && r.model === 'voxtral-small-24b-2507' && r.key === 'output_mtok');
    expect(dated.map((r) => [r.date, r.ours, r.theirs])).toEqual(
      expect.arrayContaining([
        ['2026-08-10', 0.3, expect.closeTo(0.3, 12)],
        ['2026-08-11', 0.4, expect.closeTo(0.4, 12)],
      ]),
    );
    // Bands: a prompt over the threshold prices at the band on both sides (Sonnet 4.5: $6 per M input over 200k).
    const band = results.find((r) => r.provider === 'anthropic' && r.model === 'claude-sonnet-4-5' && r.key === 'input_mtok' && r.band === 200000);
    expect(band && [band.ours, agrees(band)]).toEqual([6, true]);
  });

  it('explains every remaining difference from the reviewed table, and every entry still explains one', () => {
    const { explained, unexplained, unused } = explainDifferences(results, table);
    expect(unexplained.map(describePoint)).toEqual([]);
    expect(unused.map((e) => e.id)).toEqual([]);
    // The list a reviewer reads: each difference with its reason.
    const listed = explained.map(({ result, entry }) => `${describePoint(result)} — ${entry.id}`);
    expect(listed.length).toBe(62);
    expect(listed).toContain('aws global.anthropic.claude-sonnet-4-20250514-v1:0 (ours: claude-sonnet-4-0) input_mtok >200000 on 2026-09-01: ours 6 / theirs 2.9999999999999996 per 1000000 — long-context-claude-sonnet-4-bedrock');
  });

  it('fails on a new difference nobody reviewed', () => {
    // A user row moving gpt-4o input from $2.50 to $2.75: a difference the table does not explain.
    const edited = bundledPriceBook({
      userRows: [
        {
          id: 'user:gpt-4o:input',
          provider: 'openai',
          model: 'gpt-4o',
          usageClass: 'input',
          meter: null,
          serviceTier: 'standard',
          contextAbove: null,
          region: null,
          effectiveFrom: null,
          effectiveTo: null,
          currency: 'USD',
          price: '2.75',
          per: 1_000_000,
          unit: 'token',
          source: 'user',
          note: 'test',
        },
      ],
    });
    const { unexplained } = explainDifferences(compareAll(edited, ['openai']), table);
    expect(unexplained.some((r) => r.model === 'gpt-4o' && r.key === 'input_mtok' && r.ours === 2.75 && r.theirs === 2.5)).toBe(true);
  });
});

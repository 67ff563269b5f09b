/**
 * The scenario builder draws each lever from its module's form
 * (shared/engine/levers): its fields, the entries of a list it holds (the
 * adjacent lever's costs) and the note for parts only the YAML view edits.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { rowToWire } from '../../../shared/domain/pricebook/book';
import { bundledPriceBook } from '../../../shared/domain/pricebook/bundled';
import { ScenarioBuilder, newLever } from '../../../renderer/src/views/scenarios/ScenarioBuilder';

const yaml = `version: 1
baseline:
  start: 2027-01
scenarios:
  - id: s
    name: Around the AI
    levers:
      - type: adjacent
        start: 2027-01
        costs:
          - { name: vector database, kind: vector_db, fixedMonthly: "500" }
          - { name: reviewers, kind: human_review, perUnit: "0.40" }
      - type: contract
        start: 2027-01
        provider: openai
        offer: { discountPct: 10, credits: [{ amount: "1000", start: 2027-01, expires: 2027-06 }] }
      - type: tier
        start: 2027-01
        batch: 0.3
`;

function render(text: string): string {
  return renderToStaticMarkup(<ScenarioBuilder text={text} onChange={() => undefined} ctx={{ start: '2027-01', horizonMonths: 12, baselineByModel: [], loadPrices: async () => [], workloads: [], models: ['openai/gpt-4.1'], contracts: [] }} />);
}

describe('scenario builder', () => {
  it('draws each lever’s own fields, its list entries and its YAML-only note', () => {
    const html = render(yaml);
    // The adjacent lever: both costs with their fields, and the button to add one.
    expect(html.match(/class="sc-cost"/g)).toHaveLength(2);
    expect(html).toContain('Add a cost');
    expect(html.match(/Remove this cost/g)).toHaveLength(2);
    // The contract offer's credits are edited in the YAML view, and the card says so.
    expect(html).toContain('Prepaid credits of this offer are edited in the YAML view.');
    // The tier lever: its three shares, and no list or note of the others.
    expect(html).toContain('To batch');
    expect(html).toContain('To priority');
    expect(html.match(/Add a cost/g)).toHaveLength(1);
  });

  it('leaves the note out when the lever has no such part', () => {
    const html = render(yaml.replace(', credits: [{ amount: "1000", start: 2027-01, expires: 2027-06 }]', ''));
    expect(html).not.toContain('Prepaid credits');
  });
});

describe('a new lever', () => {
  it('with the bundled price book, the demo’s gpt-4.1 routes to a cheaper OpenAI model from next month', async () => {
    const book = bundledPriceBook();
    const lever = await newLever(
      'route',
      {
        start: '2026-11',
        horizonMonths: 24,
        workloads: [],
        contracts: [],
        models: ['openai/gpt-4o-mini', 'openai/gpt-4.1'],
        baselineByModel: [{ 'openai/gpt-4.1': '668.43', 'openai/gpt-4o-mini': '3.59' }],
        // The rows in force on the day, as pricing.rows answers with asOf.
        loadPrices: async (_providers, asOf) => book.rows.filter((r) => (r.effectiveFrom === null || r.effectiveFrom <= asOf) && (r.effectiveTo === null || r.effectiveTo > asOf)).map(rowToWire),
      },
      '2026-12-06',
    );
    // gpt-4.1 lists at $2 input + $8 output per million; gpt-4o-mini at $0.15 + $0.60: the workloads' cheaper model.
    expect(lever).toMatchObject({ type: 'route', from: 'openai/gpt-4.1', to: 'openai/gpt-4o-mini', start: '2027-01' });
  });

  it('of any kind starts next month, not at a horizon start already past', async () => {
    const lever = await newLever('tier', { start: '2026-01', horizonMonths: 24, workloads: [], contracts: [], models: [], baselineByModel: [], loadPrices: async () => [] }, '2026-12-06');
    expect(lever).toMatchObject({ type: 'tier', start: '2027-01' });
  });
});

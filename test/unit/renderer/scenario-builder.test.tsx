/**
 * The scenario builder draws each lever from its module's form
 * (shared/engine/levers): its fields, the entries of a list it holds (the
 * adjacent lever's costs) and the note for parts only the YAML view edits.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ScenarioBuilder } from '../../../renderer/src/views/scenarios/ScenarioBuilder';

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
  return renderToStaticMarkup(<ScenarioBuilder text={text} onChange={() => undefined} ctx={{ start: '2027-01', workloads: [], models: ['openai/gpt-4.1'], contracts: [] }} />);
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

import { describe, expect, it } from 'vitest';
import { termSheetWorkbook } from '../../../scenarios/contracts/build-examples';
import { termSheetGrid } from '../../../electron/backend/contracts/term-sheet-reader';
import { WorkbenchError } from '../../../shared/domain/errors';
import { describeTerms } from '../../../shared/domain/contracts/terms';
import { publisherOfUsage } from '../../../shared/domain/contracts/credits';
import { loadContractYaml, validateContract } from '../../../shared/domain/contracts/load';
import { priceContractMonth } from '../../../shared/domain/contracts/price-month';
import { ContractFileSchema } from '../../../shared/domain/contracts/schema';
import { validateTermSheet } from '../../../shared/domain/contracts/term-sheet';
import type { UsageItem } from '../../../shared/domain/contracts/types';
import { nanosToDecimal } from '../../../shared/domain/money';
import { bundledPriceBook } from '../../../shared/domain/pricebook/bundled';
import { providerKey } from '../../../shared/domain/provider-names';
import { parseExactYaml } from '../../../shared/domain/yaml-text';
import { providerSlug } from '../../../shared/formats/values/text';

const book = bundledPriceBook();
const usd = (n: bigint) => nanosToDecimal(n, 2);

const HEAD = `name: Bedrock credits
vendor: aws
currency: USD
term: { start: 2027-01-01, end: 2027-12-31 }
`;

const contract = (extra: string) => loadContractYaml(`${HEAD}${extra}`, { file: 'bedrock.yaml', book });

function issuesOf(yaml: string, withBook = true): { field: string; message: string }[] {
  const r = validateContract(parseExactYaml(yaml, 'bedrock.yaml'), { file: 'bedrock.yaml', ...(withBook ? { book } : {}) });
  if (r.ok) throw new Error('expected the contract to be rejected');
  return r.issues;
}

const credits = (m: ReturnType<typeof priceContractMonth>) => m.lines.filter((l) => l.kind === 'credit_applied').map((l) => [l.label, usd(l.amount)]);

/**
 * March 2027 on AWS Bedrock at the shipped price book's list prices:
 * Claude Sonnet 4.5 (global) input 100M × $3.00/M = $300.00, output 20M × $15.00/M = $300.00 (publisher anthropic);
 * Llama 3.3 70B input 500M × $0.72/M = $360.00 (publisher meta); Nova Pro output 50M × $3.20/M = $160.00 (Amazon's own:
 * the ledger gives no publisher). Usage $1,120.00.
 */
const MARCH: UsageItem[] = [
  { provider: 'aws', publisher: 'anthropic', model: 'claude-sonnet-4-5', region: 'global', usageClass: 'input', serviceTier: 'standard', quantity: 100_000_000, date: '2027-03-04' },
  { provider: 'aws', publisher: 'anthropic', model: 'claude-sonnet-4-5', region: 'global', usageClass: 'output', serviceTier: 'standard', quantity: 20_000_000, date: '2027-03-04' },
  { provider: 'aws', publisher: 'meta', model: 'meta.llama3-3-70b-instruct', usageClass: 'input', serviceTier: 'standard', quantity: 500_000_000, date: '2027-03-04' },
  { provider: 'aws', publisher: null, model: 'amazon.nova-pro', usageClass: 'output', serviceTier: 'standard', quantity: 50_000_000, date: '2027-03-04' },
];

describe('golden: credits scoped by publisher', () => {
  it('a credit for Anthropic pays only Anthropic’s models, whatever case the contract writes the name in', () => {
    // The $1,000 grant pays the Claude usage, $300.00 + $300.00 = $600.00; invoice $1,120.00 − $600.00 = $520.00, $400.00 left.
    const c = contract(`credits:
  grants:
    - { id: anthropic-pack, amount: "1000", start: 2027-01-01, expires: 2027-12-31, publishers: [Anthropic] }
`);
    const m = priceContractMonth(c, '2027-03', MARCH, book);
    expect(usd(m.summary.usageNet)).toBe('1120.00');
    expect(credits(m)).toEqual([['Credit anthropic-pack applied (Anthropic only)', '-600.00']]);
    expect(usd(m.total)).toBe('520.00');
    expect(m.credits.map((g) => [g.grantId, usd(g.closing)])).toEqual([['anthropic-pack', '400.00']]);
    expect(describeTerms(c)).toContain('$1,000.00 credit anthropic-pack, 2027-01-01 to 2027-12-31 (Anthropic only)');
  });

  it('the vendor’s own models are the vendor’s: "Amazon" pays Nova, whose lines name no publisher', () => {
    // Nova Pro's $160.00 only (Amazon is AWS, the provider of a line without a publisher); capped by the $100 grant. Invoice $1,020.00.
    const c = contract(`credits:
  grants:
    - { id: nova-trial, amount: "100", start: 2027-01-01, expires: 2027-12-31, publishers: [Amazon] }
`);
    const m = priceContractMonth(c, '2027-03', MARCH, book);
    expect(credits(m)).toEqual([['Credit nova-trial applied (AWS only)', '-100.00']]);
    expect(usd(m.total)).toBe('1020.00');
  });

  it('with other scopes every part must match: Meta’s output is paid, Meta’s input is not', () => {
    // meta-output pays Meta's output only: there is none (Llama is input here), so it pays nothing. anthropic-output pays Claude's
    // output, $300.00, not its input. Invoice $1,120.00 − $300.00 = $820.00.
    const c = contract(`credits:
  grants:
    - { id: meta-output, amount: "500", start: 2027-01-01, expires: 2027-12-31, publishers: [meta], usageClasses: [output] }
    - { id: anthropic-output, amount: "500", start: 2027-01-01, expires: 2027-12-31, publishers: [anthropic], usageClasses: [output] }
`);
    const m = priceContractMonth(c, '2027-03', MARCH, book);
    expect(credits(m)).toEqual([['Credit anthropic-output applied (Anthropic; output only)', '-300.00']]);
    expect(usd(m.total)).toBe('820.00');
    expect(m.credits.map((g) => [g.grantId, usd(g.applied), usd(g.closing)])).toEqual([
      ['meta-output', '0.00', '500.00'],
      ['anthropic-output', '300.00', '200.00'],
    ]);
  });

  it('usage without a publisher of its own (a projected month) is its model’s developer’s', () => {
    // The same month as a scenario projects it, no publishers given: Claude is still Anthropic's, $600.00 paid.
    const c = contract(`credits:
  grants:
    - { id: anthropic-pack, amount: "1000", start: 2027-01-01, expires: 2027-12-31, publishers: [anthropic] }
`);
    const projected = MARCH.map(({ publisher: _publisher, date: _date, ...item }) => item);
    const m = priceContractMonth(c, '2027-03', projected, book);
    expect(credits(m)).toEqual([['Credit anthropic-pack applied (Anthropic only)', '-600.00']]);
  });
});

describe('who publishes a usage item', () => {
  it('the ledger’s publisher, else the model’s developer, else the provider, else the contract’s vendor; spelt as the ledger spells it', () => {
    expect(publisherOfUsage({ provider: 'aws', publisher: 'Anthropic', model: 'claude-sonnet-4-5' }, 'aws')).toBe('anthropic');
    expect(publisherOfUsage({ provider: 'aws', publisher: null, model: 'meta.llama3-3-70b-instruct' }, 'aws')).toBe('meta');
    expect(publisherOfUsage({ provider: 'aws', model: 'amazon.nova-pro' }, 'aws')).toBe('aws');
    expect(publisherOfUsage({ provider: 'azure', publisher: 'microsoft', model: 'phi-4' }, 'azure')).toBe('azure');
    expect(publisherOfUsage({ provider: 'acme', model: 'acme-large' }, 'acme')).toBe('acme');
    expect(publisherOfUsage({ model: 'acme-large' }, 'Acme Cloud')).toBe('acme cloud');
  });

  it('names match as the importers write them: the domain’s providerKey and the importers’ providerSlug agree', () => {
    for (const name of ['Anthropic', 'anthropic', 'Amazon', 'Amazon Web Services', 'AWS', 'Microsoft', 'Azure', 'Google Cloud', 'Meta', 'Mistral AI', 'xAI', 'DeepSeek', 'Open AI', ' Writer ', 'Qwen']) {
      expect(providerKey(name)).toBe(providerSlug(name));
    }
    expect(['Anthropic', 'Amazon Web Services', 'Microsoft', 'Mistral AI', ' Writer '].map(providerKey)).toEqual(['anthropic', 'aws', 'azure', 'mistral', 'writer']);
  });
});

describe('validation of a publisher scope names file and field', () => {
  const grant = (scope: string) => `${HEAD}credits:
  grants:
    - { id: g, amount: "100", start: 2027-01-01, expires: 2027-12-31, ${scope} }
`;

  it('an empty list', () => {
    try {
      contract(`credits:
  grants:
    - { id: g, amount: "100", start: 2027-01-01, expires: 2027-12-31, publishers: [] }
`);
      throw new Error('expected the contract to be rejected');
    } catch (e) {
      expect(e).toBeInstanceOf(WorkbenchError);
      expect((e as WorkbenchError).message).toBe('must name at least one publisher (leave it out for every publisher)');
      expect([(e as WorkbenchError).file, (e as WorkbenchError).field]).toEqual(['bedrock.yaml', 'credits.grants[0].publishers']);
    }
  });

  it('a blank name', () => {
    expect(issuesOf(grant('publishers: [" "]'))).toEqual([{ field: 'credits.grants[0].publishers[0]', message: 'must name a publisher' }]);
  });

  it('a publisher of none of the models the price book lists for the vendor', () => {
    expect(issuesOf(grant('publishers: [anthropic, Acme Labs]'))).toEqual([
      {
        field: 'credits.grants[0].publishers[1]',
        message: expect.stringMatching(/^names publisher "Acme Labs", of whom the price book lists no model for aws \(it lists models of anthropic, aws, .*meta.*\); write the publisher as the ledger's Publisher column spells it$/),
      },
    ]);
  });

  it('a first-party vendor publishes only its own models', () => {
    const issues = issuesOf(grant('publishers: [anthropic]').replace('vendor: aws', 'vendor: openai'));
    expect(issues).toEqual([{ field: 'credits.grants[0].publishers[0]', message: 'names publisher "anthropic", of whom the price book lists no model for openai (it lists models of openai); write the publisher as the ledger\'s Publisher column spells it' }]);
  });

  it('without a price book a vendor’s publishers cannot be told, and any name is taken', () => {
    const r = validateContract(parseExactYaml(grant('publishers: [Acme Labs]'), 'bedrock.yaml'), { file: 'bedrock.yaml' });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.contract.credits?.grants[0]?.scope?.publishers).toEqual(['acme labs']);
  });

  it('the same publisher twice, under two spellings', () => {
    expect(issuesOf(grant('publishers: [aws, Amazon]'))).toEqual([{ field: 'credits.grants[0].publishers[1]', message: 'names publisher Amazon twice (as aws too)' }]);
  });

  it('a model of the scope that none of its publishers made: the grant would never pay it', () => {
    expect(issuesOf(grant('publishers: [meta], models: [claude-sonnet-4-5]'))).toEqual([
      { field: 'credits.grants[0].models[0]', message: "model claude-sonnet-4-5 is published by anthropic, not by the grant's publishers (meta): a scope's parts must all match, so the grant would never pay it" },
    ]);
  });
});

describe('the term-sheet workbook', () => {
  it('writes and reads back a Publishers column', async () => {
    const yaml = `${HEAD}credits:
  grants:
    - { id: anthropic-pack, amount: "1000", start: 2027-01-01, expires: 2027-12-31, publishers: [anthropic, meta], usageClasses: [output] }
    - { id: plain, amount: "50", start: 2027-01-01, expires: 2027-06-30 }
`;
    const parsed = ContractFileSchema.parse(parseExactYaml(yaml, 'bedrock.yaml'));
    const { grid } = termSheetGrid(new Uint8Array(await termSheetWorkbook(parsed)), 'bedrock.xlsx');
    const header = grid.find((row) => row[0] === 'Id')!;
    expect(header).toContain('Publishers');
    const back = validateTermSheet(grid, { file: 'bedrock.xlsx', book, sheet: 'Term sheet' });
    expect(back.ok).toBe(true);
    if (back.ok) expect(back.contract.credits?.grants.map((g) => g.scope)).toEqual([{ publishers: ['anthropic', 'meta'], models: null, usageClasses: ['output'], serviceTiers: null }, null]);
  });

  it('names the cell of an unknown publisher', () => {
    const grid = [['Vendor', 'aws'], ['Name', 'Bedrock'], ['Currency', 'USD'], ['Start', '2027-01-01'], ['End', '2027-12-31'], [], ['[Credits]'], ['Id', 'Amount', 'Start', 'Expires', 'Publishers'], ['g', '100', '2027-01-01', '2027-12-31', 'anthropic, Acme Labs']];
    const r = validateTermSheet(grid, { file: 'offer.xlsx', book, sheet: 'Term sheet' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => [i.field, i.cell])).toEqual([['credits.grants[0].publishers[1]', 'Term sheet!E9']]);
  });
});

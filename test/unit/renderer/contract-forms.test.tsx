import { renderToStaticMarkup } from 'react-dom/server';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { validateContract } from '../../../shared/domain/contracts/load';
import { CONTRACT_TERM_KEYS } from '../../../shared/domain/contracts/terms';
import type { ContractTermKey } from '../../../shared/domain/contracts/types';
import { ContractForm } from '../../../renderer/src/views/contracts/ContractForm';
import { defaultTerm } from '../../../renderer/src/views/contracts/NewContractDialog';
import { TERM_FORMS, describeField, issueInWords, newContractFile, newContractId } from '../../../renderer/src/views/contracts/contract-forms';

const contract = {
  name: 'Acme × OpenAI',
  vendor: 'openai',
  currency: 'USD',
  term: { start: '2027-01-01', end: '2027-12-31' },
  discounts: [{ label: 'Enterprise discount', percentOff: '150' }],
  credits: { grants: [{ id: 'a', amount: '10', start: '2027-01-01', expires: '2027-03-31' }, { id: 'b', amount: '10', start: '2027-01-01', expires: '2026-03-31' }] },
};

describe('contract problems in words', () => {
  it('names the field as the form does, not by its path', () => {
    expect(describeField('discounts[0].percentOff', contract)).toBe('Discount 1 (Enterprise discount), percent off');
    expect(describeField('credits.grants[1].expires', contract)).toBe('Prepaid credits, grant 2, expires');
    expect(describeField('commitment.amount')).toBe('Commitment, amount');
    expect(describeField('term.end')).toBe('Term ends');
    expect(describeField('minimumMonthlyFee')).toBe('Minimum monthly fee');
    expect(describeField('rates[2]')).toBe('Rate 3');
  });

  it('says the validator’s own message after the field', () => {
    const checked = validateContract(contract, { file: 'acme.yaml' });
    expect(checked.ok).toBe(false);
    const words = checked.ok ? [] : checked.issues.map((i) => issueInWords(i, contract));
    expect(words).toContain('Discount 1 (Enterprise discount), percent off must be between 0 and 100');
  });

  it('shows each problem beside its field in the form', () => {
    const html = renderToStaticMarkup(<ContractForm text={stringify(contract)} onChange={() => undefined} issues={[{ field: 'discounts[0].percentOff', message: 'must be between 0 and 100' }]} />);
    expect(html).toContain('Percent off must be between 0 and 100');
    expect(html).not.toContain('discounts[0].percentOff');
    // Every kind of term has its section; absent ones offer to add it.
    for (const key of CONTRACT_TERM_KEYS) expect(html).toContain(`data-testid="term-${key}"`);
    expect(html).toContain('Add commitment');
  });
});

describe('a credit scoped by publisher', () => {
  const bedrock = { ...contract, vendor: 'aws', discounts: undefined, credits: { grants: [{ id: 'claude', amount: '1000', start: '2027-01-01', expires: '2027-12-31', publishers: ['anthropic', 'Acme Labs'] }] } };

  it('shows the publishers beside the grant’s other scopes, as a list to edit', () => {
    const html = renderToStaticMarkup(<ContractForm text={stringify(bedrock)} onChange={() => undefined} issues={[]} />);
    expect(html).toContain('Only these publishers');
    expect(html).toContain('value="anthropic, Acme Labs"');
  });

  it('names a publisher’s problem as the form does', () => {
    expect(describeField('credits.grants[0].publishers', bedrock)).toBe('Prepaid credits, grant 1, only these publishers');
  });
});

describe('a new contract', () => {
  it('gets an id from the provider and year that is not taken', () => {
    expect(newContractId('openai', '2027-01-01', [])).toBe('openai-2027');
    expect(newContractId('openai', '2027-01-01', ['openai-2027', 'openai-2027-2'])).toBe('openai-2027-3');
  });

  it.each([null, ...CONTRACT_TERM_KEYS] as (ContractTermKey | null)[])('starts valid, starting with %s', (firstTerm) => {
    const file = newContractFile({ provider: 'anthropic', providerName: 'Anthropic', currency: 'EUR', start: '2027-02-01', end: '2028-01-31', firstTerm }, []);
    const yaml = stringify(file, { lineWidth: 0 });
    const checked = validateContract(parse(yaml), { file: 'new.yaml' });
    expect(checked.ok ? [] : checked.issues).toEqual([]);
    expect(file).toMatchObject({ id: 'anthropic-2027', name: 'Anthropic contract 2027', vendor: 'anthropic', currency: 'EUR', term: { start: '2027-02-01', end: '2028-01-31' } });
    if (firstTerm) expect(file[firstTerm]).toBeDefined();
  });

  it('has a form for every kind of term', () => {
    expect(Object.keys(TERM_FORMS).sort()).toEqual([...CONTRACT_TERM_KEYS].sort());
  });
});

describe('a new contract’s term', () => {
  const existing = [{ name: 'Anthropic 2026', vendor: 'anthropic', start: '2026-03-01', end: '2027-02-28' }];
  it('runs a year from next month, or from the day after the provider’s last contract ends', () => {
    // Today 6 December 2026: next month starts 2027-01-01; a year is to 2027-12-31.
    expect(defaultTerm('openai', existing, new Date(2026, 11, 6))).toEqual({ start: '2027-01-01', end: '2027-12-31' });
    // Anthropic's contract ends 2027-02-28: from 2027-03-01 to the day before 2028-03-01, a leap day.
    expect(defaultTerm('anthropic', existing, new Date(2026, 11, 6))).toEqual({ start: '2027-03-01', end: '2028-02-29' });
  });
});

describe('the commitment form: ramp years and true-up', () => {
  const ramped = {
    ...contract,
    discounts: [],
    credits: undefined,
    term: { start: '2027-01-01', end: '2028-12-31' },
    commitment: { period: 'year', trueUp: 'quarter', carryOver: 'within_year', years: [{ year: 1, amount: '1200000' }, { year: 3, amount: '1800000' }] },
  };

  it('shows each contract year and the validator’s problem beside the year that is wrong', () => {
    const checked = validateContract(ramped, { file: 'ramp.yaml' });
    const issues = checked.ok ? [] : checked.issues;
    expect(issues.map((i) => i.field)).toEqual(['commitment.years[1].year', 'commitment.years']);
    expect(describeField('commitment.years[1].year', ramped)).toBe('Commitment, contract year 2, contract year');
    const html = renderToStaticMarkup(<ContractForm text={stringify(ramped)} onChange={() => undefined} issues={issues} />);
    expect(html).toContain('Contract year 1');
    expect(html).toContain('Contract year 2');
        expect(html).toContain('Contract year is 3, outside the term (2027-01-01 to 2028-12-31 has 2 contract years, the last from 2028-01)');
    expect(html).toContain('Add a contract year');
    expect(TERM_FORMS.commitment.fields.find((f) => f.key === 'trueUp')?.options?.map((o) => o.value)).toEqual(['month', 'quarter', 'year']);
    expect(TERM_FORMS.commitment.fields.find((f) => f.key === 'carryOver')?.options?.map((o) => o.value)).toContain('within_year');
  });
});

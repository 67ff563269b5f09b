import { renderToStaticMarkup } from 'react-dom/server';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { validateContract } from '../../../shared/domain/contracts/load';
import { ContractForm } from '../../../renderer/src/views/contracts/ContractForm';
import { describeField, issueInWords, newVersion, versionChanges } from '../../../renderer/src/views/contracts/contract-forms';

const contract = {
  name: 'Acme × OpenAI',
  vendor: 'openai',
  currency: 'USD',
  term: { start: '2026-01-01', end: '2026-12-31' },
  discounts: [{ label: 'Enterprise discount', percentOff: '15' }],
  versions: [
    { effectiveFrom: '2026-11-15', reason: 'renewal, phase 2', end: '2027-04-30', commitment: { amount: '700', period: 'month' }, discounts: [{ label: 'Renewal discount', percentOff: '150' }] },
  ],
};

describe('contract versions in the Contracts view', () => {
  it('says a version’s problems in words, naming the version and the field inside it', () => {
    expect(describeField('versions[0].effectiveFrom', contract)).toBe('Version 2 (renewal, phase 2), takes effect');
    expect(describeField('versions[0].discounts[0].percentOff', contract)).toBe('Version 2 (renewal, phase 2), Discount 1 (Renewal discount), percent off');
    expect(describeField('versions[0].withdrawCredits[0]', contract)).toBe('Version 2 (renewal, phase 2), credits withdrawn');
    const checked = validateContract(contract, { file: 'acme.yaml' });
    const words = checked.ok ? [] : checked.issues.map((i) => issueInWords(i, contract));
    expect(words).toEqual([
      'Version 2 (renewal, phase 2), Discount 1 (Renewal discount), percent off must be between 0 and 100',
      'Version 2 (renewal, phase 2), takes effect is 2026-11-15: a version takes effect on the first day of a month (2026-11-01 or the first of the next), since a monthly invoice is billed under one set of terms',
    ]);
  });

  it('lists the versions with what each changes, and adds an amendment from the month after the last', () => {
    const html = renderToStaticMarkup(<ContractForm text={stringify(contract)} onChange={() => undefined} issues={[]} />);
    expect(html).toContain('Version 1</strong> from 2026-01-01: the terms as signed, to 2026-12-31.');
    expect(html).toContain('changes discounts off list, commitment');
    expect(versionChanges(contract.versions[0]!)).toEqual(['Discounts off list', 'Commitment']);
    // The next amendment starts the month after the last version and repeats the discounts in force, so it is valid as added.
    expect(newVersion(contract)).toEqual({ effectiveFrom: '2026-12-01', reason: 'amendment 2', discounts: contract.versions[0]!.discounts });
    const fresh = { ...contract, versions: undefined };
    expect(newVersion(fresh)).toEqual({ effectiveFrom: '2026-02-01', reason: 'amendment 1', discounts: contract.discounts });
    const added = validateContract({ ...fresh, versions: [newVersion(fresh)] }, { file: 'acme.yaml' });
    expect(added.ok).toBe(true);
  });
});

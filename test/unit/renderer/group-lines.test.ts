import { describe, expect, it } from 'vitest';
import type { LedgerFilter } from '../../../shared/api/ledger';
import { groupKey, groupLabel, groupLineFilters } from '../../../renderer/src/views/ledger/group-lines';

describe('a group row opens to its lines', () => {
  const view: LedgerFilter[] = [{ field: 'model', op: 'contains', value: 'gpt' }];

  it('asks for the view’s lines with the group’s values and currency', () => {
    const group = { key: { month: '2026-05', provider: 'openai' }, currency: 'USD' };
    expect(groupLineFilters(['month', 'provider'], group, view)).toEqual([
      { field: 'model', op: 'contains', value: 'gpt' },
      { field: 'month', op: 'eq', value: '2026-05' },
      { field: 'provider', op: 'eq', value: 'openai' },
      { field: 'currency', op: 'eq', value: 'USD' },
    ]);
  });

  it('a group without a value (no project) matches the lines left blank', () => {
    const group = { key: { subAccount: null, importId: 3 }, currency: 'EUR' };
    expect(groupLineFilters(['subAccount', 'importId'], group, [])).toEqual([
      { field: 'subAccount', op: 'blank' },
      { field: 'importId', op: 'eq', value: 3 },
      { field: 'currency', op: 'eq', value: 'EUR' },
    ]);
  });

  it('names the group in words and keys it as the grid does', () => {
    expect(groupLabel(['month', 'provider', 'usageClass'], { key: { month: '2026-05', provider: 'openai', usageClass: 'cached_input' }, currency: 'USD' })).toBe('May 2026 › OpenAI › Cached input (cache read) (USD)');
    expect(groupLabel(['subAccount'], { key: { subAccount: null }, currency: 'USD' })).toBe('none (USD)');
    expect(groupKey(['month'], { key: { month: '2026-05' }, currency: 'USD' })).toBe('["2026-05","USD"]');
  });
});

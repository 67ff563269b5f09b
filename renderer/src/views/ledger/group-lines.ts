import type { LedgerDimension, LedgerFilter } from '../../../../shared/api/ledger';
import { formatMonth } from '../../format/dates';
import { providerName, usageClassLabel } from '../../format/labels';
import type { GroupRow } from './ledger-datasource';

/**
 * What opening a group row shows: the lines that make up the group. They are
 * the lines of the view (its filters) with the group's own values — every
 * grouped dimension and the currency, since groups are always split by
 * currency. A group of lines with no value for a dimension matches blank.
 */
export function groupLineFilters(by: readonly LedgerDimension[], group: Pick<GroupRow, 'key' | 'currency'>, viewFilters: readonly LedgerFilter[]): LedgerFilter[] {
  const own: LedgerFilter[] = by.map((d) => {
    const value = group.key[d];
    return value === null || value === undefined ? { field: d, op: 'blank' } : { field: d, op: 'eq', value };
  });
  return [...viewFilters, ...own, { field: 'currency', op: 'eq', value: group.currency }];
}

/** A group in words: "May 2026 › OpenAI (USD)". */
export function groupLabel(by: readonly LedgerDimension[], group: Pick<GroupRow, 'key' | 'currency'>): string {
  const parts = by.map((d) => {
    const v = group.key[d];
    if (v === null || v === undefined || v === '') return 'none';
    if (d === 'month') return formatMonth(String(v));
    if (d === 'provider') return providerName(String(v));
    if (d === 'usageClass') return usageClassLabel(String(v));
    if (d === 'importId') return `import #${v}`;
    return String(v);
  });
  return `${parts.join(' › ')} (${group.currency})`;
}

/** The row's identity among the groups, as the grid keys it. */
export function groupKey(by: readonly LedgerDimension[], group: Pick<GroupRow, 'key' | 'currency'>): string {
  return JSON.stringify([...by.map((d) => group.key[d] ?? null), group.currency]);
}

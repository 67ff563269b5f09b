/**
 * What a scoped credit may pay, as the board workbook lays it out: the
 * contract's usage items in the contract pricer's order (model, tier, usage
 * class: shared/engine/contracts.ts sends them so), cut into runs of items
 * that the same scoped grants may pay. A run is a row of the credit block
 * ("usage credits may pay: gpt-4o input, output"); credits pay runs in the
 * pricer's order (credits.ts: applyCredits), so a run stands for its items
 * to the cent.
 *
 * Scope dimensions: the filter is the pricer's own (inCreditScope), given the
 * facts of an item (ScopeFacts, built in contract-blocks.ts where the runs'
 * items are made); domain/contracts/scope-text.ts says each dimension in
 * words. A new dimension of CreditScope (a grant's `publishers`) is one fact
 * there and one entry in SCOPE_DIMENSIONS; both fail to compile until added.
 */
import { inCreditScope } from '../../domain/contracts/credits';
import type { CreditGrant } from '../../domain/contracts/types';
export { scopeText } from '../../domain/contracts/scope-text';

/** The facts of a usage item a grant's scope is judged by (credits.ts: inCreditScope's second argument). */
export type ScopeFacts = Parameters<typeof inCreditScope>[1];

export interface ScopedItem<T> {
  /** Sorts as the pricer receives the items. */
  order: readonly number[];
  facts: ScopeFacts;
  label: string;
  item: T;
}

export interface ScopeRun<T> {
  items: T[];
  /** The grants (by index in the burn order) that may pay it: every unscoped grant, and the scoped grants whose scope holds it. */
  payers: number[];
  label: string;
}

/** The items in the pricer's order, cut into runs of consecutive items the same grants may pay. */
export function scopeRuns<T>(items: readonly ScopedItem<T>[], order: readonly CreditGrant[]): ScopeRun<T>[] {
  const sorted = [...items].sort((a, b) => {
    for (let i = 0; i < Math.max(a.order.length, b.order.length); i++) {
      const d = (a.order[i] ?? 0) - (b.order[i] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  });
  const runs: (ScopeRun<T> & { key: string; labels: string[] })[] = [];
  for (const x of sorted) {
    const payers = order.flatMap((g, gi) => (inCreditScope(g.scope, x.facts) ? [gi] : []));
    const key = payers.join(',');
    const last = runs.at(-1);
    if (last && last.key === key) {
      last.items.push(x.item);
      if (!last.labels.includes(x.label)) last.labels.push(x.label);
    } else runs.push({ key, payers, items: [x.item], labels: [x.label], label: '' });
  }
  return runs.map(({ items: its, payers, labels }) => ({ items: its, payers, label: labels.length <= 3 ? labels.join(', ') : `${labels.slice(0, 2).join(', ')} and ${labels.length - 2} more` }));
}

import type { ScopeRow } from './import-repository';

/**
 * Each (provider, billing account) an import's lines cover, with its charge
 * period: what the overlap check compares with earlier imports. Lines come
 * in runs of the same scope, so the last one is remembered.
 */
export class ScopeTracker {
  private readonly scopes = new Map<string, ScopeRow>();
  private last: ScopeRow | null = null;

  note(provider: string, account: string | null, start: string, end: string): void {
    const billingAccount = account ?? '';
    let scope = this.last;
    if (scope === null || scope.provider !== provider || scope.billingAccount !== billingAccount) {
      scope = this.scopeOf(provider, account, start, end);
      this.last = scope;
    }
    noteIn(scope, start, end);
  }

  /**
   * The scope of (provider, account), added with the line's period when new:
   * a caller that knows lines' scopes another way (the bulk writer, per kind)
   * keeps it and notes each line with noteIn, with no key built per line.
   */
  scopeOf(provider: string, account: string | null, start: string, end: string): ScopeRow {
    const billingAccount = account ?? '';
    const key = `${provider}\u0000${billingAccount}`;
    let scope = this.scopes.get(key);
    if (scope === undefined) {
      scope = { provider, billingAccount, periodStart: start, periodEnd: end, lines: 0 };
      this.scopes.set(key, scope);
    }
    return scope;
  }

  list(): ScopeRow[] {
    return [...this.scopes.values()].sort((a, b) => a.provider.localeCompare(b.provider) || a.billingAccount.localeCompare(b.billingAccount));
  }
}

/** Counts a line in its scope (ScopeTracker.scopeOf) and widens the scope's period to the line's. */
export function noteIn(scope: ScopeRow, start: string, end: string): void {
  scope.lines += 1;
  if (start < scope.periodStart) scope.periodStart = start;
  if (end > scope.periodEnd) scope.periodEnd = end;
}

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
      const key = `${provider}\u0000${billingAccount}`;
      scope = this.scopes.get(key) ?? null;
      if (scope === null) {
        scope = { provider, billingAccount, periodStart: start, periodEnd: end, lines: 0 };
        this.scopes.set(key, scope);
      }
      this.last = scope;
    }
    scope.lines += 1;
    if (start < scope.periodStart) scope.periodStart = start;
    if (end > scope.periodEnd) scope.periodEnd = end;
  }

  list(): ScopeRow[] {
    return [...this.scopes.values()].sort((a, b) => a.provider.localeCompare(b.provider) || a.billingAccount.localeCompare(b.billingAccount));
  }
}

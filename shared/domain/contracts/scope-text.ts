import { publisherName } from './credits';
import type { CreditScope } from './types';

/**
 * Each dimension of a credit's scope in words, for the board workbook's headers and the Assumptions labels. Keyed by
 * every field of CreditScope, so a new dimension does not compile until it is said here.
 */
export const SCOPE_DIMENSIONS: { [K in keyof CreditScope]-?: (values: NonNullable<CreditScope[K]>) => string } = {
  models: (v) => v.join(', '),
  usageClasses: (v) => v.map((c) => c.replace(/_/g, ' ')).join(', '),
  serviceTiers: (v) => `${v.join(', ')} tier`,
  publishers: (v) => v.map(publisherName).join(', '),
};

/** "gpt-4o, gpt-4o-mini; batch tier": what a scoped grant may pay (null for an unscoped grant). */
export function scopeText(scope: CreditScope | null): string | null {
  if (!scope) return null;
  return (Object.keys(SCOPE_DIMENSIONS) as (keyof CreditScope)[])
    .flatMap((k) => {
      const values = scope[k];
      return values ? [(SCOPE_DIMENSIONS[k] as (v: typeof values) => string)(values)] : [];
    })
    .join('; ');
}

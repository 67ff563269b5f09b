import { describe, expect, it } from 'vitest';
import { sampledHash } from '../../../electron/backend/imports/readers/sampled-hash';

describe('the sampled hash of repeated row starts', () => {
  // Row starts of the minimal FOCUS CSV (account, currency, billing period, category, charge period) that differ only in
  // the charge period's day (31 days of March), hashed over the 102-character key the shortest start ("…,Tax,…") gives.
  const day = (d: number) => String(d).padStart(2, '0');
  const starts = Array.from({ length: 30 }, (_, i) =>
    `acct-1001,USD,2026-03-01T00:00:00Z,2026-04-01T00:00:00Z,Usage,2026-03-${day(i + 1)}T00:00:00Z,2026-03-${day(i + 2)}T00:00:00Z,`,
  );
  const slots = (wholeLast?: number) => new Set(starts.map((s) => sampledHash(s, 0, 102, 2047, wholeLast))).size;

  it('tells apart row starts that differ only in a day near the end of the key when its last 24 characters are hashed whole', () => {
    expect(slots(24)).toBe(30);
  });

  it('puts them in four slots when only the last four are (the days fall between the samples: the tens of the end day tell them apart)', () => {
    expect(slots()).toBe(4);
  });
});

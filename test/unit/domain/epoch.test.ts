import { describe, expect, it } from 'vitest';
import { dayOfEpoch, epochOfDay, epochOfInstant, instantOfEpoch, instantTexts } from '../../../shared/domain/epoch';

describe('the charge period as epoch seconds (migration 014)', () => {
  it('turns a UTC instant into epoch seconds and back into the same text', () => {
    // 2026-03-01: 56 years after 1970 with 14 leap days (1972…2024) = 20,454 days, + Jan 31 + Feb 28 = 20,513 days × 86,400 = 1,772,323,200.
    expect(epochOfInstant('2026-03-01T00:00:00Z')).toBe(1_772_323_200);
    expect(instantOfEpoch(1_772_323_200)).toBe('2026-03-01T00:00:00Z');
    // 13:45:09 is 13 × 3,600 + 45 × 60 + 9 = 49,509 s after midnight.
    expect(epochOfInstant('2026-03-01T13:45:09Z')).toBe(1_772_372_709);
    expect(instantOfEpoch(1_772_372_709)).toBe('2026-03-01T13:45:09Z');
    // 29 February 2024: 54 years with 13 leap days (1972…2020) = 19,723 days, + 31 + 28 = 19,782 days × 86,400 = 1,709,164,800.
    expect(epochOfInstant('2024-02-29T00:00:00Z')).toBe(1_709_164_800);
    expect(instantOfEpoch(1_709_164_800)).toBe('2024-02-29T00:00:00Z');
    // Before 1970 (the importers take years from 1900): 1 January 1900 is 25,567 days earlier, −2,208,988,800.
    expect(epochOfInstant('1900-01-01T00:00:00Z')).toBe(-2_208_988_800);
    expect(instantOfEpoch(-2_208_988_800)).toBe('1900-01-01T00:00:00Z');
  });

  it('keeps milliseconds as the fraction and gives them back exactly', () => {
    expect(epochOfInstant('2026-03-01T00:00:00.123Z')).toBe(1_772_323_200.123);
    expect(instantOfEpoch(1_772_323_200.123)).toBe('2026-03-01T00:00:00.123Z');
    expect(instantOfEpoch(epochOfInstant('2026-03-01T00:00:00.001Z'))).toBe('2026-03-01T00:00:00.001Z');
    expect(instantOfEpoch(epochOfInstant('2026-12-31T23:59:59.999Z'))).toBe('2026-12-31T23:59:59.999Z');
    // Whole seconds are integers, so the workspace stores an INTEGER.
    expect(Number.isInteger(epochOfInstant('2026-03-01T00:00:00Z'))).toBe(true);
    expect(Number.isInteger(epochOfInstant('2026-03-01T00:00:00.500Z'))).toBe(false);
  });

  it('refuses text that is not an instant as the importers write them', () => {
    for (const text of ['2026-03-01', '2026-03-01T00:00:00', '2026-03-01T00:00:00+01:00', '2026-03-01 00:00:00Z', 'x', '']) {
      expect(epochOfInstant(text)).toBeNaN();
    }
  });

  it('reads and writes UTC days', () => {
    expect(epochOfDay('2026-03-01')).toBe(1_772_323_200);
    // The last second of 1 March, 1,772,323,200 + 86,399, is still that day.
    expect(dayOfEpoch(1_772_409_599)).toBe('2026-03-01');
    expect(dayOfEpoch(1_772_409_600)).toBe('2026-03-02');
    expect(epochOfDay('2026-03')).toBeNaN();
  });

  it('makes each instant text once for a pass over many lines, from numbers or BigInts', () => {
    const text = instantTexts();
    const a = text(1_772_323_200);
    expect(a).toBe('2026-03-01T00:00:00Z');
    expect(text(1_772_323_200n)).toBe(a);
    expect(instantTexts('day')(1_772_372_709n)).toBe('2026-03-01');
  });
});

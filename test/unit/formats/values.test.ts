import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inferDateOrder, monthOf, parseEpoch, parseInstant } from '../../../shared/formats/values/dates';
import { canonicalDecimal, decimalToNumber, inferDecimalStyle, multiplyDecimal, parseDecimal, parseUnit, plainQuantity } from '../../../shared/formats/values/numbers';
import { parseTags } from '../../../shared/formats/values/tags';
import { CUR_CHARGE_CATEGORY, FOCUS_CHARGE_CATEGORY } from '../../../shared/formats/rules/charge-categories';
import { lookupWord } from '../../../shared/formats/rules/text-rules';

describe('numbers as vendors write them', () => {
  it.each([
    ['1234.56', '.', '1234.56'],
    ['1,234.56', '.', '1234.56'],
    ['1,234,567', '.', '1234567'],
    ['4.2e-05', '.', '4.2e-05'],
    ['-0.5', '.', '-0.5'],
    ['(12.50)', '.', '-12.50'],
    ['$1,000.25', '.', '1000.25'],
    ['1.234,56', ',', '1234.56'],
    ['1234,56', ',', '1234.56'],
    ['0,000042', ',', '0.000042'],
    ['1,5E-3', ',', '1.5E-3'],
    ['1.234', ',', '1234'],
    ['1.5', ',', '1.5'],
    ['1 234,56', ',', '1234.56'],
    ['2.000.000', ',', '2000000'],
  ] as const)('%s in a "%s" file is %s', (raw, style, expected) => {
    expect(canonicalDecimal(raw, style)).toBe(expected);
  });

  it.each([
    ['1,5', '.'],
    ['abc', '.'],
    ['', '.'],
    ['1.2.3', '.'],
    ['12,34,5', '.'],
    ['1e999', '.'],
    ['=1+1', '.'],
  ] as const)('%s in a "%s" file is not a number', (raw, style) => {
    expect(parseDecimal(raw, style)).toBeNull();
  });

  it('parses scientific notation exactly', () => {
    expect(parseDecimal('4.2e-05', '.')).toEqual({ digits: 42n, scale: 6 });
    expect(parseDecimal('1,5E-3', ',')).toEqual({ digits: 15n, scale: 4 });
  });

  it('guesses the decimal separator from sample cells', () => {
    expect(inferDecimalStyle(['1.234,56', '12,5', ''])).toBe(',');
    expect(inferDecimalStyle(['1,234.56', '0.5'])).toBe('.');
    expect(inferDecimalStyle(['12', '3'])).toBe('.');
  });

  it('scales 1K and 1M token units exactly', () => {
    expect(parseUnit('1K')).toEqual({ factor: 1000n, unit: 'tokens', tokens: true });
    expect(parseUnit('1M Tokens')).toEqual({ factor: 1_000_000n, unit: 'tokens', tokens: true });
    expect(parseUnit('1,000 tokens')).toEqual({ factor: 1000n, unit: 'tokens', tokens: true });
    expect(parseUnit('10K')).toEqual({ factor: 10_000n, unit: 'tokens', tokens: true });
    expect(parseUnit('Tokens')).toEqual({ factor: 1n, unit: 'tokens', tokens: true });
    expect(parseUnit('100 Hours')).toEqual({ factor: 100n, unit: 'hours', tokens: false });
    expect(parseUnit('1 GB/Month')).toEqual({ factor: 1n, unit: '1 GB/Month', tokens: false });
    // 1234.567 thousand tokens is exactly 1,234,567 tokens (a float product would not promise that).
    expect(decimalToNumber(multiplyDecimal(parseDecimal('1234.567', '.')!, 1000n))).toBe(1_234_567);
  });
});

describe('a plain quantity read straight to its number', () => {
  it.each([
    ['1066413', '.', 1_066_413],
    // 125 / 10^1 = 12.5 exactly.
    ['12.5', '.', 12.5],
    ['-0.25', '.', -0.25],
    ['+7', '.', 7],
    // A signed zero is +0, as through a bigint.
    ['-0.0', '.', 0],
    // 15 digits, the most an exact double holds: 999999999999999 / 10^3.
    ['999999999999.999', '.', 999_999_999_999.999],
    // No point in a comma file: a whole number there too.
    ['42', ',', 42],
  ] as const)('%s in a "%s" file is %s', (raw, style, expected) => {
    expect(Object.is(plainQuantity(raw, style), expected)).toBe(true);
  });

  it.each([
    // Not the simple shape: the caller takes the exact path.
    ['', '.'],
    [' 12', '.'],
    ['1,234', '.'],
    ['4.2e-05', '.'],
    ['1234567890123456', '.'],
    ['1.5', ','],
    ['-', '.'],
    ['.', '.'],
  ] as const)('%s in a "%s" file is left to the exact path', (raw, style) => {
    expect(plainQuantity(raw, style)).toBeUndefined();
  });

  it('is the very number the exact path makes, whenever it answers', () => {
    const text = fc
      .tuple(fc.constantFrom('', '-', '+'), fc.stringMatching(/^[0-9]{0,16}$/), fc.option(fc.stringMatching(/^[0-9]{0,16}$/)))
      .map(([sign, whole, fraction]) => `${sign}${whole}${fraction === null ? '' : `.${fraction}`}`);
    fc.assert(
      fc.property(text, fc.constantFrom('.', ',') as fc.Arbitrary<'.' | ','>, (raw, style) => {
        const fast = plainQuantity(raw, style);
        if (fast === undefined) return;
        const exact = parseDecimal(raw, style);
        expect(exact).not.toBeNull();
        expect(Object.is(fast, decimalToNumber(exact!))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('dates as vendors write them', () => {
  it.each([
    ['2026-03-01T00:00:00Z', 'mdy', '2026-03-01T00:00:00Z'],
    ['2026-03-01', 'mdy', '2026-03-01T00:00:00Z'],
    ['2026-03-01 08:00:00 UTC', 'mdy', '2026-03-01T08:00:00Z'],
    ['2026-03-01T00:00:00+02:00', 'mdy', '2026-02-28T22:00:00Z'],
    ['2026-03-01T00:00:00-0530', 'mdy', '2026-03-01T05:30:00Z'],
    ['2026-03-01T00:00:00.250Z', 'mdy', '2026-03-01T00:00:00.250Z'],
    ['03/15/2026', 'mdy', '2026-03-15T00:00:00Z'],
    ['15/03/2026', 'dmy', '2026-03-15T00:00:00Z'],
    ['15.03.2026', 'mdy', '2026-03-15T00:00:00Z'],
    ['3/5/2026 2:30 PM', 'mdy', '2026-03-05T14:30:00Z'],
    ['3/5/2026 12:00 AM', 'mdy', '2026-03-05T00:00:00Z'],
    ['2026/03/05', 'mdy', '2026-03-05T00:00:00Z'],
    ['1772323200', 'mdy', '2026-03-01T00:00:00Z'],
    ['1772323200000', 'mdy', '2026-03-01T00:00:00Z'],
    ['2024-02-29', 'mdy', '2024-02-29T00:00:00Z'],
  ] as const)('%s (%s) → %s', (raw, order, iso) => {
    expect(parseInstant(raw, order)).toMatchObject({ ok: true, iso });
  });

  it.each([
    ['2026-02-30', /impossible date: day 30/],
    ['2025-02-29', /impossible date: day 29/],
    ['2026-13-01', /impossible date: month 13/],
    ['13/45/2026', /impossible date/],
    ['2026-03-01T25:00:00Z', /impossible time/],
    ['2026-03-01T10:61:00Z', /impossible time/],
    ['13:00 PM 1/1/2026', /not a date/],
    ['1/1/2026 13:00 PM', /impossible time: hour 13 with PM/],
    ['2026-03-01T00:00:00+15:00', /impossible time-zone offset/],
    ['yesterday', /not a date/],
    ['', /blank/],
  ])('%s is rejected with a reason', (raw, reason) => {
    const result = parseInstant(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('says whether a date had a time, infers day/month order and reads months', () => {
    expect(parseInstant('2026-03-01')).toMatchObject({ dateOnly: true });
    expect(parseInstant('2026-03-01T00:00:00Z')).toMatchObject({ dateOnly: false });
    expect(inferDateOrder(['03/01/2026', '03/15/2026'])).toBe('mdy');
    expect(inferDateOrder(['05/03/2026', '15/03/2026'])).toBe('dmy');
    expect(inferDateOrder(['01/02/2026'], 'dmy')).toBe('dmy');
    expect(monthOf('202603')).toBe('2026-03');
    expect(monthOf('2026-03-01T00:00:00Z')).toBe('2026-03');
    expect(monthOf('202613')).toBeNull();
    expect(parseEpoch('99999999999999')).toMatchObject({ ok: false });
  });
});

describe('tags', () => {
  it('reads every spelling vendors use', () => {
    expect(parseTags('{"team":"lending","n":3}')).toEqual({ team: 'lending', n: '3' });
    expect(parseTags('"team": "risk","env": "prod"')).toEqual({ team: 'risk', env: 'prod' });
    expect(parseTags('[{"key":"env","value":"prod"}]')).toEqual({ env: 'prod' });
    expect(parseTags('{user_team=lending, env=prod}')).toEqual({ user_team: 'lending', env: 'prod' });
    expect(parseTags('')).toEqual({});
    expect(parseTags('not tags')).toBeNull();
    const withProto = parseTags('{"__proto__":{"polluted":"yes"},"a":"b"}') as Record<string, string>;
    expect(withProto).toEqual({ a: 'b' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('word tables', () => {
  it('answer the same for a spelling asked again, padded or in other case, and keep blank and unknown words apart', () => {
    // Asked twice each: the second answer comes from the per-table cache of seen spellings.
    for (let round = 0; round < 2; round += 1) {
      expect(lookupWord(FOCUS_CHARGE_CATEGORY, 'Usage')).toBe('usage');
      expect(lookupWord(FOCUS_CHARGE_CATEGORY, ' CREDIT ')).toBe('credit');
      expect(lookupWord(FOCUS_CHARGE_CATEGORY, '')).toBeUndefined(); // blank is not allowed in FOCUS
      expect(lookupWord(FOCUS_CHARGE_CATEGORY, 'Rebate')).toBeUndefined(); // not a FOCUS category
      expect(lookupWord(CUR_CHARGE_CATEGORY, '')).toBe('usage'); // CUR: blank is usage
      expect(lookupWord(CUR_CHARGE_CATEGORY, 'Rebate')).toBe('adjustment'); // CUR: an unknown type is an adjustment
      expect(lookupWord(CUR_CHARGE_CATEGORY, 'DiscountedUsage')).toBe('usage');
    }
  });
});

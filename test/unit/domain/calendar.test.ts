import { describe, expect, it } from 'vitest';
import {
  addDays,
  addDaysToInstant,
  addMonths,
  daysBetween,
  daysInMonth,
  daysInMonthWithin,
  daysInYearMonth,
  firstDay,
  horizonMonths,
  inForce,
  isFirstDayOfMonth,
  isIsoDate,
  isLastDayOfMonth,
  isLeapYear,
  isMonth,
  lastDay,
  monthNumber,
  monthOf,
  monthRange,
  monthsBetween,
  monthText,
  nextDay,
  startOfDay,
  weekdayOf,
} from '../../../shared/domain/calendar';

describe('calendar: leap years and month lengths', () => {
  it('knows the Gregorian leap years (every 4th, not every 100th, but every 400th)', () => {
    expect([2024, 2028, 2000, 2400].map(isLeapYear)).toEqual([true, true, true, true]);
    expect([2026, 2027, 1900, 2100].map(isLeapYear)).toEqual([false, false, false, false]);
  });

  it('counts the days of each month, February by the leap year', () => {
    expect(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12'].map(daysInMonth)).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect(daysInMonth('2024-02')).toBe(29);
    expect(daysInMonth('2000-02')).toBe(29);
    expect(daysInMonth('1900-02')).toBe(28);
    expect(daysInMonth('2100-02')).toBe(28);
    expect(daysInYearMonth(2028, 2)).toBe(29);
    expect(daysInYearMonth(2026, 13)).toBe(0);
    expect(daysInYearMonth(2026, 0)).toBe(0);
  });

  it('names the first and last day of a month', () => {
    expect(firstDay('2026-03')).toBe('2026-03-01');
    expect(lastDay('2026-02')).toBe('2026-02-28');
    expect(lastDay('2024-02')).toBe('2024-02-29');
    expect(lastDay('2026-04')).toBe('2026-04-30');
    expect(lastDay('2026-12')).toBe('2026-12-31');
    expect(isFirstDayOfMonth('2026-07-01')).toBe(true);
    expect(isFirstDayOfMonth('2026-07-02')).toBe(false);
    expect(isLastDayOfMonth('2024-02-29')).toBe(true);
    expect(isLastDayOfMonth('2024-02-28')).toBe(false); // a leap February has one more day
    expect(isLastDayOfMonth('2026-02-28')).toBe(true);
    expect(isLastDayOfMonth('2026-09-30')).toBe(true);
    expect(isLastDayOfMonth('2026-10-30')).toBe(false);
  });
});

describe('calendar: months', () => {
  it('reads only canonical months', () => {
    expect(isMonth('2026-03')).toBe(true);
    expect(['2026-3', '2026-13', '2026-00', '2026-03-01', '202603', ''].map(isMonth)).toEqual([false, false, false, false, false, false]);
    expect(() => monthNumber('2026-13')).toThrow(/"2026-13" is not a month such as 2027-01/);
  });

  it('numbers months so they add and subtract: 2027-01 is 2027 × 12 + 0', () => {
    expect(monthNumber('2027-01')).toBe(24_324);
    expect(monthText(24_324)).toBe('2027-01');
    expect(monthText(24_323)).toBe('2026-12');
  });

  it('adds months across year boundaries, both ways', () => {
    expect(addMonths('2026-11', 1)).toBe('2026-12');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2027-01', -1)).toBe('2026-12');
    expect(addMonths('2026-03', 24)).toBe('2028-03');
    expect(addMonths('2026-03', -15)).toBe('2024-12');
    expect(addMonths('2026-03', 0)).toBe('2026-03');
  });

  it('counts months between two months, signed', () => {
    expect(monthsBetween('2026-11', '2027-02')).toBe(3);
    expect(monthsBetween('2027-02', '2026-11')).toBe(-3);
    expect(monthsBetween('2026-05', '2026-05')).toBe(0);
  });

  it('lists the months of a range (both ends included) and of a horizon', () => {
    expect(monthRange('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthRange('2026-05', '2026-05')).toEqual(['2026-05']);
    expect(monthRange('2026-06', '2026-05')).toEqual([]);
    expect(horizonMonths('2027-11', 3)).toEqual(['2027-11', '2027-12', '2028-01']);
    expect(horizonMonths('2027-11', 0)).toEqual([]);
  });

  it('takes the month of a day or an instant', () => {
    expect(monthOf('2026-03-31')).toBe('2026-03');
    expect(monthOf('2026-03-31T23:59:59Z')).toBe('2026-03');
  });
});

describe('calendar: days', () => {
  it('accepts only days that exist', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-12-31')).toBe(true);
    expect(['2026-02-29', '2100-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-3-1', '2026-03-01T00:00:00Z', ''].map(isIsoDate)).toEqual(
      new Array(9).fill(false),
    );
  });

  it('steps to the next day across month, leap-day and year boundaries', () => {
    expect(nextDay('2026-03-14')).toBe('2026-03-15');
    expect(nextDay('2026-04-30')).toBe('2026-05-01');
    expect(nextDay('2026-02-28')).toBe('2026-03-01');
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
    expect(nextDay('2024-02-29')).toBe('2024-03-01');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
  });

  it('adds and counts days, both ways', () => {
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
    expect(addDays('2024-01-01', 365)).toBe('2024-12-31'); // 2024 has 366 days
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
    expect(daysBetween('2024-02-01', '2024-03-01')).toBe(29);
    expect(daysBetween('2026-04-01', '2026-03-01')).toBe(-31);
  });

  it('names the weekday, Monday first', () => {
    // 2026-03-01 is a Sunday (6); the Monday after is 2026-03-02 (0); 2024-02-29 was a Thursday (3); 2000-01-01 a Saturday (5).
    expect(['2026-03-01', '2026-03-02', '2024-02-29', '2000-01-01'].map(weekdayOf)).toEqual([6, 0, 3, 5]);
  });

  it('counts the days of a month inside a term (both ends included)', () => {
    // A term 2026-03-10 … 2026-05-20: March 10–31 is 22 days, April all 30, May 1–20 is 20, June none.
    expect(['2026-03', '2026-04', '2026-05', '2026-06'].map((m) => daysInMonthWithin(m, '2026-03-10', '2026-05-20'))).toEqual([22, 30, 20, 0]);
    expect(daysInMonthWithin('2024-02', '2024-01-01', '2024-12-31')).toBe(29);
    expect(daysInMonthWithin('2026-07', '2026-07-31', '2026-07-31')).toBe(1);
  });

  it('treats a period as in force from its first day up to, not including, its end', () => {
    expect(inForce('2026-03-01', '2026-03-01', '2026-04-01')).toBe(true);
    expect(inForce('2026-03-31', '2026-03-01', '2026-04-01')).toBe(true);
    expect(inForce('2026-04-01', '2026-03-01', '2026-04-01')).toBe(false);
    expect(inForce('2026-02-28', '2026-03-01', null)).toBe(false);
    expect(inForce('2099-01-01', '2026-03-01', null)).toBe(true);
    expect(inForce('1999-01-01', null, null)).toBe(true);
  });
});

describe('calendar: instants', () => {
  it('starts a ledger day at UTC midnight and moves instants by whole days', () => {
    expect(startOfDay('2026-05-24')).toBe('2026-05-24T00:00:00Z');
    expect(addDaysToInstant('2026-12-31T00:00:00Z', 1)).toBe('2027-01-01T00:00:00Z');
    expect(addDaysToInstant('2024-02-28T00:00:00Z', 1)).toBe('2024-02-29T00:00:00Z');
    expect(addDaysToInstant('2026-02-28T19:00:00Z', 1)).toBe('2026-03-01T19:00:00Z'); // the time of day is kept
    expect(addDaysToInstant('2026-03-01T10:00:00.250Z', 1)).toBe('2026-03-02T10:00:00.250Z'); // milliseconds only when there are some
  });
});

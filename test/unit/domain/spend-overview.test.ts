import { describe, expect, it } from 'vitest';
import { parseMoney } from '../../../shared/domain/money';
import { buildSpendOverview, lastDayCovered, type MonthSpan, type SpendGroup } from '../../../shared/domain/spend-overview';

const usd = parseMoney;
const whole = (month: string, last = 28): MonthSpan => ({ month, firstDay: `${month}-01`, lastDay: `${month}-${String(last).padStart(2, '0')}` });

/** The demo ledger's exact sums by month, provider and model (aispend ledger summary --by month,provider,model --json). */
const DEMO: SpendGroup[] = [
  ['2026-05', '23.80', '404.53', '508.75', '2.74'],
  ['2026-06', '24.99', '423.16', '527.99', '2.84'],
  ['2026-07', '26.44', '447.57', '563.32', '3.02'],
  ['2026-08', '27.52', '468.61', '588.84', '3.15'],
  ['2026-09', '29.47', '497.36', '629.79', '3.38'],
  ['2026-10', '31.15', '531.17', '668.43', '3.59'],
].flatMap(([month, haiku, sonnet, gpt41, mini]) => [
  { month: month!, provider: 'anthropic', model: 'claude-haiku-4-5', lines: 10, billed: usd(haiku!) },
  { month: month!, provider: 'anthropic', model: 'claude-sonnet-4-5', lines: 20, billed: usd(sonnet!) },
  { month: month!, provider: 'openai', model: 'gpt-4.1', lines: 25, billed: usd(gpt41!) },
  { month: month!, provider: 'openai', model: 'gpt-4o-mini', lines: 15, billed: usd(mini!) },
]);

describe('spend overview: parts that tie out to their totals as shown', () => {
  it('a provider’s model rows add up to the provider’s total as shown (the demo’s Anthropic: 2,935.76, not 2,935.77)', () => {
    // The demo's exact Anthropic sums: haiku 163.365719, sonnet 2,772.39865845 → total 2,935.76437745, shown 2,935.76.
    // Rounded alone the rows read 163.37 + 2,772.40 = 2,935.77; footed, the cent goes to the larger remainder
    // (sonnet .00865845 > haiku .005719): 163.36 + 2,772.40 = 2,935.76.
    const groups: SpendGroup[] = [
      { month: '2026-05', provider: 'anthropic', model: 'claude-haiku-4-5', lines: 368, billed: usd('163.365719') },
      { month: '2026-05', provider: 'anthropic', model: 'claude-sonnet-4-5', lines: 736, billed: usd('2772.39865845') },
    ];
    const o = buildSpendOverview({ currency: 'USD', decimals: 2, groups, spans: [whole('2026-05', 31)], today: '2026-06-02' });
    const anthropic = o.providers[0]!;
    expect(anthropic.billed.shown).toBe(usd('2935.76'));
    expect(anthropic.models.map((m) => [m.model, m.billed.shown])).toEqual([
      ['claude-sonnet-4-5', usd('2772.40')],
      ['claude-haiku-4-5', usd('163.36')],
    ]);
    expect(o.total.billed.shown).toBe(usd('2935.76'));
  });

  it('providers foot to the total, months to theirs, and models past the top ones are summed as other models', () => {
    const groups: SpendGroup[] = [
      // Three models at 1.004 each: 3.012 → 3.01 shown; the top two listed, the third under "other models".
      { month: '2026-01', provider: 'openai', model: 'a', lines: 1, billed: usd('1.004') },
      { month: '2026-01', provider: 'openai', model: 'b', lines: 1, billed: usd('1.004') },
      { month: '2026-01', provider: 'openai', model: 'c', lines: 2, billed: usd('1.004') },
      // Anthropic 0.006 → 0.01 alone; total 3.018 → 3.02; floors 3.01 + 0.00 = 3.01, the cent to the larger remainder (anthropic .006 > openai .002).
      { month: '2026-01', provider: 'anthropic', model: 'x', lines: 1, billed: usd('0.006') },
    ];
    const o = buildSpendOverview({ currency: 'USD', decimals: 2, groups, spans: [whole('2026-01', 31)], today: '2026-02-01', modelsPerProvider: 2 });
    expect(o.total.billed.shown).toBe(usd('3.02'));
    expect(o.providers.map((p) => [p.provider, p.billed.shown])).toEqual([
      ['openai', usd('3.01')],
      ['anthropic', usd('0.01')],
    ]);
    const openai = o.providers[0]!;
    // 3.01 over 1.004 × 3: floors 1.00 × 3, one cent to the first of equal remainders.
    expect(openai.models.map((m) => [m.model, m.billed.shown])).toEqual([
      ['a', usd('1.01')],
      ['b', usd('1.00')],
    ]);
    expect(openai.otherModels).toEqual({ count: 1, lines: 2, billed: { exact: usd('1.004'), shown: usd('1.00') } });
    // The month's providers foot to the month as shown.
    expect(o.months[0]!.providers.map((p) => p.billed.shown)).toEqual([usd('3.01'), usd('0.01')]);
  });
});

describe('spend overview: latest month, change, run-rate and trend', () => {
  // Jan 100.00, Feb nothing (a gap), Mar 130.00, Apr 160.00 (complete months), May 60.00 over 1–10 May; today 12 May.
  const groups: SpendGroup[] = [
    { month: '2026-01', provider: 'openai', model: 'm', lines: 31, billed: usd('100') },
    { month: '2026-03', provider: 'openai', model: 'm', lines: 31, billed: usd('130') },
    { month: '2026-04', provider: 'openai', model: 'm', lines: 30, billed: usd('160') },
    { month: '2026-05', provider: 'openai', model: 'm', lines: 10, billed: usd('60') },
  ];
  const spans = [whole('2026-01', 31), whole('2026-03', 31), whole('2026-04', 30), { month: '2026-05', firstDay: '2026-05-01', lastDay: '2026-05-10' }];
  const o = buildSpendOverview({ currency: 'USD', decimals: 2, groups, spans, today: '2026-05-12' });

  it('months run continuously, a month without lines is a gap (null), not a zero', () => {
    expect(o.months.map((m) => [m.month, m.billed?.shown ?? null])).toEqual([
      ['2026-01', usd('100')],
      ['2026-02', null],
      ['2026-03', usd('130')],
      ['2026-04', usd('160')],
      ['2026-05', usd('60')],
    ]);
  });

  it('the latest month is the latest complete one, compared with the month before', () => {
    expect(o.latest).toMatchObject({ month: '2026-04', billed: { shown: usd('160') }, covered: { days: 30, complete: true } });
    // 160 − 130 = 30.00; 30 ÷ 130 = 23.08 % → 23.1.
    expect(o.change).toEqual({ previousMonth: '2026-03', previous: { exact: usd('130'), shown: usd('130') }, amount: usd('30'), percent: '23.1' });
  });

  it('the run-rate projects the current month from its own days so far', () => {
    // 60.00 over 10 days = 6.00 a day; May has 31 days: 60 × 31 ÷ 10 = 186.00.
    expect(o.runRate).toEqual({
      month: '2026-05',
      daysInMonth: 31,
      basis: 'month-to-date',
      basedOn: { month: '2026-05', from: '2026-05-01', to: '2026-05-10', days: 10, daysInMonth: 31, complete: false },
      soFar: { exact: usd('60'), shown: usd('60') },
      perDay: usd('6'),
      projected: usd('186'),
    });
  });

  it('the trend is a least-squares line through the complete months, skipping the gap', () => {
    // x = months since January: Jan 0, Mar 2, Apr 3; y = 100, 130, 160. n = 3, Σx = 5, Σx² = 13, Σy = 390,
    // Σxy = 0 + 260 + 480 = 740. Slope = (3·740 − 5·390) ÷ (3·13 − 5²) = 270 ÷ 14 = 19.2857… → 19.29 a month;
    // against the mean (130): 19.2857 ÷ 130 = 14.84 % → 14.8 % a month, rising. May (in progress) is not in it.
    // The line: intercept (390 − 19.2857·5) ÷ 3 = 97.857 → 97.86 in January; 97.857 + 3·19.2857 = 155.714 → 155.71 in April.
    expect(o.trend).toEqual({ from: '2026-01', to: '2026-04', months: 3, perMonth: usd('19.29'), percentPerMonth: '14.8', direction: 'rising', fittedFrom: usd('97.86'), fittedTo: usd('155.71') });
  });

  it('with nothing imported for the current month yet, the run-rate uses the latest days’ pace and says so', () => {
    // Today 3 June: June has no lines; May's pace (60.00 over 1–10 May = 6.00 a day) × 30 June days = 180.00.
    const june = buildSpendOverview({ currency: 'USD', decimals: 2, groups, spans, today: '2026-06-03' });
    expect(june.runRate).toMatchObject({ month: '2026-06', basis: 'latest-pace', basedOn: { month: '2026-05', days: 10 }, soFar: null, perDay: usd('6'), projected: usd('180') });
    // The latest complete month is still April.
    expect(june.latest?.month).toBe('2026-04');
  });
});

describe('spend overview: the demo ledger', () => {
  // Today 6 December 2026: the demo's ledger ends on 31 October.
  const o = buildSpendOverview({ currency: 'USD', decimals: 2, groups: DEMO, spans: ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'].map((m) => whole(m, m === '2026-06' || m === '2026-09' ? 30 : 31)), today: '2026-12-06' });

  it('October is the latest month, up on September', () => {
    // October: 31.15 + 531.17 + 668.43 + 3.59 = 1,234.34; September: 29.47 + 497.36 + 629.79 + 3.38 = 1,160.00.
    // Change 74.34; 74.34 ÷ 1,160.00 = 6.41 % → 6.4.
    expect(o.latest?.month).toBe('2026-10');
    expect(o.latest?.billed.shown).toBe(usd('1234.34'));
    expect(o.change).toMatchObject({ previousMonth: '2026-09', amount: usd('74.34'), percent: '6.4' });
  });

  it('December’s run-rate is October’s pace over December’s 31 days', () => {
    // 1,234.34 ÷ 31 = 39.8174… → 39.82 a day; × 31 ÷ 31 = 1,234.34.
    expect(o.runRate).toMatchObject({ month: '2026-12', basis: 'latest-pace', basedOn: { month: '2026-10', from: '2026-10-01', to: '2026-10-31', days: 31 }, perDay: usd('39.82'), projected: usd('1234.34') });
  });

  it('spend is rising over May–October', () => {
    // Months May..Oct (x 0..5): 939.82, 978.98, 1,040.35, 1,088.12, 1,160.00, 1,234.34 (each month's four rows).
    // n = 6, Σx = 15, Σx² = 55, Σy = 6,441.61, Σxy = 0 + 978.98 + 2,080.70 + 3,264.36 + 4,640.00 + 6,171.70 = 17,135.74.
    // Slope = (6·17,135.74 − 15·6,441.61) ÷ (6·55 − 225) = (102,814.44 − 96,624.15) ÷ 105 = 6,190.29 ÷ 105 = 58.955… → 58.96;
    // against the mean (1,073.6017): 5.49 % → 5.5 % a month.
    expect(o.trend).toMatchObject({ from: '2026-05', to: '2026-10', months: 6, perMonth: usd('58.96'), percentPerMonth: '5.5', direction: 'rising' });
  });
});

describe('spend overview: edges', () => {
  it('a clock behind the ledger takes the ledger’s last month as the current one', () => {
    const o = buildSpendOverview({ currency: 'USD', decimals: 2, groups: DEMO, spans: [whole('2026-10', 31)], today: '2026-01-15' });
    expect(o.runRate).toMatchObject({ month: '2026-10', basis: 'complete', projected: usd('1234.34') });
  });

  it('an empty ledger has no figures, not zeros', () => {
    const o = buildSpendOverview({ currency: 'USD', decimals: 2, groups: [], spans: [], today: '2026-01-15' });
    expect([o.months, o.latest, o.change, o.runRate, o.trend, o.providers]).toEqual([[], null, null, null, null, []]);
  });

  it('fewer than three complete months make no trend', () => {
    const o = buildSpendOverview({ currency: 'USD', decimals: 2, groups: DEMO.filter((g) => g.month >= '2026-09'), spans: [whole('2026-09', 30), whole('2026-10', 31)], today: '2026-11-02' });
    expect(o.trend).toBeNull();
  });

  it('a line ending at midnight covers the day before', () => {
    expect(lastDayCovered('2026-11-01T00:00:00Z', '2026-10-31T00:00:00Z')).toBe('2026-10-31');
    expect(lastDayCovered('2026-10-31T12:00:00Z', '2026-10-31T00:00:00Z')).toBe('2026-10-31');
  });
});

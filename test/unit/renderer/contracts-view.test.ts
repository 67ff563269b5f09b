import { describe, expect, it } from 'vitest';
import type { InvoiceCheckRun } from '../../../shared/api/contracts';
import { isSingleMonth, varianceOption } from '../../../renderer/src/views/contracts/variance-option';
import { locateIssues, pathParts } from '../../../renderer/src/views/contracts/yaml-issues';

const YAML = `name: Offer
vendor: openai
currency: USD
term: { start: 2027-01-01, end: 2026-12-31 }
rates:
  - { model: gpt-4.1, usageClass: input }
credits:
  grants:
    - id: promo
      amount: "500"
      start: 2027-02-01
      expires: 2027-01-31
`;

describe('contract problems beside their fields', () => {
  it('splits field paths into keys and indexes', () => {
    expect(pathParts('credits.grants[0].expires')).toEqual(['credits', 'grants', 0, 'expires']);
    expect(pathParts('term.start')).toEqual(['term', 'start']);
  });

  it('places each problem on its field’s line, a missing field on its entry’s line', () => {
    const located = locateIssues(YAML, [
      { field: 'term.end', message: 'ends before it starts' },
      { field: 'rates[0].price', message: 'is required' },
      { field: 'credits.grants[0].expires', message: 'expires before it starts' },
      { field: 'commitment.period', message: 'is required' },
      { field: '', message: 'not valid YAML: bad indentation (line 7)' },
    ]);
    expect(located.map((i) => i.line)).toEqual([4, 6, 12, null, 7]);
  });
});

function line(day: string, variance: string, findings: string[] = []): InvoiceCheckRun['lines'][number] {
  return { ref: `${day}-${variance}`, day, month: day.slice(0, 7), provider: 'openai', model: 'gpt-4.1', usageClass: 'input', serviceTier: 'standard', quantity: '1000', currency: 'USD', billed: '1.00', list: '1.00', contracted: '1.00', variance, discounts: [], contractId: 'c', contractVersion: 1, priceRowId: null, findings: findings as never, ledgerLines: 1, pairedWithUsage: false };
}

describe('the variance chart', () => {
  it('draws one month as dots by day, lines with findings in their own series', () => {
    const run = { lines: [line('2026-10-01', '0.00'), line('2026-10-14', '2.67', ['discount_not_applied']), line('2026-10-02', '0.00')], months: [{ month: '2026-10', provider: 'openai', contractId: 'c', contractVersion: null, currency: 'USD', billed: '3', contracted: '0.33', variance: '2.67', invoice: null, note: null }] };
    expect(isSingleMonth(run)).toBe(true);
    const option = varianceOption(run, 'light') as unknown as { series: { id: string; data: { value: [number, number] }[] }[]; xAxis: { data: string[] } };
    expect(option.xAxis.data).toEqual(['01', '02', '14']);
    expect(option.series.map((s) => [s.id, s.data.map((d) => d.value)])).toEqual([
      ['agrees', [[0, 0], [1, 0]]],
      ['findings', [[2, 2.67]]],
    ]);
  });

  it('draws several months as bars per vendor', () => {
    const months = ['2026-09', '2026-10'].flatMap((month) => ['anthropic', 'openai'].map((provider) => ({ month, provider, contractId: null, contractVersion: null, currency: 'USD', billed: '1', contracted: '1', variance: provider === 'openai' && month === '2026-10' ? '2.66' : '0.00', invoice: null, note: null })));
    const option = varianceOption({ lines: [], months }, 'dark') as unknown as { series: { id: string; type: string; data: (number | null)[] }[] };
    expect(option.series.map((s) => [s.id, s.type, s.data])).toEqual([
      ['anthropic', 'bar', [0, 0]],
      ['openai', 'bar', [0, 2.66]],
    ]);
  });

  it('keeps months nobody billed as gaps in their place (March 2026 is not drawn next to October 2025)', () => {
    const months = ['2025-10', '2026-03'].map((month) => ({ month, provider: 'openai', contractId: null, contractVersion: null, currency: 'USD', billed: '1', contracted: '1', variance: month === '2026-03' ? '1.50' : '0.25', invoice: null, note: null }));
    const option = varianceOption({ lines: [], months }, 'light') as unknown as { series: { data: (number | null)[] }[]; xAxis: { data: string[] } };
    expect(option.xAxis.data).toEqual(['Oct 25', 'Nov 25', 'Dec 25', 'Jan 26', 'Feb 26', 'Mar 26']);
    expect(option.series[0]!.data).toEqual([0.25, null, null, null, null, 1.5]);
  });
});

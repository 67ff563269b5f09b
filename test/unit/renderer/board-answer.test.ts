import { describe, expect, it } from 'vitest';
import type { SpendOverview } from '../../../shared/api/overview';
import type { RunResult } from '../../../shared/api/scenarios';
import { boardAnswer, pendingRows, topMovers } from '../../../renderer/src/views/overview/board-answer';

const shown = (exact: string, s = exact) => ({ exact, shown: s });

describe('the board question on the Overview', () => {
  it('reads cost per unit now and at the end, the difference from nothing changing, and the contracts', () => {
    const month = (m: string, costPerUnit: string | null) => ({ month: m, costPerUnit }) as RunResult['scenarios'][number]['months'][number];
    const scenario = (id: string, isBaseline: boolean, first: string, last: string, breakEvenMonth: string | null, contracts: RunResult['scenarios'][number]['contracts'] = []) =>
      ({ id, name: id, isBaseline, months: [month('2026-11', first), month('2026-12', '7.5'), month('2027-01', last)], kpis: { breakEvenMonth }, contracts }) as unknown as RunResult['scenarios'][number];
    const openai = {
      provider: 'openai',
      contract: 'acme',
      commitment: [
        { month: '2026-11', committed: '700', eligibleSpend: '728', shortfall: '0', utilisation: 1.04 },
        { month: '2026-12', committed: '700', eligibleSpend: '650', shortfall: '50', utilisation: 650 / 700 },
        { month: '2027-01', committed: '700', eligibleSpend: '800', shortfall: '0', utilisation: 800 / 700 },
      ],
      credits: [
        { month: '2026-11', opening: '0', granted: '2000', consumed: '728', forfeited: '0', closing: '1272' },
        { month: '2026-12', opening: '1272', granted: '0', consumed: '650', forfeited: '0', closing: '622' },
        { month: '2027-01', opening: '622', granted: '0', consumed: '622', forfeited: '0', closing: '0' },
      ],
      creditExhaustionMonth: '2027-01',
    };
    const run = { currency: 'USD', unit: 'loan', scenarios: [scenario('baseline', true, '7.427306630', '8.089796374', null, [openai]), scenario('ai-does-more', false, '7.427306630', '7.024956144', '2027-12'), scenario('no-ai', false, '7.43', '12.67', null)] } as unknown as RunResult;
    const a = boardAnswer(run)!;
    expect([a.firstMonth, a.lastMonth, a.unit]).toEqual(['2026-11', '2027-01', 'loan']);
    // 7.024956144 − 8.089796374 = −1.064840230; 12.67 − 8.089796374 = 4.580203626.
    expect(a.rows.map((r) => [r.id, r.now, r.end, r.vsBaseline, r.breakEven])).toEqual([
      ['baseline', '7.427306630', '8.089796374', null, null],
      ['ai-does-more', '7.427306630', '7.024956144', '-1.06484023', '2027-12'],
      ['no-ai', '7.43', '12.67', '4.580203626', null],
    ]);
    // First month 728 of 700 = 104%; short in December only; $2,000 granted, used up in January.
    expect(a.contracts).toEqual([{ provider: 'openai', contract: 'acme', committed: '700', utilisation: '104%', shortfallMonths: 1, creditsGranted: '2000.00', creditsLeft: '0', creditsExhausted: '2027-01' }]);
  });

  it('ranks the providers that moved most from the month before, either way', () => {
    const o = {
      currency: 'USD',
      latest: { month: '2026-10', billed: shown('1309.47'), covered: null },
      change: { previousMonth: '2026-09', previous: shown('1259.62'), amount: '49.85', percent: '4.0' },
      months: [
        { month: '2026-09', lines: 1, billed: shown('1259.62'), providers: [{ provider: 'openai', billed: shown('682.90') }, { provider: 'anthropic', billed: shown('531.49') }, { provider: 'aws', billed: shown('45.23') }], covered: null },
        { month: '2026-10', lines: 1, billed: shown('1309.47'), providers: [{ provider: 'openai', billed: shown('721.58') }, { provider: 'anthropic', billed: shown('563.52') }, { provider: 'aws', billed: shown('24.36') }], covered: null },
      ],
    } as unknown as SpendOverview;
    // OpenAI 721.58 − 682.90 = +38.68; Anthropic 563.52 − 531.49 = +32.03; AWS 24.36 − 45.23 = −20.87.
    expect(topMovers(o, 3)).toEqual([
      { provider: 'openai', change: '38.68' },
      { provider: 'anthropic', change: '32.03' },
      { provider: 'aws', change: '-20.87' },
    ]);
    expect(topMovers(o, 1)).toEqual([{ provider: 'openai', change: '38.68' }]);
    expect(topMovers({ ...o, change: null } as SpendOverview, 3)).toEqual([]);
  });

  it('before the run is in, frames the baseline and each scenario of the file with no figures yet', () => {
    const rows = pendingRows([
      { id: 'ai-does-more', name: 'Loans triple, AI takes on more of the work' },
      { id: 'no-ai', name: 'Loans triple, no AI at all' },
    ]);
    expect(rows.map((r) => [r.id, r.name, r.isBaseline])).toEqual([
      ['baseline', 'Baseline (nothing changes)', true],
      ['ai-does-more', 'Loans triple, AI takes on more of the work', false],
      ['no-ai', 'Loans triple, no AI at all', false],
    ]);
    expect(rows.every((r) => r.now === null && r.end === null && r.vsBaseline === null && r.breakEven === null && !r.noUpfrontCost)).toBe(true);
  });
});

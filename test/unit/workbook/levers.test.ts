import { describe, expect, it } from 'vitest';
import { LEVER_TYPES } from '../../../shared/api/scenarios';
import { describeLever, LEVER_WORKBOOK } from '../../../shared/workbook/levers';

describe('workbook support for every lever type', () => {
  it('has an entry per lever type, and a lever type without one does not compile', () => {
    expect(Object.keys(LEVER_WORKBOOK).sort()).toEqual([...LEVER_TYPES].sort());
    // @ts-expect-error -- every lever type must say how the workbook models it
    const incomplete: typeof LEVER_WORKBOOK = { route: LEVER_WORKBOOK.route };
    expect(Object.keys(incomplete)).toHaveLength(1);
  });

  it('describes levers the file leaves unnamed', () => {
    expect(describeLever({ type: 'alternative', start: '2027-01', rampMonths: 0, by: 'people', share: 1, workloads: ['support'], successRate: 1, replaces: 'ai' }, 0)).toBe('People take 100% (support)');
    expect(describeLever({ type: 'alternative', start: '2027-01', rampMonths: 0, by: 'people', share: 0.2, workloads: ['support'], successRate: 1, replaces: 'all_unit_costs' }, 0)).toBe('People do 20% of units end to end (support)');
    expect(describeLever({ type: 'route', start: '2027-01', rampMonths: 0, from: 'openai/gpt-4.1', to: 'openai/gpt-4.1-mini', share: 0.5, mode: 'cascade', tokenRatio: 1, cacheWarmupMonths: 1 }, 0)).toBe('Route openai/gpt-4.1 → openai/gpt-4.1-mini (cascade)');
    expect(describeLever({ type: 'tier', name: 'Overnight batch', start: '2027-01', rampMonths: 0, batch: 0.3 }, 0)).toBe('Overnight batch');
  });
});

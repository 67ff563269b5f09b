import { describe, expect, it } from 'vitest';
import { periodTotals } from '../../../shared/domain/allocation/period-totals';
import { parseMoney } from '../../../shared/domain/money';

const usd = parseMoney;

describe('showback totals over several months', () => {
  it('the grand total is the ledger rounded once and the teams foot to it, while the months may add to a cent more', () => {
    // Three months of 0.005 each for one team, plus 1.002 for another in May:
    // months: May 1.007 → 1.01, Jun 0.005 → 0.00, Jul 0.005 → 0.00 (half to even): they add to 1.01.
    // Exact ledger total 1.017 → 1.02, the grand total (one figure with the Overview and the Ledger).
    // Teams: ops 0.015, risk 1.002; floors 0.01 + 1.00 = 1.01, one cent to the larger remainder (ops 0.005 > risk 0.002):
    // ops 0.02, risk 1.00, adding to the grand total 1.02.
    const t = periodTotals({
      rows: [
        { team: 'ops', product: null, currency: 'USD', amount: '0.005' },
        { team: 'risk', product: null, currency: 'USD', amount: '1.002' },
        { team: 'ops', product: null, currency: 'USD', amount: '0.005' },
        { team: 'ops', product: null, currency: 'USD', amount: '0.005' },
        { team: 'ops', product: null, currency: 'JPY', amount: '10.6' },
      ],
      months: [
        { currency: 'USD', ledger: '1.007', ledgerCents: '1.01' },
        { currency: 'USD', ledger: '0.005', ledgerCents: '0.00' },
        { currency: 'USD', ledger: '0.005', ledgerCents: '0.00' },
        { currency: 'JPY', ledger: '10.6', ledgerCents: '11' },
      ],
    });
    const dollars = t.get('USD')!;
    expect(dollars.ledger).toBe(usd('1.017'));
    expect(dollars.ledgerShown).toBe(usd('1.02'));
    expect(dollars.monthsAddUpTo).toBe(usd('1.01'));
    expect(dollars.teams).toEqual([
      { team: 'ops', product: null, total: usd('0.02') },
      { team: 'risk', product: null, total: usd('1.00') },
    ]);
    // Yen has no minor unit: 10.6 → 11.
    expect(t.get('JPY')!.ledgerShown).toBe(usd('11'));
    expect(t.get('JPY')!.teams).toEqual([{ team: 'ops', product: null, total: usd('11') }]);
  });
});

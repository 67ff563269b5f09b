import { describe, expect, it } from 'vitest';
import { billedBy, fixture, importFixture, reconciliation } from './helpers';

describe('the workbench ledger CSV', () => {
  it('reads every field back, rejects a bad usage class and reconciles per currency', async () => {
    const { formatId, version, summary, lines } = await importFixture(fixture('aispend-ledger', 'ledger-export.csv'));
    expect([formatId, version]).toEqual(['aispend-ledger', '1']);
    expect(summary.rowsRead).toBe(5);
    expect(summary.rowsImported).toBe(4);
    // USD source 1.234567891 − 10.00 + 2.00 + 0.765 = −6.000432109; imported −8.000432109; rejected 2.00 (row 5)
    expect(reconciliation(summary, 'USD')).toMatchObject({ sourceTotal: '-6.000432109', importedTotal: '-8.000432109', rejectedTotal: '2.00', reconciles: true });
    expect(reconciliation(summary, 'EUR')).toMatchObject({ sourceTotal: '7.89', importedTotal: '7.89', reconciles: true });
    expect(summary.rejected).toEqual([expect.objectContaining({ file: 'ledger-export.csv', row: 5, field: 'usageClass', value: 'tokens' })]);
    expect(billedBy(lines, (l) => `${l.currency} ${l.chargeCategory}`)).toEqual({ 'USD usage': '1.234567891', 'USD credit': '-10.00', 'EUR usage': '7.89', 'USD tax': '0.765' });
    expect(lines[0]).toMatchObject({ description: 'Loans, batch 1', tags: { team: 'lending', app: 'loans' }, quantity: 493_827, listCost: 1_500_000_000n, contractedCost: null, sourceRow: 2 });
    expect(lines[2]).toMatchObject({ provider: 'aws', publisher: 'anthropic', serviceTier: 'batch', contextBand: '0-200k', billedCost: 7_890_000_000n });
  });
});

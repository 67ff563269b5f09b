import { describe, expect, it } from 'vitest';
import type { InvoiceCheckRun } from '../../../shared/api/contracts';
import { contractCase } from '../../helpers/contract-case';
import { usageLine } from '../../helpers/ledger-workspace';

/**
 * Azure gpt-4o on the shipped price book: input $2.50 per 1M tokens (OpenAI's
 * list). One provisioned unit at $2.00 a unit-hour serving 1,000 tokens a
 * minute, from 1 March 2026.
 */
const CONTRACT = `name: Acme × Azure PTU 2026
id: acme-azure-ptu
vendor: azure
currency: USD
term: { start: 2026-03-01, end: 2026-12-31 }
provisioned:
  - { id: ptu-east, units: 1, pricePerUnitHour: "2.00", start: 2026-03-01, end: 2026-12-31, models: [gpt-4o], throughputPerUnit: { gpt-4o: 1000 } }
`;

/**
 * March 2026: 22,320,000 gpt-4o input tokens on the reservation (billed 0: its fee pays them), and the fee
 * line 744 h × $2.00 = $1,488.00. Capacity: 1 unit × 31 days × 1,440 = 44,640 unit-minutes = 44,640,000
 * tokens, so 50.00% used. On demand the same tokens: 22.32M × $2.50/M = $55.80; per 1M served:
 * $1,488 ÷ 22.32 = $66.666666667. On demand would have been cheaper.
 */
const LINES = [
  usageLine('2026-03-05', { provider: 'azure', model: 'gpt-4o', usageClass: 'input', serviceTier: 'provisioned', quantity: 22_320_000, billed: '0' }),
  usageLine('2026-03-01', { provider: 'azure', model: 'gpt-4o', usageClass: 'provisioned_unit_hour', serviceTier: 'provisioned', quantity: 744, unit: 'hours', billed: '1488.00' }),
];

describe('provisioned capacity against on demand, through the CLI and the API', () => {
  const c = contractCase('ptu', LINES, { yaml: CONTRACT, fileName: 'acme-azure-ptu.yaml' });

  const expectRun = (run: InvoiceCheckRun) => {
    const march = run.months.find((m) => m.month === '2026-03')!;
    expect([march.billed, march.contracted]).toEqual(['1488.00', '1488.00']);
    expect(march.invoice!.provisioned).toEqual([
      { id: 'ptu-east', fee: '1488.00', tokens: '22320000', utilisationPercent: '50.00', onDemandCost: '55.80', effectivePerMillion: '66.666666667', onDemandCheaper: true },
    ]);
    expect(run.findings).toEqual([]);
  };

  it('aispend price --json and its table', () => {
    const cli = c.price('--json');
    expect(cli.status, cli.stderr).toBe(0);
    expectRun(JSON.parse(cli.stdout) as InvoiceCheckRun);
    const text = c.price('--month', '2026-03');
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain('Provisioned ptu-east: fee 1,488.00, 50.00% of its capacity used; 22,320,000 tokens served, 66.67 per 1M; on demand 55.80 (on demand would have been cheaper)');
  });

  it('the API: contracts.invoiceCheck', async () => {
    expectRun(await c.viaApi());
  });
});

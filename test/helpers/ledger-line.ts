import type { LedgerLine } from '../../shared/domain/ledger-line';

/**
 * A ledger line for tests that build lines by hand: one day of OpenAI
 * usage billed in USD, every optional field empty, `over` on top. Pure (no
 * workspace or database), so the core's unit tests can use it.
 */
export function ledgerLine(over: Partial<LedgerLine> = {}): LedgerLine {
  return {
    chargePeriodStart: '2026-03-01T00:00:00Z',
    chargePeriodEnd: '2026-03-02T00:00:00Z',
    billingPeriod: '2026-03',
    chargeCategory: 'usage',
    provider: 'openai',
    publisher: null,
    billingAccount: 'acct',
    subAccount: null,
    credential: null,
    model: 'gpt-4.1',
    modelRaw: null,
    usageClass: 'input',
    serviceTier: 'standard',
    contextBand: null,
    region: null,
    resourceId: null,
    sku: null,
    description: null,
    tags: {},
    quantity: 1_000_000,
    unit: 'tokens',
    billedCost: 0n,
    effectiveCost: null,
    listCost: null,
    contractedCost: null,
    currency: 'USD',
    sourceRow: 2,
    ...over,
  };
}

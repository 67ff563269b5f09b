/**
 * FOCUS rows of one ledger line: model identity in SkuPriceDetails, the
 * contract in force as ContractApplied, and the allocation hook (one row per
 * allocated part, with the Allocated* columns) meeting the requirements table.
 */
import { describe, expect, it } from 'vitest';
import type { LedgerLine } from '../../../shared/domain/ledger-line';
import { focusColumns, validateFocusRow } from '../../../shared/formats/focus-out/columns';
import { focusRows, numericText, providerDisplayName } from '../../../shared/formats/focus-out/row';
import { providerSlug } from '../../../shared/formats/values/text';

const line: LedgerLine = {
  chargePeriodStart: '2026-05-14T00:00:00Z',
  chargePeriodEnd: '2026-05-15T00:00:00Z',
  billingPeriod: '2026-05',
  chargeCategory: 'usage',
  provider: 'aws',
  publisher: 'anthropic',
  billingAccount: '999988887777',
  subAccount: '111122223333',
  credential: 'key-7',
  model: 'claude-sonnet-4-5',
  modelRaw: 'USE1-Claude4.5Sonnet-cache-write-input-token-count',
  usageClass: 'cache_write_1h',
  serviceTier: 'batch',
  contextBand: '0-200k',
  region: 'us-east-1',
  resourceId: null,
  sku: null,
  description: null,
  tags: { team: 'lending' },
  quantity: 2_000_000,
  unit: 'tokens',
  billedCost: 12_000_000_000n,
  effectiveCost: null,
  listCost: 12_000_000_000n,
  contractedCost: null,
  currency: 'USD',
  sourceRow: 2,
};

describe('FOCUS rows of a ledger line', () => {
  it('carry the model identity as the draft 1.5 keys name it, and the workbench keys x_-prefixed', () => {
    const [row] = focusRows(line);
    expect(JSON.parse(row!.SkuPriceDetails as string)).toEqual({
      ModelDeveloper: 'Anthropic',
      ModelId: 'USE1-Claude4.5Sonnet-cache-write-input-token-count',
      TokenDirection: 'Input',
      TokenCacheAction: 'Write',
      x_CacheTtl: '1h',
      x_UsageClass: 'cache_write_1h',
      x_ServiceTier: 'batch',
      x_ContextBand: '0-200k',
    });
    expect(row).toMatchObject({ BilledCost: '12.00', EffectiveCost: '12.00', ServiceProviderName: 'Amazon Web Services', ServiceName: 'Amazon Bedrock', ConsumedQuantity: '2000000', ConsumedUnit: 'Tokens', x_CredentialId: 'key-7', ContractApplied: null });
    expect(validateFocusRow(row!, focusColumns(false))).toEqual([]);
  });

  it('name the contract in force on the day as ContractApplied (its commitment, the billed cost applied)', () => {
    const contracts = [
      { contractId: 'old', provider: 'aws', start: '2025-01-01', end: '2026-05-13', commitmentId: 'old' },
      { contractId: 'edp', provider: 'aws', start: '2026-05-14', end: '2027-05-13', commitmentId: 'edp/commitment' },
      { contractId: 'other', provider: 'openai', start: '2026-01-01', end: '2026-12-31', commitmentId: 'other' },
    ];
    const [row] = focusRows(line, { contracts });
    expect(row!.ContractApplied).toBe(
      '{"Elements":[{"ContractId":"edp","ContractCommitmentId":"edp/commitment","ContractCommitmentAppliedCost":12.00,"ContractCommitmentAppliedQuantity":null,"ContractCommitmentAppliedUnit":null}]}',
    );
    expect(focusRows({ ...line, chargeCategory: 'tax' }, { contracts })[0]!.ContractApplied).toBeNull();
  });

  it('write one row per allocated part with the Allocated* columns, when the ledger has an allocation', () => {
    // 12.00 split 9.00 / 3.00 (ratios 0.75 / 0.25); 2,000,000 tokens 1,500,000 / 500,000.
    const allocation = () => [
      { billedCost: 9_000_000_000n, effectiveCost: null, listCost: 9_000_000_000n, contractedCost: null, quantity: 1_500_000, methodId: 'rule:by-tag', methodDetails: '{"Elements":[{"AllocatedRatio":0.75,"UsageUnit":"Tokens","UsageQuantity":1500000}]}', resourceId: 'lending', resourceName: 'Lending', tags: { team: 'lending' } },
      { billedCost: 3_000_000_000n, effectiveCost: null, listCost: 3_000_000_000n, contractedCost: null, quantity: 500_000, methodId: 'rule:by-tag', methodDetails: '{"Elements":[{"AllocatedRatio":0.25,"UsageUnit":"Tokens","UsageQuantity":500000}]}', resourceId: 'risk', resourceName: 'Risk', tags: { team: 'risk' } },
    ];
    const rows = focusRows(line, { allocation });
    expect(rows.map((r) => [r.BilledCost, r.ConsumedQuantity, r.AllocatedResourceId, r.AllocatedTags])).toEqual([
      ['9.00', '1500000', 'lending', '{"team":"lending"}'],
      ['3.00', '500000', 'risk', '{"team":"risk"}'],
    ]);
    for (const r of rows) expect(validateFocusRow(r, focusColumns(true))).toEqual([]);
    const unallocated = focusRows(line, { allocation: () => null });
    expect(unallocated[0]!.AllocatedMethodId).toBeNull();
    expect(validateFocusRow(unallocated[0]!, focusColumns(true))).toEqual([]);
  });

  it('spell numbers without exponents and providers so the importer reads them back', () => {
    expect([numericText(1e-7), numericText(1.5e21), numericText(-2.5e-3), numericText(42)]).toEqual(['0.0000001', '1500000000000000000000', '-0.0025', '42']);
    for (const slug of ['openai', 'anthropic', 'aws', 'azure', 'google', 'mistral', 'cohere', 'xai', 'deepseek', 'meta', 'openrouter', 'acme-llm']) {
      expect(providerSlug(providerDisplayName(slug))).toBe(slug);
    }
  });
});

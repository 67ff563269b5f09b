import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseContractApplied, readStoredContractApplied, storedContractApplied } from '../../../shared/formats/values/contract-applied';
import { tempDir } from '../../helpers/temp';
import { importFixture } from './helpers';

/** FOCUS 1.3's ContractApplied column (its Scenario 2 example and what the specification forbids). */
describe('ContractApplied', () => {
  it('reads the specification’s example: cost elements and a quantity element, ID and Id spellings alike', () => {
    const spec = `{"Elements":[{"ContractID":"12345","ContractCommitmentID":"12345","ContractCommitmentAppliedCost":15.00},
      {"ContractId":"12345","ContractCommitmentId":"23456","ContractCommitmentAppliedCost":15.00},
      {"ContractID":"12345","ContractCommitmentID":"34567","ContractCommitmentAppliedQuantity":0.50,"ContractCommitmentAppliedUnit":"compute_hours","x_Balance":3}]}`;
    const parsed = parseContractApplied(spec);
    expect(parsed).toEqual({
      ok: true,
      applications: [
        { contractId: '12345', commitmentId: '12345', appliedCost: 15_000_000_000n, appliedQuantity: null, appliedUnit: null },
        { contractId: '12345', commitmentId: '23456', appliedCost: 15_000_000_000n, appliedQuantity: null, appliedUnit: null },
        { contractId: '12345', commitmentId: '34567', appliedCost: null, appliedQuantity: '0.50', appliedUnit: 'compute_hours' },
      ],
    });
  });

  it('keeps a long decimal exactly (JSON.parse would round it to a double)', () => {
    // 1234567.123456789 as a double is 1234567.1234567889…; the nano-units must be the text's own.
    const parsed = parseContractApplied('{"Elements":[{"ContractId":"c","ContractCommitmentId":"c/1","ContractCommitmentAppliedCost":1234567.123456789}]}');
    expect(parsed.ok && parsed.applications[0]!.appliedCost).toBe(1_234_567_123_456_789n);
    // Numbers inside strings are left alone; a numeric string is read as the decimal it spells.
    const quoted = parseContractApplied('{"Elements":[{"ContractId":"2026-03","ContractCommitmentId":"id 7","ContractCommitmentAppliedCost":"-0.000000001"}]}');
    expect(quoted).toEqual({ ok: true, applications: [{ contractId: '2026-03', commitmentId: 'id 7', appliedCost: -1n, appliedQuantity: null, appliedUnit: null }] });
  });

  it('round-trips through the stored form', () => {
    const parsed = parseContractApplied('{"Elements":[{"ContractId":"c","ContractCommitmentId":"c/1","ContractCommitmentAppliedCost":0.25},{"ContractCommitmentId":"q","ContractCommitmentAppliedQuantity":3,"ContractCommitmentAppliedUnit":"Tokens"}]}');
    if (!parsed.ok) throw new Error(parsed.reason);
    const stored = storedContractApplied(parsed.applications);
    expect(stored).toBe('[["c","c/1","250000000",null,null],[null,"q",null,"3","Tokens"]]');
    expect(readStoredContractApplied(stored!)).toEqual(parsed.applications);
    expect(storedContractApplied([])).toBeNull();
    expect(parseContractApplied('  ')).toEqual({ ok: true, applications: [] });
  });

  it.each([
    ['{"Elements":[{"ContractId":"c",', 'ContractApplied is not valid JSON'],
    ['[1,2]', 'ContractApplied is not a JSON object'],
    ['{"elements":[]}', 'ContractApplied has no "Elements" array'],
    ['{"Elements":[7]}', 'ContractApplied Elements[0] is not an object'],
    ['{"Elements":[{"ContractId":"c","ContractCommitmentAppliedCost":1}]}', 'ContractApplied Elements[0] has no ContractCommitmentId'],
    ['{"Elements":[{"ContractCommitmentId":"c","ContractCommitmentAppliedCost":"ten"}]}', 'ContractApplied Elements[0].ContractCommitmentAppliedCost is not a decimal number'],
    ['{"Elements":[{"ContractCommitmentId":"c"}]}', 'ContractApplied Elements[0] has neither ContractCommitmentAppliedCost nor ContractCommitmentAppliedQuantity'],
    ['{"Elements":[{"ContractCommitmentId":"c","ContractCommitmentAppliedQuantity":2}]}', 'ContractApplied Elements[0] has a ContractCommitmentAppliedQuantity without its ContractCommitmentAppliedUnit'],
  ])('refuses %s', (text, reason) => {
    const parsed = parseContractApplied(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toContain(reason);
  });
});

describe('FOCUS import with ContractApplied', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);
  const header = 'BilledCost,BillingCurrency,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,ServiceProviderName,HostProviderName,ContractApplied';
  const applied = (cost: string) => `"{""Elements"":[{""ContractId"":""k"",""ContractCommitmentId"":""k/2026-03"",""ContractCommitmentAppliedCost"":${cost}}]}"`;

  it('keeps it on the line in the stored form, and rejects a malformed one naming file, row and field', async () => {
    const file = path.join(dir, 'vendor-focus.csv');
    writeFileSync(
      file,
      [
        header,
        `1.50,USD,Usage,2026-03-01T00:00:00Z,2026-03-02T00:00:00Z,OpenAI,OpenAI,${applied('1.50')}`,
        `2.00,USD,Usage,2026-03-02T00:00:00Z,2026-03-03T00:00:00Z,OpenAI,OpenAI,`,
        `3.00,USD,Usage,2026-03-03T00:00:00Z,2026-03-04T00:00:00Z,OpenAI,OpenAI,"{""Elements"":[{""ContractId"":""k""}]}"`,
        `4.00,USD,Usage,2026-03-04T00:00:00Z,2026-03-05T00:00:00Z,OpenAI,OpenAI,{not json`,
      ].join('\n'),
    );
    const { summary, lines } = await importFixture(file);
    expect(lines.map((l) => [l.sourceRow, l.contractApplied ?? null])).toEqual([
      [2, '[["k","k/2026-03","1500000000",null,null]]'],
      [3, null],
    ]);
    expect(summary.rowsRejected).toBe(2);
    expect(summary.rejected.map((r) => [r.file, r.row, r.field, r.reason])).toEqual([
      ['vendor-focus.csv', 4, 'ContractApplied', 'ContractApplied Elements[0] has no ContractCommitmentId'],
      ['vendor-focus.csv', 5, 'ContractApplied', 'ContractApplied is not valid JSON (FOCUS requires a JSON object with an "Elements" array)'],
    ]);
  });
});

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aispend } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp';

/**
 * FOCUS 1.3's Contract Commitment dataset through the CLI, on the demo
 * workspace (OpenAI phase 1: $400 a month Nov 2025 – Oct 2026; phase 2: $700
 * a month Nov 2026 – Apr 2027; Anthropic: $4,000 a year Sep 2025 – Aug 2027)
 * plus a ramp trued up quarterly.
 */
const RAMP = `name: Acme × OpenAI ramp 2027
vendor: openai
currency: USD
term: { start: 2027-05-01, end: 2029-04-30 }
commitment:
  period: year
  years:
    - { year: 1, amount: "120000" }
    - { year: 2, amount: "240000" }
  trueUp: quarter
`;

describe('aispend contracts export-focus / import-focus', () => {
  const { dir, cleanup } = tempDir();
  const env = { AISPEND_HOME: path.join(dir, 'home') };
  const workspace = path.join(dir, 'demo.aispend');
  const dataset = path.join(dir, 'contract-commitments.csv');
  beforeAll(() => {
    expect(aispend(['demo', '--workspace', workspace], env).status).toBe(0);
    writeFileSync(path.join(dir, 'ramp-2027.yaml'), RAMP);
    expect(aispend(['contracts', 'add', '--workspace', workspace, path.join(dir, 'ramp-2027.yaml')], env).status).toBe(0);
  });
  afterAll(cleanup);

  it('writes one row per commitment period, and the cost export’s ContractApplied names those rows', () => {
    const run = aispend(['contracts', 'export-focus', '--workspace', workspace, '--out', dataset, '--json'], env);
    expect(run.status, run.stderr).toBe(0);
    // Anthropic 2 contract years + OpenAI 12 months of phase 1 and 6 of its phase-2 version (one contract) + the ramp 8 quarters = 28 rows.
    expect(JSON.parse(run.stdout)).toEqual({ ok: true, file: dataset, rows: 28, contracts: 3, contractsWithoutCommitment: 0 });
    const rows = parse(readFileSync(dataset, 'utf8'), { columns: true }) as Record<string, string>[];
    const ramp = rows.filter((r) => r.ContractId === 'ramp-2027');
    expect(ramp.map((r) => r.ContractCommitmentCost)).toEqual(['30000.00', '30000.00', '30000.00', '30000.00', '60000.00', '60000.00', '60000.00', '60000.00']);
    const oct = rows.find((r) => r.ContractCommitmentId === 'acme-openai-enterprise/commitment/2026-10-01');
    expect(oct).toMatchObject({ ContractCommitmentCost: '400.00', ContractCommitmentPeriodStart: '2026-10-01T00:00:00Z', ContractCommitmentPeriodEnd: '2026-11-01T00:00:00Z', ContractCommitmentCategory: 'Spend' });

    const out = path.join(dir, 'focus');
    const exported = aispend(['export-focus', '--workspace', workspace, '--out', out, '--month', '2026-10', '--json'], env);
    expect(exported.status, exported.stderr).toBe(0);
    const ids = new Set(rows.map((r) => r.ContractCommitmentId));
    const applied = new Map<string, number>();
    for (const folder of readdirSync(out)) {
      for (const f of readdirSync(path.join(out, folder))) {
        for (const r of parse(readFileSync(path.join(out, folder, f), 'utf8'), { columns: true }) as Record<string, string>[]) {
          if (!r.ContractApplied) continue;
          for (const e of (JSON.parse(r.ContractApplied) as { Elements: { ContractCommitmentId: string }[] }).Elements) applied.set(e.ContractCommitmentId, (applied.get(e.ContractCommitmentId) ?? 0) + 1);
        }
      }
    }
    // October 2026's OpenAI charges draw down October's $400 period; Anthropic's its second contract year.
    expect([...applied.keys()].sort()).toEqual(['acme-anthropic-2025/commitment/2026-09-01', 'acme-openai-enterprise/commitment/2026-10-01']);
    for (const id of applied.keys()) expect(ids.has(id)).toBe(true);
  });

  it('reads the dataset back into drafts: the ramp returns as years and a quarterly true-up; the vendor is left to complete', () => {
    const drafts = path.join(dir, 'drafts');
    const run = aispend(['contracts', 'import-focus', dataset, '--out', drafts, '--json'], env);
    expect(run.status, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout) as { drafts: { contractId: string; file: string; toComplete: { field: string }[]; commitment: unknown }[] };
    expect(doc.drafts.map((d) => [d.contractId, d.toComplete.map((t) => t.field)])).toEqual([
      ['acme-anthropic-2025', ['vendor']],
      ['acme-openai-enterprise', ['vendor']],
      ['ramp-2027', ['vendor']],
    ]);
    expect(doc.drafts[2]!.commitment).toEqual({ period: 'year', trueUp: 'quarter', takeOrPay: true, years: [{ year: 1, amount: '120000.00' }, { year: 2, amount: '240000.00' }] });
    // The OpenAI agreement's $400 a month in its first contract year and $700 (the phase-2 version) in its second read back as a ramp by year.
    expect(doc.drafts[1]!.commitment).toEqual({ period: 'month', takeOrPay: true, years: [{ year: 1, amount: '400.00' }, { year: 2, amount: '700.00' }] });
    const text = readFileSync(doc.drafts[2]!.file, 'utf8');
    expect(text).toContain('# To complete before saving:\n#   vendor: the Contract Commitment dataset does not say which provider');
    // Completed with the vendor, the draft stores (under a new id: the stored ramp keeps its own) and prices as the original.
    const completed = path.join(dir, 'ramp-again.yaml');
    writeFileSync(completed, text.replace('vendor: ""', 'vendor: openai').replace('id: ramp-2027', 'id: ramp-again').replace('start: 2027-05-01', 'start: 2029-05-01').replace('end: 2029-04-30', 'end: 2031-04-30'));
    const added = aispend(['contracts', 'add', '--workspace', workspace, completed, '--json'], env);
    expect(added.status, added.stderr).toBe(0);
    const months = JSON.parse(aispend(['contracts', 'months', '--workspace', workspace, '--id', 'ramp-again', '--through', '2029-07', '--json'], env).stdout) as { months: { month: string; commitmentShortfall: string }[] };
    expect(months.months.map((m) => m.commitmentShortfall)).toEqual(['0.00', '0.00', '30000.00']);
  });

  it('a dataset without a required column is exit 2, naming the file, the row and the column', () => {
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, 'BillingCurrency,ContractId\nUSD,x\n');
    const run = aispend(['contracts', 'import-focus', bad, '--out', path.join(dir, 'none'), '--json'], env);
    expect(run.status).toBe(2);
    const doc = JSON.parse(run.stdout) as { ok: boolean; error: { file: string; row: number; field: string } };
    expect(doc).toMatchObject({ ok: false, error: { file: 'bad.csv', row: 1, field: 'ContractPeriodStart' } });
  });
});

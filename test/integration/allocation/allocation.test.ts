import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnomalyDimension, LedgerFilter } from '../../../shared/api';
import type { WorkbenchClient } from '../../../shared/api/client';
import { allocationPolicyJsonSchema } from '../../../shared/domain/allocation/policy-file';
import { nanosToDecimal, parseMoney } from '../../../shared/domain/money';
import { startBackend } from '../../helpers/backend';
import { aispend } from '../../helpers/cli';
import { PLANTED_SPIKE } from '../../../scripts/make-demo';
import { servicingMonth } from '../../helpers/demo-statements';
import { DEMO_DIR, REPO_ROOT } from '../../helpers/temp';

const servicingOctober = () => servicingMonth('2026-10');

let client: WorkbenchClient;
let stop: () => Promise<void>;
let dir: string;
let workspacePath: string;

beforeAll(async () => {
  const started = await startBackend();
  client = started.client;
  stop = started.stop;
  dir = started.dir;
  workspacePath = (await client.call('workspace.info', {})).path;
});
afterAll(async () => stop());

describe('allocation on the demo workspace', () => {
  it('keeps the JSON Schema of the policy file in step with its zod schema', () => {
    expect(JSON.parse(readFileSync(path.join(REPO_ROOT, 'scenarios', 'allocation.schema.json'), 'utf8'))).toEqual(allocationPolicyJsonSchema());
  });

  it('allocates every month of the ledger in full, to the cent', async () => {
    const run = await client.runJob('allocation.run', {}).result;
    const summary = await client.call('ledger.summary', { by: ['month'] });
    for (const m of run.months) {
      const ledger = summary.rows.find((r) => r.key.month === m.month && r.currency === m.currency)!;
      expect(parseMoney(m.ledger)).toBe(parseMoney(ledger.billedCost));
      expect(m.allocated).toBe(m.ledger);
      const rows = run.rows.filter((r) => r.month === m.month && r.currency === m.currency);
      expect(nanosToDecimal(rows.reduce((s, r) => s + parseMoney(r.amount), 0n))).toBe(m.ledger);
      expect(nanosToDecimal(rows.reduce((s, r) => s + parseMoney(r.amountCents), 0n))).toBe(m.ledgerCents);
    }
    // The escalation workspace's lines split 70 / 30 between servicing and credit risk: 365 days × (2 cost-report
    // lines + 2 usage-report lines) of claude-haiku-4-5.
    expect(run.rules.find((r) => r.id === 'escalation-workspace')?.lines).toBe(365 * 4);
    // Each rule's target says its teams by the policy's names (the demo's allocation.yaml).
    expect(run.rules.find((r) => r.id === 'escalation-workspace')?.target).toBe('split by fixed percentages over Borrower servicing, Credit risk');
    expect(run.rules.find((r) => r.id === 'underwriting-workspace')?.target).toBe('team Credit risk');
    expect(run.rows.find((r) => r.team === 'servicing' && r.month === '2026-10')?.amountCents).toBe(servicingOctober());
  });

  it('shows the lines behind a team’s month, each with its part and ratio', async () => {
    const page = await client.call('allocation.lines', { team: 'servicing', month: '2026-10', limit: 1000 });
    const shared = page.rows.filter((r) => r.ruleId === 'escalation-workspace');
    expect(shared.length).toBeGreaterThan(0);
    for (const r of shared) expect(r.ratio).toBe('0.7');
    const run = await client.runJob('allocation.run', { month: '2026-10' }).result;
    const servicing = run.rows.filter((r) => r.team === 'servicing').reduce((s, r) => s + parseMoney(r.amount), 0n);
    expect(page.total).toBe(page.rows.length);
    expect(page.rows.reduce((s, r) => s + parseMoney(r.amount), 0n)).toBe(servicing);
  });

  it('exports allocated lines to Parquet with exact money and FOCUS allocation columns', async () => {
    const file = path.join(dir, 'october.parquet');
    const result = await client.runJob('allocation.export', { month: '2026-10', path: file, format: 'parquet' }).result;
    const buffer = readFileSync(file);
    const rows = (await parquetReadObjects({ file: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer })) as Record<string, unknown>[];
    expect(rows.length).toBe(result.lines);
    const run = await client.runJob('allocation.run', { month: '2026-10' }).result;
    // DECIMAL(38, 9) reads back as numbers here; compare the total to the cent and one split line exactly by its ratio.
    const total = rows.reduce((s, r) => s + Number(r.x_AllocatedCost), 0);
    expect(total).toBeCloseTo(Number(run.months[0]!.ledger), 6);
    const split = rows.find((r) => r.AllocatedMethodId === 'rule:escalation-workspace:percent')!;
    expect(JSON.parse(split.AllocatedMethodDetails as string).Elements[0]).toMatchObject({ UsageUnit: 'Percent' });
    expect(split.AllocatedResourceId === 'servicing' || split.AllocatedResourceId === 'credit-risk').toBe(true);
    expect(JSON.parse(split.AllocatedTags as string)).toMatchObject({ costCentre: expect.any(String) });
  });

  it('shows the lines behind an anomaly for every dimension: the ledger’s own lines, a workload’s by the mapping, a team’s parts', async () => {
    const summary = async (filters: LedgerFilter[]) => (await client.call('ledger.summary', { by: ['month'], filters })).rows.find((r) => r.key.month === '2026-10' && r.currency === 'USD')!;
    const day: LedgerFilter[] = [
      { field: 'chargePeriodStart', op: 'gte', value: '2026-10-14T00:00:00Z' },
      { field: 'chargePeriodStart', op: 'lt', value: '2026-10-15T00:00:00Z' },
    ];
    const cases: { dimension: AnomalyDimension; value: string; period: string; filters: LedgerFilter[] }[] = [
      { dimension: 'provider', value: 'openai', period: '2026-10-14', filters: [{ field: 'provider', op: 'eq', value: 'openai' }, ...day] },
      { dimension: 'model', value: 'anthropic/claude-haiku-4-5', period: '2026-10', filters: [{ field: 'provider', op: 'eq', value: 'anthropic' }, { field: 'model', op: 'eq', value: 'claude-haiku-4-5' }] },
      { dimension: 'credential', value: 'apikey_support_escalation', period: '2026-10', filters: [{ field: 'credential', op: 'eq', value: 'apikey_support_escalation' }] },
      // The demo mapping gives a line to a workload by its project (here the Anthropic workspace).
      { dimension: 'workload', value: 'underwriting-summary', period: '2026-10', filters: [{ field: 'subAccount', op: 'eq', value: 'wrkspc_underwriting' }] },
    ];
    for (const c of cases) {
      const expected = await summary(c.filters);
      const page = await client.call('anomalies.lines', { dimension: c.dimension, value: c.value, currency: 'USD', period: c.period, limit: 5000 });
      expect({ c: c.dimension, total: page.total, amount: page.amount }).toEqual({ c: c.dimension, total: expected.lines, amount: nanosToDecimal(parseMoney(expected.billedCost)) });
      expect(page.rows.every((r) => r.ratio === '1' && r.amount === r.lineCost)).toBe(true);
      // Largest first.
      const amounts = page.rows.map((r) => parseMoney(r.amount));
      expect(amounts.every((a, i) => i === 0 || a <= amounts[i - 1]!)).toBe(true);
    }
    // A team's month: its parts of every line, shared lines by their 70 / 30 ratio, adding up to the team's allocated total.
    const team = await client.call('anomalies.lines', { dimension: 'team', value: 'servicing', currency: 'USD', period: '2026-10', limit: 3 });
    const run = await client.runJob('allocation.run', { month: '2026-10' }).result;
    const servicing = run.rows.filter((r) => r.team === 'servicing').reduce((sum, r) => sum + parseMoney(r.amount), 0n);
    expect(team.amount).toBe(nanosToDecimal(servicing));
    expect(team.rows.length).toBe(3);
    expect(team.total).toBe((await client.call('allocation.lines', { team: 'servicing', month: '2026-10', limit: 5000 })).total);
    expect(team.rows[0]).toMatchObject({ importId: expect.any(Number), sourceRow: expect.any(Number) });
  });

  it('refuses to save a policy whose split basis sums to zero, leaving the stored one as it was', async () => {
    const before = await client.call('allocation.getPolicy', {});
    const yaml = `teams: [{ id: a }, { id: b }]\nrules:\n  - { id: all, precedence: 1, match: { provider: [openai, anthropic] }, split: { basis: tokens } }\n`;
    await expect(client.call('allocation.savePolicy', { yaml, fileName: 'zero.yaml' })).rejects.toMatchObject({ file: 'zero.yaml', field: 'rules[0].split.basis' });
    expect((await client.call('allocation.getPolicy', {})).yaml).toBe(before.yaml);
  });

  it('evaluates the demo budgets: servicing near its allowance, the extraction key near its tokens', async () => {
    const report = await client.runJob('budgets.evaluate', {}).result;
    expect(report.asOf).toBe('2026-10-31');
    expect(report.budgets.map((b) => [b.id, b.status])).toEqual([
      ['lending-ops-monthly', 'ok'],
      ['credit-risk-monthly', 'ok'],
      ['servicing-monthly', 'near'],
      ['ai-annual', 'ok'],
    ]);
    expect(report.allowances[0]).toMatchObject({ who: 'key_extraction_prod', status: 'near' });
    expect(report.breaches).toBe(0);
  });
});

describe('allocation on the command line', () => {
  it('exits 1 with --fail-on-breach when a budget is over, 0 without', () => {
    const rules = path.join(dir, 'tight.yaml');
    writeFileSync(rules, readFileSync(path.join(DEMO_DIR, 'allocation.yaml'), 'utf8').replace('amount: "30"', 'amount: "20"'));
    const over = aispend(['budgets', '--workspace', workspacePath, '--rules', rules, '--fail-on-breach', '--json']);
    expect(over.status).toBe(1);
    const report = JSON.parse(over.stdout) as { breaches: number; budgets: { id: string; status: string; runsOutOn: string | null }[] };
    expect(report.breaches).toBe(1);
    expect(report.budgets.find((b) => b.id === 'servicing-monthly')).toMatchObject({ status: 'over' });
    expect(aispend(['budgets', '--workspace', workspacePath, '--rules', rules]).status).toBe(0);
  });

  it('prints the team × month statement and names the file and field of a bad policy (exit 2)', () => {
    const ok = aispend(['allocate', '--workspace', workspacePath, '--month', '2026-10']);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`Borrower servicing\\s+${servicingOctober().replace('.', '\\.')}`));
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'teams: [{ id: a }, { id: b }]\nrules:\n  - { id: tax, precedence: 1, match: { chargeCategory: tax }, split: { basis: percent, percent: { a: 60, b: 30 } } }\n');
    const refused = aispend(['allocate', '--workspace', workspacePath, '--rules', bad]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('bad.yaml, field rules[0].split.percent: the percentages add up to 90 (60 + 30), not 100');
  });

  it('finds the usage spike planted in the demo: fraud screening on 16 September 2026', () => {
    const run = aispend(['anomalies', '--workspace', workspacePath, '--json']);
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout) as { ok: boolean; anomalies: { kind: string; dimension: string; value: string; name: string; message: string; period: string }[] };
    expect(doc.ok).toBe(true);
    const spikes = doc.anomalies.filter((a) => a.kind === 'spike' && a.period === PLANTED_SPIKE.day).map((a) => `${a.dimension} ${a.value}`);
    expect(spikes).toEqual(expect.arrayContaining(['workload fraud-screening', `provider ${PLANTED_SPIKE.provider}`, `model aws/${PLANTED_SPIKE.model}`, 'team credit-risk']));
    // Said by the names people use: the policy's team name, the provider's, the model with its provider.
    const said = (a: { kind: string; period: string }) => a.kind === 'spike' && a.period === PLANTED_SPIKE.day;
    const named = doc.anomalies.filter(said);
    expect(named.find((a) => a.dimension === 'team')).toMatchObject({ name: 'Credit risk' });
    expect(named.find((a) => a.dimension === 'team')!.message).toMatch(/^team Credit risk spikes on 2026-09-16: /);
    expect(named.find((a) => a.dimension === 'provider')).toMatchObject({ name: 'AWS' });
    expect(named.find((a) => a.dimension === 'model')).toMatchObject({ name: `${PLANTED_SPIKE.model} on AWS` });
    // Nothing else spikes on a day: the rest of the ledger is smooth.
    expect(doc.anomalies.filter((a) => a.kind === 'spike' && a.period.length === 10 && a.period !== PLANTED_SPIKE.day)).toEqual([]);
  });
});

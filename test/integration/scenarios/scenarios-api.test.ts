import { writeFileSync } from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobEvent } from '../../../shared/api/jobs';
import { type WorkbenchError } from '../../../shared/domain/errors';
import { runTask } from '../../../shared/engine/tasks';
import { pricingInputs, resolveRunSource } from '../../../electron/backend/scenarios/scenario-service';
import { DEMO_LOANS, DEMO_MONTHS } from '../../../scripts/make-demo';
import { startBackend } from '../../helpers/backend';

type Started = Awaited<ReturnType<typeof startBackend>>;

const failure = (promise: Promise<unknown>): Promise<WorkbenchError> =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e as WorkbenchError,
  );

describe('scenarios in the demo workspace', () => {
  let s: Started;
  beforeAll(async () => {
    s = await startBackend();
  });
  afterAll(async () => s.stop());

  it('holds the drivers, the workload mapping and the scenario files of the story', async () => {
    const { drivers } = await s.client.call('drivers.list', {});
    expect(drivers.map((d) => d.id)).toEqual(['loans']);
    // Loans per month as the demo ledger was generated with them.
    expect(drivers[0]!.months.map((m) => [m.month, m.units])).toEqual(DEMO_MONTHS.map((m) => [m, DEMO_LOANS[m]]));
    expect(drivers[0]!.months[0]!.costs).toEqual({ 'manual processing': '6.17', 'human review': '0.80' });
    // About $8 a loan at 1,000 loans (May 2026): what the vendors billed for AI that month + 1,000 × ($6.17 + $0.80) = $6,970 of non-AI cost.
    const may = await s.client.call('ledger.summary', { by: ['month'], filters: [{ field: 'month', op: 'eq', value: '2026-05' }], limit: 10 });
    const perLoan = (Number(may.rows[0]!.billedCost) + 6970) / 1000;
    expect(perLoan).toBeGreaterThan(7.8);
    expect(perLoan).toBeLessThan(8.2);
    const mapping = await s.client.call('workloads.getMapping', {});
    expect(mapping.rules.map((r) => r.workload)).toEqual(['loan-document-extraction', 'underwriting-summary', 'customer-support', 'customer-support', 'fraud-screening']);
    const { files } = await s.client.call('scenarios.list', {});
    expect(files.map((f) => f.id)).toEqual(['acme-status-quo.yaml', 'board-question.yaml']);
    expect(files.find((f) => f.id === 'board-question.yaml')!.scenarios.map((x) => x.id)).toEqual(['ai-does-more', 'cache-batch', 'cascade', 'no-ai']);
  });

  it('derives the workloads from the ledger in SQL', async () => {
    const derived = await s.client.call('workloads.derive', { from: '2026-05', to: '2026-10' });
    const byId = Object.fromEntries(derived.workloads.map((w) => [w.id, w]));
    // extraction, from OpenAI's request counts: (300k standard + 30k batch + 15k priority) prompt tokens a loan
    // ÷ 25k a request = 12 + 1.2 + 0.6 = 13.8 requests a loan (±5% daily noise)
    expect(byId['loan-document-extraction']!.requestsPerUnit as number).toBeCloseTo(13.8, 0);
    // support: 16.8k prompt tokens a loan on gpt-4o-mini ÷ 3k = 5.6 first attempts; 14.4k ÷ 6k = 2.4 escalations to haiku
    // → gpt-4o-mini succeeds 1 − 2.4/5.6 = 0.571
    const support = byId['customer-support']!;
    expect(support.requestsPerUnit as number).toBeCloseTo(5.6, 1);
    const mini = support.models.find((m) => m.model === 'gpt-4o-mini')!;
    const haiku = support.models.find((m) => m.model === 'claude-haiku-4-5')!;
    expect([mini.share, haiku.share, mini.escalateTo]).toEqual([1, 0, 'anthropic/claude-haiku-4-5']);
    expect(mini.successRate as number).toBeCloseTo(0.571, 2);
    expect(derived.unmapped).toEqual([]);
    const none = await s.client.call('workloads.derive', { from: '2025-01', to: '2025-10' });
    expect(none.workloads).toEqual([]);
    expect(none.notes[0]).toMatch(/no usage from 2025-01 to 2025-10/);
  });

  it('runs the status quo at about $8 a loan, non-AI costs exact', async () => {
    const result = await s.client.call('scenarios.run', { id: 'acme-status-quo.yaml' });
    const first = result.scenarios[0]!.months[0]!;
    // October's 1,300 loans carry forward; non-AI: 1,300 × ($6.17 + $0.80) = $9,061.00
    expect(first).toMatchObject({ month: '2026-11', businessUnits: 1300 });
    expect(first.byComponent.non_ai).toBe('9061.00');
    // About $8 a loan over the two years; the first months less, while the $2,000 of OpenAI ramp credits last.
    const horizon = Number(result.scenarios[0]!.kpis.costPerUnit);
    expect(horizon).toBeGreaterThan(7.8);
    expect(horizon).toBeLessThan(8.2);
    expect(Number(first.costPerUnit)).toBeLessThan(horizon);
    // the OpenAI agreement (15% off list, credits) is in force until April 2027: an adjustment below zero
    expect(Number(first.byComponent.contract_adjustment)).toBeLessThan(0);
    expect(result.months).toBe(24);
  });

  it('answers the board question: AI doing more brings the cost per loan down; no AI costs more', async () => {
    const result = await s.client.call('scenarios.run', { id: 'board-question.yaml' });
    const [base] = result.scenarios;
    const more = result.scenarios.find((x) => x.id === 'ai-does-more');
    const noAi = result.scenarios.find((x) => x.id === 'no-ai');
    const last = (x: typeof base) => Number(x!.months.at(-1)!.costPerUnit);
    expect(base!.months.at(-1)!.businessUnits).toBe(3900);
    expect(last(more)).toBeLessThan(0.9 * last(base));
    expect(last(noAi)).toBeGreaterThan(last(base));
    expect(more!.kpis.breakEvenMonth).toMatch(/^202[78]-\d\d$/);
  });

  it('runs Monte Carlo in worker threads with progress; the split does not change the numbers', async () => {
    const events: JobEvent[] = [];
    const options = { draws: 2000, seed: 11 };
    const job = s.client.runJob('scenarios.simulate', { id: 'board-question.yaml', options }, (e) => events.push(e));
    const result = await job.result;
    expect(result.draws).toBe(2000);
    const more = result.scenarios[1]!;
    const [p10, p50, p90] = [more.kpis.p10!, more.kpis.p50!, more.kpis.p90!].map((k) => Number(k.savingsVsBaseline));
    expect(p10).toBeLessThan(p50!);
    expect(p50).toBeLessThan(p90!);
    expect(result.tornado.find((t) => t.scenario === 'ai-does-more')!.entries.length).toBeGreaterThan(0);
    expect(events.some((e) => e.state === 'running' && e.total === 2000 && e.done > 0)).toBe(true);
    // The same run in this thread, from the same inputs: identical figures.
    const ws = s.backend.workspace();
    const resolved = resolveRunSource(ws, { id: 'board-question.yaml' });
    const here = runTask({ file: resolved.file, options, pricing: pricingInputs(ws) }, { isCancelled: () => false });
    expect(result.scenarios.map((x) => x.kpis)).toEqual(here.scenarios.map((x) => x.kpis));
    expect(result.tornado).toEqual(here.tornado);
    // Kept with the file while it is unchanged.
    const saved = await s.client.call('scenarios.lastRun', { id: 'board-question.yaml' });
    expect(saved.run?.draws).toBe(2000);
    expect(saved.run?.result.scenarios[1]!.kpis).toEqual(more.kpis);
  });

  it('cancels a long run between blocks of draws', async () => {
    let cancelled = false;
    const job = s.client.runJob('scenarios.simulate', { id: 'board-question.yaml', options: { draws: 1_000_000, seed: 1 } }, (e) => {
      if (!cancelled && e.done > 0) {
        cancelled = true;
        void job.cancel();
      }
    });
    const error = await failure(job.result);
    expect(error.code).toBe('cancelled');
    const jobs = await s.client.call('jobs.list', {});
    expect(jobs.jobs[0]!.state).toBe('cancelled');
  });

  it('validates on save, with the line of each issue, and stores nothing that does not validate', async () => {
    const bad = 'version: 1\nextends: acme-status-quo.yaml\nscenarios:\n  - id: x\n    name: X\n    levers:\n      - { type: tier, start: 2027-01, batch: lots }\n';
    const refused = await s.client.call('scenarios.save', { id: 'mine.yaml', yaml: bad });
    expect(refused.saved).toBe(false);
    expect(refused.issues[0]).toMatchObject({ path: 'scenarios.0.levers.0.batch', line: 7 });
    const orphan = await s.client.call('scenarios.save', { id: 'mine.yaml', yaml: 'version: 1\nextends: nowhere.yaml\nscenarios: []\n' });
    expect(orphan.issues[0]).toMatchObject({ path: 'extends', line: 2 });
    expect((await s.client.call('scenarios.list', {})).files.some((f) => f.id === 'mine.yaml')).toBe(false);

    const good = bad.replace('batch: lots', 'batch: 0.3');
    expect(await s.client.call('scenarios.save', { id: 'mine.yaml', yaml: good })).toEqual({ id: 'mine.yaml', saved: true, issues: [] });
    expect((await s.client.call('scenarios.get', { id: 'mine.yaml' })).yaml).toBe(good);
    const audit = await s.client.call('workspace.audit', { limit: 5 });
    expect(audit.entries[0]).toMatchObject({ action: 'scenario.added', details: { id: 'mine.yaml' } });

    // The base of other files cannot go while they extend it.
    const conflict = await failure(s.client.call('scenarios.delete', { id: 'acme-status-quo.yaml' }));
    expect(conflict).toMatchObject({ code: 'conflict', field: 'extends' });
    expect(await s.client.call('scenarios.delete', { id: 'mine.yaml' })).toEqual({ deleted: true });
  });

  it('runs unsaved text (the builder’s preview) without keeping it', async () => {
    const { yaml } = await s.client.call('scenarios.get', { id: 'board-question.yaml' });
    const before = await s.client.call('scenarios.lastRun', { id: 'board-question.yaml' });
    const result = await s.client.call('scenarios.run', { id: 'board-question.yaml', yaml: yaml.replace('months: 24', 'months: 24'), options: { months: 6 } });
    expect(result.months).toBe(6);
    const edited = await s.client.call('scenarios.run', { id: 'board-question.yaml', yaml: `${yaml}\n# an edit\n`, options: { months: 6 } });
    expect(edited.scenarios[1]!.kpis).toEqual(result.scenarios[1]!.kpis);
    expect((await s.client.call('scenarios.lastRun', { id: 'board-question.yaml' })).run?.result.months).toBe(6);
    // The run before the preview was the full 24 months (the board question ran earlier in this file).
    expect(before.run?.result.months).toBe(24);
    expect((await s.client.call('scenarios.get', { id: 'board-question.yaml' })).yaml).toBe(yaml);
  });

  it('imports drivers from CSV and XLSX, naming row and column of a bad cell', async () => {
    const csv = path.join(s.dir, 'branches.csv');
    writeFileSync(csv, 'month,applications,triage per application,call centre per month\n2026-05,400,1.25,"12,000"\n2026-06,420,1.25,12000\n');
    const imported = await s.client.call('drivers.import', { path: csv });
    expect(imported).toMatchObject({ months: 2, replaced: false, driver: { id: 'applications', unit: 'application' } });
    expect(imported.driver.months[0]!.costs).toEqual({ triage: '1.25', 'call centre': '12000.00' });

    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['month', 'applications', 'triage per application'], ['2026-07', 450, 1.3], [new Date(Date.UTC(2026, 7, 1)), 470, 1.3]]), 'Drivers');
    const xlsx = path.join(s.dir, 'branches.xlsx');
    writeFileSync(xlsx, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const again = await s.client.call('drivers.import', { path: xlsx });
    expect(again.replaced).toBe(true);
    expect(again.driver.months.map((m) => [m.month, m.units, m.costs.triage])).toEqual([
      ['2026-07', 450, '1.30'],
      ['2026-08', 470, '1.30'],
    ]);

    writeFileSync(csv, 'month,applications\n2026-05,400\n2026-06,many\n');
    const error = await failure(s.client.call('drivers.import', { path: csv }));
    expect(error).toMatchObject({ code: 'invalid_file', file: 'branches.csv', row: 3, field: 'applications' });
    const { drivers } = await s.client.call('drivers.list', {});
    expect(drivers.find((d) => d.id === 'applications')!.months).toHaveLength(2);

    // Typed in: the editor saves the whole list.
    await s.client.call('drivers.save', { drivers: drivers.filter((d) => d.id !== 'applications') });
    expect((await s.client.call('drivers.list', {})).drivers.map((d) => d.id)).toEqual(['loans']);
  });
});

import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { RunResult } from '../../shared/api/scenarios';
import { DEMO_MONTHS } from '../../scripts/make-demo';
import { formatMonth } from '../../renderer/src/format/dates';
import { formatMoney } from '../../renderer/src/format/money';
import { api, expect, openApp, test } from './support/app';

/** The view scrolls inside the app's main area: a tall window shows all of it in one picture. */
async function shot(page: Page, name: string): Promise<void> {
  const dir = path.resolve('test-results/screenshots');
  mkdirSync(dir, { recursive: true });
  await page.setViewportSize({ width: 1440, height: 2400 });
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
  await page.setViewportSize({ width: 1440, height: 900 });
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include('[data-view="scenarios"]').analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

/** "USD 1,234.56" as the app prints a decimal string. */
const usd = (amount: string) => `USD ${Number(amount).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

test.describe('scenarios', () => {
  // Monte Carlo over the board question's five runs, on a machine other work shares.
  test.describe.configure({ timeout: 180_000 });
  test('build two scenarios on the demo with forms, compare them, run the risk range', async ({ page }) => {
    await openApp(page, 'scenarios');

    // A new file starts from the demo's status quo (drivers and workloads from the workspace).
    await page.getByTestId('new-scenario-file').click();
    const dialog = page.getByTestId('new-scenario-dialog');
    await dialog.getByLabel('Name').fill('E2E batch and price');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(page.getByTestId('scenario-file-select')).toHaveValue('e2e-batch-and-price.yaml');
    const builder = page.getByTestId('scenario-builder');
    await expect(builder).toBeVisible();

    // Scenario 1: a third of document extraction overnight in batch.
    const first = builder.getByTestId('builder-scenario').first();
    await first.locator('[data-field="name"] input').first().fill('Extraction in batch');
    await first.getByLabel('Kind of lever to add').selectOption('tier');
    await first.getByTestId('add-lever').click();
    const tier = first.getByTestId('lever-card').first();
    await tier.locator('[data-field="batch"] input').fill('0.3');
    await tier.getByRole('checkbox', { name: 'loan-document-extraction' }).check();

    // Scenario 2: Anthropic 20% cheaper from 2027.
    await builder.getByTestId('add-scenario').click();
    const second = builder.getByTestId('builder-scenario').nth(1);
    await second.getByLabel('Kind of lever to add').selectOption('price');
    await second.getByTestId('add-lever').click();
    const price = second.getByTestId('lever-card').first();
    await price.locator('[data-field="pct"] input').fill('-20');
    await price.locator('[data-field="provider"] input').fill('anthropic');
    await price.locator('[data-field="start"] input').fill('2027-01');
    await shot(page, 'scenarios-build');
    expect(await seriousViolations(page)).toEqual([]);

    // The forms wrote the YAML; a mistake there is named with its line.
    await page.getByTestId('pane-yaml').click();
    const yaml = page.getByTestId('scenario-yaml');
    await expect(yaml).toHaveValue(/batch: 0\.3/);
    await expect(yaml).toHaveValue(/pct: -20/);
    const good = await yaml.inputValue();
    await yaml.fill(good.replace('batch: 0.3', 'batch: lots'));
    const issue = page.getByTestId('scenario-issues').locator('li').first();
    await expect(issue).toContainText(/Line \d+/);
    await expect(issue).toContainText('"lots" is not valid here');
    await expect(page.getByTestId('run-scenarios')).toBeDisabled();
    await shot(page, 'scenarios-yaml-issue');
    await yaml.fill(good);
    await expect(page.getByTestId('scenario-issues')).toHaveCount(0);
    await page.getByTestId('save-scenario-file').click();
    await expect(page.getByTestId('save-scenario-file')).toBeDisabled();

    // Side by side: the baseline and both scenarios, as the backend's exact run has them.
    await page.getByTestId('pane-compare').click();
    const cards = page.getByTestId('kpi-card');
    await expect(cards).toHaveCount(3);
    const exact = await api<RunResult>('scenarios.run', { id: 'e2e-batch-and-price.yaml' });
    for (const s of exact.scenarios) {
      await expect(page.locator(`[data-testid="kpi-card"][data-scenario="${s.id}"] [data-testid="kpi-cost-per-unit"]`)).toHaveText(usd(s.kpis.costPerUnit!));
    }
    const batch = exact.scenarios.find((s) => s.name === 'Extraction in batch')!;
    expect(Number(batch.kpis.savingsVsBaseline)).toBeGreaterThan(0);
    await expect(page.locator(`[data-testid="kpi-card"][data-scenario="${batch.id}"] [data-testid="kpi-savings"]`)).toHaveText(usd(batch.kpis.savingsVsBaseline));
    await expect(page.getByTestId('monthly-lines').locator('svg')).toBeVisible();
    await expect(page.getByTestId('waterfall').locator('svg')).toBeVisible();

    // With draws, as a job: progress, then the P10–P90 fan and the tornado.
    await page.getByTestId('draws-select').selectOption('1000');
    await page.getByTestId('run-scenarios').click();
    await expect(page.getByTestId('results-source')).toContainText('1,000 draws, seed 1', { timeout: 60_000 });
    await expect(page.getByTestId('fan').locator('svg')).toBeVisible();
    await expect(page.locator(`[data-testid="kpi-card"][data-scenario="${batch.id}"]`)).toContainText('P10–P90');
    await shot(page, 'scenarios-compare');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByTestId('scenario-file-select')).not.toHaveValue('e2e-batch-and-price.yaml');
  });

  test('the board question shows savings by lever and what moves the cost per loan', async ({ page }) => {
    // Five runs with draws and a tornado: more than the default minute on a busy machine.
    test.setTimeout(180_000);
    await openApp(page, 'scenarios');
    await page.getByTestId('scenario-file-select').selectOption('board-question.yaml');
    // The baseline and the board question's four scenarios.
    await expect(page.getByTestId('kpi-card')).toHaveCount(5);
    await page.getByTestId('run-scenarios').click();
    await expect(page.getByTestId('tornado').locator('svg text', { hasText: 'AI-assisted processing' })).toBeVisible({ timeout: 150_000 });
    await expect(page.getByTestId('waterfall').locator('svg text', { hasText: 'Total saving' })).toBeVisible();
    await expect(page.locator('[data-testid="kpi-card"][data-scenario="ai-does-more"] [data-testid="kpi-break-even"]')).not.toHaveText('not within the horizon');
    await shot(page, 'scenarios-board-question');
  });

  test('with draws, each headline KPI shows its P50 and P10–P90 beside the run at central values, and the scenario’s notes', async ({ page }) => {
    // Six runs with draws, then a full-page picture: more than the default minute on a busy machine.
    test.setTimeout(300_000);
    // The board question plus a scenario routing extraction to gpt-4.1-mini with no success rate: the engine notes that it assumes gpt-4.1's.
    const { yaml } = await api<{ yaml: string }>('scenarios.get', { id: 'board-question.yaml' });
    const routed = `${yaml.trimEnd()}\n\n  - id: mini-extraction\n    name: Extraction on gpt-4.1-mini\n    levers:\n      - { type: route, start: 2027-04, workloads: [loan-document-extraction], from: openai/gpt-4.1, to: openai/gpt-4.1-mini, share: 0.5, mode: move }\n`;
    const saved = await api<{ saved: boolean; issues: unknown[] }>('scenarios.save', { id: 'e2e-ranges.yaml', yaml: routed });
    expect(saved.issues).toEqual([]);
    await openApp(page, 'scenarios');
    await page.getByTestId('scenario-file-select').selectOption('e2e-ranges.yaml');
    // The baseline, the board question's four scenarios and the routed one.
    await expect(page.getByTestId('kpi-card')).toHaveCount(6);
    const card = (id: string) => page.locator(`[data-testid="kpi-card"][data-scenario="${id}"]`);
    // Without draws: no ranges, but the note is there.
    await expect(card('mini-extraction').getByTestId('kpi-warnings')).toContainText("no success rate given for openai/gpt-4.1-mini; loan-document-extraction assumes openai/gpt-4.1's");
    await expect(card('ai-does-more').getByTestId('kpi-cost-per-unit-range')).toHaveCount(0);

    await page.getByTestId('draws-select').selectOption('1000');
    await page.getByTestId('run-scenarios').click();
    await expect(page.getByTestId('results-source')).toContainText('1,000 draws, seed 1', { timeout: 120_000 });
    const { run } = await api<{ run: { result: RunResult } }>('scenarios.lastRun', { id: 'e2e-ranges.yaml' });
    // Figures as the app formats them (one formatter for every screen), from the saved run's values.
    const money = (v: string | null | undefined) => formatMoney(v!, run.result.currency);
    const month = (m: string | null | undefined) => (m ? formatMonth(m) : 'never');
    // A percentile's break-even: "no upfront cost" where its draws had nothing to recover.
    const payback = (h: { breakEvenMonth: string | null; noUpfrontCost: boolean }) => (h.noUpfrontCost ? 'no upfront cost' : month(h.breakEvenMonth));
    for (const s of run.result.scenarios) {
      const k = s.kpis;
      await expect(card(s.id).getByTestId('kpi-cost-per-unit')).toHaveText(money(k.costPerUnit));
      await expect(card(s.id).getByTestId('kpi-cost-per-unit-range').locator('div')).toHaveText([`P50 ${money(k.p50!.costPerUnit)}`, `P10–P90 ${money(k.p10!.costPerUnit)} – ${money(k.p90!.costPerUnit)}`]);
      await expect(card(s.id)).toContainText('at the inputs’ central values');
      if (s.isBaseline) continue;
      await expect(card(s.id).getByTestId('kpi-savings-range').locator('div')).toHaveText([`P50 ${money(k.p50!.savingsVsBaseline)}`, `P10–P90 ${money(k.p10!.savingsVsBaseline)} – ${money(k.p90!.savingsVsBaseline)}`]);
      await expect(card(s.id).getByTestId('kpi-break-even-range').locator('div')).toHaveText([`P50 ${payback(k.p50!)}`, `P10–P90 ${payback(k.p10!)} – ${payback(k.p90!)}`]);
    }
    // The AI scenario's P10 and P90 differ: its inputs are uncertain.
    const ai = run.result.scenarios.find((s) => s.id === 'ai-does-more')!.kpis;
    expect(Number(ai.p10!.costPerUnit)).toBeLessThan(Number(ai.p90!.costPerUnit));
    await expect(card('mini-extraction').getByTestId('kpi-warnings')).toContainText('assumes openai/gpt-4.1');
    await shot(page, 'scenarios-ranges');
    await api('scenarios.delete', { id: 'e2e-ranges.yaml' });
  });

  test('the browser’s engine worker gives the backend’s P10/P50/P90 for the same seed', async ({ page }) => {
    await openApp(page, 'scenarios');
    await page.getByTestId('scenario-file-select').selectOption('board-question.yaml');
    // The baseline and the board question's four scenarios.
    await expect(page.getByTestId('kpi-card')).toHaveCount(5);
    // The engine worker script the renderer ships (the one its preview runs in), run here with draws.
    // Taken from the build output rather than the page's resource timing, which may not list it yet.
    const workerFile = readdirSync(path.resolve('dist/renderer/assets')).find((n) => /^engine\.worker-[^/]*\.js$/.test(n));
    expect(workerFile).toBeDefined();
    const workerUrl = new URL(`assets/${workerFile}`, page.url()).href;
    const { file, pricing } = await api<{ file: unknown; pricing: unknown }>('scenarios.resolve', { id: 'board-question.yaml' });
    const options = { draws: 2000, seed: 7, tornado: false };
    const inBrowser = await page.evaluate(
      ({ url, input }) =>
        new Promise<RunResult>((resolve, reject) => {
          const worker = new Worker(url, { type: 'module' });
          worker.onmessage = (event: MessageEvent<{ type: string; value?: RunResult; error?: { message: string } }>) => {
            if (event.data.type === 'result') resolve(event.data.value!);
            if (event.data.type === 'error') reject(new Error(event.data.error!.message));
          };
          worker.postMessage({ id: 1, kind: 'run', input });
        }),
      { url: workerUrl, input: { file, options, pricing } },
    );
    // The backend: the same file as a job in its worker threads.
    const { jobId } = await api<{ jobId: string }>('jobs.start', { kind: 'scenarios.simulate', input: { id: 'board-question.yaml', options } });
    let job: { state: string; result?: RunResult } = { state: 'running' };
    while (job.state === 'running' || job.state === 'queued') {
      await page.waitForTimeout(200);
      job = await api('jobs.get', { jobId });
    }
    expect(job.state).toBe('done');
    const ranges = (r: RunResult) => r.scenarios.map((s) => ({ months: s.months.map((m) => [m.p10, m.p50, m.p90]), kpis: [s.kpis.p10, s.kpis.p50, s.kpis.p90] }));
    expect(ranges(inBrowser)).toEqual(ranges(job.result!));
    expect(inBrowser.scenarios[1]!.kpis.p50!.costPerUnit).toBe(job.result!.scenarios[1]!.kpis.p50!.costPerUnit);
  });

  test('business drivers and the workload mapping', async ({ page }) => {
    await openApp(page, 'scenarios');
    await page.getByTestId('tab-drivers').click();
    const table = page.getByTestId('drivers-table');
    // A row per month of the demo's drivers (November 2025 to October 2026).
    await expect(table.locator('tbody tr')).toHaveCount(DEMO_MONTHS.length);
    await expect(table.getByLabel('loans in May 2026')).toHaveValue('1000');
    await expect(table.getByLabel('manual processing in May 2026')).toHaveValue('6.17');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('tab-mapping').click();
    const derived = page.getByTestId('derived-table');
    // Extraction, underwriting, support and fraud screening.
    await expect(derived.locator('tbody tr')).toHaveCount(4);
    await expect(page.getByTestId('derived-workloads')).toContainText('Every ledger line mapped');
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'scenarios-mapping');
  });
});

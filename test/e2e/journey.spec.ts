import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import * as XLSX from 'xlsx';
import { PLANTED_SPIKE } from '../../scripts/make-demo';
import { parseMoney } from '../../shared/domain/money';
import { inboxBilledLines, servicingMonth, totalOf } from '../helpers/demo-statements';
import { api, expect, openApp, test } from './support/app';
import { cents, demoLines, total } from './support/demo-data';

/**
 * The analyst's journey, as a person goes through it in the browser: the
 * demo's board question on the Overview, the month that just closed imported
 * through the file chooser, the contract's invoice check, the anomaly and a
 * team's budget, a scenario built from the forms and compared, its risk range,
 * and the board workbook exported and read back. Each step leaves a picture in
 * test-results/screenshots/journey-*.png (the README's tour uses them).
 */
async function step(page: Page, name: string): Promise<void> {
  const dir = path.resolve('test-results/screenshots');
  mkdirSync(dir, { recursive: true });
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(dir, `journey-${name}.png`) });
}

/** "USD 1,234.56" as the app prints a number of dollars. */
const usd = (amount: number) => `USD ${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

test('the analyst’s journey through the demo, start to board workbook', async ({ page }) => {
  test.setTimeout(600_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  const nav = page.getByRole('navigation', { name: 'Views' });

  // 1. The demo opens on the Overview: billed spend is the statements' own sum.
  await openApp(page);
  await expect(page.getByTestId('kpi-billed')).toContainText(`USD ${cents(total(demoLines()))}`);
  await expect(page.getByTestId('monthly-chart').locator('svg')).toBeVisible();
  // It opens on the board question, answered: cost per loan at the horizon's end under each of its scenarios,
  // the engine's exact run (the same figures scenarios.run gives; README "What-if scenarios" quotes them).
  const answer = page.getByTestId('board-answer');
  await expect(answer.locator('tbody tr')).toHaveCount(5, { timeout: 60_000 });
  const exact = await api<{ scenarios: { id: string; months: { costPerUnit: string | null }[] }[] }>('scenarios.run', { id: 'board-question.yaml' });
  for (const sc of exact.scenarios) await expect(answer.locator(`tr[data-scenario="${sc.id}"] [data-testid="board-cost-per-unit"]`)).toHaveText(`USD ${cents(parseMoney(sc.months.at(-1)!.costPerUnit!))}`);
  await expect(page.getByTestId('board-findings')).toBeVisible();
  await step(page, '1-overview');

  // 2. November's AWS bill arrives: chosen in the file chooser, detected, previewed, imported, reconciled.
  const inbox = inboxBilledLines();
  await nav.getByRole('link', { name: 'Imports' }).click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Choose a file…' }).click()]);
  await chooser.setFiles(inbox.file);
  const wizard = page.getByTestId('import-wizard');
  await expect(wizard.getByTestId('detection').first()).toContainText('2.0');
  await wizard.getByRole('button', { name: 'Next' }).click();
  await expect(wizard.getByTestId('preview-lines')).toBeVisible();
  await wizard.getByRole('button', { name: 'Import' }).click();
  const reconciliation = wizard.getByTestId('reconciliation-table');
  const billed = `USD ${cents(totalOf(inbox.lines))}`;
  await expect(reconciliation.getByTestId('source-total')).toHaveText(billed, { timeout: 60_000 });
  await expect(reconciliation.getByTestId('imported-total')).toHaveText(billed);
  await expect(reconciliation.getByTestId('reconciliation')).toHaveText('Reconciled');
  await step(page, '2-import-reconciled');
  await wizard.getByRole('button', { name: 'Done' }).click();
  // November is removed again, so the rest of the story reads the demo's twelve months (budgets are "as of" the
  // ledger's last day, which November would move to a month with no spend yet).
  const { imports } = await api<{ imports: { id: number; fileName: string }[] }>('imports.list');
  await api('imports.remove', { importId: imports.find((i) => i.fileName === path.basename(inbox.file))!.id });

  // 3. The contract's invoice check of October finds the planted overcharge, and only it.
  await page.keyboard.press('Control+k');
  await page.getByTestId('command-palette-input').fill('overcharge');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('check-month')).toBeVisible();
  await page.getByTestId('check-month').selectOption('2026-10');
  await page.getByTestId('run-check').click();
  const findings = page.getByTestId('findings').locator('li');
  await expect(findings).toHaveCount(1, { timeout: 60_000 });
  await expect(findings.first()).toContainText('Discount not applied: gpt-4.1 input on 2026-10-14');
  await step(page, '3-invoice-check');

  // 4. The anomaly check finds the runaway retries in fraud screening; servicing is near its monthly budget.
  await nav.getByRole('link', { name: 'Allocation' }).click();
  await page.getByTestId('tab-anomalies').click();
  const anomalies = page.getByTestId('anomalies-table');
  await expect(anomalies.getByRole('row').filter({ hasText: PLANTED_SPIKE.day }).filter({ hasText: 'fraud-screening' })).toHaveCount(1, { timeout: 60_000 });
  await step(page, '4-anomaly');
  await page.getByTestId('tab-budgets').click();
  const servicing = page.getByTestId('budgets-table').getByRole('row', { name: /Borrower servicing AI/ });
  await expect(servicing).toContainText(servicingMonth('2026-10'), { timeout: 60_000 });
  await expect(servicing).toContainText(/near/i);
  await step(page, '5-budget');

  // 5. A scenario file built from the forms: two scenarios beside the baseline, compared, then the risk range.
  await nav.getByRole('link', { name: 'Scenarios' }).click();
  await page.getByTestId('new-scenario-file').click();
  const dialog = page.getByTestId('new-scenario-dialog');
  await dialog.getByLabel('Name').fill('Journey what-if');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByTestId('scenario-file-select')).toHaveValue('journey-what-if.yaml');
  const builder = page.getByTestId('scenario-builder');
  const first = builder.getByTestId('builder-scenario').first();
  await first.locator('[data-field="name"] input').first().fill('Extraction in batch');
  await first.getByLabel('Kind of lever to add').selectOption('tier');
  await first.getByTestId('add-lever').click();
  const tier = first.getByTestId('lever-card').first();
  await tier.locator('[data-field="batch"] input').fill('0.3');
  await tier.getByRole('checkbox', { name: 'loan-document-extraction' }).check();
  await builder.getByTestId('add-scenario').click();
  const second = builder.getByTestId('builder-scenario').nth(1);
  await second.locator('[data-field="name"] input').first().fill('Anthropic 20% cheaper');
  await second.getByLabel('Kind of lever to add').selectOption('price');
  await second.getByTestId('add-lever').click();
  const price = second.getByTestId('lever-card').first();
  await price.locator('[data-field="pct"] input').fill('-20');
  await price.locator('[data-field="provider"] input').fill('anthropic');
  await price.locator('[data-field="start"] input').fill('2027-01');
  await page.getByTestId('save-scenario-file').click();
  await expect(page.getByTestId('save-scenario-file')).toBeDisabled();
  await page.getByTestId('pane-compare').click();
  await expect(page.getByTestId('kpi-card')).toHaveCount(3);
  await page.getByTestId('draws-select').selectOption('1000');
  await page.getByTestId('run-scenarios').click();
  await expect(page.getByTestId('results-source')).toContainText('1,000 draws', { timeout: 120_000 });
  await expect(page.getByTestId('fan').locator('svg')).toBeVisible();
  await step(page, '6-scenarios-risk');

  // 6. The board question, answered on screen: cost per loan now and under each scenario.
  await page.getByTestId('scenario-file-select').selectOption('board-question.yaml');
  const cards = page.getByTestId('kpi-card');
  await expect(cards).toHaveCount(5);
  const onScreen = new Map<string, string>();
  for (const card of await cards.all()) onScreen.set((await card.getAttribute('data-scenario'))!, (await card.getByTestId('kpi-cost-per-unit').textContent())!.trim());
  await step(page, '7-board-question');

  // 7. The board workbook, exported and read back: its Summary KPIs are the numbers on screen.
  await nav.getByRole('link', { name: 'Export' }).click();
  const view = page.locator('[data-view="export"]');
  await expect(view.getByTestId('export-file-board-question.yaml')).toBeChecked();
  const downloading = page.waitForEvent('download', { timeout: 180_000 });
  await view.getByTestId('export-start').click();
  const download = await downloading;
  await expect(view.getByTestId('export-result')).toContainText('written');
  await step(page, '8-export');
  const wb = XLSX.read(readFileSync((await download.path())!), { cellFormula: true });
  const kpi = (name: string): number => {
    const ref = wb.Workbook!.Names!.find((n) => n.Name === name)!.Ref.replace(/\$/g, '');
    const [sheet, cell] = ref.split('!') as [string, string];
    return Number(wb.Sheets[sheet.replace(/^'|'$/g, '')]![cell]!.v);
  };
  for (const [id, shown] of onScreen) {
    const name = wb.Workbook!.Names!.map((n) => n.Name).find((n) => n.toLowerCase() === `kpi.${id.replace(/-/g, '_')}.costperunit`);
    expect(name, `a CostPerUnit name for ${id}`).toBeDefined();
    expect(usd(kpi(name!)), id).toBe(shown);
  }

  // Leave the demo as it was for the other specs.
  await api('scenarios.delete', { id: 'journey-what-if.yaml' });
});

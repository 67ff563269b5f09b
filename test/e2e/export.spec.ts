import { readFileSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { expect, openApp, screenshot, test } from './support/app';

test.describe('export', () => {
  test('exports the demo’s board question as a workbook the browser downloads; progress, then what was written', async ({ page }) => {
    // Five runs of the board question and a Monte Carlo risk sheet: allow for a busy machine.
    test.setTimeout(240_000);
    await openApp(page, 'export');
    const view = page.locator('[data-view="export"]');
    // The demo's first file with scenarios is chosen, with its scenarios.
    await expect(view.getByTestId('export-file-board-question.yaml')).toBeChecked();
    await expect(view.getByRole('checkbox', { name: 'Loans triple, no AI at all' })).toBeChecked();
    // The demo has an allocation policy: Chargeback and Budgets are offered and chosen.
    await expect(view.getByTestId('export-sheet-chargeback')).toBeChecked();
    await expect(view.getByTestId('export-sheet-budgets')).toBeEnabled();
    await view.getByTestId('export-ledger-aggregated').check();
    await view.getByTestId('export-title').fill('Acme board pack');
    await screenshot(page, 'export-view');
    const downloading = page.waitForEvent('download', { timeout: 120_000 });
    await view.getByTestId('export-start').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('Acme-board-pack.xlsx');
    const file = await download.path();
    const wb = XLSX.read(readFileSync(file), { sheetStubs: true, cellFormula: true });
    expect(wb.SheetNames).toEqual(['Summary', 'Assumptions', 'Baseline', 'Monthly ai-does-more', 'Monthly cache-batch', 'Monthly cascade', 'Monthly no-ai', 'Unit economics', 'Contracts and commitments', 'Invoice check', 'Chargeback', 'Budgets', 'Risk', 'Data provenance', 'Ledger extract']);
    expect(wb.Workbook?.Names?.map((n) => n.Name)).toEqual(expect.arrayContaining(['Kpi.ai_does_more.CostPerUnit', 'Driver.loans.Units']));
    await expect(view.getByTestId('export-result')).toContainText('Acme-board-pack.xlsx written');
    await expect(view.getByTestId('export-result')).toContainText('key figures checked against the engine');
    await screenshot(page, 'export-view-done');
  });

  test('an export can be cancelled, and says so', async ({ page }) => {
    await openApp(page, 'export');
    const view = page.locator('[data-view="export"]');
    await view.getByLabel('Monte Carlo draws for the Risk sheet and P10–P90').fill('100000');
    await view.getByTestId('export-start').click();
    await view.getByTestId('export-cancel').click();
    await expect(view.getByText('The workbook was not written')).toBeVisible({ timeout: 60_000 });
    await expect(view).toContainText(/cancel/i);
    await expect(view.getByTestId('export-start')).toBeEnabled();
  });
});

import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openApp, screenshot, test } from './support/app';

const VIEWS = ['overview', 'imports', 'ledger', 'contracts', 'scenarios', 'allocation', 'export'] as const;

/** The tabs and panes beyond each view's first: the view, the tab's button or link, and what shows when it is ready. */
const TABS: readonly [view: string, tab: string, ready: string][] = [
  ['contracts', 'tab-invoice-check', 'run-check'],
  ['contracts', 'tab-price-book', 'price-book-info'],
  ['allocation', 'tab-budgets', 'budgets-table'],
  ['allocation', 'tab-anomalies', 'anomalies-table'],
  ['allocation', 'tab-energy', 'energy-table'],
  ['allocation', 'tab-rules', 'save-policy'],
  ['scenarios', 'pane-build', 'scenario-builder'],
  ['scenarios', 'tab-drivers', 'drivers-editor'],
  ['scenarios', 'tab-mapping', 'mapping-editor'],
];

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

/** Waits until a view shows real content, not a loading state, so the scan and the picture are of the finished view. */
async function settle(page: Page, view: (typeof VIEWS)[number]): Promise<void> {
  const slot = page.locator(`[data-view="${view}"]`);
  if (view === 'overview') {
    await expect(slot.getByTestId('monthly-chart').locator('svg text', { hasText: 'OpenAI' })).toBeVisible();
    await expect(slot.getByTestId('board-answer')).toBeVisible({ timeout: 60_000 });
  }
  if (view === 'imports') await expect(slot.getByTestId('import-row').first()).toBeVisible();
  if (view === 'ledger') await expect(slot.locator('.ag-row:not(.ag-row-loading) [col-id="billedCost"]').first()).toBeVisible();
  if (view === 'scenarios') await expect(slot.getByTestId('monthly-lines').locator('svg')).toBeVisible();
  if (view === 'allocation') await expect(slot.getByTestId('showback-chart').locator('svg')).toBeVisible();
  // Let the chart's entry animation finish.
  await page.waitForTimeout(400);
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`accessibility and screenshots (${scheme})`, () => {
    test.use({ colorScheme: scheme });
    for (const view of VIEWS) {
      test(`${view} has no serious or critical axe violations`, async ({ page }) => {
        await openApp(page, view);
        await settle(page, view);
        await screenshot(page, `${view}-${scheme}`);
        expect(await seriousViolations(page)).toEqual([]);
      });
    }

    // Every tab of the views that have tabs, as a person reaches it (the tab's link), and the command palette open.
    for (const [view, tab, ready] of TABS) {
      test(`${view} › ${tab} has no serious or critical axe violations`, async ({ page }) => {
        await openApp(page, view);
        await page.locator(`[data-view="${view}"]`).getByTestId(tab).click();
        await expect(page.locator(`[data-view="${view}"]`).getByTestId(ready).first()).toBeVisible({ timeout: 60_000 });
        await page.waitForTimeout(400);
        await screenshot(page, `${view}-${tab}-${scheme}`);
        expect(await seriousViolations(page)).toEqual([]);
      });
    }

    test('the command palette is accessible when open', async ({ page }) => {
      await openApp(page);
      await page.keyboard.press('Control+k');
      await expect(page.getByTestId('command-palette-input')).toBeFocused();
      await page.getByTestId('command-palette-input').fill('budg');
      await screenshot(page, `palette-${scheme}`);
      expect(await seriousViolations(page)).toEqual([]);
    });

    test('the workspace menu and the jobs panel are accessible when open', async ({ page }) => {
      await openApp(page);
      await page.getByRole('button', { name: 'Workspace' }).click();
      await expect(page.getByRole('menu', { name: 'Workspace' })).toBeVisible();
      await screenshot(page, `menu-${scheme}`);
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await expect(page.getByRole('menu', { name: 'Workspace' })).toBeHidden();
      await page.getByTestId('jobs-button').click();
      await expect(page.getByRole('region', { name: 'Jobs' })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}

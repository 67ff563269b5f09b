import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openApp, screenshot, test } from './support/app';

const VIEWS = ['overview', 'imports', 'ledger', 'contracts', 'scenarios', 'allocation', 'export'] as const;

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

/** Waits until a view shows real content, not a loading state, so the scan and the picture are of the finished view. */
async function settle(page: Page, view: (typeof VIEWS)[number]): Promise<void> {
  const slot = page.locator(`[data-view="${view}"]`);
  if (view === 'overview') await expect(slot.getByTestId('monthly-chart').locator('svg text', { hasText: 'OpenAI' })).toBeVisible();
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

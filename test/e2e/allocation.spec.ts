import AxeBuilder from '@axe-core/playwright';
import { expect, openApp, screenshot, test } from './support/app';

test.describe('allocation view', () => {
  test('shows the demo team × month showback, footing to the ledger, with the lines behind a cell', async ({ page }) => {
    await openApp(page, 'allocation');
    const table = page.getByTestId('showback-table');
    await expect(table.getByRole('row', { name: /Borrower servicing/ })).toContainText('25.40');
    await expect(table.locator('tfoot')).toContainText('1,234.35');
    await expect(table.getByRole('row', { name: /Unallocated/ })).toBeVisible();
    await page.getByRole('button', { name: 'Lines behind Borrower servicing, Oct 2026' }).click();
    const drill = page.getByTestId('showback-drill');
    await expect(drill.getByTestId('drill-table')).toContainText('escalation-key');
    await page.waitForTimeout(300);
    await screenshot(page, 'allocation-showback');
  });

  test('budgets, anomalies, energy and rules tabs render with no serious axe violations', async ({ page }) => {
    await openApp(page, 'allocation');
    for (const [tab, ready] of [
      ['budgets', 'burndown-chart'],
      ['anomalies', null],
      ['energy', 'energy-assumptions'],
      ['rules', 'policy-editor'],
    ] as const) {
      await page.getByTestId(`tab-${tab}`).click();
      if (ready) await expect(page.getByTestId(ready)).toBeVisible();
      if (tab === 'budgets') await expect(page.getByTestId('budgets-table')).toContainText('Near');
      if (tab === 'anomalies') await expect(page.getByText('No anomalies')).toBeVisible();
      await page.waitForTimeout(400);
      await screenshot(page, `allocation-${tab}`);
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)).toEqual([]);
    }
  });
});

import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { PLANTED_SPIKE } from '../../scripts/make-demo';
import { demoLedgerLineCount, servicingMonth } from '../helpers/demo-statements';
import { expect, openApp, screenshot, test } from './support/app';
import { cents, count, demoLines, total } from './support/demo-data';

test.describe('allocation view', () => {
  test('shows the demo team × month showback, footing to the ledger, with the lines behind a cell', async ({ page }) => {
    await openApp(page, 'allocation');
    const table = page.getByTestId('showback-table');
    await expect(table.getByRole('row', { name: /Borrower servicing/ })).toContainText(servicingMonth('2026-10'));
    await expect(table.locator('tfoot')).toContainText(cents(total(demoLines().filter((l) => l.month === '2026-10'))));
    // One figure with the Overview and the Ledger: the exact total 12,687.709235544 rounded once is 12,687.71; the twelve
    // months rounded on their own add to 12,687.72 (test/integration/backend/demo-ledger.test.ts has them): said below.
    expect(cents(total(demoLines()))).toBe('12,687.71');
    await expect(table.locator('tfoot td').last()).toHaveText('12,687.71');
    await expect(page.getByTestId('showback-footing-note')).toContainText('the months add up to USD 12,687.72, while the exact total rounds to USD 12,687.71');
    await expect(table.getByRole('row', { name: /Unallocated/ })).toBeVisible();
    await page.getByRole('button', { name: 'Lines behind Borrower servicing, Oct 2026' }).click();
    const drill = page.getByTestId('showback-drill');
    await expect(drill.getByTestId('drill-table')).toContainText('escalation-workspace');
    await page.waitForTimeout(300);
    await screenshot(page, 'allocation-showback');
  });

  test('exports the allocated lines as CSV and Parquet, downloaded in the browser', async ({ page }) => {
    await openApp(page, 'allocation');
    await expect(page.getByTestId('showback-table')).toBeVisible();
    const exportAs = async (format: 'CSV' | 'Parquet') => {
      await page.getByRole('button', { name: 'Export lines' }).click();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: `Allocated lines (${format})` }).click()]);
      return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
    };
    const csv = await exportAs('CSV');
    expect(csv.name).toBe('allocated-lines.csv');
    const lines = csv.bytes.toString('utf8').split('\r\n').filter((l) => l !== '');
    expect(lines[0]).toMatch(/^ChargePeriodStart,ChargePeriodEnd,x_BillingPeriod,ChargeCategory,/);
    // Every ledger line; the escalation workspace's 365 × 4 lines are split in two parts (servicing 70%, credit risk 30%).
    const allocated = demoLedgerLineCount() + 365 * 4;
    expect(lines.length - 1).toBe(allocated);
    await expect(page.getByTestId('export-notice')).toHaveText(`Exported ${count(allocated)} allocated lines to allocated-lines.csv.`);
    const parquet = await exportAs('Parquet');
    expect(parquet.name).toBe('allocated-lines.parquet');
    expect(parquet.bytes.subarray(0, 4).toString('latin1')).toBe('PAR1');
    expect(parquet.bytes.subarray(-4).toString('latin1')).toBe('PAR1');
  });

  test('edits the energy assumptions with each problem beside its field, then goes back to the shipped ones', async ({ page }) => {
    await openApp(page, 'allocation');
    await page.getByTestId('tab-energy').click();
    const assumptions = page.getByTestId('energy-assumptions');
    await expect(assumptions.getByRole('row', { name: /outputTokensPerRequest/ })).toContainText('400 output tokens a response');
    await page.getByText('Edit the assumptions').click();
    const text = page.getByTestId('energy-yaml');
    await expect(text).toHaveValue(/value: 400/);
    const shipped = await text.inputValue();
    await text.fill(shipped.replace('value: 400', 'value: -5'));
    await expect(page.getByTestId('energy-issues')).toContainText('outputTokensPerRequest.value');
    await expect(page.getByTestId('save-energy')).toBeDisabled();
    await screenshot(page, 'allocation-energy-editor');
    await text.fill(shipped.replace('value: 400', 'value: 500'));
    await expect(page.getByTestId('energy-issues')).toHaveCount(0);
    await page.getByTestId('save-energy').click();
    await expect(assumptions.getByRole('row', { name: /outputTokensPerRequest/ })).toContainText('500 output tokens a response');
    await expect(page.getByTestId('energy-source')).toContainText('This workspace keeps its own assumptions.');
    await page.getByTestId('reset-energy').click();
    await expect(assumptions.getByRole('row', { name: /outputTokensPerRequest/ })).toContainText('400 output tokens a response');
    await expect(page.getByTestId('energy-source')).toContainText('shipped assumptions');
  });

  test('budgets, anomalies, energy and rules tabs render with no serious axe violations', async ({ page }) => {
    // Four tabs over twelve months of the demo, each scanned and pictured: more than the default minute on a busy machine.
    test.setTimeout(180_000);
    await openApp(page, 'allocation');
    for (const [tab, ready] of [
      ['budgets', 'burndown-chart'],
      ['anomalies', null],
      ['energy', 'energy-assumptions'],
      ['rules', 'policy-editor'],
    ] as const) {
      await page.getByTestId(`tab-${tab}`).click();
      if (ready) await expect(page.getByTestId(ready)).toBeVisible();
      // Teams by the policy's names, not their ids: servicing's budget, credit risk's spike and energy.
      if (tab === 'budgets') {
        const servicing = page.getByTestId('budgets-table').getByRole('row', { name: /Borrower servicing AI/ });
        await expect(servicing.locator('[data-column="scope"]')).toHaveText('team Borrower servicing');
        // A month as the rest of the app writes it.
        await expect(servicing.locator('[data-column="period"]')).toHaveText('Oct 2026');
      }
      if (tab === 'budgets') await expect(page.getByTestId('budgets-table')).toContainText('Near');
      // The demo's planted usage spike: fraud screening's runaway retries.
      if (tab === 'anomalies') await expect(page.getByTestId('anomalies-table')).toContainText(PLANTED_SPIKE.day);
      if (tab === 'anomalies') await expect(page.getByTestId('anomalies-table')).toContainText(`team Credit risk spikes on ${PLANTED_SPIKE.day}`);
      if (tab === 'energy') await expect(page.getByTestId('energy-table')).toContainText('Credit risk');
      await page.waitForTimeout(400);
      await screenshot(page, `allocation-${tab}`);
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)).toEqual([]);
    }
  });
});

import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { nanosToDecimal } from '../../shared/domain/money';
import { expect, openApp, screenshot, test } from './support/app';
import { cents, count, demoLines, total, type DemoLine } from './support/demo-data';

/** The text of one column for the first `n` loaded rows, in row order (pinned and scrolled parts alike). */
function columnValues(page: Page, colId: string, n = 8): Promise<string[]> {
  return page.evaluate(
    ({ colId, n }) => {
      const cells = [...document.querySelectorAll(`[data-view="ledger"] .grid-host .ag-row:not(.ag-row-loading):not(.ag-row-pinned) [col-id="${colId}"]`)];
      const byRow = cells
        .map((cell) => ({ index: Number(cell.closest('.ag-row')?.getAttribute('row-index')), text: (cell.textContent ?? '').replace(/\u2007/g, '').trim() }))
        .sort((a, b) => a.index - b.index);
      return byRow.slice(0, n).map((c) => c.text);
    },
    { colId, n },
  );
}

const status = (page: Page) => page.getByTestId('ledger-status');

function byAmount(a: DemoLine, b: DemoLine): number {
  return a.billedCost < b.billedCost ? -1 : a.billedCost > b.billedCost ? 1 : 0;
}

test.describe('ledger grid', () => {
  test('shows the demo lines, paged from the workspace', async ({ page }) => {
    await openApp(page, 'ledger');
    const lines = demoLines();
    await expect(status(page)).toContainText(`${count(lines.length)} lines`);
    await expect(status(page)).toContainText(`USD ${cents(total(lines))}`);
    const providers = await columnValues(page, 'provider', 10);
    expect(providers.length).toBe(10);
    for (const p of providers) expect(['OpenAI', 'Anthropic', 'AWS']).toContain(p);
    // Provenance: every row names its import and source row.
    const imports = await columnValues(page, 'importId', 3);
    for (const i of imports) expect(i).toMatch(/^#\d+ (openai|anthropic|aws)-[a-z0-9-]+-2025-11-to-2026-10\.(json|csv)$/);
    expect((await columnValues(page, 'sourceRow', 3)).every((r) => /^\d+$/.test(r))).toBe(true);
  });

  test('sorting by billed cost orders the lines on the server, both ways', async ({ page }) => {
    await openApp(page, 'ledger');
    const sorted = [...demoLines()].sort(byAmount);
    const header = page.locator('[data-view="ledger"] .ag-header-cell[col-id="billedCost"] .ag-header-cell-label');

    await header.click();
    await expect(page.locator('[data-view="ledger"] .ag-header-cell[col-id="billedCost"]')).toHaveAttribute('aria-sort', 'ascending');
    // The AWS credit and refund first, then lines of the usage reports (no cost: "usage only").
    // A credit's minus goes before the whole amount: "-USD 20.00".
    const usd = (amount: bigint) => (amount < 0n ? `-USD ${cents(-amount)}` : `USD ${cents(amount)}`);
    const shown = (l: DemoLine) => (l.usageOnly ? 'usage only' : usd(l.billedCost));
    const cheapest = sorted.slice(0, 8).map(shown);
    await expect.poll(() => columnValues(page, 'billedCost')).toEqual(cheapest);

    await header.click();
    await expect(page.locator('[data-view="ledger"] .ag-header-cell[col-id="billedCost"]')).toHaveAttribute('aria-sort', 'descending');
    const dearest = [...sorted].reverse().slice(0, 8);
    await expect.poll(() => columnValues(page, 'billedCost')).toEqual(dearest.map((l) => `USD ${cents(l.billedCost)}`));

    // "All decimals" shows each amount exactly as the statement gave it.
    await page.getByLabel('All decimals').check();
    await expect.poll(() => columnValues(page, 'billedCost', 3)).toEqual(dearest.slice(0, 3).map((l) => `USD ${exactGrouped(l.billedCost)}`));
    await screenshot(page, 'ledger-sorted-all-decimals-light');
  });

  test('the provider picker leaves only that provider', async ({ page }) => {
    await openApp(page, 'ledger');
    const openai = demoLines().filter((l) => l.provider === 'openai');
    await page.getByTestId('provider-picker').selectOption('openai');
    await expect(status(page)).toContainText(`${count(openai.length)} lines`);
    await expect(status(page)).toContainText(`USD ${cents(total(openai))}`);
    await expect.poll(async () => new Set(await columnValues(page, 'provider', 30))).toEqual(new Set(['OpenAI']));
    // Sorted within the filter: the dearest OpenAI line comes first.
    await page.locator('[data-view="ledger"] .ag-header-cell[col-id="billedCost"] .ag-header-cell-label').click();
    await page.locator('[data-view="ledger"] .ag-header-cell[col-id="billedCost"] .ag-header-cell-label').click();
    const dearest = [...openai].sort(byAmount).reverse()[0];
    await expect.poll(async () => (await columnValues(page, 'billedCost', 1))[0]).toBe(`USD ${cents(dearest?.billedCost ?? 0n)}`);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(status(page)).toContainText(`${count(demoLines().length)} lines`);
  });

  test('a column text filter (model contains "haiku") is applied by the workspace', async ({ page }) => {
    await openApp(page, 'ledger');
    const haiku = demoLines().filter((l) => l.model.includes('haiku'));
    await page.locator('[data-view="ledger"] .ag-header-cell[col-id="model"] .ag-header-cell-filter-button').click();
    const filter = page.locator('.ag-filter');
    await filter.locator('input[type="text"]').first().fill('haiku');
    await filter.getByRole('button', { name: 'Apply' }).click();
    await expect(status(page)).toContainText(`${count(haiku.length)} lines`);
    await expect(status(page)).toContainText(`USD ${cents(total(haiku))}`);
    await expect.poll(async () => new Set(await columnValues(page, 'model', 30))).toEqual(new Set(['claude-haiku-4-5']));
  });

  test('a money filter (billed cost greater than 10) compares exact amounts', async ({ page }) => {
    await openApp(page, 'ledger');
    const over = demoLines().filter((l) => l.billedCost > 10_000_000_000n);
    await page.locator('[data-view="ledger"] .ag-header-cell[col-id="billedCost"] .ag-header-cell-filter-button').click();
    const filter = page.locator('.ag-filter');
    await filter.locator('.ag-picker-field-wrapper').first().click();
    await page.getByRole('option', { name: 'Greater than', exact: true }).click();
    await filter.locator('input').filter({ visible: true }).first().fill('10');
    await screenshot(page, 'ledger-money-filter-light');
    await filter.getByRole('button', { name: 'Apply' }).click();
    await expect(status(page)).toContainText(`${count(over.length)} lines`);
    await expect(status(page)).toContainText(`USD ${cents(total(over))}`);
  });

  test('group by month shows grouped totals from the workspace', async ({ page }) => {
    await openApp(page, 'ledger');
    await page.getByTestId('group-by').selectOption('month');
    const lines = demoLines();
    const months = [...new Set(lines.map((l) => l.month))].sort();
    await expect(status(page)).toContainText(`${months.length} groups · ${count(lines.length)} lines`);
    const names = months.map((m) => `${new Date(`${m}-01T00:00:00Z`).toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })} ${m.slice(0, 4)}`);
    await expect.poll(() => columnValues(page, 'month', 12)).toEqual(names);
    // Each month is rounded on its own, as on every screen (the Overview's months read the same).
    const expected = months.map((m) => `USD ${cents(total(lines.filter((l) => l.month === m)))}`);
    await expect.poll(() => columnValues(page, 'billedCost', 12)).toEqual(expected);
    // The months as shown, each rounded alone, and the exact total rounded once: when the two differ by a cent the screen says why.
    const shownSum = months.reduce((sum, m) => sum + BigInt(cents(total(lines.filter((l) => l.month === m))).replace(/[^0-9-]/g, '')), 0n);
    const exact = cents(total(lines));
    const shown = cents(shownSum * 10_000_000n);
    if (shown === exact) await expect(page.getByTestId('footing-note')).toHaveCount(0);
    else await expect(page.getByTestId('footing-note')).toHaveText(`Each month is rounded on its own, as on every screen: as shown the months add up to USD ${shown}, while the exact total rounds to USD ${exact} (“All decimals” shows every digit).`);
    const totalRow = page.locator('[data-view="ledger"] .ag-row-pinned.row-total');
    await expect(totalRow.locator('[col-id="month"]')).toHaveText('Total');
    await expect(totalRow.locator('[col-id="billedCost"]')).toHaveText(`USD ${exact}`);
    await expect(totalRow.locator('[col-id="lines"]')).toHaveText(count(lines.length));
    await expect.poll(() => columnValues(page, 'lines', 12)).toEqual(months.map((m) => count(lines.filter((l) => l.month === m).length)));
    await screenshot(page, 'ledger-grouped-by-month-light');
    // Grouped rows sort on the server too: the dearest month first.
    await page.locator('[data-view="ledger"] .ag-header-cell[col-id="billedCost"] .ag-header-cell-label').click();
    await page.locator('[data-view="ledger"] .ag-header-cell[col-id="billedCost"] .ag-header-cell-label').click();
    await expect.poll(async () => (await columnValues(page, 'month', 1))[0]).toBe('Oct 2026');
  });

  test('a group opens to its lines, and the view exports to CSV as shown', async ({ page }) => {
    await openApp(page, 'ledger');
    await page.getByTestId('group-by').selectOption('month-provider');
    const lines = demoLines();
    const augAnthropic = lines.filter((l) => l.month === '2026-08' && l.provider === 'anthropic');
    const row = page.locator('[data-view="ledger"] .grid-host .ag-row', { hasText: 'Aug 2026' }).filter({ hasText: 'Anthropic' }).first();
    await row.getByTestId('open-group').click();
    const panel = page.getByTestId('group-lines');
    await expect(panel.getByRole('heading')).toHaveText('Lines of Aug 2026 › Anthropic (USD)');
    // 31 days × (6 cost report lines + 6 usage report lines) = 372 lines.
    expect(augAnthropic.length).toBe(372);
    await expect(panel.getByTestId('group-lines-status')).toContainText(`372 of 372 lines · USD ${cents(total(augAnthropic))} billed`);
    await expect(panel.locator('.ag-row:not(.ag-row-loading) [col-id="provider"]').first()).toHaveText('Anthropic');
    await screenshot(page, 'ledger-group-open-light');

    // The groups as shown (filters, grouping) to CSV: every digit, one row per group.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export the groups' }).click();
    await page.getByRole('menuitem', { name: /CSV/ }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('ledger-month-provider.csv');
    const text = readFileSync((await download.path())!, 'utf8');
    const records = parse(text, { columns: true, bom: true }) as Record<string, string>[];
    // Twelve months × three vendors.
    expect(records).toHaveLength(36);
    const aug = records.find((r) => Object.values(r).includes('2026-08') && Object.values(r).includes('anthropic'));
    expect(aug && Object.values(aug)).toContain(nanosToDecimal(total(augAnthropic)));
    await expect(page.getByTestId('export-status')).toHaveText(`Saved 36 groups to ${download.suggestedFilename()}`);
  });
});

/** An exact amount with thousands grouped, the way "All decimals" prints it. */
function exactGrouped(nanos: bigint): string {
  const [whole = '0', fraction = ''] = nanosToDecimal(nanos).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

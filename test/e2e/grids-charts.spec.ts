import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Locator, Page } from '@playwright/test';
import { api, expect, openApp, reopenDemo, screenshot, test } from './support/app';

/**
 * The audit of every chart and grid, walked as a person would: each chart
 * has a tooltip on hover, a legend drawn with the names it declares, and
 * copies or saves as a PNG; each grid sorts, filters, resizes and exports
 * CSV in which text a spreadsheet would run as a formula is neutralised.
 */

/** The charts the demo draws, by the view and tab that shows them, and how to bring each on screen. */
const CHARTS: { testId: string; open: (page: Page) => Promise<void> }[] = [
  { testId: 'monthly-chart', open: (page) => openApp(page) },
  { testId: 'showback-chart', open: (page) => openApp(page, 'allocation') },
  {
    testId: 'burndown-chart',
    open: async (page) => {
      await openApp(page, 'allocation');
      await page.getByTestId('tab-budgets').click();
    },
  },
  {
    testId: 'variance-chart',
    open: async (page) => {
      await openApp(page, 'contracts');
      await page.getByTestId('tab-invoice-check').click();
      await page.getByTestId('check-month').selectOption('2026-10');
      await page.getByTestId('run-check').click();
    },
  },
  ...(['monthly-lines', 'waterfall'] as const).map((testId) => ({
    testId,
    open: async (page: Page) => {
      // The demo's board question, compared: its scenarios by month and the savings by lever.
      await openApp(page, 'scenarios');
      await page.getByTestId('pane-compare').click();
    },
  })),
];

/** ECharts draws its tooltip as a floating div inside the chart: moves over the plot until one shows. */
async function showTooltip(page: Page, chart: Locator): Promise<string> {
  const canvas = chart.locator('.chart-canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const marks = await chart.locator('svg path[d]').evaluateAll((paths) =>
    paths
      .map((p) => p.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0 && r.width < 60 && r.height < 200)
      .slice(0, 40)
      .map((r) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 })),
  );
  // The plot's middle band first (axis tooltips), then the drawn marks themselves (item tooltips, e.g. a scatter's dots).
  const points = [0.3, 0.5, 0.7].map((fx) => ({ x: box.x + box.width * fx, y: box.y + box.height * 0.55 })).concat(marks);
  const tooltip = canvas.locator('div[style*="z-index: 9999999"]');
  for (const p of points) {
    await page.mouse.move(p.x, p.y);
    try {
      await expect(tooltip).toBeVisible({ timeout: 600 });
      const text = (await tooltip.innerText()).trim();
      if (text) return text;
    } catch {
      // not over a mark here: try the next point
    }
  }
  throw new Error(`no tooltip over the chart ${await chart.getAttribute('data-testid')}`);
}

function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test.describe('every chart: tooltip, legend, copy and save as PNG', () => {
  for (const { testId, open } of CHARTS) {
    test(testId, async ({ page, context }) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await open(page);
      const chart = page.getByTestId(testId);
      await expect(chart.locator('svg')).toBeVisible({ timeout: 60_000 });

      // The legend draws every name the chart declares for it.
      const legend = JSON.parse((await chart.getAttribute('data-legend')) ?? '[]') as string[];
      expect(legend.length, `${testId} has a legend`).toBeGreaterThan(0);
      for (const name of legend) await expect(chart.locator('svg text').filter({ hasText: name }).first()).toBeVisible();

      expect(await showTooltip(page, chart)).not.toBe('');

      // Saved: a PNG twice the chart's size on screen.
      const box = (await chart.locator('.chart-canvas svg').boundingBox())!;
      const [download] = await Promise.all([page.waitForEvent('download'), chart.getByTestId('chart-save').click()]);
      expect(download.suggestedFilename()).toMatch(/^[a-z0-9-]+\.png$/);
      const size = pngSize(readFileSync((await download.path())!));
      expect(size.width).toBe(Math.round(box.width * 2));
      expect(size.height).toBe(Math.round(box.height * 2));

      // Copied: the clipboard holds a PNG.
      await chart.getByTestId('chart-copy').click();
      await expect(chart.locator('.chart-actions output')).toHaveText('Copied the chart as an image.');
      const types = await page.evaluate(async () => (await navigator.clipboard.read()).flatMap((item) => item.types));
      expect(types).toContain('image/png');
      await screenshot(page, `chart-${testId}`);
    });
  }
});

/** A ledger in the workbench's own CSV whose text columns hold what a spreadsheet would run as formulas. */
const RISKY_LEDGER = [
  'chargePeriodStart,chargePeriodEnd,billingPeriod,chargeCategory,provider,publisher,billingAccount,subAccount,credential,model,modelRaw,usageClass,serviceTier,contextBand,region,resourceId,sku,description,tags,quantity,unit,billedCost,effectiveCost,listCost,contractedCost,currency',
  '2026-03-01T00:00:00Z,2026-03-02T00:00:00Z,2026-03,usage,openai,,org-1,"=HYPERLINK(""http://evil.example"",""x"")",+cmd|calc,gpt-4o,,input,standard,,-2+3,,,@SUM(A1),,1000,tokens,2.50,2.50,,,USD',
  '2026-03-02T00:00:00Z,2026-03-03T00:00:00Z,2026-03,usage,openai,,org-1,proj_loans,key_1,gpt-4o,,output,standard,,us,,,Loans batch,,2000,tokens,12.25,12.25,,,USD',
  '2026-03-03T00:00:00Z,2026-04-01T00:00:00Z,2026-03,credit,openai,,org-1,,,,,other,standard,,,,,Promotional credit,,0,units,-1.00,-1.00,,,USD',
].join('\n');

test.describe('every grid: sort, filter, resize, formula-safe CSV', () => {
  let dir: string;
  test.beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'aispend-e2e-grids-'));
  });
  test.afterEach(async () => {
    await reopenDemo();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the ledger grid: sorts, filters, resizes, and its CSV neutralises = + - @', async ({ page }) => {
    await api('workspace.new', { path: path.join(dir, 'Risky.aispend') });
    const file = path.join(dir, 'risky-ledger.csv');
    writeFileSync(file, `${RISKY_LEDGER}\n`);
    await openApp(page, 'imports');
    await page.getByTestId('statement-input').setInputFiles(file);
    const wizard = page.getByTestId('import-wizard');
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByRole('button', { name: 'Import' }).click();
    await expect(wizard.getByTestId('result-heading')).toHaveText('Imported 3 ledger lines from 3 rows');
    await wizard.getByRole('button', { name: 'Done' }).click();

    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Ledger' }).click();
    const view = page.locator('[data-view="ledger"]');
    const header = (col: string) => view.locator(`.ag-header-cell[col-id="${col}"]`);
    await expect(page.getByTestId('ledger-status')).toContainText('3 lines');

    // Sorts: dearest first after two clicks.
    await header('billedCost').locator('.ag-header-cell-label').click();
    await header('billedCost').locator('.ag-header-cell-label').click();
    await expect(header('billedCost')).toHaveAttribute('aria-sort', 'descending');
    await expect(view.locator('.ag-row[row-index="0"] [col-id="billedCost"]')).toContainText('12.25');

    // Resizes: dragging the header's edge widens the column.
    const before = (await header('model').boundingBox())!;
    const handle = header('model').locator('.ag-header-cell-resize');
    const h = (await handle.boundingBox())!;
    await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
    await page.mouse.down();
    await page.mouse.move(h.x + h.width / 2 + 80, h.y + h.height / 2, { steps: 5 });
    await page.mouse.up();
    expect((await header('model').boundingBox())!.width).toBeGreaterThan(before.width + 60);

    // Filters: the model contains "gpt" (the credit has no model).
    await header('model').locator('.ag-header-cell-filter-button').click();
    await page.locator('.ag-filter input[type="text"]').first().fill('gpt');
    await page.locator('.ag-filter').getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByTestId('ledger-status')).toContainText('2 lines');

    // Exported as CSV: the view's two lines, and every text cell a spreadsheet would run as a formula starts with a quote.
    const [download] = await Promise.all([page.waitForEvent('download'), (async () => {
      await view.getByRole('button', { name: 'Export the lines' }).click();
      await page.getByRole('menuitem', { name: 'CSV (every digit)' }).click();
    })()]);
    const rows = parse(readFileSync((await download.path())!, 'utf8'), { bom: true }) as string[][];
    const head = rows[0]!;
    expect(rows).toHaveLength(3);
    const risky = rows.slice(1).find((r) => r[head.indexOf('Description')] !== 'Loans batch')!;
    expect(risky[head.indexOf('Project')]).toBe('\'=HYPERLINK("http://evil.example","x")');
    expect(risky[head.indexOf('API key')]).toBe("'+cmd|calc");
    expect(risky[head.indexOf('Region')]).toBe("'-2+3");
    expect(risky[head.indexOf('Description')]).toBe("'@SUM(A1)");
    // No cell anywhere starts a formula unless it is a plain number.
    for (const row of rows) for (const cell of row) if (/^[=+\-@]/.test(cell)) expect(cell, cell).toMatch(/^-?\d+(\.\d+)?$/);
    await screenshot(page, 'grid-ledger-risky');
  });

  test('the in-memory grids (price book, invoice check) sort, filter, resize and export CSV', async ({ page }) => {
    await openApp(page, 'contracts');
    for (const [tab, grid, exportButton, before] of [
      ['price-book', 'price-grid', 'export-prices', null],
      ['invoice-check', 'check-grid', 'export-check', 'run'],
    ] as const) {
      await page.getByTestId(`tab-${tab}`).click();
      if (before === 'run') {
        await page.getByTestId('check-month').selectOption('2026-10');
        await page.getByTestId('run-check').click();
      }
      const host = page.getByTestId(grid);
      await expect(host.locator('.ag-row').first()).toBeVisible({ timeout: 60_000 });
      const headers = host.locator('.ag-header-cell[col-id]');
      const count = await headers.count();
      expect(count).toBeGreaterThan(2);
      for (let i = 0; i < count; i++) {
        const cell = headers.nth(i);
        const name = await cell.getAttribute('col-id');
        await expect(cell.locator('.ag-header-cell-resize'), `${grid} ${name} resizes`).toHaveCount(1);
        await expect(cell.locator('.ag-header-cell-filter-button'), `${grid} ${name} filters`).toHaveCount(1);
      }
      // Sorts: a click on an unsorted column's header sorts by it.
      const unsorted = host.locator('.ag-header-cell[col-id][aria-sort="none"]').first();
      const sortBy = await unsorted.getAttribute('col-id');
      await unsorted.locator('.ag-header-cell-label').click();
      await expect(host.locator(`.ag-header-cell[col-id="${sortBy}"]`)).toHaveAttribute('aria-sort', /ascending|descending/);
      await expect(page.getByTestId(exportButton)).toBeEnabled();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(exportButton).click()]);
      const rows = parse(readFileSync((await download.path())!, 'utf8'), { bom: true, relax_column_count: true }) as string[][];
      expect(rows.length).toBeGreaterThan(1);
      for (const row of rows) for (const cell of row) if (/^[=+\-@]/.test(cell)) expect(cell, `${grid}: ${cell}`).toMatch(/^-?\d+(\.\d+)?%?$/);
      await screenshot(page, `grid-${grid}`);
    }
  });
});

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
  {
    testId: 'monthly-chart',
    open: async (page) => {
      // Once the Overview has settled: the board question's answer is worked out in a worker and lands after the chart.
      await openApp(page);
      await expect(page.getByTestId('board-answer')).toBeVisible({ timeout: 60_000 });
    },
  },
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
  ...(['fan', 'tornado'] as const).map((testId) => ({
    testId,
    open: async (page: Page) => {
      // The board question run with draws: the P10–P90 fan of every scenario and the tornado of the one in focus.
      await openApp(page, 'scenarios');
      await page.getByTestId('scenario-file-select').selectOption('board-question.yaml');
      await page.getByTestId('run-scenarios').click();
      await expect(page.getByTestId('tornado').locator('svg text', { hasText: 'AI-assisted processing' })).toBeVisible({ timeout: 150_000 });
    },
  })),
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
      // The fan and the tornado need a run with draws: more than the default minute on a busy machine.
      test.setTimeout(240_000);
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

/** The report tables (the shared table component) the demo fills, by the view and tab that shows them; grouped ones have group rows with subtotals. */
const TABLES: { testId: string; open: (page: Page) => Promise<void>; grouped?: boolean }[] = [
  { testId: 'spend-table', open: (page: Page) => openApp(page), grouped: true },
  { testId: 'imports-table', open: (page: Page) => openApp(page, 'imports') },
  {
    testId: 'derived-table',
    open: async (page: Page) => {
      await openApp(page, 'scenarios');
      await page.getByTestId('tab-mapping').click();
    },
  },
  ...(['showback-table', 'rules-table'] as const).map((testId) => ({ testId, open: (page: Page) => openApp(page, 'allocation') })),
  ...([
    ['budgets', 'budgets-table'],
    ['anomalies', 'anomalies-table'],
    ['energy', 'energy-table'],
    ['energy', 'energy-by-model'],
    ['energy', 'energy-assumptions'],
  ] as const).map(([tab, testId]) => ({
    testId,
    open: async (page: Page) => {
      await openApp(page, 'allocation');
      await page.getByTestId(`tab-${tab}`).click();
    },
  })),
  {
    testId: 'contract-months',
    open: async (page) => {
      await openApp(page, 'contracts');
      await page.getByTestId('contract-list').getByRole('button', { name: /^Acme × OpenAI enterprise agreement/ }).click();
      // The chosen contract's months, not those of the one shown before it loads: phase 1's twelve and the phase-2 version's six.
      await expect(page.getByTestId('contract-title')).toHaveText('Acme × OpenAI enterprise agreement');
      await expect(page.getByTestId('contract-months-count')).toHaveText('18 rows');
    },
  },
  {
    testId: 'check-months',
    open: async (page) => {
      await openApp(page, 'contracts');
      await page.getByTestId('tab-invoice-check').click();
      await page.getByTestId('check-month').selectOption('2026-10');
      await page.getByTestId('run-check').click();
    },
  },
  {
    testId: 'expected-invoice-lines',
    open: async (page) => {
      await openApp(page, 'contracts');
      await page.getByTestId('tab-invoice-check').click();
      await page.getByTestId('check-month').selectOption('2026-10');
      await page.getByTestId('run-check').click();
      await page.getByTestId('check-months').locator('tr', { hasText: 'OpenAI enterprise' }).getByTestId('show-expected-invoice').click();
    },
  },
];

/** A cell's figure as a number for ordering ("USD 1,234.50" → 1234.5, "12%" → 12), or null for a blank or a word. */
/** A figure's sign, before its currency code ("-USD 8.86", "−USD 1.06") or its digits ("-8,86 EUR"), and its digits. */
const SIGNED_FIGURE = /(-?)(?:[A-Z]{3} )?(-?)([\d,]*\.?\d+)/;

function figureOf(text: string): number | null {
  const m = SIGNED_FIGURE.exec(text.replace(/\u2212/g, '-'));
  return m ? (m[1] || m[2] ? -1 : 1) * Number(m[3]!.replace(/,/g, '')) : null;
}

/** Cents of a printed amount, exactly ("USD 1,234.56" → 123456n). */
function centsOf(text: string): bigint {
  const m = /(-?)(?:[A-Z]{3} )?(-?)([\d,]+)\.(\d{2})/.exec(text.replace(/\u2212/g, '-'))!;
  return BigInt(`${m[1] || m[2]}${m[3]!.replace(/,/g, '')}${m[4]}`);
}

test.describe('every report table: sort, filter, resize, formula-safe CSV', () => {
  for (const { testId, open, grouped } of TABLES) {
    test(testId, async ({ page }) => {
      test.setTimeout(120_000);
      await open(page);
      const table = page.getByTestId(testId);
      const frame = page.getByTestId(`${testId}-frame`);
      await expect(table.locator('tbody tr').first()).toBeVisible({ timeout: 60_000 });
      const headers = table.locator('thead tr').first().locator('th');
      const columns = await headers.count();
      expect(columns).toBeGreaterThan(2);
      for (let i = 0; i < columns; i++) {
        await expect(headers.nth(i)).toHaveAttribute('aria-sort', 'none');
        await expect(headers.nth(i).getByRole('separator')).toHaveCount(1);
      }
      const rowCount = await table.locator('tbody > tr:not(.data-table-detail):not(.data-table-group)').count();
      await expect(frame.locator('.data-table-bar output')).toHaveText(`${rowCount} ${rowCount === 1 ? 'row' : 'rows'}`);

      // Sorts: a number column descending after two clicks, its figures from largest to smallest, blanks last.
      const numeric = headers.locator('xpath=self::th[contains(@class, "num")]');
      if ((await numeric.count()) > 0) {
        const th = numeric.first();
        const column = (await th.getAttribute('data-column'))!;
        await th.locator('.th-sort').click();
        await expect(th).toHaveAttribute('aria-sort', 'ascending');
        await th.locator('.th-sort').click();
        await expect(th).toHaveAttribute('aria-sort', 'descending');
        // Grouped: the groups by their subtotals, and the rows within each group.
        const bodies = grouped ? await table.locator('tbody[data-group]').all() : [table.locator('tbody')];
        for (const body of bodies) {
          const figures = (await body.locator(`tr:not(.data-table-group) td[data-column="${column}"], tr:not(.data-table-group) th[data-column="${column}"]`).allInnerTexts()).map(figureOf);
          const present = figures.filter((f): f is number => f !== null);
          expect(present, `${testId} sorted by ${column}`).toEqual([...present].sort((a, b) => b - a));
        }
        if (grouped) {
          const subtotals = (await table.locator(`.data-table-group td[data-column="${column}"]`).allInnerTexts()).map(figureOf).filter((f): f is number => f !== null);
          expect(subtotals.length, `${testId} groups`).toBeGreaterThan(1);
          expect(subtotals, `${testId} groups sorted by ${column}`).toEqual([...subtotals].sort((a, b) => b - a));
        }
        // A third click: back to the table's own order.
        await th.locator('.th-sort').click();
        await expect(th).toHaveAttribute('aria-sort', 'none');
      }

      // Resizes: dragging the first column's edge widens it.
      const first = headers.first();
      await first.scrollIntoViewIfNeeded();
      const before = (await first.boundingBox())!;
      const handle = (await first.getByRole('separator').boundingBox())!;
      await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
      await page.mouse.down();
      await page.mouse.move(handle.x + handle.width / 2 + 80, handle.y + handle.height / 2, { steps: 5 });
      await page.mouse.up();
      expect((await first.boundingBox())!.width).toBeGreaterThan(before.width + 60);

      // Filters: the first column holds the first three letters of the first row's; every row shown does, and the count says how many of how many.
      const firstColumn = (await first.getAttribute('data-column'))!;
      const cell = (await table.locator(`tbody tr:not(.data-table-group) [data-column="${firstColumn}"]`).first().innerText()).trim().slice(0, 3);
      await frame.getByTestId('table-filter-toggle').click();
      await frame.getByRole('searchbox', { name: `Filter ${(await first.locator('.th-sort').innerText()).trim()}` }).fill(cell);
      const shownCells = await table.locator(`tbody tr:not(.data-table-group) [data-column="${firstColumn}"]`).allInnerTexts();
      expect(shownCells.length).toBeGreaterThan(0);
      for (const text of shownCells) expect(text.toLowerCase()).toContain(cell.toLowerCase());
      const shown = shownCells.length;
      await expect(frame.locator('.data-table-bar output')).toHaveText(shown === rowCount ? `${rowCount} ${rowCount === 1 ? 'row' : 'rows'}` : `${shown} of ${rowCount} rows`);

      // Exported: the rows shown, a header of the columns, no cell a spreadsheet would run as a formula.
      const [download] = await Promise.all([page.waitForEvent('download'), frame.getByTestId('table-csv').click()]);
      expect(download.suggestedFilename()).toMatch(/^[a-z0-9-]+\.csv$/);
      const rows = parse(readFileSync((await download.path())!, 'utf8'), { bom: true }) as string[][];
      expect(rows).toHaveLength(shown + 1);
      // A grouped table names each row's group in a first column of its own.
      expect(rows[0]).toHaveLength(columns + (grouped ? 1 : 0));
      for (const row of rows) for (const c of row) if (/^[=+\-@]/.test(c)) expect(c, `${testId}: ${c}`).toMatch(/^-?\d+(\.\d+)?$/);
      await screenshot(page, `table-${testId}`);
    });
  }

  test('the spend table: a provider folds away its models, its subtotal stays; the CSV names the provider on each model', async ({ page }) => {
    await openApp(page);
    const table = page.getByTestId('spend-table');
    const openai = table.locator('tbody[data-provider="openai"]');
    const toggle = openai.locator('.data-table-group').getByRole('button', { name: 'OpenAI' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const models = await openai.getByTestId('spend-model').count();
    expect(models).toBeGreaterThan(0);
    const subtotal = await openai.locator('.data-table-group [data-column="billed"]').innerText();
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(openai.getByTestId('spend-model')).toHaveCount(0);
    await expect(openai.locator('.data-table-group [data-column="billed"]')).toHaveText(subtotal);
    await toggle.click();
    await expect(openai.getByTestId('spend-model')).toHaveCount(models);
    // The CSV: Provider, then the table's columns; the billed figures as footed on screen (a model's cents add up to its provider's).
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('spend-table-frame').getByTestId('table-csv').click()]);
    const rows = parse(readFileSync((await download.path())!, 'utf8'), { bom: true }) as string[][];
    expect(rows[0]).toEqual(['Provider', 'Provider and model', 'Lines', 'Billed (USD)']);
    const openaiCents = rows.filter((r) => r[0] === 'OpenAI').reduce((sum, r) => sum + centsOf(r[3]!), 0n);
    expect(openaiCents).toBe(centsOf(subtotal));
  });

  test('the showback foots: the rows shown add up to the shown line, every row to the ledger line', async ({ page }) => {
    await openApp(page, 'allocation');
    const table = page.getByTestId('showback-table');
    const frame = page.getByTestId('showback-table-frame');
    await expect(table.locator('tbody tr').first()).toBeVisible({ timeout: 60_000 });
    const column = (await table.locator('thead th[data-column]').nth(1).getAttribute('data-column'))!;
    const sum = async () => (await table.locator(`tbody td[data-column="${column}"]`).allInnerTexts()).reduce((a, t) => a + centsOf(t), 0n);
    const footer = async (which: 'total' | 'shown-total') => centsOf(await page.getByTestId(`showback-table-${which}`).locator(`[data-column="${column}"]`).innerText());
    expect(await sum()).toBe(await footer('total'));
    // Filtered to the rows whose name holds an "o": the shown line adds exactly the figures on screen, the ledger line stays.
    const ledger = await footer('total');
    await frame.getByTestId('table-filter-toggle').click();
    await frame.getByRole('searchbox').first().fill('o');
    await expect(page.getByTestId('showback-table-shown-total')).toBeVisible();
    expect(await sum()).toBe(await footer('shown-total'));
    expect(await footer('total')).toBe(ledger);
    // A money filter compares the amounts themselves: above the first month's smallest row.
    await frame.getByRole('searchbox').first().fill('');
    const figures = (await table.locator(`tbody td[data-column="${column}"]`).allInnerTexts()).map(centsOf).sort((a, b) => (a < b ? -1 : 1));
    const floor = figures[0]!;
    await frame.getByRole('searchbox', { name: /^Filter / }).nth(1).fill(`> ${floor / 100n}.${String(floor % 100n).padStart(2, '0')}`);
    const above = (await table.locator(`tbody td[data-column="${column}"]`).allInnerTexts()).map(centsOf);
    expect(above.length).toBe(figures.filter((f) => f > floor).length);
    for (const f of above) expect(f > floor).toBe(true);
  });
});

import { readdirSync } from 'node:fs';
import { api, expect, openApp, screenshot, test } from './support/app';
import { DEMO_STATEMENTS } from '../helpers/demo-statements';
import { cents, count, demoLines, total } from './support/demo-data';

/** The demo's statement files: one import each. */
const STATEMENTS = readdirSync(DEMO_STATEMENTS);
/** "2026-05" → "May 26": the chart's axis label when the months span two years. */
const axisLabel = (month: string) => `${new Date(`${month}-01T00:00:00Z`).toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })} ${month.slice(2, 4)}`;

test.describe('app frame and overview', () => {
  test('opens on the demo workspace with its name, file and totals', async ({ page }) => {
    await openApp(page);
    await expect(page.getByTestId('workspace-name')).toHaveText('Acme Lending (demo)');
    await expect(page.getByTestId('workspace-path')).toContainText('Acme Lending demo.aispend');
    // The token went from the address bar to session storage.
    expect(page.url()).not.toContain('token=');

    const lines = demoLines();
    const usd = lines.filter((l) => l.currency === 'USD');
    expect(usd.length).toBe(lines.length);
    // Total billed: every cost in the demo's statements summed exactly, shown to the cent.
    await expect(page.getByTestId('kpi-billed')).toContainText(`USD ${cents(total(usd))}`);
    await expect(page.getByTestId('kpi-lines')).toContainText(count(lines.length));
    await expect(page.getByTestId('kpi-lines')).toContainText(`from ${STATEMENTS.length} imports`);
    const months = new Set(lines.map((l) => l.month));
    await expect(page.getByTestId('kpi-months')).toContainText(String(months.size));
    await expect(page.getByTestId('kpi-providers')).toContainText('Anthropic, AWS, OpenAI');
  });

  test('the monthly chart draws stacked bars with every provider in the legend, and the trend', async ({ page }) => {
    await openApp(page);
    const chart = page.getByTestId('monthly-chart');
    await expect(chart.locator('svg')).toBeVisible();
    for (const provider of ['OpenAI', 'Anthropic', 'AWS']) await expect(chart.locator('svg text', { hasText: new RegExp(`^${provider}$`) })).toHaveCount(1);
    await expect(chart.locator('svg text', { hasText: 'Trend' })).toHaveCount(1);
    // One axis label per month of the demo (November 2025 to October 2026), the year beside each as they span two.
    for (const month of new Set(demoLines().map((l) => l.month))) await expect(chart.locator('svg text', { hasText: new RegExp(`^${axisLabel(month)}$`) })).toHaveCount(1);
    await expect(page.getByRole('heading', { name: 'Monthly billed spend by provider (USD)' })).toBeVisible();
  });

  test('the monthly chart stays where it is when the board question’s answer arrives', async ({ page }) => {
    // The answer is held back until the chart is on screen, as on a slow machine: the engine's run lands after a person may already point at the chart.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/call', async (route) => {
      if ((route.request().postDataJSON() as { method: string }).method === 'scenarios.lastRun') await held;
      await route.continue();
    });
    await page.setViewportSize({ width: 1440, height: 900 });
    await openApp(page);
    const pending = page.getByTestId('board-answer-pending');
    await expect(pending.locator('tbody tr')).toHaveCount(5);
    await expect(pending.locator('tbody tr').first()).toContainText('…');
    const chart = page.getByTestId('monthly-chart');
    await expect(chart.locator('svg')).toBeVisible();
    const before = (await chart.boundingBox())!;
    release();
    await expect(page.getByTestId('board-answer').locator('[data-testid="board-cost-per-unit"]').first()).toHaveText(/^USD \d+\.\d\d$/);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const after = (await chart.boundingBox())!;
    // To the pixel: table rows of text may settle a fraction of one (0.03 px seen), which no one sees.
    const px = (b: { x: number; y: number; width: number }) => ({ x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width) });
    expect(px(after)).toEqual(px(before));
  });

  test('answers what we spend and whether it is going up: latest month, change, run-rate and trend', async ({ page }) => {
    await openApp(page);
    const lines = demoLines();
    const inMonth = (m: string) => total(lines.filter((l) => l.month === m));
    // October and September summed from the statements themselves, each rounded once.
    await expect(page.getByTestId('kpi-latest')).toContainText(`USD ${cents(inMonth('2026-10'))}`);
    await expect(page.getByTestId('kpi-latest')).toContainText('October 2026, all 31 days');
    await expect(page.getByTestId('kpi-change')).toContainText('Change on September');
    // 1,309.47 − 1,259.62 = 49.85, up 3.96 % (test/integration/backend/spend-overview.test.ts has the arithmetic).
    await expect(page.getByTestId('kpi-change')).toContainText('+USD 49.85');
    await expect(page.getByTestId('kpi-change')).toContainText('+4.0% on the month before');
    await expect(page.getByTestId('kpi-change')).toContainText(`September 2026: USD ${cents(inMonth('2026-09'))}`);
    // The run-rate is for the month the host's clock is in; the days it rests on are named.
    const o = await api<{ runRate: { month: string; projected: string; basedOn: { days: number } } }>('ledger.overview');
    await expect(page.getByTestId('kpi-run-rate')).toContainText(o.runRate.month === '2026-10' ? 'October 2026' : /Run-rate, \w+ \d{4}/);
    await expect(page.getByTestId('kpi-run-rate')).toContainText(`${o.runRate.basedOn.days} days`);
    await expect(page.getByTestId('kpi-trend')).toContainText('Rising');
    await expect(page.getByTestId('kpi-trend')).toContainText('+USD 61.26 a month (+5.3%)');
    await expect(page.getByTestId('kpi-trend')).toContainText('May 2026 – Oct 2026, 6 complete months');
  });

  test('the names of the figures explain themselves on hover', async ({ page }) => {
    await openApp(page);
    const runRate = page.getByTestId('kpi-run-rate').locator('.term');
    await runRate.hover();
    await expect(page.getByRole('tooltip').filter({ visible: true })).toContainText('What the current month will cost at the latest pace');
    await screenshot(page, 'overview-term-hover-light');
  });

  test('spend by provider and model adds up to each provider’s total as shown, and to the grand total', async ({ page }) => {
    await openApp(page);
    const table = page.getByTestId('spend-table');
    const byProvider = new Map<string, bigint>();
    for (const l of demoLines()) byProvider.set(l.provider, (byProvider.get(l.provider) ?? 0n) + l.billedCost);
    // Each provider's total is its statement's own sum, footed to the grand total (test/integration/backend/spend-overview.test.ts
    // works it out): OpenAI's 6,962.536100744 shows 6,962.53, the two cents of the total going to AWS and Anthropic.
    const footed: Record<string, string> = { openai: '6,962.53', anthropic: '5,400.99', aws: '324.19' };
    for (const [provider, amount] of byProvider) {
      expect(cents(amount), provider).toBe(provider === 'openai' ? '6,962.54' : footed[provider]);
      await expect(table.locator(`[data-provider="${provider}"] .data-table-group [data-column="billed"]`)).toHaveText(`USD ${footed[provider]}`);
    }
    await expect(page.getByTestId('spend-table-total').locator('[data-column="billed"]')).toHaveText(`USD ${cents(total(demoLines()))}`);
    // The rows under each provider add up to it as printed (OpenAI: gpt-4.1 6,928.07 + gpt-4o-mini 34.46 = 6,962.53).
    // Signed: AWS's credit is a row of its own, below zero.
    const amountOf = (text: string) => (/[-−]/.test(text) ? -1n : 1n) * BigInt(text.replace(/[^0-9]/g, ''));
    for (const provider of byProvider.keys()) {
      const group = table.locator(`[data-provider="${provider}"]`);
      const rows = await group.getByTestId('spend-model').locator('td.money').allTextContents();
      const sum = rows.reduce((s, t) => s + amountOf(t), 0n);
      expect(sum, provider).toBe(amountOf(await group.locator('.data-table-group [data-column="billed"]').textContent() ?? ''));
    }
    const openaiModels = await table.locator('[data-provider="openai"] [data-testid="spend-model"] td.money').allTextContents();
    expect(openaiModels.reduce((sum, t) => sum + amountOf(t), 0n)).toBe(696_253n);
    // The screen says why OpenAI reads a cent under its statement's total.
    await expect(page.getByTestId('spend-footing-note')).toHaveText(
      'Rows are rounded so that they add up to the total as printed: OpenAI’s exact USD 6,962.536100744 shows as USD 6,962.53 (rounded on its own, as its statements’ totals read: USD 6,962.54).',
    );
  });

  test('every view is reachable from the navigation; unbuilt ones say what they will hold', async ({ page }) => {
    await openApp(page);
    const nav = page.getByRole('navigation', { name: 'Views' });
    // Contracts is built: its three sections are there.
    await nav.getByRole('link', { name: 'Contracts' }).click();
    await expect(nav.getByRole('link', { name: 'Contracts' })).toHaveAttribute('aria-current', 'page');
    await expect(page.locator('[data-view="contracts"]').getByRole('heading', { level: 1, name: 'Contracts' })).toBeFocused();
    await expect(page.locator('[data-view="contracts"]').getByRole('navigation', { name: 'Contracts sections' }).getByRole('link')).toHaveText(['Contracts', 'Invoice check', 'Price book']);
    // Scenarios is built: its three areas are there.
    await nav.getByRole('link', { name: 'Scenarios' }).click();
    await expect(nav.getByRole('link', { name: 'Scenarios' })).toHaveAttribute('aria-current', 'page');
    await expect(page.locator('[data-view="scenarios"]').getByRole('heading', { level: 1, name: 'Scenarios' })).toBeFocused();
    await expect(page.locator('[data-view="scenarios"]').getByRole('group', { name: 'Scenario areas' }).getByRole('button')).toHaveText(['Scenarios', 'Business drivers', 'Workload mapping']);
    // Export is built: scenario files, sheets and the workbook's settings.
    await nav.getByRole('link', { name: 'Export' }).click();
    await expect(nav.getByRole('link', { name: 'Export' })).toHaveAttribute('aria-current', 'page');
    const exportView = page.locator('[data-view="export"]');
    await expect(exportView.getByRole('heading', { level: 1, name: 'Export' })).toBeFocused();
    await expect(exportView.getByRole('heading', { level: 2 })).toHaveText(['Scenario files', 'Sheets', 'Workbook']);
    await nav.getByRole('link', { name: 'Imports' }).click();
    const importRows = page.getByTestId('import-row');
    await expect(importRows).toHaveCount(STATEMENTS.length);
    // The three bills reconcile; the two usage reports carry no cost to reconcile.
    await expect(page.getByTestId('reconciliation')).toHaveText(['Reconciled', 'Reconciled', 'Reconciled']);
  });

  test('the imports table shows each file with its own total against the imported total', async ({ page }) => {
    await openApp(page, 'imports');
    const imports = await api<{ imports: { fileName: string; rowsImported: number }[] }>('imports.list');
    const billed = demoLines().filter((l) => !l.usageOnly);
    const bills = STATEMENTS.filter((f) => billed.some((l) => l.file === f));
    expect(bills).toHaveLength(3);
    for (const file of bills) {
      const row = page.getByTestId('import-row').filter({ hasText: file });
      const own = billed.filter((l) => l.file === file);
      // A row of a bill is one ledger line.
      await expect(row).toContainText(count(own.length));
      // Source and imported totals both equal the file's own cost column summed.
      await expect(row.locator('td.money')).toHaveText([`USD ${cents(total(own))}`, `USD ${cents(total(own))}`]);
      await expect(row).toContainText('2025-11-01 – 2026-10-31');
    }
    expect(imports.imports.filter((i) => bills.includes(i.fileName)).map((i) => i.rowsImported).reduce((a, b) => a + b, 0)).toBe(billed.length);
  });

  test('follows the OS colour scheme live, in the app, the grid and the chart', async ({ page }) => {
    await openApp(page, 'ledger');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    const gridBackground = () => page.locator('.ag-root-wrapper').evaluate((el) => getComputedStyle(el).backgroundColor);
    await expect.poll(gridBackground).toBe('rgb(255, 255, 255)');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(page.locator('html')).toHaveAttribute('data-ag-theme-mode', 'dark');
    await expect.poll(gridBackground).toBe('rgb(23, 27, 33)');
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Overview' }).click();
    // Axis labels are drawn in the dark scheme's light grey.
    await expect(page.getByTestId('monthly-chart').locator('svg text', { hasText: /^May 26$/ })).toHaveAttribute('fill', '#c9d1db');
  });
});

import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { expect, openApp, screenshot, test } from './support/app';
import { cents, demoLines, total } from './support/demo-data';

/**
 * The screen reads in the user's locale; files stay locale-neutral. With a
 * German browser the Overview prints 1.234,56 and the currency code where
 * Intl puts it for de-DE (after the amount), month names in German, while
 * the CSV a table exports reads exactly as from an American screen.
 */
test.describe('a German browser', () => {
  test.use({ locale: 'de-DE' });

  /** "12,345.67" → "12.345,67". */
  const german = (text: string) => text.replace(/[,.]/g, (c) => (c === ',' ? '.' : ','));

  test('the Overview reads 1.234,56 USD and Okt. 2026; the spend table’s CSV stays 1234.56', async ({ page }) => {
    await openApp(page);
    expect(await page.evaluate(() => navigator.language)).toBe('de-DE');
    const grand = cents(total(demoLines())); // e.g. "12,687.72", the demo's billed total to the cent
    const table = page.getByTestId('spend-table');
    await expect(page.getByTestId('spend-table-total').locator('[data-column="billed"]')).toHaveText(`${german(grand)} USD`);
    // OpenAI's subtotal as footed (test/e2e/app.spec.ts works it out): 6,962.53.
    await expect(table.locator('[data-provider="openai"] .data-table-group [data-column="billed"]')).toHaveText('6.962,53 USD');
    await expect(page.getByTestId('kpi-trend')).toContainText('Mai 2026 – Okt. 2026');
    await screenshot(page, 'locale-de-overview');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('spend-table-frame').getByTestId('table-csv').click()]);
    const rows = parse(readFileSync((await download.path())!, 'utf8'), { bom: true }) as string[][];
    expect(rows[0]).toEqual(['Provider', 'Provider and model', 'Lines', 'Billed (USD)']);
    // Plain numbers: a decimal point, no grouping, no currency — and OpenAI's models add up to 6962.53 as on screen.
    for (const row of rows.slice(1)) expect(row[3]).toMatch(/^-?\d+\.\d{2}$/);
    const openai = rows.filter((r) => r[0] === 'OpenAI').reduce((sum, r) => sum + BigInt(r[3]!.replace('.', '')), 0n);
    expect(openai).toBe(696_253n);
  });
});

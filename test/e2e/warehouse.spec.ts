import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, openApp, screenshot, test } from './support/app';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'formats');

test.describe('aggregate in your warehouse', () => {
  test('shows the push-down SQL for the chosen export and engine, says how that dialect is checked, and copies it', async ({ page }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await openApp(page, 'imports');
    const panel = page.getByTestId('warehouse-panel');
    await panel.locator('summary').click();
    const sql = panel.getByTestId('pushdown-sql');
    // The default: FOCUS in DuckDB, run in the tests.
    await expect(sql).toContainText('regexp_matches(');
    await expect(panel.getByTestId('pushdown-checked')).toContainText('Run in the workbench\'s tests on DuckDB');

    await panel.getByLabel('Export in the table').selectOption('aws-cur');
    await panel.getByLabel('Engine').selectOption('trino');
    await panel.getByLabel('Tags to keep').fill('user_team');
    await panel.getByLabel('From month').fill('2026-03');
    await expect(sql).toContainText('regexp_like(');
    await expect(sql).toContainText('AS "tag_user_team"');
    await expect(sql).toContainText(`"line_item_usage_start_date" >= TIMESTAMP '2026-03-01 00:00:00'`);
    await expect(panel.getByTestId('pushdown-checked')).toContainText("Parsed in the workbench's tests by dt-sql-parser's Trino grammar");
    await screenshot(page, 'warehouse-pushdown');

    await panel.getByTestId('copy-sql').click();
    await expect(panel.getByTestId('copy-sql')).toHaveText('Copied');
    const clipboard = await page.evaluate(() => navigator.clipboard.readText());
    expect(clipboard).toContain('-- AI Spend Workbench push-down query (Trino)');

    // Google's nested billing export cannot be read in Snowflake: said, no SQL shown.
    await panel.getByLabel('Export in the table').selectOption('gcp-billing');
    await panel.getByLabel('Engine').selectOption('snowflake');
    await expect(panel).toContainText('credits are an array of structs');
    await expect(sql).toHaveCount(0);
  });

  test('a push-down result dropped on the view is detected as a warehouse aggregate', async ({ page }) => {
    await openApp(page, 'imports');
    await page.getByTestId('statement-input').setInputFiles(path.join(FIXTURES, 'ledger-aggregate', 'focus-aggregate.csv'));
    const wizard = page.getByTestId('import-wizard');
    await expect(wizard.getByTestId('detection').first()).toContainText('Warehouse aggregate (push-down query result)');
  });
});

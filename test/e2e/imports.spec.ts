import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { api, expect, openApp, reopenDemo, screenshot, test } from './support/app';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'formats');

/** Each wizard step is scanned with axe as the a11y spec scans the views. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include('[data-testid="import-wizard"]').analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

test.describe('import wizard', () => {
  let dir: string;
  test.beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'aispend-e2e-import-'));
    // A workspace of its own, so the other tests keep the pristine demo.
    await api('workspace.new', { path: path.join(dir, 'Import test.aispend') });
  });
  test.afterEach(async () => {
    await reopenDemo();
    rmSync(dir, { recursive: true, force: true });
  });

  test('imports an OpenAI costs file through the wizard, shows the reconciliation, then refuses the same file', async ({ page }) => {
    await openApp(page, 'imports');
    await expect(page.locator('[data-view="imports"]').getByTestId('empty-state')).toBeVisible();
    await screenshot(page, 'import-1-file');

    // File: chosen in the browser, uploaded to the host.
    await page.getByTestId('statement-input').setInputFiles(path.join(FIXTURES, 'openai-costs', 'costs-page.json'));

    // Detect: format, version, confidence and the keys that decided it.
    const wizard = page.getByTestId('import-wizard');
    const detection = wizard.getByTestId('detection').first();
    await expect(detection).toContainText('OpenAI costs API (JSON)');
    await expect(detection).toContainText('v1');
    await expect(detection).toContainText('100%');
    await expect(detection).toContainText('amount.value');
    await expect(wizard.getByRole('radio', { name: /OpenAI costs API/ })).toBeChecked();
    await screenshot(page, 'import-2-detect');
    expect(await seriousViolations(page)).toEqual([]);
    await wizard.getByRole('button', { name: 'Next' }).click();

    // Preview: the lines as they will land; nothing written yet.
    const lines = wizard.getByTestId('preview-lines');
    await expect(lines).toBeVisible();
    await expect(lines.locator('tbody tr')).toHaveCount(6);
    await expect(lines).toContainText('gpt-4o');
    await expect(lines).toContainText('0.123456789');
    await screenshot(page, 'import-3-preview');
    expect(await seriousViolations(page)).toEqual([]);
    expect((await api<{ ledgerLines: number }>('workspace.info')).ledgerLines).toBe(0);
    await wizard.getByRole('button', { name: 'Import' }).click();

    // Reconciliation: README sum 16.9334987890123 from the file, 16.933498789 landed, to the cent.
    await expect(wizard.getByTestId('result-heading')).toHaveText('Imported 6 ledger lines from 6 rows');
    const table = wizard.getByTestId('reconciliation-table');
    await expect(table.getByTestId('source-total')).toHaveText('USD 16.93');
    await expect(table.getByTestId('imported-total')).toHaveText('USD 16.93');
    await expect(table.getByTestId('reconciliation')).toHaveText('Reconciled');
    await screenshot(page, 'import-4-reconciliation');
    expect(await seriousViolations(page)).toEqual([]);
    await wizard.getByRole('button', { name: 'Done' }).click();

    // The list shows it, reconciled.
    const row = page.getByTestId('import-row').first();
    await expect(row).toContainText('costs-page.json');
    // The format by its name; its id (what the CLI's --format takes) on hover.
    await expect(row).toContainText('OpenAI costs API');
    await expect(row.locator('[data-format]')).toHaveAttribute('title', 'format openai-costs');
    await expect(row.getByTestId('reconciliation')).toHaveText('Reconciled');
    await screenshot(page, 'import-5-list');

    // The same file again: detection already says so, and the import is refused naming the earlier one.
    await page.getByTestId('statement-input').setInputFiles(path.join(FIXTURES, 'openai-costs', 'costs-page.json'));
    await expect(wizard.getByTestId('already-imported')).toContainText('already imported: import #1 (costs-page.json)');
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByRole('button', { name: 'Import' }).click();
    await expect(wizard.getByTestId('wizard-failure').getByTestId('already-imported')).toContainText('Already imported: this file is import #1 (costs-page.json, 2026-03-01 – 2026-03-03)');
    await expect(wizard.getByTestId('wizard-failure')).toContainText('Nothing was changed');
    await screenshot(page, 'import-6-already-imported');
    const info = await api<{ ledgerLines: number; imports: number }>('workspace.info');
    expect([info.imports, info.ledgerLines]).toEqual([1, 6]);
  });

  test('offers a whole-account CUR the AI lines with the rest summed, and says so in the result and the list', async ({ page }) => {
    // Two Bedrock lines (usage and credit) and six other lines; the six sum into five (EC2 day 1 account A's two hours are one).
    const cur = path.join(dir, 'account-cur.csv');
    const row = (payer: string, account: string, type: string, start: string, end: string, product: string, usageType: string, currency: string, cost: string) =>
      `2026-03-01T00:00:00Z,${payer},${account},${type},${start},${end},${product},${usageType},,1,${currency},${cost},${cost},,,`;
    writeFileSync(
      cur,
      [
        'bill_billing_period_start_date,bill_payer_account_id,line_item_usage_account_id,line_item_line_item_type,line_item_usage_start_date,line_item_usage_end_date,line_item_product_code,line_item_usage_type,line_item_resource_id,line_item_usage_amount,line_item_currency_code,line_item_unblended_cost,line_item_net_unblended_cost,pricing_unit,product,resource_tags',
        row('P1', 'A', 'Usage', '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z', 'AmazonBedrock', 'USE1-Claude4.5Sonnet-input-tokens', 'USD', '3.00'),
        row('P1', 'A', 'Usage', '2026-03-01T00:00:00Z', '2026-03-01T01:00:00Z', 'AmazonEC2', 'USE1-BoxUsage:m5.large', 'USD', '0.123456789'),
        row('P1', 'A', 'Usage', '2026-03-01T05:00:00Z', '2026-03-01T06:00:00Z', 'AmazonEC2', 'USE1-BoxUsage:m5.large', 'USD', '0.000000001'),
        row('P1', 'B', 'Usage', '2026-03-01T02:00:00Z', '2026-03-01T03:00:00Z', 'AmazonEC2', 'USE1-BoxUsage:m5.large', 'USD', '2.50'),
        row('P1', 'A', 'Tax', '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z', 'AmazonEC2', '', 'USD', '0.40'),
        row('P1', 'A', 'Usage', '2026-03-02T00:00:00Z', '2026-03-02T01:00:00Z', 'AmazonS3', 'USE1-TimedStorage-ByteHrs', 'USD', '1.10'),
        row('P2', 'A', 'Usage', '2026-03-01T03:00:00Z', '2026-03-01T04:00:00Z', 'AmazonEC2', 'USE1-BoxUsage:m5.large', 'EUR', '5.00'),
        row('P1', 'A', 'Credit', '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z', 'AmazonBedrock', '', 'USD', '-1.00'),
      ].join('\n') + '\n',
    );
    await openApp(page, 'imports');
    await page.getByTestId('statement-input').setInputFiles(cur);
    const wizard = page.getByTestId('import-wizard');
    await expect(wizard.getByTestId('detection').first()).toContainText('AWS Cost and Usage Report');
    await wizard.getByRole('button', { name: 'Next' }).click();

    const keep = wizard.getByTestId('keep-choice');
    await expect(keep.getByRole('radio', { name: 'Every line' })).toBeChecked();
    await keep.getByRole('radio', { name: /AI lines one by one/ }).check();
    await screenshot(page, 'import-keep-ai-preview');
    expect(await seriousViolations(page)).toEqual([]);
    await wizard.getByRole('button', { name: 'Import' }).click();

    // 2 Bedrock lines + 5 aggregates; USD 3.00 + 0.123456789 + 0.000000001 + 2.50 + 0.40 + 1.10 − 1.00 = 6.12345679, EUR 5.00.
    await expect(wizard.getByTestId('result-heading')).toHaveText('Imported 7 ledger lines from 8 rows');
    await expect(wizard.getByTestId('result-kept')).toHaveText('AI lines kept one by one; the other 6 lines summed into 5 per day, service, account, charge category and currency.');
    await expect(wizard.getByTestId('reconciliation-table').getByTestId('reconciliation')).toHaveText(['Reconciled', 'Reconciled']);
    await wizard.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByTestId('import-row').first().getByTestId('import-kept')).toHaveText('kept AI lines one by one; 6 other lines summed per day and service');
    await screenshot(page, 'import-keep-ai-list');
    expect((await api<{ ledgerLines: number }>('workspace.info')).ledgerLines).toBe(7);
  });

  test('maps the columns of a gateway log, saves the mapping, previews and imports it', async ({ page }) => {
    await openApp(page, 'imports');
    await page.getByTestId('statement-input').setInputFiles(path.join(FIXTURES, 'generic', 'litellm-spend.csv'));
    const wizard = page.getByTestId('import-wizard');
    await expect(wizard.getByTestId('unrecognised')).toContainText('no known statement format matches');
    await wizard.getByRole('button', { name: 'Next' }).click();

    // Map: the guesses from the header, corrected where needed.
    await expect(wizard.getByTestId('wizard-map')).toBeVisible();
    await expect(wizard.getByLabel('Date or period start (required)')).toHaveValue('startTime');
    await expect(wizard.getByLabel('Cost (required)')).toHaveValue('spend');
    await expect(wizard.getByLabel('Input tokens (one line each)')).toHaveValue('prompt_tokens');
    await expect(wizard.getByLabel('Output tokens (one line each)')).toHaveValue('completion_tokens');
    await wizard.getByLabel('Save this mapping as').fill('litellm');
    await wizard.getByRole('button', { name: 'Save mapping' }).click();
    await expect(wizard.getByRole('status').filter({ hasText: 'Saved as' })).toContainText('litellm.yaml');
    await screenshot(page, 'import-map');
    expect(await seriousViolations(page)).toEqual([]);
    await wizard.getByRole('button', { name: 'Next' }).click();

    // Preview: README 4 rows → 8 lines, USD 0.019.
    await expect(wizard.getByTestId('preview-lines').locator('tbody tr')).toHaveCount(8);
    await expect(wizard.getByTestId('reconciliation-table').getByTestId('source-total')).toHaveText('USD 0.02');
    await wizard.getByRole('button', { name: 'Import' }).click();
    await expect(wizard.getByTestId('result-heading')).toHaveText('Imported 8 ledger lines from 4 rows');
    const mappings = await api<{ mappings: { name: string }[] }>('imports.mappings.list');
    expect(mappings.mappings.map((m) => m.name)).toEqual(['litellm']);
  });

  test('shows progress with rows, bytes and an estimate, and Cancel leaves the workspace as it was', async ({ page }) => {
    // A 300,000-row FOCUS file (the fixture's first row, over and over): long enough to watch.
    const [header = '', row = ''] = readFileSync(path.join(FIXTURES, 'focus', 'focus-1.2-ai.csv'), 'utf8').split(/\r?\n/);
    const big = path.join(dir, 'focus-300k.csv');
    writeFileSync(big, `${header}\n${`${row}\n`.repeat(300_000)}`);

    await openApp(page, 'imports');
    await page.getByTestId('statement-input').setInputFiles(big);
    const wizard = page.getByTestId('import-wizard');
    await expect(wizard.getByTestId('detection').first()).toContainText('FOCUS');
    await wizard.getByRole('button', { name: 'Next' }).click();
    await expect(wizard.getByTestId('preview-lines')).toBeVisible();
    await wizard.getByRole('button', { name: 'Import' }).click();

    const progress = wizard.getByTestId('wizard-progress');
    await expect(progress.getByRole('status')).toContainText(/[\d,]+ rows read · [\d,]+ lines written · \d+ MB of \d+ MB · about \d+ s left/, { timeout: 30_000 });
    await screenshot(page, 'import-progress');
    await wizard.getByRole('button', { name: 'Cancel import' }).click();
    await expect(wizard.getByTestId('wizard-failure')).toContainText('Cancelled: nothing was changed.');
    await screenshot(page, 'import-cancelled');
    const info = await api<{ ledgerLines: number; imports: number }>('workspace.info');
    expect([info.imports, info.ledgerLines]).toEqual([0, 0]);
  });
});

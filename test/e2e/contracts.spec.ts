import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as XLSX from 'xlsx';
import { api, expect, openApp, reopenDemo, screenshot, test } from './support/app';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

test.describe('contracts, invoice check and price book', () => {
  test('the invoice check of October 2026 flags exactly the planted overcharge', async ({ page }) => {
    await openApp(page, 'contracts');
    await page.getByTestId('tab-invoice-check').click();
    await page.getByTestId('check-month').selectOption('2026-10');
    await page.getByTestId('run-check').click();

    const findings = page.getByTestId('findings').locator('li');
    await expect(findings).toHaveCount(1);
    // The demo's planted error: on 14 October OpenAI billed gpt-4.1 input at list ($2.00/M), not at 15% off ($1.70/M).
    await expect(findings.first()).toContainText('Discount not applied: gpt-4.1 input on 2026-10-14');
    await expect(findings.first()).toContainText('Enterprise discount of 15%');
    await expect(page.getByTestId('check-finding-count')).toContainText('1');
    // October, every vendor: 31 days × (22 OpenAI + 12 Anthropic + 2 AWS lines) = 1,116 ledger lines: each cost line
    // with its usage line (OpenAI 11 + 11, Anthropic 6 + 6), AWS's 2 usage lines (test/integration/contracts/demo-invoice-check.test.ts).
    await expect(page.getByTestId('check-meta')).toContainText('1,116 ledger lines');
    // The chart draws the lines as dots by day, the flagged one in its own series.
    await expect(page.getByTestId('variance-chart').locator('svg')).toBeVisible();
    await expect(page.getByTestId('variance-chart').locator('svg text', { hasText: 'Lines with findings' })).toHaveCount(1);
    await screenshot(page, 'invoice-check-light');

    // The month's whole expected invoice unfolds under its row: usage by term, the discount, the total, in the contract's currency.
    const months = page.getByTestId('check-months');
    const openaiRow = months.locator('tr', { hasText: 'OpenAI enterprise' });
    await openaiRow.getByTestId('show-expected-invoice').click();
    const invoice = page.getByTestId('expected-invoice');
    await expect(invoice).toBeVisible();
    await expect(invoice.locator('tr[data-kind="usage"]').first()).toContainText('USD ');
    await expect(invoice.locator('tr[data-kind="discount"]')).toHaveCount(1);
    await expect(invoice.locator('tr[data-kind="discount"]')).toContainText('discounts[0]');
    // October under phase 1: usage lines 845.77 less the 15% discount line 126.87 = 718.90, the invoice as a document;
    // the row compares the bill with the exact amount before each line's rounding, which shows as 718.91: the screen says so.
    await expect(page.getByTestId('expected-invoice-lines-total').locator('[data-column="amount"]')).toHaveText('USD 718.90');
    await expect(openaiRow.first()).toContainText('USD 718.91');
    await expect(page.getByTestId('expected-invoice-exact-note')).toContainText('shown there as USD 718.91, so that rounding is never a finding');
    await invoice.scrollIntoViewIfNeeded();
    await screenshot(page, 'invoice-check-expected-invoice-light');
    await openaiRow.getByTestId('show-expected-invoice').click();
    await expect(invoice).toHaveCount(0);

    await findings.first().getByRole('button', { name: 'Show the line' }).click();
    await expect(page.getByTestId('only-findings')).toBeChecked();
    const grid = page.getByTestId('check-grid');
    await expect(grid.locator('.ag-row[row-index]')).toHaveCount(1);
    const row = grid.locator('.ag-row[row-index]').first();
    // "Show the line" brings the line into view (the grid sits below the findings, the month table and the chart), selected.
    await expect(row).toBeInViewport();
    await expect(row).toHaveClass(/ag-row-selected/);
    await expect(row.locator('[col-id="day"]')).toHaveText('2026-10-14');
    await expect(row.locator('[col-id="model"]')).toHaveText('gpt-4.1');
    await expect(row.locator('[col-id="findings"]')).toHaveText('Discount not applied');
    // The discounts the contract gives the line, term by term, with what each takes off.
    await expect(row.locator('[col-id="discounts"]')).toHaveText(/^Enterprise discount 15% -\$\d+\.\d\d$/);
    await page.getByTestId('check-grid').scrollIntoViewIfNeeded();
    await screenshot(page, 'invoice-check-grid-light');

    // The CSV export is the stored run, line by line.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-check').click()]);
    expect(download.suggestedFilename()).toBe('invoice-check-2026-10.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    const flagged = csv.split('\r\n').filter((l) => l.includes('discount_not_applied'));
    expect(flagged).toHaveLength(1);
    expect(flagged[0]).toContain('2026-10-14,2026-10,openai,gpt-4.1,input,standard');
    expect(csv.split('\r\n')[0]).toMatch(/,ledger_lines,discounts$/);
    expect(flagged[0]).toMatch(/,discounts\[0\] 15% \d+\.\d+$/);
  });

  test('the contract editor shows each problem beside its field, and the months under the contract', async ({ page }) => {
    await openApp(page, 'contracts');
    const list = page.getByTestId('contract-list');
    // Anthropic's terms and the OpenAI agreement, whose original terms (phase 1) cover the demo's months and whose
    // version 2 (phase 2) starts in November 2026.
    await expect(list.getByRole('button')).toHaveCount(2);
    await list.getByRole('button', { name: /^Acme × OpenAI enterprise agreement/ }).click();
    await expect(page.getByTestId('contract-title')).toHaveText('Acme × OpenAI enterprise agreement');
    await expect(page.getByTestId('contract-validity')).toHaveText('Valid');
    await expect(page.getByTestId('contract-months')).toContainText('Oct 2026');
    // The commitment's contract-year balance: October closes phase 1's year of 12 × $400 = $4,800 committed.
    const october = page.getByTestId('contract-year-balance').getByRole('row', { name: /Oct 2026/ });
    await expect(october.locator('[data-column="contractYear"]')).toHaveText('1');
    await expect(october.locator('[data-column="committedToDate"]')).toHaveText('4,800.00');

    // The stored commitments as FOCUS 1.3's Contract Commitment dataset: phase 1's October is its own period row.
    const [dataset] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-commitments').click()]);
    expect(dataset.suggestedFilename()).toBe('contract-commitments.csv');
    const rows = readFileSync((await dataset.path())!, 'utf8').split('\r\n');
    expect(rows[0]).toBe('BillingCurrency,ContractId,ContractPeriodStart,ContractPeriodEnd,ContractCommitmentId,ContractCommitmentCategory,ContractCommitmentType,ContractCommitmentDescription,ContractCommitmentCost,ContractCommitmentQuantity,ContractCommitmentUnit,ContractCommitmentPeriodStart,ContractCommitmentPeriodEnd');
    expect(rows.find((r) => r.includes('acme-openai-enterprise/commitment/2026-10-01'))).toContain(',Spend,');

    // The contract as procurement's term sheet, to send for review: the download reads back with its phase-2 version block.
    const [sheet] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-term-sheet').click()]);
    expect(sheet.suggestedFilename()).toBe('acme-openai-enterprise-term-sheet.xlsx');
    const book = XLSX.read(readFileSync((await sheet.path())!), { type: 'buffer' });
    const grid = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['Term sheet']!, { header: 1, raw: true });
    expect(grid.find((r) => r[0] === 'Contract id')?.[1]).toBe('acme-openai-enterprise');
    // 15% off is the cell's 0.15, formatted as a percentage.
    expect(grid.find((r) => r[0] === 'Enterprise discount')?.[1]).toBe(0.15);
    expect(grid.map((r) => r[0])).toContain('[Version 2]');
    await expect(page.locator('.status-note')).toHaveText('Term sheet of acme-openai-enterprise written: the terms as signed and 1 version.');

    const editor = page.getByTestId('contract-yaml');
    const yaml = await editor.inputValue();
    await editor.fill(yaml.replace('percentOff: "15"', 'percentOff: "-15"').replace('amount: "400"', 'amount: "lots"'));
    await expect(page.getByTestId('contract-validity')).toHaveText('2 problems');
    const issues = page.getByTestId('contract-issues');
    // In words, not as paths (discounts[0].percentOff, commitment.amount), here and beside the field in the form.
    await expect(issues).toContainText('Discount 1 (Enterprise discount), percent off must be between 0 and 100');
    await expect(issues).toContainText('Commitment, amount must be a decimal amount such as "10000.00"');
    await expect(issues).not.toContainText('discounts[0]');
    await expect(page.getByTestId('term-discounts').locator('[data-field="percentOff"]')).toContainText('Percent off must be between 0 and 100');
    // Each problem is marked on the line of its field.
    const line = yaml.split('\n').findIndex((l) => l.includes('percentOff')) + 1;
    await expect(page.locator('.gutter-line.has-issue', { hasText: new RegExp(`^${line}$`) })).toHaveCount(1);
    await expect(page.locator('.margin-note').first()).toBeVisible();
    await expect(page.getByTestId('save-contract')).toBeDisabled();
    await screenshot(page, 'contracts-editor-light');
    await page.getByRole('button', { name: 'Revert' }).click();
    await expect(page.getByTestId('contract-validity')).toHaveText('Valid');

    // Stacked discounts stacked additively past 100%: the problem in words, beside the stacked discount's percentage.
    await editor.fill(
      (await editor.inputValue()).replace(
        '  - { label: Enterprise discount, percentOff: "15" }',
        '  - { label: Enterprise discount, percentOff: "60" }\n  - { label: Batch discount, percentOff: "45", serviceTiers: [batch], stacks: true }\ndiscountStacking: additive',
      ),
    );
    await expect(page.getByTestId('contract-validity')).toHaveText('1 problem');
    await expect(issues).toContainText('Discount 2 (Batch discount), percent off takes the additive discounts on every model input tokens (batch) to 105% off list');
    const stacked = page.getByTestId('term-discounts').locator('[data-field="percentOff"]').nth(1);
    await expect(stacked).toContainText('stacked additively they must not add up to more than 100%');
    await expect(page.getByTestId('term-discounts').locator('[data-field="stacks"]').nth(1).locator('select')).toHaveValue('yes');
    await expect(page.getByTestId('term-discountStacking')).toBeVisible();
    await stacked.scrollIntoViewIfNeeded();
    await screenshot(page, 'contracts-editor-stacked-discounts-light');
    await page.getByRole('button', { name: 'Revert' }).click();
    await expect(page.getByTestId('contract-validity')).toHaveText('Valid');
  });

  test.describe('on a copy of the demo', () => {
    let dir: string;
    test.beforeEach(async () => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'aispend-e2e-contracts-'));
      await api('workspace.saveAs', { path: path.join(dir, 'Procurement.aispend'), overwrite: false });
    });
    test.afterEach(async () => {
      await reopenDemo();
      rmSync(dir, { recursive: true, force: true });
    });

    test('the vendor’s FOCUS ContractApplied shows as draw-down beside the workbench’s, with the difference', async ({ page }) => {
      // November 2026 opens phase 2 of the OpenAI agreement, its version 2 (15% off list, $700 a month committed); the demo has no usage then.
      // The vendor's file: 1,000,000 gpt-4o output tokens at $10.00 per million list → the workbench draws 10.00 × 0.85 = 8.50;
      // the vendor applies 9.00 to the November commitment: 0.50 more. Remaining: 6 × 700 = 4,200 − 8.50 drawn − 691.50 shortfall = 3,500.00.
      const file = path.join(dir, 'openai-focus-2026-11.csv');
      writeFileSync(
        file,
        [
          'BilledCost,BillingAccountId,BillingCurrency,BillingPeriodStart,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,ConsumedQuantity,ConsumedUnit,ServiceProviderName,HostProviderName,PublisherName,SkuPriceDetails,ContractApplied',
          '9.00,acme-focus,USD,2026-11-01T00:00:00Z,Usage,2026-11-03T00:00:00Z,2026-11-04T00:00:00Z,1000000,Tokens,OpenAI,OpenAI,OpenAI,"{""ModelDeveloper"":""OpenAI"",""ModelId"":""gpt-4o"",""TokenDirection"":""Output""}","{""Elements"":[{""ContractId"":""acme-openai-enterprise"",""ContractCommitmentId"":""acme-openai-enterprise/commitment/2026-11-01"",""ContractCommitmentAppliedCost"":9.00}]}"',
        ].join('\n'),
      );
      await openApp(page, 'contracts');
      await page.getByTestId('contract-list').getByRole('button', { name: /^Acme × OpenAI enterprise agreement OpenAI/ }).click();
      await expect(page.getByTestId('contract-drawdown-empty')).toContainText('No imported cost row carries ContractApplied');

      await openApp(page, 'imports');
      await page.getByTestId('statement-input').setInputFiles(file);
      const wizard = page.getByTestId('import-wizard');
      await expect(wizard.getByTestId('detection').first()).toContainText('FOCUS');
      await wizard.getByRole('button', { name: 'Next' }).click();
      await wizard.getByRole('button', { name: 'Import' }).click();
      await expect(wizard.getByTestId('result-heading')).toHaveText(/^Imported 1 ledger lines? from 1 rows?$/);
      await wizard.getByRole('button', { name: 'Done' }).click();

      await openApp(page, 'contracts');
      await page.getByTestId('contract-list').getByRole('button', { name: /^Acme × OpenAI enterprise agreement OpenAI/ }).click();
      const november = page.getByTestId('contract-drawdown').getByRole('row', { name: /Nov 2026/ });
      await expect(november).toContainText('acme-openai-enterprise/commitment/2026-11-01');
      await expect(november.locator('td').nth(2)).toHaveText('USD 9.00');
      await expect(november.locator('td').nth(3)).toHaveText('USD 8.50');
      await expect(november.locator('td').nth(4)).toHaveText('USD 0.50');
      await expect(november.locator('td').nth(5)).toHaveText('USD 3,500.00');
      await page.getByTestId('contract-drawdown').scrollIntoViewIfNeeded();
      await screenshot(page, 'contracts-drawdown-light');
    });

    test('a FOCUS Contract Commitment dataset opens as drafts listing what to complete, and a completed draft saves as a contract', async ({ page }) => {
      // Two contracts in one dataset: a year of OpenAI spend committed from May 2027 (after the demo's phase 2), and a
      // usage-quantity commitment the workbench cannot express (its commitments are spend), listed for the user.
      const file = path.join(dir, 'contract-commitments.csv');
      writeFileSync(
        file,
        [
          'BillingCurrency,ContractId,ContractPeriodStart,ContractPeriodEnd,ContractCommitmentId,ContractCommitmentCategory,ContractCommitmentType,ContractCommitmentDescription,ContractCommitmentCost,ContractCommitmentQuantity,ContractCommitmentUnit,ContractCommitmentPeriodStart,ContractCommitmentPeriodEnd',
          'USD,acme-openai-2027,2027-05-01T00:00:00Z,2028-05-01T00:00:00Z,acme-openai-2027/y1,Spend,Annual,Year 1,9600.00,,,2027-05-01T00:00:00Z,2028-05-01T00:00:00Z',
          'USD,acme-tokens-2027,2027-05-01T00:00:00Z,2028-05-01T00:00:00Z,acme-tokens-2027/y1,Usage,Annual,Tokens,,1000000000,Tokens,2027-05-01T00:00:00Z,2028-05-01T00:00:00Z',
        ].join('\n'),
      );
      await openApp(page, 'contracts');
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId('import-commitments').click();
      await (await chooser).setFiles(file);
      const drafts = page.getByTestId('commitment-drafts');
      await expect(drafts.getByTestId('commitment-draft')).toHaveCount(2);
      const openai = drafts.getByTestId('commitment-draft').filter({ hasText: 'acme-openai-2027' });
      // The dataset does not say who the contract is with.
      await expect(openai.getByTestId('draft-to-complete')).toContainText('vendor');
      await expect(drafts.getByTestId('commitment-draft').filter({ hasText: 'acme-tokens-2027' }).getByTestId('draft-to-complete')).toContainText(/usage|quantit/i);
      await screenshot(page, 'contracts-commitment-drafts-light');

      await openai.getByRole('button', { name: /Open the draft acme-openai-2027/ }).click();
      await expect(page.getByTestId('contract-title')).toHaveText('New contract (not saved)');
      const editor = page.getByTestId('contract-yaml');
      await expect(editor).toHaveValue(/# To complete before saving:/);
      await expect(page.getByTestId('contract-validity')).not.toHaveText('Valid');
      await expect(page.getByTestId('save-contract')).toBeDisabled();
      // Completed: the vendor named, the draft is valid and saves as a contract with its commitment.
      await editor.fill((await editor.inputValue()).replace('vendor: ""', 'vendor: openai'));
      await expect(page.getByTestId('contract-validity')).toHaveText('Valid');
      await page.getByTestId('save-contract').click();
      await expect(page.getByTestId('contract-list')).toContainText('$9,600.00 a year committed');
      // The saved draft leaves the list; the other one stays to complete.
      await expect(drafts.getByTestId('commitment-draft')).toHaveCount(1);
      await expect(drafts).toContainText('acme-tokens-2027');
      const stored = await api<{ contracts: { id: string; vendor: string }[] }>('contracts.list');
      expect(stored.contracts.find((c) => c.id === 'acme-openai-2027')).toMatchObject({ vendor: 'openai' });
    });

    test('New contract asks who and when, opens valid, and the forms write the YAML with problems in words', async ({ page }) => {
      await openApp(page, 'contracts');
      await page.getByTestId('new-contract').click();
      const dialog = page.getByTestId('new-contract-dialog');
      await dialog.getByLabel('Provider').fill('anthropic');
      // The demo's Anthropic contract runs to 2027-08-31: a term overlapping it is refused before it is written.
      await dialog.getByLabel('Term starts').fill('2027-08-01');
      await dialog.getByLabel('Term ends').fill('2028-07-31');
      await expect(dialog.getByRole('alert')).toHaveText('The term overlaps Acme × Anthropic commercial terms 2025–2027 (2025-09-01 to 2027-08-31): a provider has one contract in force on a day.');
      await expect(dialog.getByRole('button', { name: 'Create' })).toBeDisabled();
      await dialog.getByLabel('Term starts').fill('2027-09-01');
      await dialog.getByLabel('Term ends').fill('2028-08-31');
      await dialog.getByLabel('Start with').selectOption('discounts');
      await dialog.getByRole('button', { name: 'Create' }).click();
      await expect(page.getByTestId('contract-title')).toHaveText('New contract (not saved)');
      await expect(page.getByTestId('contract-validity')).toHaveText('Valid');
      const yaml = page.getByTestId('contract-yaml');
      await expect(yaml).toHaveValue(/id: anthropic-2027/);

      // The discount's form writes the YAML; a wrong value is said beside the field.
      const percent = page.getByTestId('term-discounts').locator('[data-field="percentOff"]');
      await percent.getByRole('textbox').fill('150');
      await expect(page.getByTestId('contract-validity')).toHaveText('1 problem');
      await expect(percent).toContainText('Percent off must be between 0 and 100');
      await expect(yaml).toHaveValue(/percentOff: "150"/);
      await screenshot(page, 'contracts-new-form-light');
      await percent.getByRole('textbox').fill('12');
      await expect(page.getByTestId('contract-validity')).toHaveText('Valid');
      // A rate for long prompts in one region: the band is said in words when it cannot be read.
      const rates = page.getByTestId('term-rates');
      await rates.getByRole('button', { name: 'Add a rate' }).click();
      await rates.locator('[data-field="model"]').getByRole('textbox').fill('claude-sonnet-4-5');
      const band = rates.locator('[data-field="contextBand"]');
      await band.getByRole('textbox').fill('long');
      await expect(page.getByTestId('contract-validity')).toHaveText('1 problem');
      await expect(band).toContainText('"long" is not a context band');
      await band.getByRole('textbox').fill('>200k');
      await rates.locator('[data-field="region"]').getByRole('textbox').fill('us-east-1');
      await expect(page.getByTestId('contract-validity')).toHaveText('Valid');
      await expect(yaml).toHaveValue(/contextBand: ">200k"/);
      await expect(yaml).toHaveValue(/region: us-east-1/);
      await rates.scrollIntoViewIfNeeded();
      await screenshot(page, 'contracts-rate-band-region-light');
      // A commitment from its form, then saved.
      await page.getByTestId('term-commitment').getByRole('button', { name: 'Add commitment' }).click();
      await expect(yaml).toHaveValue(/commitment:/);
      await expect(page.getByTestId('contract-validity')).toHaveText('Valid');
      await page.getByTestId('save-contract').click();
      await expect(page.getByTestId('contract-list')).toContainText('Anthropic contract 2027');
    });

    test('an amendment: added from the form, a mid-month date said in words, saved, and the months name their version', async ({ page }) => {
      await openApp(page, 'contracts');
      await page.getByTestId('new-contract').click();
      const dialog = page.getByTestId('new-contract-dialog');
      await dialog.getByLabel('Provider').fill('openai');
      await dialog.getByLabel('Term starts').fill('2030-01-01');
      await dialog.getByLabel('Term ends').fill('2030-12-31');
      await dialog.getByLabel('Start with').selectOption('discounts');
      await dialog.getByRole('button', { name: 'Create' }).click();
      await expect(page.getByTestId('contract-validity')).toHaveText('Valid');
      const yaml = page.getByTestId('contract-yaml');
      const versions = page.getByTestId('contract-versions');
      await versions.getByTestId('add-amendment').click();
      // From the month after the term starts, repeating the discounts in force: valid as added.
      await expect(yaml).toHaveValue(/versions:\n\s+- effectiveFrom: 2030-02-01\n\s+reason: amendment 1/);
      await expect(page.getByTestId('contract-validity')).toHaveText('Valid');
      const date = versions.getByTestId('version-0').locator('[data-field="effectiveFrom"]');
      await date.getByRole('textbox').fill('2030-06-15');
      await expect(page.getByTestId('contract-validity')).toHaveText('1 problem');
      await expect(date).toContainText('Takes effect is 2030-06-15: a version takes effect on the first day of a month (2030-06-01 or the first of the next)');
      await date.getByRole('textbox').fill('2030-06-01');
      await expect(page.getByTestId('contract-validity')).toHaveText('Valid');
      await versions.scrollIntoViewIfNeeded();
      await screenshot(page, 'contracts-versions-light');
      await page.getByTestId('save-contract').click();
      // The new contract's entry (the demo's OpenAI agreement lists its own phase-2 version too).
      const entry = page.getByTestId('contract-list').getByRole('button', { name: /^OpenAI contract 2030/ });
      await expect(entry.getByTestId('contract-version-list')).toContainText('v2 from 2030-06-01 (amendment 1)');
      // The months table says which version priced each month.
      const months = page.getByTestId('contract-months');
      await expect(months.locator('tbody tr').first()).toContainText('v1');
      await expect(months.locator('tbody tr').nth(5).locator('[data-column="version"]')).toHaveText('v2');
      // Each version's reason once, above the months (and in the cell's tooltip).
      await expect(months.locator('tbody tr').nth(5).locator('[data-column="version"] span')).toHaveAttribute('title', 'v2 amendment 1');
      await expect(page.getByTestId('contract-month-versions')).toContainText('v2 from 2030-06-01: amendment 1');
    });

    test('after the contract changes, the stored check says so and asks to run it again', async ({ page }) => {
      await openApp(page, 'contracts');
      await page.getByTestId('tab-invoice-check').click();
      // October 2026 is under phase 1 of the OpenAI agreement (its original terms).
      await page.getByTestId('check-contract').selectOption('acme-openai-enterprise');
      await page.getByTestId('check-month').selectOption('2026-10');
      await page.getByTestId('run-check').click();
      await expect(page.getByTestId('findings').locator('li')).toHaveCount(1);
      await expect(page.getByTestId('check-changed')).toHaveCount(0);

      await page.getByTestId('tab-terms').click();
      await page.getByTestId('contract-list').getByRole('button', { name: /^Acme × OpenAI enterprise agreement/ }).click();
      const editor = page.getByTestId('contract-yaml');
      // The chosen contract's text, not the one shown before it loads (the demo has two).
      await expect(editor).toHaveValue(/id: acme-openai-enterprise/);
      await editor.fill((await editor.inputValue()).replace('percentOff: "15"', 'percentOff: "16"'));
      await expect(page.getByTestId('save-contract')).toBeEnabled();
      await page.getByTestId('save-contract').click();
      await expect(page.getByTestId('save-contract')).toBeDisabled();
      // Saved (the button is disabled while the save is still on its way too): only then is the check's basis behind.
      await expect(page.getByText('Saved Acme × OpenAI enterprise agreement.')).toBeVisible();

      await page.getByTestId('tab-invoice-check').click();
      const notice = page.getByTestId('check-changed');
      await expect(notice).toContainText('The contract changed since this check: run it again.');
      // The stored check is still shown, not "Not checked yet".
      await expect(page.getByTestId('findings').locator('li')).toHaveCount(1);
      await notice.getByRole('button', { name: 'Run it again' }).click();
      await expect(page.getByTestId('check-changed')).toHaveCount(0);
    });

    test('the expected invoice sets a reservation against the on-demand alternative', async ({ page }) => {
      // A reservation for October the demo's usage never runs on (none of it is on the provisioned tier): its fee buys nothing.
      // Phase 1 of the OpenAI agreement (its original terms) is in force in October 2026 (the phase-2 version starts in November).
      const { yaml } = await api<{ yaml: string }>('contracts.get', { id: 'acme-openai-enterprise' });
      const reservation = 'provisioned:\n  - { id: ptu-october, units: 1, pricePerUnitHour: "2.00", start: 2026-10-01, end: 2026-10-31, models: [gpt-4.1], throughputPerUnit: { gpt-4.1: 1000 } }\n';
      await api('contracts.save', { yaml: `${yaml.trimEnd()}\n${reservation}`, fileName: 'openai-enterprise.yaml', previousId: 'acme-openai-enterprise' });
      await openApp(page, 'contracts');
      await page.getByTestId('tab-invoice-check').click();
      await page.getByTestId('check-month').selectOption('2026-10');
      await page.getByTestId('run-check').click();
      const months = page.getByTestId('check-months');
      await months.locator('tr', { hasText: 'OpenAI enterprise' }).getByTestId('show-expected-invoice').click();
      const table = page.getByTestId('provisioned-vs-on-demand');
      // 31 days × 24 h × $2.00 = $1,488.00 for no tokens: on demand (nothing) would have been cheaper.
      const row = table.locator('tbody tr');
      await expect(row).toHaveCount(1);
      await expect(row).toContainText('ptu-october');
      await expect(row).toContainText('USD 1,488.00');
      await expect(row).toContainText('0.00%');
      await expect(row).toContainText('On demand');
      await expect(page.getByTestId('expected-invoice').locator('tr[data-kind="provisioned_fee"]')).toContainText('USD 1,488.00');
      await table.scrollIntoViewIfNeeded();
      await screenshot(page, 'invoice-check-provisioned-light');
    });

    test('imports a term-sheet workbook, reviews it and stores it', async ({ page }) => {
      await openApp(page, 'contracts');
      const stored = await page.getByTestId('contract-list').getByRole('button').count();
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('import-contract').click()]);
      await chooser.setFiles(path.join(ROOT, 'scenarios', 'contracts', 'azure-term-sheet-2027.xlsx'));
      await expect(page.getByTestId('contract-title')).toHaveText('New contract (not saved)');
      await expect(page.getByTestId('contract-yaml')).toHaveValue(/vendor: azure/);
      await expect(page.getByTestId('contract-validity')).toHaveText('Valid');
      await page.getByTestId('save-contract').click();
      await expect(page.getByTestId('contract-list').getByRole('button')).toHaveCount(stored + 1);
      await expect(page.getByTestId('contract-list')).toContainText('Azure');
    });

    test('the price book: as-of date, search, override a price from a date', async ({ page }) => {
      await openApp(page, 'contracts');
      await page.getByTestId('tab-price-book').click();
      await expect(page.getByTestId('catalogue-as-of')).toHaveText('2026-09-23');
      await page.getByTestId('price-search').fill('cat:openai:gpt-4.1:input:standard');
      const grid = page.getByTestId('price-grid');
      await expect(grid.locator('.ag-row[row-index]')).toHaveCount(1);
      await grid.locator('.ag-row[row-index]').first().locator('[col-id="model"]').click();
      await expect(page.getByTestId('selected-row')).toContainText('openai gpt-4.1 · input · standard');
      await page.getByTestId('override-price').click();
      const dialog = page.getByTestId('override-dialog');
      await dialog.getByLabel(/New price/).fill('1.80');
      await dialog.getByLabel('From (this day on)').fill('2026-10-01');
      await dialog.getByLabel('Source note').fill('price letter of 2026-09-15');
      await dialog.getByRole('button', { name: 'Override' }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByTestId('price-status')).toContainText('from 2026-10-01');
      await page.getByTestId('price-search').fill('gpt-4.1:input:standard');
      await expect(grid.locator('.ag-row[row-index]')).toHaveCount(2);
      await expect(grid.locator('[col-id="source"]', { hasText: 'user' })).toHaveCount(1);
      await screenshot(page, 'price-book-light');
      const rows = await api<{ rows: { row: { id: string; price: string; effectiveFrom: string | null } }[] }>('pricing.rows', { source: 'user' });
      expect(rows.rows.map((r) => [r.row.price, r.row.effectiveFrom])).toEqual([['1.8', '2026-10-01']]);
    });

    test('the price book shows borrowed reseller prices, shared names never borrowed, and where hand-kept rows were checked', async ({ page }) => {
      await openApp(page, 'contracts');
      await page.getByTestId('tab-price-book').click();
      const panel = page.getByTestId('borrowed-prices');
      await panel.locator('summary').click();
      await expect(panel.getByRole('table', { name: 'Borrowed prices' })).toContainText('o4-mini');
      await expect(panel.getByRole('table', { name: 'Same name, different model' })).toContainText("input_mtok 0.1 against the publisher's 0.4");
      await screenshot(page, 'price-book-borrowed-panel');
      await page.getByTestId('price-search').fill('sup:aws:claude-sonnet-4-0:input:ctx200k');
      const grid = page.getByTestId('price-grid');
      await expect(grid.locator('.ag-row[row-index]')).toHaveCount(2);
      await expect(grid.locator('.ag-row[row-index]').first().locator('[col-id="checked"]')).toHaveText('2026-12-06');
      await grid.locator('.ag-row[row-index]').first().locator('[col-id="model"]').click();
      await expect(page.getByTestId('selected-row')).toContainText('source https://aws.amazon.com/bedrock/pricing · checked 2026-12-06');
      await screenshot(page, 'price-book-borrowed');
    });
  });
});

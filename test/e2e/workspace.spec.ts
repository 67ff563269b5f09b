import { mkdtempSync, existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { api, demoPath, expect, openApp, reopenDemo, screenshot, test } from './support/app';
import { demoLedgerLineCount } from '../helpers/demo-statements';
import { count } from './support/demo-data';

test.describe('browser-mode workspace menu', () => {
  let dir: string;
  test.beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'aispend-e2e-ws-'));
  });
  test.afterEach(async () => {
    await reopenDemo();
    rmSync(dir, { recursive: true, force: true });
  });

  test('Save As writes a copy and switches to it; saving over it again needs consent; Open goes back', async ({ page, guard }) => {
    // The refused second save answers 409, which the browser logs.
    guard.allowConsoleErrors.push(/status of 409/);
    await openApp(page);
    const target = path.join(dir, 'Board review.aispend');

    await page.getByRole('button', { name: 'Workspace' }).click();
    await page.getByRole('menuitem', { name: 'Save As…' }).click();
    const dialog = page.getByTestId('dialog-save-as');
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Save to file').fill(target);
    await screenshot(page, 'dialog-save-as-light');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('workspace-name')).toHaveText('Board review');
    await expect(page.getByTestId('workspace-path')).toHaveText(target);
    expect(existsSync(target)).toBe(true);
    const info = await api<{ path: string; ledgerLines: number; isDemo: boolean }>('workspace.info');
    expect(info).toMatchObject({ path: target, ledgerLines: demoLedgerLineCount(), isDemo: false });

    // Saving onto an existing file without "Replace" is refused with the backend's reason, naming the file.
    await page.getByRole('button', { name: 'Workspace' }).click();
    await page.getByRole('menuitem', { name: 'Save As…' }).click();
    await dialog.getByLabel('Save to file').fill(demoPath());
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByRole('alert')).toContainText('a file with this name already exists');
    await expect(dialog.getByRole('alert')).toContainText(demoPath());
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();

    // Open, from the recent list, brings the demo back.
    await page.getByRole('button', { name: 'Workspace' }).click();
    await page.getByRole('menuitem', { name: 'Open workspace…' }).click();
    const open = page.getByTestId('dialog-open');
    await open.getByRole('button', { name: /Acme Lending demo/ }).click();
    await expect(open).toBeHidden();
    await expect(page.getByTestId('workspace-name')).toHaveText('Acme Lending (demo)');
    await expect(page.getByTestId('workspace-path')).toHaveText(demoPath());
  });

  test('New creates an empty workspace (the views say so) and the keyboard drives the menu', async ({ page }) => {
    await openApp(page);
    const target = path.join(dir, 'Empty');
    const menuButton = page.getByRole('button', { name: 'Workspace' });
    await menuButton.focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('menuitem', { name: 'New workspace…' })).toBeFocused();
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('dialog-new');
    await dialog.getByLabel('Workspace file').fill(target);
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    // ".aispend" is added to a name typed without it.
    await expect(page.getByTestId('workspace-path')).toHaveText(`${target}.aispend`);
    await expect(page.getByTestId('workspace-name')).toHaveText('Empty');
    await expect(page.locator('[data-view="overview"]').getByTestId('empty-state')).toContainText('no usage yet');
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Imports' }).click();
    await expect(page.locator('[data-view="imports"]').getByTestId('empty-state')).toContainText('No statements imported yet');
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Ledger' }).click();
    // An empty workspace's ledger says what to do next instead of an empty grid.
    await expect(page.getByRole('region', { name: 'Ledger' }).getByTestId('empty-state')).toContainText('The ledger is empty');

    // Open by typing a path works too.
    await page.getByRole('button', { name: 'Workspace' }).click();
    await page.getByRole('menuitem', { name: 'Open workspace…' }).click();
    const open = page.getByTestId('dialog-open');
    await open.getByLabel('Or a workspace file').fill(demoPath());
    await open.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(page.getByTestId('workspace-name')).toHaveText('Acme Lending (demo)');
    await expect(page.getByTestId('ledger-status')).toContainText(`${count(demoLedgerLineCount())} lines`);
  });

  test('Rebuild demo runs as a job with progress, then opens the rebuilt file', async ({ page }) => {
    await openApp(page);
    await page.getByRole('button', { name: 'Workspace' }).click();
    await page.getByRole('menuitem', { name: 'Rebuild demo…' }).click();
    const dialog = page.getByTestId('dialog-demo');
    // The open demo cannot be rebuilt under itself: the dialog suggests a sibling file.
    await expect(dialog.getByLabel('Demo file')).toHaveValue(demoPath().replace(/\.aispend$/, ' (rebuilt).aispend'));
    const target = path.join(dir, 'Demo again.aispend');
    await dialog.getByLabel('Demo file').fill(target);
    await dialog.getByRole('button', { name: 'Rebuild' }).click();
    await expect(dialog).toBeHidden({ timeout: 60_000 });
    await expect(page.getByTestId('workspace-path')).toHaveText(target);
    await expect(page.getByTestId('workspace-name')).toHaveText('Acme Lending (demo)');
    await expect(page.getByTestId('kpi-lines')).toContainText(count(demoLedgerLineCount()));
    // The jobs panel keeps the finished job.
    await page.getByTestId('jobs-button').click();
    const panel = page.getByRole('region', { name: 'Jobs' });
    await expect(panel.locator('.job').first()).toContainText('Build demo workspace');
    await expect(panel.locator('.job').first()).toContainText('Done');
    await screenshot(page, 'jobs-panel-light');
  });
});

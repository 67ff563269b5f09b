import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { api, expect, openApp, reopenDemo, screenshot, test } from './support/app';

/**
 * A fresh workspace, nothing imported: every view and tab says what it will
 * hold and what to do next (a sentence and the action as a button or link),
 * never a blank area, an empty grid or a chart of zeros.
 */
interface Place {
  name: string;
  open: (page: Page) => Promise<void>;
  /** What the place says, and the control that takes the next step. */
  says: (view: Locator) => Promise<void>;
}

const importAction = async (view: Locator) => {
  const action = view.getByTestId('empty-action').filter({ visible: true });
  await expect(action).toHaveText('Import a statement');
  await expect(action).toHaveAttribute('href', '#/imports');
};

const tab = (area: string, id: string) => async (page: Page) => {
  await openApp(page, area);
  await page.getByTestId(`tab-${id}`).click();
};

const PLACES: Place[] = [
  {
    name: 'overview',
    open: (page) => openApp(page),
    says: async (view) => {
      await expect(view.getByTestId('empty-state').filter({ visible: true })).toContainText('This workspace has no usage yet');
      await importAction(view);
    },
  },
  {
    name: 'ledger',
    open: (page) => openApp(page, 'ledger'),
    says: async (view) => {
      await expect(view.getByTestId('empty-state').filter({ visible: true })).toContainText('The ledger is empty');
      await importAction(view);
      await expect(view.locator('.ag-root')).toHaveCount(0);
    },
  },
  {
    name: 'imports',
    open: (page) => openApp(page, 'imports'),
    says: async (view) => {
      await expect(view.getByTestId('empty-state').filter({ visible: true })).toContainText('No statements imported yet');
      await expect(view.getByRole('button', { name: 'Choose a file…' })).toBeVisible();
    },
  },
  {
    name: 'contracts-terms',
    open: tab('contracts', 'terms'),
    says: async (view) => {
      await expect(view.getByTestId('empty-state').filter({ visible: true })).toContainText('No contract open');
      await expect(view).toContainText('No contracts yet: add one, or import a term sheet.');
      await expect(view.getByRole('button', { name: 'New contract' })).toBeVisible();
    },
  },
  {
    name: 'contracts-invoice-check',
    open: tab('contracts', 'invoice-check'),
    says: async (view) => {
      await expect(view.getByTestId('empty-state').filter({ visible: true })).toContainText('Nothing to check yet');
      await importAction(view);
    },
  },
  {
    // The price book is never empty: the catalogue's list prices come with the app.
    name: 'contracts-price-book',
    open: tab('contracts', 'price-book'),
    says: async (view) => {
      await expect(view.getByTestId('price-grid').locator('.ag-row').first()).toBeVisible({ timeout: 30_000 });
    },
  },
  {
    name: 'allocation-showback',
    open: tab('allocation', 'showback'),
    says: async (view) => {
      await expect(view.getByTestId('empty-state').filter({ visible: true })).toContainText('No allocation policy yet');
      await expect(view.getByTestId('empty-state').filter({ visible: true }).getByRole('link', { name: 'Rules' })).toHaveAttribute('href', '#/allocation/rules');
    },
  },
  {
    name: 'allocation-budgets',
    open: tab('allocation', 'budgets'),
    says: async (view) => {
      await expect(view.getByTestId('empty-state').filter({ visible: true })).toContainText('No budgets yet');
      await expect(view.getByTestId('empty-state').filter({ visible: true }).getByRole('link', { name: 'Rules' })).toHaveAttribute('href', '#/allocation/rules');
    },
  },
  {
    name: 'allocation-anomalies',
    open: tab('allocation', 'anomalies'),
    says: async (view) => {
      await expect(view.getByTestId('empty-state').filter({ visible: true })).toContainText('No usage to watch yet');
      await importAction(view);
      await expect(view).not.toContainText('daily series from');
    },
  },
  {
    name: 'allocation-energy',
    open: tab('allocation', 'energy'),
    says: async (view) => {
      await expect(view.getByTestId('empty-state').filter({ visible: true })).toContainText('No teams to show');
      await expect(view.getByTestId('energy-by-model-empty').getByRole('link', { name: 'import a vendor statement' })).toHaveAttribute('href', '#/imports');
    },
  },
  {
    name: 'allocation-rules',
    open: tab('allocation', 'rules'),
    says: async (view) => {
      await expect(view).toContainText('This workspace has no policy yet: this is a template to start from.');
      await expect(view.getByRole('button', { name: 'Save policy' })).toBeVisible();
    },
  },
  {
    name: 'scenarios-scenarios',
    open: tab('scenarios', 'scenarios'),
    says: async (view) => {
      await expect(view.getByTestId('empty-state').filter({ visible: true })).toContainText('No scenario files yet');
      await expect(view).not.toContainText('cannot run');
      // The action starts a file here: the new-file dialog opens.
      await view.getByTestId('empty-action').filter({ visible: true }).click();
      await expect(view.page().getByRole('dialog')).toBeVisible();
      await view.page().keyboard.press('Escape');
    },
  },
  {
    name: 'scenarios-drivers',
    open: tab('scenarios', 'drivers'),
    says: async (view) => {
      await expect(view).toContainText('No business drivers yet: import a table or add one.');
      await expect(view.getByRole('button', { name: 'New driver' })).toBeVisible();
    },
  },
  {
    name: 'scenarios-mapping',
    open: tab('scenarios', 'mapping'),
    says: async (view) => {
      await expect(view.getByTestId('derived-empty').getByRole('link', { name: 'import a vendor statement' })).toHaveAttribute('href', '#/imports');
      await expect(view.getByRole('button', { name: 'Add a rule' })).toBeVisible();
    },
  },
  {
    name: 'export',
    open: (page) => openApp(page, 'export'),
    says: async (view) => {
      await expect(view.getByTestId('empty-state').filter({ visible: true })).toContainText('No scenario files yet');
      const action = view.getByTestId('empty-action').filter({ visible: true });
      await expect(action).toHaveText('Build a scenario');
      await expect(action).toHaveAttribute('href', '#/scenarios');
    },
  },
];

test.describe('a fresh workspace: every view and tab says what to do next', () => {
  let dir: string;
  test.beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'aispend-e2e-empty-'));
    await api('workspace.new', { path: path.join(dir, 'Empty.aispend') });
  });
  test.afterEach(async () => {
    await reopenDemo();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const place of PLACES) {
    test(place.name, async ({ page }) => {
      await place.open(page);
      const view = page.locator('[data-view]:not([hidden])');
      await place.says(view);
      // No chart drawn over nothing.
      await expect(view.locator('.chart-canvas')).toHaveCount(0);
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
      expect(serious, place.name).toEqual([]);
      await screenshot(page, `empty-${place.name}`);
    });
  }

  test('the overview’s action leads to the imports, where a file is chosen', async ({ page }) => {
    await openApp(page);
    await page.getByTestId('empty-action').click();
    await expect(page.locator('[data-view="imports"] h1')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Choose a file…' })).toBeVisible();
  });
});

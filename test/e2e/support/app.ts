import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Page } from '@playwright/test';

export { expect };

export function hostUrl(): string {
  const url = process.env.AISPEND_E2E_URL;
  if (!url) throw new Error('AISPEND_E2E_URL is not set: run through playwright.config.ts (its globalSetup starts the host)');
  return url;
}

function token(): string {
  return process.env.AISPEND_E2E_TOKEN ?? '';
}

export function dataHome(): string {
  return process.env.AISPEND_E2E_HOME ?? '';
}

/** Calls the host's API from the test process, as the page does (same token). */
export async function api<T = unknown>(method: string, input: unknown = {}): Promise<T> {
  const response = await fetch(`${hostUrl()}api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-workbench-token': token() },
    body: JSON.stringify({ method, input }),
  });
  const body = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${method} failed: ${body.error?.message}`);
  return body.value as T;
}

/** The demo workspace the host built on first start. */
export function demoPath(): string {
  return path.join(dataHome(), 'workspaces', 'Acme Lending demo.aispend');
}

/** Puts the demo back as the open workspace (tests that switch workspaces call this after). */
export async function reopenDemo(): Promise<void> {
  await api('workspace.open', { path: demoPath() });
}

/** Opens the app at a view the way a user does: the printed link with its token, then the view's link. */
export async function openApp(page: Page, view = 'overview'): Promise<void> {
  await page.goto(`${hostUrl()}#token=${token()}`);
  await expect(page.getByTestId('workspace-name')).toBeVisible();
  if (view !== 'overview') await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: new RegExp(`^${view}$`, 'i') }).click();
  await expect(page.locator(`[data-view="${view}"] h1`)).toBeVisible();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'test-results', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

interface Guard {
  /** Console errors matching these are expected in this test (e.g. the 409 an inline error comes from). */
  allowConsoleErrors: RegExp[];
}

/**
 * Every test fails on a console error, an uncaught page error or a CSP
 * violation, unless the test declares the error expected.
 */
export const test = base.extend<{ guard: Guard }>({
  guard: [
    async ({ page }, use) => {
      const problems: string[] = [];
      const guard: Guard = { allowConsoleErrors: [] };
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`);
        });
      });
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        const text = message.text();
        if (guard.allowConsoleErrors.some((re) => re.test(text))) return;
        problems.push(`console error: ${text}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      await use(guard);
      expect(problems, 'console errors, page errors or CSP violations during the test').toEqual([]);
    },
    { auto: true },
  ],
});

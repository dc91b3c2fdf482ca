import { test as base, expect } from '@playwright/test';
import { AppShell } from './page-models/app-shell.ts';
import { InventoryPage } from './page-models/inventory-page.ts';
import { LoginPage } from './page-models/login-page.ts';

export const DEMO_PASSWORD = 'demo1234';
export const USERS = {
  admin: 'admin@demo.example',
  manager: 'gerente@demo.example',
  ana: 'ana@demo.example',
  luis: 'luis@demo.example',
  marta: 'marta@demo.example',
  viewer: 'visor@demo.example',
} as const;

interface Fixtures {
  loginPage: LoginPage;
  shell: AppShell;
  inventory: InventoryPage;
}

/** Playwright's test with the server URL as baseURL and the page models as fixtures. */
export const test = base.extend<Fixtures>({
  // Playwright reads fixture dependencies from an object pattern; this one has none.
  // oxlint-disable-next-line no-empty-pattern
  baseURL: async ({}, use) => {
    const url = process.env.LOTBOOK_E2E_URL;
    if (!url) throw new Error('LOTBOOK_E2E_URL is not set: run through playwright.config.ts (global setup)');
    await use(url);
  },
  loginPage: async ({ page }, use) => use(new LoginPage(page)),
  shell: async ({ page }, use) => use(new AppShell(page)),
  inventory: async ({ page }, use) => use(new InventoryPage(page)),
});

export { expect };

import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, USERS } from './fixtures.ts';

/** Runs axe (WCAG 2.1 A/AA) and returns the serious and critical violations, readable. */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

for (const theme of ['light', 'dark'] as const) {
  test.describe(`axe: no serious or critical violations (${theme} theme)`, () => {
    // axe runs are heavy on a 2-core machine.
    test.describe.configure({ timeout: 150_000 });
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme });
    });

    test('login and inventory (cards with filters, list)', async ({ page, loginPage, inventory }) => {
      await loginPage.goto();
      expect(await seriousViolations(page), 'login').toEqual([]);
      await loginPage.loginAs(USERS.manager);
      await inventory.goto();
      await expect(inventory.items().first()).toBeVisible();
      await page.getByRole('button', { name: /filtros/i }).click();
      expect(await seriousViolations(page), 'inventory (cards, filters open)').toEqual([]);
      await inventory.setView('list');
      expect(await seriousViolations(page), 'inventory (list)').toEqual([]);
    });

    test('vehicle detail, edit form and VIN scan', async ({ page, loginPage, inventory }) => {
      await loginPage.loginAs(USERS.manager);
      await inventory.goto();
      await inventory.openFirst();
      expect(await seriousViolations(page), 'vehicle detail').toEqual([]);
      await page.getByRole('link', { name: /editar/i }).click();
      await expect(page.getByRole('heading', { level: 1, name: /editar coche/i })).toBeVisible();
      expect(await seriousViolations(page), 'vehicle form').toEqual([]);
      await page.goto('/inventory/scan');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      expect(await seriousViolations(page), 'scan VIN').toEqual([]);
    });

    test('notifications, conflicts, settings, today, customers, sales, more and the sync details dialog', async ({ page, loginPage }) => {
      await loginPage.loginAs(USERS.manager);
      for (const path of ['/notifications', '/conflicts', '/settings', '/today', '/customers', '/sales', '/sales/new', '/more']) {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        expect(await seriousViolations(page), path).toEqual([]);
      }
      await page.getByTestId('sync-chip').click();
      await expect(page.getByTestId('sync-details')).toBeVisible();
      expect(await seriousViolations(page), 'sync details dialog').toEqual([]);
    });
  });
}

import { expect, test, USERS } from './fixtures.ts';
import { seriousViolations } from './support/axe.ts';


for (const theme of ['light', 'dark'] as const) {
  test.describe(`axe: no serious or critical violations (${theme} theme)`, () => {
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

    test('notifications, conflicts, settings, today, customers, sales, dashboard, more and the sync details dialog', async ({ page, loginPage }) => {
      await loginPage.loginAs(USERS.manager);
      for (const path of ['/notifications', '/conflicts', '/settings', '/today', '/customers', '/sales', '/sales/new', '/dashboard', '/more']) {
        // Each goto is a cold start of the app; the heading below is what the test waits for.
        await page.goto(path, { waitUntil: 'domcontentloaded' });
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        expect(await seriousViolations(page), path).toEqual([]);
      }
      await page.getByTestId('sync-chip').click();
      await expect(page.getByTestId('sync-details')).toBeVisible();
      expect(await seriousViolations(page), 'sync details dialog').toEqual([]);
    });
  });
}

import { expect, test, USERS } from './fixtures.ts';
import { InventoryPage } from './page-models/inventory-page.ts';
import { LoginPage } from './page-models/login-page.ts';

test('the service worker controls the page, and offline a reload shows the app with its data', async ({ page, context, loginPage, shell, inventory }) => {
  await loginPage.loginAs(USERS.ana);
  await shell.waitForServiceWorkerControl();
  await inventory.goto();
  const total = await inventory.total();
  expect(total).toBeGreaterThan(0);
  // Sold cars are hidden by default: the list shows the cars in stock out of every car on the device.
  await expect.poll(() => inventory.shown()).toBeGreaterThan(0);
  const inStock = await inventory.shown();
  expect(inStock).toBeLessThanOrEqual(total);

  await context.setOffline(true);
  await page.reload();
  await expect(inventory.heading()).toBeVisible();
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  expect(await inventory.total()).toBe(total);
  await expect(inventory.items().first()).toBeVisible();
  await expect(shell.syncChip()).toHaveAttribute('data-state', 'offline');
  await expect(shell.firstSyncBar()).toHaveCount(0);

  // Local search keeps working offline, and ignores accents and case.
  await inventory.search().fill('león');
  await expect.poll(() => inventory.shown()).toBeLessThan(inStock);
  const withAccent = await inventory.shown();
  expect(withAccent).toBeGreaterThan(0);
  await inventory.search().fill('LEON');
  await expect(inventory.search()).toHaveValue('LEON');
  await expect.poll(() => inventory.shown()).toBe(withAccent);
  await inventory.search().fill('zzzz-no-such-car');
  await expect.poll(() => inventory.shown()).toBe(0);

  // A deep link opens offline too (navigation fallback to the cached shell).
  await inventory.search().fill('');
  // Let the virtual list settle back to every car in stock before clicking, or the click may hit
  // a row that is being replaced.
  await expect.poll(() => inventory.shown()).toBe(inStock);
  await inventory.openFirst();
  const url = page.url();
  await page.goto(url);
  await expect(page.getByTestId('reservation')).toBeAttached();
});

test('a reservation made offline syncs when the connection returns, and another device sees it', async ({ browser, baseURL, page, context, loginPage, shell, inventory }) => {
  await loginPage.loginAs(USERS.ana);
  await shell.waitForServiceWorkerControl();
  await inventory.goto('?status=available&ordering=-price');
  await inventory.openFirst();
  const vehicleUrl = new URL(page.url()).pathname;

  await context.setOffline(true);
  await page.getByRole('button', { name: /reservar 48 h/i }).click();
  await expect(page.getByTestId('reservation')).toContainText(/reservado por ti/i);
  await expect.poll(() => shell.pending()).toBeGreaterThan(0);
  await expect(shell.syncChip()).toHaveAttribute('data-state', 'offline');

  await context.setOffline(false);
  await shell.waitForSynced();

  // A second device (the manager's desktop) pulls the reservation.
  const other = await browser.newContext({ baseURL, locale: 'es-ES', timezoneId: 'Europe/Madrid' });
  const otherPage = await other.newPage();
  await new LoginPage(otherPage).loginAs(USERS.manager);
  await otherPage.goto(vehicleUrl);
  await expect(otherPage.getByTestId('reservation')).toContainText(/reservado por ana/i);
  await expect(new InventoryPage(otherPage).page.getByRole('button', { name: /liberar reserva/i })).toBeVisible();
  // The manager may record the sale of Ana's reservation: it goes to Ana, the only one the server accepts.
  await otherPage.getByTestId('record-sale').click();
  await expect(otherPage.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(otherPage.getByLabel(/^comercial$/i).locator('option:checked')).toHaveText(/^ana /i);
  await other.close();
});

import { expect, test, USERS } from './fixtures.ts';
import { AppShell } from './page-models/app-shell.ts';
import { InventoryPage } from './page-models/inventory-page.ts';

/**
 * Two tabs of the app on one device: RxDB elects one tab to replicate. A write made in the other
 * tab is still counted as pending in both, and both see it go out when the connection returns.
 */
test('a second tab shows the pending writes it made offline, and their sync', async ({ page, context, loginPage, shell }) => {
  await loginPage.loginAs(USERS.marta);

  const tab2 = await context.newPage();
  const shell2 = new AppShell(tab2);
  const inventory2 = new InventoryPage(tab2);
  await inventory2.goto('?status=available&ordering=-year');
  await expect(shell2.syncChip()).toHaveAttribute('data-state', 'ok');

  await context.setOffline(true);
  await inventory2.openFirst();
  await tab2.getByRole('button', { name: /reservar 48 h/i }).click();
  await expect(tab2.getByTestId('reservation')).toContainText(/reservado por ti/i);
  // A reservation is two writes (the car and an inventory movement), counted in both tabs.
  await expect(shell2.syncChip()).toHaveAttribute('data-pending', '2');
  await expect(shell.syncChip()).toHaveAttribute('data-pending', '2');

  await context.setOffline(false);
  await shell.waitForSynced();
  await shell2.waitForSynced();
  await expect(page.getByTestId('sync-chip')).toHaveAttribute('data-pending', '0');
});

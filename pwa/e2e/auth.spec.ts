import { expect, test, USERS } from './fixtures.ts';

test('a wrong password shows an error and keeps the user on the login screen', async ({ page, loginPage }) => {
  await loginPage.goto();
  await loginPage.fill(USERS.ana, 'not-the-password');
  await expect(loginPage.error()).toHaveText(/correo o contraseña incorrectos/i);
  await expect(loginPage.email()).toBeVisible();
  await expect(page.getByTestId('sync-chip')).toHaveCount(0);
});

test('the session survives a reload, and logout warns about unsynced changes before wiping', async ({ page, context, loginPage, shell, inventory }) => {
  await loginPage.loginAs(USERS.luis);
  await page.reload();
  await expect(shell.syncChip()).toBeVisible();

  // Make an unsynced change: reserve a car while offline.
  await inventory.goto('?status=available&ordering=price');
  await inventory.openFirst();
  await context.setOffline(true);
  await page.getByRole('button', { name: /reservar 48 h/i }).click();
  // A reservation is two local writes (the vehicle and an inventory movement); wait for both.
  await expect.poll(() => shell.pending()).toBe(2);
  const pending = await shell.pending();

  // Today keeps a copy of the user's follow-ups in localStorage; logout must take it too.
  await shell.goTo(/^hoy$/i);
  await expect(page.getByRole('heading', { level: 1, name: /mi día/i })).toBeVisible();
  await expect.poll(() => page.evaluate(() => localStorage.getItem('lotbook.today.v1'))).not.toBeNull();

  await shell.openSettings();
  await page.getByRole('button', { name: /^cerrar sesión$/i }).click();
  const dialog = page.getByTestId('logout-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading')).toHaveText(new RegExp(`${pending} cambios? aún no se ha`, 'i'));
  await dialog.getByRole('button', { name: /cancelar/i }).click();
  await expect(dialog).toBeHidden();
  await expect(shell.syncChip()).toHaveAttribute('data-pending', String(pending));

  await page.getByRole('button', { name: /^cerrar sesión$/i }).click();
  await dialog.getByRole('button', { name: /cerrar sesión y descartar/i }).click();
  await expect(loginPage.email()).toBeVisible();
  // Logout shows the login screen, then reloads the page: read storage once that has settled.
  await expect(async () => {
    const left = await page.evaluate(() => ['lotbook.session', 'lotbook.today.v1', 'lotbook.device_owner'].map((k) => localStorage.getItem(k)));
    expect(left).toEqual([null, null, null]);
  }).toPass({ timeout: 30_000 });
});

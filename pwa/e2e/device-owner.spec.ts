import { expect, test, USERS } from './fixtures.ts';
import { WalkInPage } from './page-models/walk-in-page.ts';

/**
 * A device whose session vanished (storage cleared, a crash mid-logout) still holds the last
 * user's data. Someone else logging in must never see it, and unsent writes are never dropped
 * without asking.
 */

test('logging in as another user asks before dropping unsent writes, then wipes the old data', async ({ page, context, loginPage, shell }) => {
  await loginPage.loginAs(USERS.ana);
  await shell.waitForServiceWorkerControl();
  const walkIn = new WalkInPage(page);
  const tag = crypto.randomUUID().slice(0, 6);
  const lead = { first: 'Olvido', last: `Owner${tag}`, phone: '612 345 678', notes: `Nota ${tag}` };

  // Ana captures a walk-in offline, then the session disappears from the device.
  await context.setOffline(true);
  await walkIn.goto();
  const leadPath = await walkIn.capture(lead);
  await expect.poll(() => shell.pending()).toBeGreaterThan(0);
  const pending = await shell.pending();
  await page.evaluate(() => localStorage.removeItem('lotbook.session'));
  await page.reload();
  await expect(loginPage.email()).toBeVisible();
  await context.setOffline(false);

  // Luis logs in: the device warns that Ana's writes were never sent, and going back keeps them.
  await loginPage.fill(USERS.luis, 'demo1234');
  const dialog = page.getByTestId('other-user-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading')).toHaveText(new RegExp(`${pending} cambios? sin enviar de ${USERS.ana}`, 'i'));
  await dialog.getByRole('button', { name: /^volver$/i }).click();
  await expect(dialog).toBeHidden();
  await expect(shell.syncChip()).toHaveCount(0);

  // Ana logs in again: her data is still here (no first download) and the queue goes out.
  await loginPage.email().fill(USERS.ana);
  await loginPage.password().fill('demo1234');
  await loginPage.submit().click();
  await shell.waitForSynced();
  await page.goto(leadPath);
  await expect(page.getByRole('heading', { level: 1, name: `${lead.first} ${lead.last}` })).toBeVisible();

  // The session vanishes again; with nothing unsent, Luis gets in without a question, and Ana's
  // lead (outside his scope) is gone from the device.
  await page.evaluate(() => localStorage.removeItem('lotbook.session'));
  await page.reload();
  await loginPage.loginAs(USERS.luis);
  await expect(page.getByTestId('other-user-dialog')).toBeHidden();
  await page.goto(leadPath);
  await expect(page.getByText(/lead no encontrado|lead not found/i).first()).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: `${lead.first} ${lead.last}` })).toHaveCount(0);
});

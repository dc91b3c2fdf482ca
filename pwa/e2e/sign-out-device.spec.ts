import { DEMO_PASSWORD, expect, test, USERS } from './fixtures.ts';
import { AppShell } from './page-models/app-shell.ts';
import { LoginPage } from './page-models/login-page.ts';
import { seriousViolations } from './support/axe.ts';

test('My account → "sign out this device" ends that device at once; this one keeps working', async ({ page, browser, baseURL, loginPage }) => {
  // The laptop logs in first, then the phone: the phone's session is the newest other one.
  await loginPage.loginAs(USERS.luis, DEMO_PASSWORD);
  const phone = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'es-ES' });
  try {
    const p = await phone.newPage();
    await new LoginPage(p).loginAs(USERS.luis, DEMO_PASSWORD);
    await new AppShell(p).waitForInitialSync();

    await page.goto('/settings');
    const sessions = page.getByTestId('account-session');
    await expect(sessions.getByTestId('this-device')).toHaveCount(1);
    const other = sessions.filter({ has: page.getByRole('button', { name: /cerrar sesión en ese dispositivo|sign out this device/i }) }).first();
    await expect(other).toBeVisible();
    expect(await seriousViolations(page), 'my account with sessions').toEqual([]);
    await other.getByRole('button', { name: /cerrar sesión en ese dispositivo|sign out this device/i }).click();

    // The idle phone is told by its change stream (and would be by its next request).
    await expect(p.getByTestId('relogin-dialog')).toBeVisible({ timeout: 60_000 });
    await expect(p.getByTestId('relogin-reason')).toHaveAttribute('data-reason', 'session_revoked');
    // The laptop was not signed out: it still reads its sessions from the server.
    await page.reload();
    await expect(page.getByTestId('account-session').getByTestId('this-device')).toHaveCount(1);
    await expect(page.getByTestId('relogin-dialog')).not.toBeVisible();
  } finally {
    await phone.close();
  }
});

import { DEMO_PASSWORD, expect, test, USERS } from './fixtures.ts';
import { AppShell } from './page-models/app-shell.ts';
import { LoginPage } from './page-models/login-page.ts';
import { seriousViolations } from './support/axe.ts';

test('an admin adds a salesperson, who sets a password from the link on a phone and logs in; deactivation ends the session', async ({ page, browser, baseURL, loginPage }) => {
  const email = `nueva.${Date.now().toString(36)}@demo.example`;
  await loginPage.loginAs(USERS.admin, DEMO_PASSWORD);
  await page.goto('/admin/team');
  await expect(page.getByRole('heading', { level: 1, name: /equipo|team/i })).toBeVisible();
  await expect(page.getByTestId('team-member').first()).toBeVisible();
  expect(await seriousViolations(page), 'team screen').toEqual([]);

  for (const [path, heading] of [['/admin/dealership', /concesionario|dealership/i], ['/admin/audit', /auditoría|audit log/i]] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(page.getByRole('button', { name: /^guardar$|^save$|^siguiente$|^next$/i })).toBeVisible();
    expect(await seriousViolations(page), path).toEqual([]);
  }
  await page.goto('/settings');
  await expect(page.getByRole('heading', { level: 2, name: /mi cuenta|my account/i })).toBeVisible();
  expect(await seriousViolations(page), 'settings with my account').toEqual([]);
  await page.goto('/admin/team');
  await page.getByRole('button', { name: /añadir persona|add person/i }).click();
  const form = page.getByTestId('member-form');
  await form.getByLabel(/^nombre$|^first name$/i).fill('Lucía');
  await form.getByLabel(/^apellidos$|^last name$/i).fill('Prueba');
  await form.getByLabel(/correo electrónico|^email$/i).fill(email);
  await form.getByLabel(/^lunes$|^monday$/i).fill('09:00-14:00, 16:00-20:00');
  await form.getByLabel(/días libres|days off/i).fill('2026-12-24, 2026-12-31');
  expect(await seriousViolations(page), 'member form').toEqual([]);
  await form.getByRole('button', { name: /^guardar$|^save$/i }).click();
  const link = await page.getByTestId('one-time-link').inputValue();
  expect(link).toMatch(/\/set-password#token=/);
  await page.getByTestId('link-dialog').getByRole('button', { name: /cerrar|close/i }).click();

  // The new salesperson, on a phone.
  const phone = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'es-ES' });
  const p = await phone.newPage();
  try {
    await p.goto(link.replace(/^https?:\/\/[^/]+/, ''));
    await expect(p.getByText(/Lucía/)).toBeVisible();
    expect(await seriousViolations(p), 'set-password screen').toEqual([]);
    await p.getByLabel(/nueva contraseña|new password/i).fill('lucia-clave-segura');
    await p.getByLabel(/repite la contraseña|repeat the password/i).fill('lucia-clave-segura');
    await p.getByRole('button', { name: /guardar contraseña|save password/i }).click();
    await expect(p.getByTestId('password-set')).toBeVisible();
    await p.getByRole('link', { name: /iniciar sesión|go to login/i }).click();
    const phoneLogin = new LoginPage(p);
    await phoneLogin.fill(email, 'lucia-clave-segura');
    await new AppShell(p).waitForInitialSync();
    // A salesperson cannot see the team screen: no menu entry, and the address sends her away.
    await expect(p.getByRole('link', { name: /^equipo$|^team$/i })).toHaveCount(0);
    await p.goto('/admin/team');
    await expect(p).toHaveURL(/\/today$/);
    // The link was used: opening it again is refused.
    const again = await phone.newPage();
    await again.goto(link.replace(/^https?:\/\/[^/]+/, ''));
    await expect(again.getByTestId('link-error')).toBeVisible();
    await again.close();

    // The admin deactivates her: her session ends on the phone.
    const row = page.getByTestId('team-member').filter({ hasText: email });
    await row.getByRole('button', { name: /^desactivar$|^deactivate$/i }).click();
    await page.getByTestId('deactivate-dialog').getByRole('button', { name: /^desactivar$|^deactivate$/i }).click();
    await expect(row).toContainText(/inactivo|inactive/i);
    // Her idle phone is told at once: the server closes her change stream with `revoked`.
    await expect(p.getByTestId('relogin-dialog')).toBeVisible({ timeout: 60_000 });
    await expect(p.getByTestId('relogin-reason')).toHaveAttribute('data-reason', 'session_revoked');
    // Reopened, the app's first requests (the dashboard's figures, the sync) are refused and it says so again.
    await p.goto('/dashboard');
    await expect(p.getByTestId('relogin-dialog')).toBeVisible({ timeout: 60_000 });
    await expect(p.getByTestId('relogin-reason')).toHaveAttribute('data-reason', 'session_revoked');
  } finally {
    await phone.close();
  }
});

import { expect, test, USERS } from './fixtures.ts';
import { AppShell } from './page-models/app-shell.ts';
import { LoginPage } from './page-models/login-page.ts';

/**
 * The service worker's Web Push handler (public/push-sw.js, imported by Workbox's worker) in real
 * Chromium: a push delivered through the DevTools protocol (ServiceWorker.deliverPushMessage)
 * shows a native notification with the server's payload, and a click on it opens its deep link.
 * The Settings section that turns push on is on the same phone-sized screen.
 */
test.use({ viewport: { width: 390, height: 844 } });

test('a push shows a notification and a click opens its deep link', async ({ page, context, loginPage, shell, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  await context.grantPermissions(['notifications'], { origin });
  await loginPage.loginAs(USERS.ana);
  await shell.openSettings();
  await expect(page.getByRole('heading', { level: 2, name: 'Notificaciones' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Activar notificaciones en este dispositivo' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Lead caliente: Push' })).toBeChecked();

  // The service worker is installed and controls the page (clientsClaim on first install).
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 120_000 });
  const cdp = await context.newCDPSession(page);
  const registration = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const r = registrations.find((x) => x.scopeURL.startsWith(origin) && !x.isDeleted);
      if (r) resolve(r.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  const registrationId = await registration;
  const payload = { id: 'n-1', type: 'daily_report', title: 'Informe diario del 2026-12-06', body: '3 ventas, 7 leads nuevos', url: '/notifications/daily-report' };
  await cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId, data: JSON.stringify(payload) });

  const shown = async () =>
    page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data as unknown })));
  await expect.poll(shown, { timeout: 30_000 }).toEqual([{ title: payload.title, body: payload.body, tag: 'n-1', data: { url: '/notifications/daily-report' } }]);

  // A click on the notification (dispatched in the worker: the OS notification is not clickable
  // from the test) navigates the open window to the deep link.
  const worker = context.serviceWorkers().find((w) => w.url().startsWith(origin));
  expect(worker).toBeDefined();
  await worker!.evaluate(async () => {
    const sw = self as unknown as { registration: ServiceWorkerRegistration; dispatchEvent(e: Event): boolean };
    const [n] = await sw.registration.getNotifications();
    const Ev = (self as unknown as { NotificationEvent: new (type: string, init: { notification: Notification }) => Event }).NotificationEvent;
    sw.dispatchEvent(new Ev('notificationclick', { notification: n! }));
  });
  await expect(page).toHaveURL(/\/notifications\/daily-report$/, { timeout: 30_000 });
  await expect(page.getByRole('heading', { level: 1, name: 'Informe diario' })).toBeVisible();
  await expect.poll(shown).toEqual([]);
});

test('notification preferences and quiet hours are saved from Settings, come back after a reload, and an offline edit reaches another device', async ({ browser, baseURL, context, page, loginPage, shell }) => {
  await loginPage.loginAs(USERS.luis);
  await shell.openSettings();
  // The channels table fits the 390 px phone: nothing scrolls sideways.
  await expect(page.getByRole('table')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const email = page.getByRole('checkbox', { name: 'Lead caliente: Correo' });
  await expect(email).not.toBeChecked();
  await email.check();
  await page.getByLabel('Desde').fill('22:00');
  await page.getByLabel('Hasta').fill('07:00');
  await page.getByRole('button', { name: 'Guardar preferencias' }).click();
  await expect(page.getByText('Preferencias guardadas')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Ajustes' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Lead caliente: Correo' })).toBeChecked();
  await expect(page.getByLabel('Desde')).toHaveValue('22:00');
  await expect(page.getByLabel('Hasta')).toHaveValue('07:00');
  // In the app always lands: that box cannot be turned off.
  await expect(page.getByRole('checkbox', { name: 'Lead caliente: En la app' })).toBeDisabled();

  // Offline: the preferences are a replicated document, saved on the device and pending until synced.
  await shell.waitForSynced();
  await context.setOffline(true);
  await page.getByLabel('Desde').fill('23:15');
  await page.getByRole('button', { name: 'Guardar preferencias' }).click();
  await expect(page.getByText('Preferencias guardadas en este dispositivo', { exact: false })).toBeVisible();
  await expect.poll(() => shell.pending()).toBeGreaterThan(0);
  await context.setOffline(false);
  await shell.waitForSynced();

  // A second device of luis pulls them.
  const other = await browser.newContext({ baseURL, locale: 'es-ES', timezoneId: 'Europe/Madrid', viewport: { width: 390, height: 844 } });
  const otherPage = await other.newPage();
  await new LoginPage(otherPage).loginAs(USERS.luis);
  await new AppShell(otherPage).openSettings();
  await expect(otherPage.getByLabel('Desde')).toHaveValue('23:15', { timeout: 120_000 });
  await expect(otherPage.getByLabel('Hasta')).toHaveValue('07:00');
  await expect(otherPage.getByRole('checkbox', { name: 'Lead caliente: Correo' })).toBeChecked();
  await other.close();
});

import { expect, test, USERS } from './fixtures.ts';
import { LoginPage } from './page-models/login-page.ts';
import { WalkInPage } from './page-models/walk-in-page.ts';

test('a walk-in captured offline survives a reload, syncs, and the manager sees it', async ({ browser, baseURL, page, context, loginPage, shell }) => {
  await loginPage.loginAs(USERS.ana);
  await shell.waitForServiceWorkerControl();
  const walkIn = new WalkInPage(page);
  const tag = crypto.randomUUID().slice(0, 6);
  const lead = { first: 'Íñigo', last: `Walkin${tag}`, phone: '612 345 678', notes: `Busca SUV ${tag}` };

  await context.setOffline(true);
  await walkIn.goto();
  const leadPath = await walkIn.capture(lead);
  await expect(walkIn.timeline()).toContainText(lead.notes);
  await expect.poll(() => shell.pending()).toBeGreaterThan(0);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: `${lead.first} ${lead.last}` })).toBeVisible();
  await expect(walkIn.timeline()).toContainText(lead.notes);
  await page.goto('/leads');
  await expect(page.getByRole('link', { name: new RegExp(lead.last) })).toBeVisible();

  await context.setOffline(false);
  await shell.waitForSynced();

  const other = await browser.newContext({ baseURL, locale: 'es-ES', timezoneId: 'Europe/Madrid' });
  const managerPage = await other.newPage();
  await new LoginPage(managerPage).loginAs(USERS.manager);
  await managerPage.goto('/leads');
  const row = managerPage.getByRole('link', { name: new RegExp(lead.last) });
  await expect(row).toBeVisible({ timeout: 90_000 });
  await row.click();
  await expect(managerPage).toHaveURL(new RegExp(`${leadPath}$`));
  await expect(managerPage.getByTestId('lead-timeline')).toContainText(lead.notes);
  await other.close();
});

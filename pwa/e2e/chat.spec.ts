import { expect, test, USERS, DEMO_PASSWORD } from './fixtures.ts';
import { seriousViolations } from './support/axe.ts';

// A phone on the lot: ask online, then lose the signal and ask again.
test.use({ viewport: { width: 390, height: 844 } });

const STORY = '¿Qué SUVs Toyota tenemos bajo 40.000 €?';

test('the assistant answers online with source cards, and offline from the device data with the same cars', async ({ page, context, loginPage, shell }) => {
  await loginPage.goto();
  await loginPage.fill(USERS.ana, DEMO_PASSWORD);
  await shell.waitForInitialSync();
  await shell.goTo(/asistente|assistant/i);
  await expect(page.getByRole('heading', { name: /asistente/i })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByLabel(/tu pregunta/i).fill(STORY);
  await page.getByRole('button', { name: /^enviar$/i }).click();
  const online = page.getByTestId('chat-answer').last();
  await expect(online).toHaveAttribute('data-origin', 'server');
  await expect(online.getByRole('button', { name: /respuesta útil/i })).toBeVisible({ timeout: 30_000 });
  const onlineText = (await online.locator('.chat-text').textContent()) ?? '';
  const found = /Encontré (\d+) coche/.exec(onlineText)?.[1];
  expect(found).toBeDefined();
  const onlineLinks = await online.locator('a.chat-source').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(onlineLinks.length).toBeGreaterThan(0);
  expect(onlineLinks.every((h) => h?.startsWith('/inventory/'))).toBe(true);
  await online.getByRole('button', { name: /respuesta útil/i }).click();
  await expect(online.getByRole('button', { name: /respuesta útil/i })).toHaveAttribute('aria-pressed', 'true');
  expect(await seriousViolations(page)).toEqual([]);

  await context.setOffline(true);
  await expect(page.getByRole('status').filter({ hasText: /sin conexión: respondo con los datos/i })).toBeVisible();
  await page.getByRole('button', { name: /^nueva$/i }).click();
  await page.getByLabel(/tu pregunta/i).fill(STORY);
  await page.getByRole('button', { name: /^enviar$/i }).click();
  const offline = page.getByTestId('chat-answer').last();
  await expect(offline).toHaveAttribute('data-origin', 'device');
  await expect(offline).toContainText(/respuesta desde los datos del dispositivo/i);
  await expect(offline.locator('.chat-text')).toContainText(`Encontré ${found} coche`);
  const offlineLinks = await offline.locator('a.chat-source').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(new Set(offlineLinks)).toEqual(new Set(onlineLinks));
  expect(await seriousViolations(page)).toEqual([]);
  await offline.locator('a.chat-source').first().click();
  await expect(page).toHaveURL(/\/inventory\/[0-9a-f-]{36}$/);
  await context.setOffline(false);
});

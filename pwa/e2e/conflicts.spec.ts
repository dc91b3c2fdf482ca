import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, USERS } from './fixtures.ts';
import { openDevice } from './page-models/devices.ts';
import { PWA_DIR } from './support/server.ts';

const SHOTS = join(PWA_DIR, 'e2e', 'artifacts', 'screenshots');

test('two reps reserve the same car offline: the second gets a translated conflict and keeps theirs', async ({ browser, baseURL }) => {
  const ana = await openDevice(browser, baseURL, USERS.ana);
  const marta = await openDevice(browser, baseURL, USERS.marta, { viewport: { width: 390, height: 844 } });

  // Both open the same available car (the 3rd most expensive, so other specs' picks stay apart).
  await ana.inventory.goto('?status=available&ordering=-price');
  await ana.inventory.items().nth(2).click();
  const carUrl = new URL(ana.page.url()).pathname;
  await marta.page.goto(carUrl);

  await ana.context.setOffline(true);
  await marta.context.setOffline(true);
  for (const d of [ana, marta]) {
    await d.page.getByRole('button', { name: /reservar 48 h/i }).click();
    await expect(d.page.getByTestId('reservation')).toContainText(/reservado por ti/i);
  }

  await ana.context.setOffline(false);
  await ana.shell.waitForSynced();
  await marta.context.setOffline(false);

  // Marta's write lost: the nav shows a conflict, the inbox says why, with both versions.
  await expect(marta.page.getByRole('link', { name: /conflictos/i }).filter({ visible: true })).toContainText('1', { timeout: 90_000 });
  await marta.shell.goTo(/conflictos/i);
  const card = marta.page.getByTestId('conflict-card');
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('conflict-reason')).toHaveText(/^Reservado por Ana .+ a las \d{2}:\d{2} mientras estabas sin conexión$/);
  await expect(card.getByRole('table')).toContainText(/reservado por/i);
  mkdirSync(SHOTS, { recursive: true });
  await marta.page.screenshot({ path: join(SHOTS, 'phone-conflict-inbox.png'), fullPage: true });

  await card.getByRole('button', { name: /conservar la suya/i }).click();
  await expect(marta.page.getByTestId('conflicts-empty')).toBeVisible();
  await marta.page.goto(carUrl);
  await expect(marta.page.getByTestId('reservation')).toContainText(/reservado por ana/i);
  await marta.shell.waitForSynced();

  await ana.close();
  await marta.close();
});

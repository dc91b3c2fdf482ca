import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, USERS } from './fixtures.ts';
import { PWA_DIR } from './support/server.ts';

const OUT = join(PWA_DIR, 'e2e', 'artifacts', 'screenshots');
const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  tablet: { width: 820, height: 1180 },
  desktop: { width: 1440, height: 900 },
} as const;

/** Waits until the images inside the viewport have loaded or failed (lazy ones below wait). */
async function settleImages(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    [...document.images].filter((i) => i.getBoundingClientRect().top < innerHeight).every((i) => i.complete),
  );
}

test.beforeAll(() => mkdirSync(OUT, { recursive: true }));

for (const [name, viewport] of Object.entries(VIEWPORTS)) {
  test(`screenshots at ${name} size (${viewport.width}×${viewport.height})`, async ({ page, loginPage, inventory }) => {
    await page.setViewportSize(viewport);
    await loginPage.goto();
    await page.screenshot({ path: join(OUT, `${name}-login.png`) });

    await loginPage.loginAs(USERS.manager);
    await inventory.goto();
    await expect(inventory.items().first()).toBeVisible();
    await settleImages(page);
    await page.screenshot({ path: join(OUT, `${name}-inventory-cards.png`) });

    await inventory.setView('list');
    await page.screenshot({ path: join(OUT, `${name}-inventory-list.png`) });
    await inventory.setView('cards');

    await inventory.openFirst();
    await settleImages(page);
    await page.screenshot({ path: join(OUT, `${name}-vehicle-detail.png`), fullPage: true });

    await page.goto('/inventory/new', { waitUntil: 'domcontentloaded' });
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.screenshot({ path: join(OUT, `${name}-vehicle-form.png`) });

    await page.goto('/notifications', { waitUntil: 'domcontentloaded' });
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.screenshot({ path: join(OUT, `${name}-notifications.png`) });

    for (const [path, shot] of [['/settings', 'settings'], ['/today', 'today'], ['/leads', 'leads-board'], ['/customers', 'customers'], ['/sales', 'my-sales'], ['/more', 'more']] as const) {
      await page.goto(path, { waitUntil: 'domcontentloaded' });
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.screenshot({ path: join(OUT, `${name}-${shot}.png`) });
    }

    await page.goto('/dashboard', { waitUntil: 'domcontentloaded' });
    await expect(page.getByTestId('kpi-revenue')).toBeVisible({ timeout: 60_000 });
    await page.screenshot({ path: join(OUT, `${name}-dashboard.png`) });

    await page.emulateMedia({ colorScheme: 'dark' });
    await inventory.goto();
    await expect(inventory.items().first()).toBeVisible();
    await page.screenshot({ path: join(OUT, `${name}-inventory-dark.png`) });
  });
}

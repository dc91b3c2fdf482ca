import { expect, test, USERS } from './fixtures.ts';
import { seriousViolations } from './support/axe.ts';

// The manager's desk on a desktop.
test.use({ viewport: { width: 1366, height: 900 } });

test("the manager's dashboard renders with charts; offline it opens with the cached figures and their time", async ({ page, context, loginPage, shell }) => {
  await loginPage.loginAs(USERS.manager);
  await shell.waitForServiceWorkerControl();
  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { level: 1, name: /^panel$/i })).toBeVisible();
  await expect(page.getByTestId('kpi-revenue')).toBeVisible({ timeout: 60_000 });
  for (const chart of ['chart-revenue', 'chart-status', 'chart-aging', 'chart-sources', 'chart-forecast']) {
    await expect(page.getByTestId(chart).locator('svg').first()).toBeVisible();
  }
  await expect(page.getByTestId('leaderboard').getByRole('row')).not.toHaveCount(1);
  await expect(page.getByTestId('restock')).toBeVisible();
  const asOf = (await page.getByTestId('dash-as-of').textContent()) ?? '';
  expect(asOf).toMatch(/^datos de las \d{1,2}:\d{2}/);
  const revenue = await page.getByTestId('kpi-revenue').locator('.dash-kpi-value').textContent();
  expect(await seriousViolations(page)).toEqual([]);
  // A 390 px phone: one column, nothing wider than the screen, still axe-clean.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await seriousViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 1366, height: 900 });
  // The Excel report downloads.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^descargar excel$/i }).click()]);
  expect(download.suggestedFilename()).toBe('lotbook-month.xlsx');

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('kpi-revenue').locator('.dash-kpi-value')).toHaveText(revenue ?? '', { timeout: 60_000 });
  await expect(page.getByTestId('dash-as-of')).toHaveText(asOf);
  await expect(page.getByText(/sin conexión: se muestran las últimas cifras/i)).toBeVisible();
  await expect(page.getByTestId('chart-revenue').locator('svg').first()).toBeVisible();
  await context.setOffline(false);
});

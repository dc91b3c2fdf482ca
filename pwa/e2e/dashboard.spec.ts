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

test('a manager sets the commission plan and this month\'s targets; bad values stay at their field; offline it says it needs a connection', async ({ page, context, loginPage, shell }) => {
  await loginPage.loginAs(USERS.manager);
  // On a desktop a manager's "/" is the dashboard.
  await expect(page).toHaveURL(/\/dashboard$/);
  await shell.waitForServiceWorkerControl();
  await expect(page.getByTestId('kpi-revenue')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: /^comisión y objetivos$/i }).click();
  const plan = page.getByTestId('plan-targets');
  const commission = plan.getByRole('form', { name: /^plan de comisión$/i });
  await expect(commission.getByRole('button', { name: /^guardar plan de comisión$/i })).toBeVisible({ timeout: 30_000 });
  await commission.getByRole('radio', { name: '% del margen bruto' }).check();
  const percent = commission.getByLabel(/^porcentaje del margen bruto/i);
  await percent.fill('150');
  await commission.getByRole('button', { name: /^guardar plan de comisión$/i }).click();
  await expect(commission.getByText('Un porcentaje no puede pasar de 100.')).toBeVisible();
  await expect(percent).toHaveAttribute('aria-invalid', 'true');
  await percent.fill('8');
  await commission.getByLabel(/^mínimo por unidad/i).fill('200');
  await commission.getByRole('button', { name: /^guardar plan de comisión$/i }).click();
  await expect(commission.getByRole('status')).toHaveText('Guardado.');

  const targets = plan.getByRole('form', { name: /^objetivos de /i });
  const firstRep = targets.getByRole('group').first();
  await firstRep.getByLabel(/^unidades$/i).fill('-2');
  await targets.getByRole('button', { name: /^guardar objetivos$/i }).click();
  await expect(firstRep.getByText('No puede ser negativo.')).toBeVisible();
  await firstRep.getByLabel(/^unidades$/i).fill('4');
  await firstRep.getByLabel(/^ingresos$/i).fill('120.000');
  await targets.getByRole('button', { name: /^guardar objetivos$/i }).click();
  await expect(targets.getByRole('status')).toHaveText('Guardado.');
  // The leaderboard refreshes with the commission and the progress to target.
  await expect(page.getByTestId('leaderboard').getByRole('columnheader', { name: /^comisión/i })).toBeVisible();
  await expect(page.getByTestId('leaderboard').getByRole('columnheader', { name: /^objetivo unidades/i })).toBeVisible();
  // Saved on the server: a reload shows the plan and the target again.
  await page.reload();
  await page.getByRole('button', { name: /^comisión y objetivos$/i }).click();
  await expect(page.getByLabel(/^porcentaje del margen bruto/i)).toHaveValue('8', { timeout: 30_000 });
  await expect(page.getByRole('form', { name: /^objetivos de /i }).getByRole('group').first().getByLabel(/^ingresos$/i)).toHaveValue('120.000');
  expect(await seriousViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await seriousViolations(page)).toEqual([]);

  await context.setOffline(true);
  await expect(page.getByTestId('plan-targets').getByText(/necesita conexión/i)).toBeVisible();
  await expect(page.getByRole('button', { name: /^guardar objetivos$/i })).toHaveCount(0);
  await context.setOffline(false);
  // On a phone "/" stays the inventory, for managers too.
  await page.goto('/');
  await expect(page).toHaveURL(/\/inventory$/);
});

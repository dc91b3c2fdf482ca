import { vinCheckDigit } from '@lotbook/shared';
import { expect, test, USERS } from './fixtures.ts';
import { WalkInPage } from './page-models/walk-in-page.ts';

type Hooks = { openData(): Promise<{ db: { customers: { insert(d: unknown): Promise<unknown> } }; dbApi: { newDocFields(d: string): Record<string, unknown> } }> };

/** A VIN no other car of the run has (valid check digit). */
function uniqueVin(): string {
  const body = `1HGCM826_3A${String(Date.now() % 1_000_000).padStart(6, '0')}`;
  return body.replace('_', vinCheckDigit(body) ?? '0');
}

test('a typo is stopped at the form; a write the server refuses anyway is parked once, never pushed again, and fixed in the inbox', async ({ page, loginPage, shell }) => {
  await page.addInitScript(() => localStorage.setItem('lotbook.testHooks', '1'));
  await loginPage.loginAs(USERS.manager); // the manager: both the car form and the walk-in, one login
  const customerPushes: string[] = [];
  const pushes: { collection: string; body: string }[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/customers/push')) customerPushes.push(r.url());
    const m = /\/sync\/v1\/([a-z_]+)\/push/.exec(r.url());
    if (r.method() === 'POST' && m) pushes.push({ collection: m[1]!, body: r.postData() ?? '' });
  });

  // 0. The manager's car form stops a mileage of 9.999.999 at the field: marked, explained, nothing saved or queued.
  await page.goto('/inventory/new');
  await page.getByLabel(/vin \(bastidor\)/i).fill(uniqueVin());
  await expect(page.getByLabel(/^año$/i)).toHaveValue('2003');
  await page.getByLabel(/nº de stock/i).fill('KM-9999999');
  await page.getByLabel(/^marca$/i).fill('Honda');
  await page.getByLabel(/^modelo$/i).fill('Civic');
  await page.getByLabel(/^precio$/i).fill('12.000');
  const km = page.getByLabel(/^kilometraje$/i);
  await km.fill('9.999.999');
  await page.getByRole('button', { name: /^guardar$/i }).click();
  await expect(km).toHaveAttribute('aria-invalid', 'true');
  await expect(km).toHaveAccessibleDescription(/como máximo 5\.000\.000/i);
  await expect(page).toHaveURL(/\/inventory\/new$/);
  await expect(shell.syncChip()).toHaveAttribute('data-pending', '0');
  expect(pushes.filter((p) => p.collection === 'vehicles')).toHaveLength(0);
  await shell.waitForInitialSync();

  // 1. The walk-in form marks the email before anything is saved, and unmarks it once fixed.
  const walkIn = new WalkInPage(page);
  await walkIn.goto();
  await walkIn.firstName().fill('Tipo');
  const email = page.getByLabel(/^email/i);
  await email.fill('no-es-un-email');
  await walkIn.save().click();
  await expect(page).toHaveURL(/\/leads\/new$/);
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(email).toHaveAccessibleDescription(/no es un correo válido/i);
  await expect(email).toBeFocused();
  await email.fill('tipo@example.com');
  await expect(email).not.toHaveAttribute('aria-invalid');
  expect(customerPushes).toHaveLength(0);

  // 2. Forced past the form (straight into the local database): the server refuses it once.
  const session = await page.evaluate(() => JSON.parse(localStorage.getItem('lotbook.session') ?? 'null') as { user: { id: string; dealership_id: string } } | null);
  const parkedId = await page.evaluate(async (user) => {
    const { db, dbApi } = await (globalThis as unknown as { __lotbook: Hooks }).__lotbook.openData();
    const fields = dbApi.newDocFields(user?.dealership_id ?? '');
    await db.customers.insert({
      ...fields, first_name: 'Forzado', last_name: 'Sin Arroba', email: 'forzado-sin-arroba',
      phone: null, address: null, national_id: null, is_active: true, created_by: user?.id ?? null,
    });
    return String(fields.id);
  }, session?.user ?? null);
  await expect(shell.syncChip()).toHaveAttribute('data-state', 'attention', { timeout: 60_000 });
  await expect(shell.syncChip()).toHaveAttribute('data-pending', '0');
  expect(customerPushes).toHaveLength(1);
  const sendsParked = () => pushes.filter((p) => p.body.includes(parkedId)).length;
  expect(sendsParked()).toBe(1);

  // A forced sync round ("Sincronizar ahora" in the sync details) does not send it again.
  await shell.syncChip().click();
  const details = page.getByTestId('sync-details');
  await details.getByRole('button', { name: /sincronizar ahora/i }).click();
  await expect(page.getByText(/^sincronizado\.$/i)).toBeVisible({ timeout: 60_000 });
  await details.getByRole('button', { name: /^cerrar$/i }).click();
  expect(sendsParked()).toBe(1);

  // A reload neither queues it again nor duplicates the inbox entry.
  await page.reload();
  await expect(shell.syncChip()).toHaveAttribute('data-state', 'attention', { timeout: 60_000 });
  await shell.goTo(/conflictos/i);
  const card = page.getByTestId('conflict-card');
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('conflict-reason')).toHaveText(/^El servidor rechazó los datos: Correo: No es un correo válido/);
  expect(customerPushes).toHaveLength(1);
  expect(sendsParked()).toBe(1); // the observation window: a forced round, a reload and a new sync start

  // 3. Fixed in the inbox, it is sent once more and syncs.
  await card.getByLabel(/^correo$/i).fill('forzado@example.com');
  await card.getByRole('button', { name: /corregir y reenviar/i }).click();
  await expect(page.getByTestId('conflicts-empty')).toContainText(/no queda nada por revisar/i);
  await shell.waitForSynced();
  expect(customerPushes).toHaveLength(2);
  expect(sendsParked()).toBe(2);
});

import { expect, test, USERS } from './fixtures.ts';
import { WalkInPage } from './page-models/walk-in-page.ts';

type Hooks = { openData(): Promise<{ db: { customers: { insert(d: unknown): Promise<unknown> } }; dbApi: { newDocFields(d: string): Record<string, unknown> } }> };

test('a typo is stopped at the form; a write the server refuses anyway is parked once and fixed in the inbox', async ({ page, loginPage, shell }) => {
  await page.addInitScript(() => localStorage.setItem('lotbook.testHooks', '1'));
  await loginPage.loginAs(USERS.ana);
  const customerPushes: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/customers/push')) customerPushes.push(r.url());
  });

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
  await page.evaluate(async (user) => {
    const { db, dbApi } = await (globalThis as unknown as { __lotbook: Hooks }).__lotbook.openData();
    await db.customers.insert({
      ...dbApi.newDocFields(user?.dealership_id ?? ''), first_name: 'Forzado', last_name: 'Sin Arroba', email: 'forzado-sin-arroba',
      phone: null, address: null, national_id: null, is_active: true, created_by: user?.id ?? null,
    });
  }, session?.user ?? null);
  await expect(shell.syncChip()).toHaveAttribute('data-state', 'attention', { timeout: 60_000 });
  await expect(shell.syncChip()).toHaveAttribute('data-pending', '0');
  expect(customerPushes).toHaveLength(1);

  // A reload neither queues it again nor duplicates the inbox entry.
  await page.reload();
  await expect(shell.syncChip()).toHaveAttribute('data-state', 'attention', { timeout: 60_000 });
  await shell.goTo(/conflictos/i);
  const card = page.getByTestId('conflict-card');
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('conflict-reason')).toHaveText(/^El servidor rechazó los datos: Correo: No es un correo válido/);
  expect(customerPushes).toHaveLength(1);

  // 3. Fixed in the inbox, it is sent once more and syncs.
  await card.getByLabel(/^correo$/i).fill('forzado@example.com');
  await card.getByRole('button', { name: /corregir y reenviar/i }).click();
  await expect(page.getByTestId('conflicts-empty')).toContainText(/no queda nada por revisar/i);
  await shell.waitForSynced();
  expect(customerPushes).toHaveLength(2);
});

import { DEMO_PASSWORD, expect, test, USERS } from './fixtures.ts';

test('a viewer reads only: the team without its actions, no dealership settings, no writing screens', async ({ page, loginPage, shell }) => {
  // The viewer downloads the whole dealership: these screens need no finished first sync.
  await loginPage.goto();
  await loginPage.fill(USERS.viewer, DEMO_PASSWORD);
  await expect(shell.syncChip()).toBeVisible({ timeout: 90_000 });

  // The team: he reads it, but nothing on it can change it.
  await page.goto('/admin/team');
  await expect(page.getByRole('heading', { level: 1, name: /equipo|team/i })).toBeVisible();
  await expect(page.getByTestId('team-member').first()).toBeVisible();
  await expect(page.getByRole('button', { name: /añadir persona|add person/i })).toHaveCount(0);
  for (const action of [/^editar$|^edit$/i, /^desactivar$|^deactivate$/i, /^reactivar$|^reactivate$/i, /enlace de contraseña|password link/i]) {
    await expect(page.getByTestId('team-member').getByRole('button', { name: action })).toHaveCount(0);
  }

  // The dealership's settings and the audit log are for admins: the address sends him to Settings.
  for (const path of ['/admin/dealership', '/admin/audit']) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/settings$/);
  }

  // A writing screen typed by hand sends him back with the read-only message; no "new" on the list.
  await page.goto('/leads/new');
  await expect(page).toHaveURL(/\/leads$/);
  await expect(page.getByText(/solo lectura: no puede crear ni modificar|read-only: it cannot create or change/i)).toBeVisible();
  await page.goto('/sales');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: /^nuevo$|^new$/i })).toHaveCount(0);
});

import { DEMO_PASSWORD, expect, test, USERS } from './fixtures.ts';

/** Logs in through the API (Node's fetch: not affected by the page going offline). */
async function apiLogin(baseURL: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseURL}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function changePassword(baseURL: string, email: string, from: string, to: string): Promise<void> {
  const token = await apiLogin(baseURL, email, from);
  const res = await fetch(`${baseURL}/api/v1/auth/change-password`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ current_password: from, new_password: to }),
  });
  expect(res.status).toBe(200);
}

test('a password changed elsewhere ends this session: the app says so, keeps the queued writes and sends them after a new login', async ({
  page,
  context,
  baseURL,
  loginPage,
  inventory,
}) => {
  const shell = await loginPage.loginAs(USERS.marta);
  await inventory.goto('?status=available&ordering=-price');
  await inventory.openFirst();
  await context.setOffline(true);
  await page.getByRole('button', { name: /reservar 48 h/i }).click();
  await expect.poll(() => shell.pending()).toBe(2);

  const newPassword = 'marta-new-password-1';
  await changePassword(baseURL!, USERS.marta, DEMO_PASSWORD, newPassword);
  try {
    await context.setOffline(false);
    const dialog = page.getByTestId('relogin-dialog');
    await expect(dialog).toBeVisible({ timeout: 60_000 });
    await expect(dialog.getByTestId('relogin-reason')).toHaveAttribute('data-reason', 'session_revoked');
    await expect(dialog).toContainText(/el servidor ha cerrado tu sesión/i);
    await expect(dialog).toContainText(/tus 2 cambios sin sincronizar están a salvo/i);
    await expect(shell.syncChip()).toHaveAttribute('data-pending', '2');

    await dialog.getByLabel(/^contraseña$|^password$/i).fill(newPassword);
    await dialog.getByRole('button', { name: /iniciar sesión y sincronizar/i }).click();
    await expect(dialog).toBeHidden();
    await shell.waitForSynced();
  } finally {
    // Other specs log in as Marta with the demo password.
    await changePassword(baseURL!, USERS.marta, newPassword, DEMO_PASSWORD);
  }
});

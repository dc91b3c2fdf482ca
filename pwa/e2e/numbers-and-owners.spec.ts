import { vinCheckDigit } from '@lotbook/shared';
import { expect, test, USERS } from './fixtures.ts';
import { openDevice } from './page-models/devices.ts';
import { LeadsPage } from './page-models/leads-page.ts';

// Issue 9: numbers typed the Spanish (and English) way mean what they say; a manager assigns leads.

function uniqueVin(): string {
  const body = `1HGCM826_3A${String(Date.now() % 1_000_000).padStart(6, '0')}`;
  return body.replace('_', vinCheckDigit(body) ?? '0');
}

async function apiVehicle(request: import('@playwright/test').APIRequestContext, id: string) {
  const login = await request.post('/api/v1/auth/login', { data: { email: USERS.manager, password: 'demo1234' } });
  const { access_token: token } = (await login.json()) as { access_token: string };
  const res = await request.get(`/api/v1/vehicles/${id}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status()).toBe(200);
  return (await res.json()) as { id: string; price: number | string; mileage: number };
}

test('"28.500" in the car form is 28500 € everywhere, "40.000" filters, and the same in English ("28,500")', async ({ page, loginPage, shell, inventory, request }) => {
  const vin = uniqueVin();
  const stock = `N-${vin.slice(-6)}`;
  await loginPage.loginAs(USERS.manager);
  await page.goto('/inventory/new');
  await page.getByLabel(/vin \(bastidor\)/i).fill(vin);
  await expect(page.getByLabel(/^año$/i)).toHaveValue('2003');
  await page.getByLabel(/nº de stock/i).fill(stock);
  await page.getByLabel(/^marca$/i).fill('Honda');
  await page.getByLabel(/^modelo$/i).fill('Civic');
  const km = page.getByLabel(/^kilometraje$/i);
  await km.fill('45.000');
  const price = page.getByLabel(/^precio$/i);
  await price.fill('28500');
  await price.blur();
  await expect(price).toHaveValue('28.500'); // shown back grouped
  await price.fill('28.500');
  // Garbage is refused on the field, with a message.
  const cost = page.getByLabel(/^coste$/i);
  await cost.fill('doce mil');
  await cost.blur();
  await expect(page.getByText(/escribe un número, por ejemplo/i)).toBeVisible();
  await cost.fill('');
  await cost.blur();
  await page.getByRole('button', { name: /^guardar$/i }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Honda Civic');
  const id = /\/inventory\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
  await expect(page.locator('.price-now').first()).toHaveText(/^28\.500\s€$/);
  await shell.waitForSynced();
  const stored = await apiVehicle(request, id);
  expect(Number(stored.price)).toBe(28500);
  expect(stored.mileage).toBe(45000);

  // The price filter reads "40.000" as forty thousand.
  await inventory.goto(`?search=${stock}`);
  await page.getByRole('button', { name: /^filtros/i }).click();
  const max = page.getByLabel(/^precio hasta$/i);
  await max.fill('40.000');
  await expect(inventory.items()).toHaveCount(1);
  await max.fill('28.000');
  await expect(inventory.items()).toHaveCount(0);

  // English: "28,500" is twenty-eight thousand five hundred too.
  await page.evaluate(() => localStorage.setItem('lotbook.lang', 'en'));
  await inventory.goto(`?search=${stock}`);
  await page.getByRole('button', { name: /^filters/i }).click();
  const maxEn = page.getByLabel(/^price to$/i);
  await maxEn.fill('28,500');
  await expect(inventory.items()).toHaveCount(1);
  await maxEn.fill('28,499');
  await expect(inventory.items()).toHaveCount(0);
  await page.goto(`/inventory/${id}/edit`);
  const priceEn = page.getByLabel(/^price$/i);
  await expect(priceEn).toHaveValue('28,500');
  await priceEn.fill('29,750');
  await page.getByRole('button', { name: /^save$/i }).click();
  await expect(page.locator('.price-now').first()).toHaveText(/^€29,750$/);
  await shell.waitForSynced();
  expect(Number((await apiVehicle(request, id)).price)).toBe(29750);
});

test('a manager reassigns a lead from its detail; the new owner\'s device receives it and a notification', async ({ browser, baseURL, page, loginPage, shell }) => {
  await loginPage.loginAs(USERS.manager);
  const luis = await openDevice(browser, baseURL, USERS.luis);
  const leads = new LeadsPage(page);
  await leads.goto();
  const card = leads.board().getByTestId('kanban-card').filter({ has: page.getByTestId('lead-owner').filter({ hasText: 'Ana García López' }) }).first();
  const leadId = await card.getAttribute('data-lead-id');
  // The whole card opens the lead, not only the name.
  await card.click({ position: { x: 14, y: 6 } }); // the top-left corner: padding, away from the name
  await expect(page).toHaveURL(new RegExp(`/leads/${leadId}$`));
  await expect(page.getByTestId('lead-owner')).toHaveText('Ana García López');
  await page.getByLabel(/^asignar a$/i).selectOption({ label: 'Luis Fernández Castro' });
  await page.getByRole('button', { name: /^asignar$/i }).click();
  await expect(page.getByTestId('lead-owner')).toHaveText('Luis Fernández Castro');
  await shell.waitForSynced();

  // Luis's device pulls the lead (now in his scope) and the lead_assigned notification.
  await luis.page.goto(`/leads/${leadId}`);
  await expect(luis.page.getByTestId('lead-owner')).toHaveText('Luis Fernández Castro', { timeout: 60_000 });
  await luis.page.goto('/notifications');
  const note = luis.page.getByTestId('notification').filter({ hasText: 'Te han asignado un lead' }).first();
  await expect(note).toBeVisible({ timeout: 60_000 });
  await note.click();
  await expect(luis.page).toHaveURL(new RegExp(`/leads/${leadId}$`));
  await luis.close();
});

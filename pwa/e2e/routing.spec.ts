import type { APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD, expect, test, USERS } from './fixtures.ts';
import { seriousViolations } from './support/axe.ts';

test.use({ viewport: { width: 390, height: 844 } });

async function tokenOf(request: APIRequestContext, email: string): Promise<string> {
  const res = await request.post('/api/v1/auth/login', { data: { email, password: DEMO_PASSWORD } });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function pullAll(request: APIRequestContext, token: string, collection: string): Promise<Record<string, unknown>[]> {
  const docs = new Map<string, Record<string, unknown>>();
  for (let seq = 0; ;) {
    const res = await request.get(`/sync/v1/${collection}/pull?seq=${seq}&limit=1000`, { headers: { authorization: `Bearer ${token}` } });
    const page = (await res.json()) as { documents: Record<string, unknown>[]; checkpoint: { seq: number } };
    for (const d of page.documents) docs.set(String(d.id), d);
    if (page.documents.length < 1000) return [...docs.values()].filter((d) => d._deleted !== true);
    seq = page.checkpoint.seq;
  }
}

test('a manager sees why a new web lead went where it went, and promotes an aged car in one tap', async ({ page, request, loginPage }) => {
  // A web lead arrives without an owner (as the web form's device pushes it): the server routes it.
  const luis = await tokenOf(request, USERS.luis);
  const customer = (await pullAll(request, luis, 'customers'))[0]!;
  const now = new Date().toISOString();
  const id = crypto.randomUUID();
  const lead = {
    id, dealership_id: customer.dealership_id, customer_id: customer.id, assigned_to: null, source: 'website', status: 'new', priority: 'medium',
    budget_min: null, budget_max: 30000, preferences: { body_types: ['suv'], makes: [], fuel_types: [], vehicle_id: null }, notes: 'Formulario web', score: 0, score_factors: [],
    last_contact_at: null, first_response_at: null, seq: 0, version: 0, created_at: now, updated_at: now, _deleted: false,
  };
  const pushed = await request.post('/sync/v1/leads/push', { headers: { authorization: `Bearer ${luis}` }, data: [{ assumedMasterState: null, newDocumentState: lead }] });
  expect(await pushed.json()).toEqual([]);

  await loginPage.loginAs(USERS.manager);
  await page.goto(`/leads/${id}`);
  const why = page.getByTestId('routing-explanation');
  await expect(why).toContainText(/Asignada a .+: .*= -?\d+|Nadie disponible: a la bolsa de leads libres/, { timeout: 60_000 });
  await expect(page.getByTestId('lead-score')).toContainText(/Puntuación \d+/);
  expect(await seriousViolations(page)).toEqual([]);

  // The manager's view of routing: totals for the period (the new lead counts) and one row per rep.
  await page.goto('/routing');
  await expect(page.getByRole('heading', { name: 'Reparto de leads' })).toBeVisible();
  await expect(page.getByTestId('routing-totals')).toContainText(/Leads\s*[1-9]/);
  await expect(page.getByRole('rowheader', { name: /Ana García/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Reglas de reparto' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // The aged-stock screen the digest links to: buckets, the oldest cars with a suggestion, one tap.
  await page.goto('/inventory/aging');
  await expect(page.getByRole('heading', { name: 'Stock envejecido' })).toBeVisible();
  // The oldest car not on promotion yet (the demo has some already).
  const candidate = page.getByTestId('aged-car').filter({ has: page.getByRole('button', { name: 'Poner en promoción' }) }).first();
  const href = (await candidate.getByRole('link').first().getAttribute('href')) ?? '';
  const vehicleId = href.split('/').pop();
  const car = page.getByTestId('aged-car').filter({ has: page.locator(`a[href="${href}"]`) });
  await expect(car.getByTestId('suggestion')).toContainText(/Precio sugerido .*\((historial|regla por defecto)/);
  const price = Number(await car.getByLabel('Precio de promoción').inputValue());
  await car.getByRole('button', { name: 'Poner en promoción' }).click();
  await expect(car.getByText('En promoción')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // The promotion syncs like any vehicle edit: another device (Ana's) pulls the flag and the price.
  const ana = await tokenOf(request, USERS.ana);
  await expect
    .poll(async () => (await pullAll(request, ana, 'vehicles')).some((v) => v.id === vehicleId && v.is_promotion === true && Number(v.promo_price) === price), { timeout: 60_000 })
    .toBe(true);
});

import type { APIRequestContext, Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, test, USERS } from './fixtures.ts';
import { seriousViolations } from './support/axe.ts';
import { AppShell } from './page-models/app-shell.ts';
import { LeadsPage } from './page-models/leads-page.ts';
import { WalkInPage } from './page-models/walk-in-page.ts';

const TABLET = { width: 820, height: 1180 };
test.use({ viewport: TABLET });

/** The lead as the server gives it to `email` on a sync pull (what another device would receive). */
async function serverLead(request: APIRequestContext, email: string, id: string): Promise<Record<string, unknown> | undefined> {
  const login = await request.post('/api/v1/auth/login', { data: { email, password: DEMO_PASSWORD } });
  expect(login.status()).toBe(200);
  const { access_token: token } = (await login.json()) as { access_token: string };
  let found: Record<string, unknown> | undefined;
  for (let seq = 0; ;) {
    const res = await request.get(`/sync/v1/leads/pull?seq=${seq}&limit=1000&schema_version=0`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status()).toBe(200);
    const page = (await res.json()) as { documents: Record<string, unknown>[]; checkpoint: { seq: number } };
    found = page.documents.find((d) => d.id === id) ?? found;
    if (page.documents.length < 1000) return found;
    seq = page.checkpoint.seq;
  }
}

/**
 * A fresh walk-in lead of the logged-in user (status "new"), so the test owns its card; then back
 * on the leads screen. Navigation stays inside the app (no page load). Returns the lead's id.
 */
async function newWalkIn(page: Page, leads: LeadsPage, last: string): Promise<string> {
  await leads.open();
  await leads.openNewLead();
  const path = await new WalkInPage(page).capture({ first: 'Tablero', last, phone: '699 123 456', notes: `Kanban ${last}` });
  await page.getByRole('link', { name: 'Volver a leads' }).click();
  await expect(leads.heading()).toBeVisible();
  return path.split('/').pop() ?? '';
}

test('kanban: a card dragged to Contactado changes status and syncs; an illegal drop is refused with the reason', async ({ page, request, loginPage, shell }) => {
  await loginPage.loginAs(USERS.ana);
  const last = `Kanban${crypto.randomUUID().slice(0, 6)}`;
  const leads = new LeadsPage(page);
  const id = await newWalkIn(page, leads, last);

  await leads.setView('board');
  await leads.search().fill(last);
  await expect(leads.cardIn('new', id)).toBeVisible();
  await expect(leads.column('new').getByRole('heading', { level: 2 })).toContainText(/Nuevo/);

  // Legal: Nuevo → Contactado with the mouse.
  await leads.dragToColumn(leads.card(id), 'contacted');
  await expect(leads.cardIn('contacted', id)).toBeVisible();
  await expect(leads.cardIn('new', id)).toHaveCount(0);
  await expect(leads.notice()).toHaveCount(0);

  // The lead's detail agrees.
  await leads.cardIn('contacted', id).getByRole('link', { name: new RegExp(last) }).click();
  await expect(page).toHaveURL(new RegExp(`/leads/${id}$`));
  await expect(page.getByTestId('lead-status')).toHaveText('Contactado');
  await expect(page.getByRole('link', { name: 'Registrar venta' })).toHaveAttribute('href', `/sales/new?lead=${id}`);
  await page.getByRole('link', { name: 'Volver a leads' }).click();
  await expect(leads.board()).toBeVisible();
  await leads.search().fill(last);

  // Illegal: Contactado → Nuevo is refused, with the reason in Spanish, and the card stays.
  await leads.dragToColumn(leads.cardIn('contacted', id), 'new');
  await expect(page.getByRole('alert')).toContainText(
    'No se puede pasar de Contactado a Nuevo: desde Contactado solo se puede ir a Cualificado o Perdido.',
  );
  await expect(leads.cardIn('contacted', id)).toBeVisible();
  await expect(leads.cardIn('new', id)).toHaveCount(0);

  // Keyboard: the card's handle picks it up, the right arrow goes to Cualificado, Space drops it.
  const handle = leads.cardIn('contacted', id).getByRole('button', { name: new RegExp(`Mover el lead de Tablero ${last}`) });
  await handle.focus();
  await page.keyboard.press('Space');
  await expect(leads.board()).toHaveClass(/kanban-dragging/);
  await expect(leads.column('qualified')).toHaveAttribute('data-drop', 'legal');
  await expect(leads.column('negotiating')).toHaveAttribute('data-drop', 'illegal');
  await page.keyboard.press('ArrowRight');
  await expect(leads.column('qualified')).toHaveAttribute('data-over', 'true');
  await page.keyboard.press('Space');
  await expect(leads.cardIn('qualified', id)).toBeVisible();
  await expect(leads.notice()).toHaveCount(0);

  // The moves reach the server: nothing pending, and the manager's pull has the lead as qualified.
  await shell.waitForSynced();
  await expect.poll(() => serverLead(request, USERS.manager, id), { timeout: 90_000 }).toMatchObject({ status: 'qualified' });
});

test('kanban: no serious or critical axe violations, and the view choice is remembered', async ({ page, loginPage }) => {
  await loginPage.loginAs(USERS.ana);
  const leads = new LeadsPage(page);
  await leads.open();
  await leads.setView('board');
  await expect(leads.board().getByTestId('kanban-card').first()).toBeVisible();
  expect(await seriousViolations(page), 'kanban board').toEqual([]);

  // The view choice is remembered (the screen is unmounted in between).
  await leads.setView('list');
  await new AppShell(page).goTo(/^inventario$/i);
  await leads.open();
  await expect(page.getByRole('radio', { name: 'Lista' })).toBeChecked();
  await expect(leads.board()).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Leads' })).toBeVisible();
  await leads.setView('board');
});

test('kanban: a viewer gets a read-only board', async ({ page, loginPage, shell }) => {
  // The viewer downloads the whole dealership: the board only needs the first leads, not the whole first sync.
  await loginPage.goto();
  await loginPage.fill(USERS.viewer, DEMO_PASSWORD);
  await expect(shell.syncChip()).toBeVisible({ timeout: 90_000 });
  const leads = new LeadsPage(page);
  await leads.open();
  await expect(leads.board().getByTestId('kanban-card').first()).toBeVisible({ timeout: 180_000 });
  await expect(page.getByText('Solo lectura: tu rol no permite mover leads.')).toBeVisible();
  await expect(leads.board().getByRole('button', { name: /^Mover el lead/ })).toHaveCount(0);
  // A press on a card does not start a drag.
  const card = leads.board().getByTestId('kanban-card').first();
  const box = await card.boundingBox();
  if (!box) throw new Error('no card on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + 20);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 40, box.y + 60, { steps: 5 });
  await expect(leads.board()).not.toHaveClass(/kanban-dragging/);
  await page.mouse.up();
});

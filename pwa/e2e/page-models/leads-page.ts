import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app-shell.ts';

export type LeadStatusKey = 'new' | 'contacted' | 'qualified' | 'negotiating' | 'closed_won' | 'closed_lost';

/** The leads screen (/leads): board and list views, the name filter, and the kanban's columns and cards. */
export class LeadsPage {
  constructor(readonly page: Page) {}

  heading = () => this.page.getByRole('heading', { level: 1, name: /^leads$/i });
  search = () => this.page.getByRole('searchbox', { name: /buscar cliente|search customer/i });
  board = () => this.page.getByTestId('kanban');
  /** The refusal or error shown above the board. */
  notice = () => this.page.getByTestId('kanban-notice');
  column = (status: LeadStatusKey) => this.page.locator(`[data-testid="kanban-column"][data-status="${status}"]`);
  /** A lead's card by its id, anywhere on the board. */
  card = (leadId: string) => this.page.locator(`[data-testid="kanban-card"][data-lead-id="${leadId}"]`);
  cardIn = (status: LeadStatusKey, leadId: string) => this.column(status).locator(`[data-testid="kanban-card"][data-lead-id="${leadId}"]`);

  async goto(): Promise<void> {
    await this.page.goto('/leads');
    await expect(this.heading()).toBeVisible({ timeout: 60_000 });
    await expect(this.page.getByTestId('leads-screen')).toHaveAttribute('aria-busy', 'false', { timeout: 90_000 });
  }

  /** Opens the screen from the navigation (no page load, so the local database stays open). */
  async open(): Promise<void> {
    await new AppShell(this.page).goTo(/^leads$/i);
    await expect(this.heading()).toBeVisible({ timeout: 60_000 });
    // The first local query over every lead can be slow on a busy machine (or during a first sync).
    await expect(this.page.getByTestId('leads-screen')).toHaveAttribute('aria-busy', 'false', { timeout: 90_000 });
  }

  /** Opens the walk-in form from the screen's "Nuevo lead" button. */
  async openNewLead(): Promise<void> {
    await this.page.getByRole('link', { name: /^(nuevo lead|new lead)$/i }).click();
    await expect(this.page).toHaveURL(/\/leads\/new$/);
  }

  async setView(view: 'board' | 'list'): Promise<void> {
    await this.page.getByRole('radio', { name: view === 'board' ? /^(tablero|board)$/i : /^(lista|list)$/i }).check();
    if (view === 'board') await expect(this.board()).toBeVisible();
  }

  /**
   * Drags a card onto a column with the mouse. dnd-kit reacts to pointer moves, so the pointer goes
   * down on the card, moves a few pixels to start the drag, then glides to the column in steps. The
   * column is aimed at where it is now, again, until it is the one under the pointer (the board may
   * auto-scroll while a slow machine catches up).
   */
  async dragToColumn(card: Locator, status: LeadStatusKey): Promise<void> {
    await card.scrollIntoViewIfNeeded();
    const target = this.column(status);
    await target.scrollIntoViewIfNeeded();
    const from = await card.boundingBox();
    if (!from) throw new Error('the card is not on screen');
    const x = from.x + from.width / 2;
    const y = from.y + Math.min(from.height / 2, 24);
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + 12, y + 6, { steps: 4 });
    await expect(this.board()).toHaveClass(/kanban-dragging/);
    await expect(async () => {
      const to = await target.boundingBox();
      if (!to) throw new Error(`column "${status}" is not on screen`);
      await this.page.mouse.move(to.x + to.width / 2, to.y + Math.min(to.height / 2, 60), { steps: 8 });
      await expect(target).toHaveAttribute('data-over', 'true', { timeout: 3_000 });
    }).toPass({ timeout: 30_000 });
    await this.page.mouse.up();
    await expect(this.board()).not.toHaveClass(/kanban-dragging/);
  }
}

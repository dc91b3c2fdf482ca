import { expect, type Page } from '@playwright/test';

/** The inventory list and a vehicle's detail page. */
export class InventoryPage {
  constructor(readonly page: Page) {}

  heading = () => this.page.getByRole('heading', { level: 1, name: /inventario|inventory/i });
  search = () => this.page.getByRole('searchbox', { name: /buscar en el inventario|search the inventory/i });
  items = () => this.page.getByTestId('vehicle-item');
  count = () => this.page.getByTestId('inventory-count');

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/inventory${query}`);
    await expect(this.heading()).toBeVisible();
  }

  /** The "N of M" total shown under the toolbar. */
  async total(): Promise<number> {
    await expect(this.count()).not.toHaveText('');
    const text = (await this.count().textContent()) ?? '';
    const match = /(?:de|of)\s+([\d.,\s]+)/.exec(text);
    return Number((match?.[1] ?? '0').replace(/[^\d]/g, ''));
  }

  async shown(): Promise<number> {
    const text = (await this.count().textContent()) ?? '';
    return Number((/^([\d.,\s]+)/.exec(text)?.[1] ?? '0').replace(/[^\d]/g, ''));
  }

  async setView(view: 'cards' | 'list'): Promise<void> {
    await this.page.getByRole('radio', { name: view === 'cards' ? /tarjetas|cards/i : /lista|list/i }).check();
  }

  /** Opens the first vehicle whose card matches `filter` (status text, for instance). */
  async openFirst(): Promise<void> {
    // A virtualized row can be re-rendered under the pointer: retry the click until the detail opens.
    await expect(async () => {
      await this.items().first().click({ timeout: 5_000 });
      await expect(this.page.getByTestId('reservation')).toBeAttached({ timeout: 5_000 });
    }).toPass({ timeout: 30_000 });
  }
}

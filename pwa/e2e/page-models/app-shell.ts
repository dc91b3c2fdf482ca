import { expect, type Page } from '@playwright/test';

/** The logged-in frame: header (sync chip, bell), navigation, settings. */
export class AppShell {
  constructor(readonly page: Page) {}

  syncChip = () => this.page.getByTestId('sync-chip');
  firstSyncBar = () => this.page.getByTestId('first-sync');
  bell = () => this.page.getByTestId('notification-bell');

  /** The nav that is visible at this viewport (bottom bar on phones, side bar above). */
  nav = () => this.page.getByRole('navigation').filter({ visible: true });

  /** The first download of a manager takes ~6 s on a quiet machine and over a minute under CI load. */
  async waitForInitialSync(): Promise<void> {
    await expect(this.syncChip()).toBeVisible({ timeout: 90_000 });
    await expect(this.firstSyncBar()).toHaveCount(0, { timeout: 180_000 });
  }

  /** Waits until every local write is pushed (chip says synced, pending 0). */
  async waitForSynced(): Promise<void> {
    await expect(this.syncChip()).toHaveAttribute('data-pending', '0', { timeout: 90_000 });
    await expect(this.syncChip()).toHaveAttribute('data-state', 'ok', { timeout: 90_000 });
  }

  async pending(): Promise<number> {
    return Number(await this.syncChip().getAttribute('data-pending'));
  }

  /** Follows a nav item; on phones an item the bottom bar has no room for is under "More". */
  async goTo(name: RegExp): Promise<void> {
    const link = this.nav().getByRole('link', { name });
    if (await link.count() > 0) {
      await link.click();
      return;
    }
    await this.nav().getByRole('link', { name: /(^|\s)(más|more)$/i }).click();
    await this.page.locator('#main').getByRole('link', { name }).click();
  }

  /** Resolves once a service worker controls this page. */
  async waitForServiceWorkerControl(): Promise<void> {
    await this.page.waitForFunction(async () => {
      await navigator.serviceWorker.ready;
      return navigator.serviceWorker.controller !== null;
    }, undefined, { timeout: 30_000 });
  }

  async openSettings(): Promise<void> {
    await this.goTo(/ajustes|settings/i);
    await expect(this.page.getByRole('heading', { level: 1, name: /ajustes|settings/i })).toBeVisible();
  }
}

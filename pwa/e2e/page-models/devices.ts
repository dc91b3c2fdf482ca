import type { Browser, BrowserContext, Page } from '@playwright/test';
import { AppShell } from './app-shell.ts';
import { InventoryPage } from './inventory-page.ts';
import { LoginPage } from './login-page.ts';

/** A second (third…) device: its own browser context, logged in, first sync done. */
export interface Device {
  context: BrowserContext;
  page: Page;
  shell: AppShell;
  inventory: InventoryPage;
  close(): Promise<void>;
}

export async function openDevice(browser: Browser, baseURL: string | undefined, email: string, opts: { viewport?: { width: number; height: number } } = {}): Promise<Device> {
  const context = await browser.newContext({ baseURL, locale: 'es-ES', timezoneId: 'Europe/Madrid', ...(opts.viewport ? { viewport: opts.viewport } : {}) });
  const page = await context.newPage();
  const shell = await new LoginPage(page).loginAs(email);
  await shell.waitForServiceWorkerControl();
  return { context, page, shell, inventory: new InventoryPage(page), close: () => context.close() };
}

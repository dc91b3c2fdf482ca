import { expect, type Page } from '@playwright/test';
import { AppShell } from './app-shell.ts';

/** The login screen (first screen without a session). Labels match es and en. */
export class LoginPage {
  constructor(readonly page: Page) {}

  email = () => this.page.getByLabel(/correo electrónico|^email$/i);
  password = () => this.page.getByLabel(/^contraseña$|^password$/i);
  submit = () => this.page.getByRole('button', { name: /^entrar$|^log in$/i });
  error = () => this.page.getByTestId('login-error');

  async goto(): Promise<void> {
    await this.page.goto('/');
    await expect(this.email()).toBeVisible();
  }

  async fill(email: string, password: string): Promise<void> {
    await this.email().fill(email);
    await this.password().fill(password);
    await this.submit().click();
  }

  /** Logs in and waits until the first sync has finished. */
  async loginAs(email: string, password = 'demo1234'): Promise<AppShell> {
    await this.goto();
    await this.fill(email, password);
    const shell = new AppShell(this.page);
    await shell.waitForInitialSync();
    return shell;
  }
}

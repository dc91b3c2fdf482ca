import { expect, type Page } from '@playwright/test';

/** The walk-in capture form (/leads/new) and the lead screens. Labels match es and en. */
export class WalkInPage {
  constructor(readonly page: Page) {}

  firstName = () => this.page.getByLabel(/^nombre$|^first name$/i);
  lastName = () => this.page.getByLabel(/^apellidos$|^last name$/i);
  phone = () => this.page.getByLabel(/^teléfono$|^phone$/i);
  notes = () => this.page.getByLabel(/^notas$|^notes$/i);
  save = () => this.page.getByRole('button', { name: /guardar lead|save lead/i });
  timeline = () => this.page.getByTestId('lead-timeline');

  async goto(): Promise<void> {
    await this.page.goto('/leads/new');
    await expect(this.firstName()).toBeVisible();
  }

  /** Fills and saves the form; resolves on the lead detail screen with its path. */
  async capture(v: { first: string; last: string; phone: string; notes: string }): Promise<string> {
    await this.firstName().fill(v.first);
    await this.lastName().fill(v.last);
    await this.phone().fill(v.phone);
    await this.notes().fill(v.notes);
    await this.save().click();
    await expect(this.page).toHaveURL(/\/leads\/[0-9a-f-]{36}$/);
    await expect(this.page.getByRole('heading', { level: 1, name: `${v.first} ${v.last}` })).toBeVisible();
    return new URL(this.page.url()).pathname;
  }
}

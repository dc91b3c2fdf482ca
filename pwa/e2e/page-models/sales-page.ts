import { expect, type Locator, type Page } from '@playwright/test';

/** The sale form (/sales/new), My sales (/sales) and the customer screens. Labels match es and en. */
export class SalesPage {
  constructor(readonly page: Page) {}

  /**
   * On the inventory list (already shown), opens the car at 0-based position `n`: scrolls the
   * virtualized list until that row exists, then opens it. Returns the vehicle id.
   */
  async openCarAt(n: number): Promise<string> {
    const item = this.page.locator(`[data-testid="vehicle-item"][aria-posinset="${n + 1}"]`);
    await expect(async () => {
      if ((await item.count()) === 0) await this.page.evaluate(() => window.scrollBy(0, 300));
      await expect(item).toBeAttached({ timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    const href = (await item.getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/inventory\/[0-9a-f-]{36}$/);
    // A virtualized row can be re-rendered under the pointer: retry until this car's detail opens.
    await expect(async () => {
      if (new URL(this.page.url()).pathname !== href) await item.click({ timeout: 5_000 });
      await expect(this.page).toHaveURL(new RegExp(`${href}$`), { timeout: 5_000 });
    }).toPass({ timeout: 30_000 });
    return href.split('/').pop() ?? '';
  }

  // --- the form
  formHeading = () => this.page.getByRole('heading', { level: 1, name: /registrar venta|record a sale/i });
  vehicleCard = () => this.page.getByTestId('sale-vehicle');
  customerCard = () => this.page.getByTestId('sale-customer');
  customerOptions = () => this.page.getByTestId('customer-option');
  customerSearch = () => this.page.getByRole('searchbox', { name: /buscar cliente|search customer/i });
  price = () => this.page.getByLabel(/^precio de venta$|^sale price$/i);
  downPayment = () => this.page.getByLabel(/^entrada$|^down payment$/i);
  financing = () => this.page.getByLabel(/^forma de pago$|^payment$/i);
  save = () => this.page.getByRole('button', { name: /guardar venta|save sale/i });
  downPaymentError = () => this.page.getByText(/la entrada debe estar entre 0 y el precio de venta|the down payment must be between 0 and the sale price/i);

  async openForm(vehicleId: string): Promise<void> {
    await this.page.goto(`/sales/new?vehicle=${vehicleId}`);
    await expect(this.formHeading()).toBeVisible();
    await expect(this.vehicleCard()).toBeVisible();
  }

  /** The vehicle title shown in the form ("Make Model Year"). */
  async vehicleTitle(): Promise<string> {
    return ((await this.vehicleCard().locator('strong').first().textContent()) ?? '').trim();
  }

  /** Picks the first customer the search offers; returns their name. */
  async pickFirstCustomer(query = ''): Promise<string> {
    if (query) await this.customerSearch().fill(query);
    const option = this.customerOptions().first();
    const name = ((await option.locator('strong').textContent()) ?? '').trim();
    await option.click();
    await expect(this.customerCard()).toContainText(name);
    return name;
  }

  /** The price field once prefilled, as a number (the field shows it grouped: "20.790" in Spanish). */
  async prefilledPrice(): Promise<number> {
    await expect(this.price()).not.toHaveValue('');
    return Number((await this.price().inputValue()).replace(/[.\s\u00a0\u202f]/g, '').replace(',', '.'));
  }

  // --- My sales
  /** Follows a main-navigation item; on phones the ones without room in the bar sit under "Más" (More). */
  async goToNav(name: RegExp): Promise<void> {
    const nav = this.page.getByRole('navigation').filter({ visible: true });
    const link = nav.getByRole('link', { name });
    if ((await link.count()) > 0) await link.first().click();
    else {
      await nav.getByRole('link', { name: /(^|\s)(más|more)$/i }).click();
      await this.page.locator('#main').getByRole('link', { name }).click();
    }
  }

  async goToSales(): Promise<void> {
    await this.goToNav(/^ventas|^sales/i);
    await expect(this.salesHeading()).toBeVisible();
  }

  async goToCustomers(): Promise<void> {
    await this.goToNav(/^clientes|^customers/i);
    await expect(this.page.getByRole('heading', { level: 1, name: /clientes|customers/i })).toBeVisible();
  }

  salesHeading = () => this.page.getByRole('heading', { level: 1, name: /^(mis )?ventas$|^(my )?sales$/i });
  saleOf = (vehicleId: string): Locator => this.page.getByTestId('sale-item').filter({ has: this.page.locator(`a[href="/inventory/${vehicleId}"]`) });
  monthCount = () => this.page.getByTestId('sales-month-count');

  // --- customers
  customerSearchList = () => this.page.getByRole('searchbox', { name: /buscar clientes|search customers/i });
  customerItems = () => this.page.getByTestId('customer-item');
  customerSaleOf = (vehicleId: string): Locator => this.page.locator(`[data-testid="customer-sale"][href="/inventory/${vehicleId}"]`);

  /** Searches the customer list and opens the first match. */
  async openCustomer(name: string): Promise<void> {
    await this.customerSearchList().fill(name);
    const item = this.customerItems().filter({ hasText: name }).first();
    await expect(item).toBeVisible();
    // A virtualized row can be re-rendered under the pointer: retry until the detail opens.
    await expect(async () => {
      await item.click({ timeout: 5_000 });
      await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 30_000 });
  }
}

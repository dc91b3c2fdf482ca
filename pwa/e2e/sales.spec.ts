import { expect, test, USERS } from './fixtures.ts';
import { seriousViolations } from './support/axe.ts';
import { SalesPage } from './page-models/sales-page.ts';

test.use({ viewport: { width: 390, height: 844 } });

test('a salesperson records a sale: the form blocks a down payment above the price, then the car is sold everywhere', async ({ page, loginPage, shell, inventory }, testInfo) => {
  await loginPage.loginAs(USERS.ana);
  const sales = new SalesPage(page);

  // An available car among the cheapest (other specs work with the most expensive ones). Each
  // repetition (--repeat-each, possibly in parallel) takes its own slot: repetition k picks the
  // (5k)th, and at most k cheaper ones were sold before it, so two never pick the same car.
  await inventory.goto('?status=available&ordering=price');
  await inventory.setView('list');
  await expect(inventory.items().first()).toBeVisible();
  const vehicleId = await sales.openCarAt(testInfo.repeatEachIndex * 5);
  await expect(page.locator('.vdetail-summary [data-status]')).toHaveAttribute('data-status', 'available');

  await sales.openForm(vehicleId);
  const price = await sales.prefilledPrice();
  expect(price).toBeGreaterThan(0);
  const customer = await sales.pickFirstCustomer();

  // The shared rule, inline: a down payment above the price cannot be saved.
  await sales.downPayment().fill(String(price + 1000));
  await expect(sales.downPaymentError()).toBeVisible();
  await expect(sales.downPayment()).toHaveAttribute('aria-invalid', 'true');
  await expect(sales.save()).toBeDisabled();

  await sales.downPayment().fill(String(Math.floor(price / 4)));
  await expect(sales.downPaymentError()).toHaveCount(0);
  await sales.financing().selectOption('loan');
  await expect(sales.save()).toBeEnabled();
  await sales.save().click();

  // My sales lists it, with the month's totals.
  await expect(page).toHaveURL(/\/sales$/);
  await expect(sales.saleOf(vehicleId)).toBeVisible();
  await expect(sales.monthCount()).not.toHaveText('0');

  // The car shows as sold right away (before the sync, from the local save).
  await sales.saleOf(vehicleId).getByRole('link').first().click();
  await expect(page).toHaveURL(new RegExp(`/inventory/${vehicleId}$`));
  await expect(page.locator('.vdetail-summary [data-status]')).toHaveAttribute('data-status', 'sold');

  // The customer is found by search and lists the purchase.
  await sales.goToCustomers();
  await sales.openCustomer(customer);
  await expect(sales.customerSaleOf(vehicleId)).toBeVisible();

  // And it all reached the server without a conflict.
  await shell.waitForSynced();
  await page.goto('/conflicts');
  await expect(page.getByTestId('conflicts-empty')).toBeVisible();
  await page.goto(`/inventory/${vehicleId}`);
  await expect(page.locator('.vdetail-summary [data-status]')).toHaveAttribute('data-status', 'sold');
});


test('sales and customer screens have no serious axe violations (light and dark themes)', async ({ page, loginPage }) => {
  await loginPage.loginAs(USERS.ana);
  const sales = new SalesPage(page);
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await sales.goToCustomers();
    await expect(sales.customerItems().first()).toBeVisible();
    expect(await seriousViolations(page), `customers (${theme})`).toEqual([]);
    await sales.customerItems().first().click();
    await expect(page.getByRole('heading', { level: 2, name: /compras|purchases/i })).toBeVisible();
    expect(await seriousViolations(page), `customer detail (${theme})`).toEqual([]);
    await page.getByRole('button', { name: /editar contacto|edit contact/i }).click();
    await page.getByLabel(/^teléfono$|^phone$/i).fill('123');
    await page.getByRole('button', { name: /^guardar$|^save$/i }).click();
    await expect(page.getByText(/el teléfono no es válido|the phone number is not valid/i)).toBeVisible();
    expect(await seriousViolations(page), `customer edit with an error (${theme})`).toEqual([]);

    await sales.goToSales();
    await expect(page.getByTestId('sale-item').first()).toBeVisible();
    expect(await seriousViolations(page), `sales (${theme})`).toEqual([]);

    await page.locator('#main').getByRole('link', { name: /registrar venta|record a sale/i }).click();
    await expect(sales.formHeading()).toBeVisible();
    await sales.price().fill('12000');
    await sales.downPayment().fill('-5');
    await expect(sales.downPaymentError()).toBeVisible();
    expect(await seriousViolations(page), `sale form with an error (${theme})`).toEqual([]);
  }
});

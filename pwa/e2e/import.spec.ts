import { fileURLToPath } from 'node:url';
import { expect, test, USERS } from './fixtures.ts';
import { InventoryPage } from './page-models/inventory-page.ts';
import { LoginPage } from './page-models/login-page.ts';
import { seriousViolations } from './support/axe.ts';

// A Spanish Excel stock sheet: Bastidor … Precio (a number in € format), Fecha de entrada (a date), Matrícula.
const STOCK_XLSX = fileURLToPath(new URL('./files/stock-es.xlsx', import.meta.url));
const STOCK_VIN = 'VR3UHZKX9PE000888';

// A manager on a 390 px phone.
test.use({ viewport: { width: 390, height: 844 } });

const ADF = `<?xml version="1.0"?><adf><prospect status="new"><id sequence="1" source="coches.net">E2E-1</id>
<requestdate>2026-03-01T10:15:00Z</requestdate><vehicle interest="buy" status="used"><year>2023</year><make>Toyota</make><model>RAV4</model></vehicle>
<customer><contact><name part="full">Lucía  Gómez Peña</name><email>lucia.e2e@example.com</email><phone>600 123 457</phone></contact>
<comments>Quiere financiación</comments></customer><provider><name>coches.net</name></provider></prospect></adf>`;
const EMAIL = `From: leads@coches.net\r\nSubject: Nuevo lead\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${ADF}\r\n`;

test('a manager imports a portal ADF email, a Spanish stock CSV and Excel sheet and a leads CSV, sees the reports; again changes nothing; a rep\'s phone gets them', async ({ page, loginPage, browser, baseURL }) => {
  await loginPage.loginAs(USERS.manager);
  await page.goto('/import');
  await expect(page.getByRole('heading', { level: 1, name: /^importar$/i })).toBeVisible();
  const upload = async () => {
    await page.getByLabel(/archivo adf o correo/i).setInputFiles({ name: 'lead.eml', mimeType: 'message/rfc822', buffer: Buffer.from(EMAIL) });
    await page.getByTestId('adf-upload').click();
    await expect(page.getByTestId('adf-result')).toBeVisible({ timeout: 30_000 });
  };
  await upload();
  await expect(page.getByTestId('adf-result').getByRole('row').filter({ hasText: 'Lucía Gómez Peña' })).toContainText(/creado/i);
  await expect(page.getByTestId('import-log').getByRole('row')).toHaveCount(2);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await seriousViolations(page)).toEqual([]);

  await upload();
  await expect(page.getByTestId('adf-result')).toContainText(/no ha cambiado nada/i);
  await expect(page.getByTestId('adf-result').getByRole('row').filter({ hasText: 'Lucía Gómez Peña' })).toContainText(/duplicado/i);

  // A small Spanish stock sheet (Windows-1252, semicolons, decimal commas): preview, confirm, and again.
  const csv = Buffer.from('Bastidor;Referencia;Marca;Modelo;Año;Carrocería;Combustible;Cambio;Precio;Kilómetros\r\n' +
    'VSSZZZKJ1PR000777;E2E-7;Citroën;C4;2023;Compacto;Gasolina;Manual;"19.900,50";12.000\r\n', 'latin1');
  const sheet = async () => {
    await page.getByLabel(/archivo csv o excel/i).setInputFiles({ name: 'stock.csv', mimeType: 'text/csv', buffer: csv });
    await page.getByTestId('table-preview').click();
    await expect(page.getByTestId('table-report')).toContainText(/1 filas: 1 válidas, 0 con errores/i);
    await expect(page.getByLabel('Marca')).toHaveValue('make');
    await page.getByTestId('table-confirm').click();
  };
  await sheet();
  await expect(page.getByTestId('table-result')).toContainText(/1 creados/i);
  expect(await seriousViolations(page)).toEqual([]);
  await sheet();
  await expect(page.getByTestId('table-result')).toContainText(/no ha cambiado nada/i);

  // The Spanish Excel stock sheet: mapped from its headers, imported, and again changes nothing.
  const excel = async () => {
    await page.getByLabel(/archivo csv o excel/i).setInputFiles(STOCK_XLSX);
    await page.getByTestId('table-preview').click();
    await expect(page.getByTestId('table-report')).toContainText(/1 filas: 1 válidas, 0 con errores/i);
    await expect(page.getByLabel('Matrícula')).toHaveValue('plate');
    await page.getByTestId('table-confirm').click();
  };
  await excel();
  await expect(page.getByTestId('table-result')).toContainText(/1 creados/i);
  await excel();
  await expect(page.getByTestId('table-result')).toContainText(/no ha cambiado nada/i);

  // Leads from a CSV: they go to the unassigned pool.
  await page.getByLabel(/qué contiene el archivo/i).selectOption('leads');
  await page.getByLabel(/archivo csv o excel/i).setInputFiles({
    name: 'leads.csv', mimeType: 'text/csv', buffer: Buffer.from('Nombre;Apellidos;Teléfono;Origen;Notas\r\nRocío;Ávila Importada;611 000 222;Web;Llega del CSV\r\n'),
  });
  await page.getByTestId('table-preview').click();
  await expect(page.getByTestId('table-report')).toContainText(/1 filas: 1 válidas, 0 con errores/i);
  await page.getByTestId('table-confirm').click();
  await expect(page.getByTestId('table-result')).toContainText(/1 creados/i);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // Imported leads go through lead routing (issue 14): each lands on its rep's phone, or in the
  // pool that every rep sees. Who got each is read from the manager's leads export.
  const token = await page.evaluate(() => (JSON.parse(localStorage.getItem('lotbook.session') ?? '{}') as { access_token?: string }).access_token);
  const exported = await page.request.get('/api/v1/exports/leads?format=csv', { headers: { authorization: `Bearer ${token}` } });
  expect(exported.status()).toBe(200);
  const lines = (await exported.text()).split(/\r?\n/);
  const header = lines[0]!.replace(/^\uFEFF/, '').split(/[;,]/);
  const ownerOf = (name: string) => {
    const row = lines.find((l) => l.includes(name.split(' ')[0]!) && l.includes(name.split(' ')[1]!));
    expect(row, `the export lists ${name}`).toBeDefined();
    const owner = row!.split(/[;,]/)[header.indexOf('assigned_to')] ?? '';
    return /^"?luis/i.test(owner) ? USERS.luis : /^"?marta/i.test(owner) ? USERS.marta : USERS.ana;
  };
  const byRep = new Map<string, string[]>();
  for (const name of ['Rocío Ávila Importada', 'Lucía Gómez Peña']) byRep.set(ownerOf(name), [...(byRep.get(ownerOf(name)) ?? []), name]);
  // A rep's phone: their imported leads and the imported car replicate to it.
  for (const [email, names] of byRep) {
    const phone = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'es-ES', timezoneId: 'Europe/Madrid' });
    const rep = await phone.newPage();
    await new LoginPage(rep).loginAs(email);
    await rep.goto('/leads');
    for (const name of names) await expect(rep.getByText(name).first()).toBeVisible({ timeout: 60_000 });
    const stock = new InventoryPage(rep);
    await stock.goto();
    await stock.search().fill(STOCK_VIN);
    await expect(stock.items().filter({ hasText: /peugeot/i })).toHaveCount(1, { timeout: 60_000 });
    await phone.close();
  }

  // The imported lead is on the leads screen, and the leads export downloads.
  await page.goto('/leads');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-leads-csv').click()]);
  expect(download.suggestedFilename()).toBe('lotbook-leads.csv');
});

import { deflateSync } from 'node:zlib';
import { vinCheckDigit } from '@lotbook/shared';
import { expect, test, USERS } from './fixtures.ts';
import { openDevice } from './page-models/devices.ts';

/** A small solid-colour PNG (a "photo" for the file input), made with zlib only. */
function png(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = (crcTable[(c ^ x) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x5a)]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * A 2003 Honda VIN with a serial of its own, so that a retry does not meet the car its first
 * attempt already synced (the server refuses a duplicate VIN or stock number).
 */
function uniqueHondaVin(): { valid: string; wrongCheckDigit: string } {
  const serial = String(Date.now() % 1_000_000).padStart(6, '0');
  const body = `1HGCM826_3A${serial}`;
  const digit = vinCheckDigit(body) ?? '0';
  const wrong = digit === '1' ? '2' : '1';
  return { valid: body.replace('_', digit), wrongCheckDigit: body.replace('_', wrong) };
}

test('a manager adds a car offline with a VIN and a photo; it syncs and another device sees it', async ({ browser, baseURL, page, context, loginPage, shell }) => {
  const car = uniqueHondaVin();
  const stockNo = `E2E-${car.valid.slice(-6)}`;
  await loginPage.loginAs(USERS.manager);
  await shell.waitForServiceWorkerControl();
  await context.setOffline(true);
  await page.goto('/inventory/new');

  // A wrong check digit on a North American VIN blocks; the right one decodes year and maker.
  const vin = page.getByLabel(/vin \(bastidor\)/i);
  await vin.fill(car.wrongCheckDigit);
  await expect(page.getByText(/dígito de control/i)).toBeVisible();
  await vin.fill(car.valid);
  await expect(page.getByTestId('vin-decoded')).toContainText('2003');
  await expect(page.getByLabel(/^año$/i)).toHaveValue('2003');
  await expect(page.getByLabel(/^marca$/i)).not.toHaveValue('');

  await page.getByLabel(/^marca$/i).fill('Honda');
  await page.getByLabel(/nº de stock/i).fill(stockNo);
  await page.getByLabel(/^modelo$/i).fill('Accord');
  await page.getByLabel(/^kilometraje$/i).fill('151000');
  await page.getByLabel(/^precio$/i).fill('6900');
  await page.getByTestId('photo-input').setInputFiles({ name: 'lot.png', mimeType: 'image/png', buffer: png(2000, 1500) });
  await expect(page.getByRole('img', { name: /foto 1/i })).toBeVisible();
  const photo = await page.getByRole('img', { name: /foto 1/i }).evaluate((img: HTMLImageElement) => ({ src: img.src.slice(0, 23), w: img.naturalWidth }));
  expect(photo).toEqual({ src: 'data:image/jpeg;base64,', w: 1280 });

  await page.getByRole('button', { name: /^guardar$/i }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Honda Accord');
  await expect.poll(() => shell.pending()).toBeGreaterThan(0);

  await context.setOffline(false);
  await shell.waitForSynced();

  const other = await openDevice(browser, baseURL, USERS.ana);
  await other.inventory.goto(`?search=${stockNo}`);
  await expect(other.inventory.items()).toHaveCount(1);
  await other.inventory.openFirst();
  await expect(other.page.getByRole('heading', { level: 1 })).toContainText('Honda Accord');
  await expect(other.page.getByRole('img', { name: /honda accord, foto 1 de 1/i })).toBeVisible();
  // Salespeople cannot edit inventory.
  await expect(other.page.getByRole('link', { name: /editar/i })).toHaveCount(0);
  await other.close();
});

test('notifications: the bell counts unread ones and opening one marks it read', async ({ page, loginPage, shell }) => {
  await loginPage.loginAs(USERS.manager);
  const label = async () => (await shell.bell().getAttribute('aria-label')) ?? '';
  await expect.poll(label).toMatch(/\d+ sin leer/);
  const before = Number(/(\d+) sin leer/.exec(await label())?.[1]);
  await shell.bell().click();
  await expect(page.getByRole('heading', { level: 1, name: /avisos/i })).toBeVisible();
  const unread = page.getByTestId('notification').filter({ hasText: /sin leer/i }).first();
  await unread.click();
  await expect.poll(async () => Number(/(\d+) sin leer/.exec(await label())?.[1] ?? 0)).toBe(before - 1);
});

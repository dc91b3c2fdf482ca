import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { makeVin } from '@lotbook/shared';
import { startAnalyticsWorld, tokenOf, type AnalyticsWorld } from '../../analytics/testkit.ts';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON under test

let w: AnalyticsWorld;
let manager: string;
beforeAll(async () => {
  // Small limits so the tests can pass them: other routes take 300 KB, imports 1 MB.
  w = await startAnalyticsWorld({ BODY_LIMIT_BYTES: String(300 * 1024), IMPORT_BODY_LIMIT_BYTES: String(1024 * 1024) });
  manager = tokenOf(w, 'gerente@demo.example');
});
afterAll(() => w?.server.stop());

async function upload(path: string, bytes: Uint8Array | string, name: string, extra: Record<string, string> = {}, token = manager) {
  const form = new FormData();
  form.set('file', new File([bytes], name));
  for (const [k, v] of Object.entries(extra)) form.set(k, v);
  const res = await fetch(`${w.server.url}/api/v1/imports/${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: res.status, body: (await res.json()) as Body };
}
const vin = (n: number) => makeVin('VSSZZZKJ', 'P', 'R', String(n).padStart(6, '0'));
const state = async () =>
  (
    await w.server.ctx.db.rows<Body>(sql`SELECT (SELECT count(*) FROM vehicles)::int AS vehicles, (SELECT count(*) FROM customers)::int AS customers,
      (SELECT coalesce(max(seq), 0) FROM customers)::text AS cseq, (SELECT coalesce(max(seq), 0) FROM vehicles)::text AS vseq,
      (SELECT md5(string_agg(c::text, '|' ORDER BY id)) FROM customers c) AS chash`)
  )[0];

/** A Spanish stock sheet, as Excel for Windows saves it: Windows-1252, semicolons, decimal commas, dd/mm/yyyy. */
const spanishCsv = (price2 = '18.500,00') =>
  Buffer.from(
    [
      'Bastidor;Referencia;Marca;Modelo;Año;Carrocería;Combustible;Cambio;Precio;Kilómetros;Fecha de entrada;Matrícula',
      `${vin(1)};IMP-1;Citroën;C3;2023;Compacto;Gasolina;Manual;"14.900,50";12.000;01/03/2026;1234 LMN`,
      `${vin(2)};IMP-2;Seat;León;2022;Familiar;Diésel;Automático;${price2};45.300;15/02/2026;5678 XYZ`,
      `NOTAVIN;IMP-3;Seat;Ibiza;1800;Compacto;Carbón;Manual;gratis;0;31/02/2026;`,
    ].join('\r\n'),
    'latin1',
  );

describe('CSV and Excel imports', () => {
  it('previews a Windows-1252 Spanish sheet: header guesses, decimal commas, row errors', async () => {
    const r = await upload('vehicles/preview', spanishCsv(), 'stock.csv');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ encoding: 'windows-1252', delimiter: ';', total: 3, valid: 2, invalid: 1 });
    expect(r.body.mapping).toEqual(['vin', 'stock_number', 'make', 'model', 'year', 'body_type', 'fuel_type', 'transmission', 'price', 'mileage', 'acquired_at', 'description']);
    expect(r.body.sample[0]).toMatchObject({ make: 'Citroën', price: 14900.5, mileage: 12000, fuel_type: 'gasoline', body_type: 'hatchback', acquired_at: '2026-03-01T00:00:00.000Z' });
    const bad = (r.body.errors as Body[]).filter((e) => e.row === 4).map((e) => e.field);
    expect(bad).toEqual(expect.arrayContaining(['fuel_type', 'price', 'acquired_at']));
  });

  it('imports in one go, dedups by VIN, and a re-import changes nothing and says so', async () => {
    const refused = await upload('vehicles', spanishCsv(), 'stock.csv');
    expect(refused.status).toBe(422);
    expect(refused.body.error).toBe('invalid_rows');
    const first = await upload('vehicles', spanishCsv(), 'stock.csv', { skip_invalid: 'true' });
    expect(first.status).toBe(200);
    expect(first.body.counts).toEqual({ total: 3, created: 2, updated: 0, unchanged: 0, invalid: 1 });
    const [car] = await w.server.ctx.db.rows<Body>(sql`SELECT make, price::float8 AS price, seq, version FROM vehicles WHERE vin = ${vin(1)}`);
    expect(car).toMatchObject({ make: 'Citroën', price: 14900.5, version: 1 });
    expect(Number(car?.seq)).toBeGreaterThan(0);
    const again = await upload('vehicles', spanishCsv(), 'stock.csv', { skip_invalid: 'true' });
    expect(again.body).toMatchObject({ unchanged: true, counts: { created: 0, updated: 0, unchanged: 2 } });
    expect(again.body.import.same_file_imported_at).toBe(first.body.import.created_at);
    const changed = await upload('vehicles', spanishCsv('17.990'), 'stock.csv', { skip_invalid: 'true' });
    expect(changed.body.counts).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect((await w.server.ctx.db.rows<Body>(sql`SELECT count(*)::int AS n FROM vehicles WHERE vin = ${vin(2)}`))[0]?.n).toBe(1);
  });

  it('imports customers from .xlsx with a BOM-less header, dedup by phone merges into the existing customer', async () => {
    const [known] = await w.server.ctx.db.rows<Body>(sql`SELECT id, phone FROM customers WHERE dealership_id = ${w.demo.dealership_id} AND phone IS NOT NULL LIMIT 1`);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Clientes');
    ws.addRow(['Nombre', 'Apellidos', 'Teléfono', 'Correo', 'DNI']);
    ws.addRow(['Núria', 'Puig i Soler', '611 22 33 44', 'nuria@example.com', '12345678Z']);
    ws.addRow(['Conocido', 'Cliente', known?.phone, null, null]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await upload('customers', bytes, 'clientes.xlsx');
    expect(r.status).toBe(200);
    expect(r.body.counts).toMatchObject({ created: 1, invalid: 0 });
    const [n] = await w.server.ctx.db.rows<Body>(sql`SELECT first_name, phone FROM customers WHERE email = 'nuria@example.com'`);
    expect(n).toEqual({ first_name: 'Núria', phone: '+34611223344' });
    const [k] = await w.server.ctx.db.rows<Body>(sql`SELECT first_name FROM customers WHERE id = ${known?.id}`);
    expect(k?.first_name).toBe('Conocido');
    const again = await upload('customers', bytes, 'clientes.xlsx');
    expect(again.body.unchanged).toBe(true);
  });

  it('a failure in the middle of a 10,000-row import leaves the database exactly as before', async () => {
    const [a, b] = await w.server.ctx.db.rows<Body>(sql`SELECT email, national_id FROM customers WHERE dealership_id = ${w.demo.dealership_id} AND email IS NOT NULL AND national_id IS NOT NULL ORDER BY id LIMIT 2`);
    const lines = ['\ufeffnombre,apellidos,email,telefono'];
    for (let i = 0; i < 10_000; i++) lines.push(`Cliente${i},Prueba,bulk${i}@example.com,`);
    // Row 5,002: the email of customer A with the national id of customer B, a unique clash.
    lines[5_001] = `Choque,Prueba,${a?.email},`;
    const csv = `${lines.join('\n').replace('nombre,apellidos,email,telefono', 'nombre,apellidos,email,telefono,dni')}`.replace(`Choque,Prueba,${a?.email},`, `Choque,Prueba,${a?.email},,${b?.national_id}`);
    const before = await state();
    const r = await upload('customers', csv, 'bulk.csv');
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ error: 'import_failed', details: { row: 5_002 } });
    expect(await state()).toEqual(before);
  }, 180_000);

  it('export → import round trip: the inventory comes back unchanged', async () => {
    const res = await fetch(`${w.server.url}/api/v1/exports/inventory?status=available`, { headers: { authorization: `Bearer ${manager}` } });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const before = await state();
    const r = await upload('vehicles', bytes, 'inventory.csv');
    expect(r.status).toBe(200);
    expect(r.body.counts.invalid).toBe(0);
    expect(r.body.counts.unchanged).toBe(r.body.counts.total);
    expect(r.body.unchanged).toBe(true);
    const after = await state();
    expect(after?.vseq).toBe(before?.vseq);
  });

  it('refuses a salesperson, a non-CSV file and an oversized one with the error shape', async () => {
    const rep = await upload('vehicles/preview', spanishCsv(), 'stock.csv', {}, tokenOf(w, 'ana@demo.example'));
    expect(rep.status).toBe(403);
    expect(rep.body.error).toBe('forbidden');
    const pdf = await upload('vehicles/preview', '%PDF-1.4', 'stock.pdf');
    expect(pdf.status).toBe(415);
    expect(pdf.body).toMatchObject({ error: 'unsupported_file' });
    const binary = await upload('vehicles/preview', new Uint8Array([1, 0, 2, 0, 3]), 'stock.csv');
    expect(binary.status).toBe(415);
    const big = await upload('vehicles/preview', 'a;b\n'.repeat(Math.ceil((w.server.ctx.env.IMPORT_BODY_LIMIT_BYTES + 10) / 4)), 'big.csv');
    expect(big.status).toBe(413);
    expect(big.body.error).toBe('payload_too_large');
  });
});

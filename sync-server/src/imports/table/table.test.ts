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
    expect(r.body.mapping).toEqual(['vin', 'stock_number', 'make', 'model', 'year', 'body_type', 'fuel_type', 'transmission', 'price', 'mileage', 'acquired_at', 'plate']);
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
    const [car] = await w.server.ctx.db.rows<Body>(sql`SELECT make, price::float8 AS price, seq, version, features FROM vehicles WHERE vin = ${vin(1)}`);
    expect(car).toMatchObject({ make: 'Citroën', price: 14900.5, version: 1, features: { plate: '1234 LMN' } });
    // A rep adds equipment; a later import with a new plate keeps it and only changes the plate.
    await w.server.ctx.db.rows(sql`UPDATE vehicles SET features = features || '{"camera": true}'::jsonb WHERE vin = ${vin(1)}`);
    expect(Number(car?.seq)).toBeGreaterThan(0);
    const again = await upload('vehicles', spanishCsv(), 'stock.csv', { skip_invalid: 'true' });
    expect(again.body).toMatchObject({ unchanged: true, counts: { created: 0, updated: 0, unchanged: 2 } });
    expect(again.body.import.same_file_imported_at).toBe(first.body.import.created_at);
    const changed = await upload('vehicles', spanishCsv('17.990'), 'stock.csv', { skip_invalid: 'true' });
    expect(changed.body.counts).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const replated = await upload('vehicles', spanishCsv('17.990').toString('latin1').replace('1234 LMN', '9999 ZZZ'), 'stock.csv', { skip_invalid: 'true' });
    expect(replated.body.counts).toMatchObject({ updated: 1, unchanged: 1 });
    const [again1] = await w.server.ctx.db.rows<Body>(sql`SELECT features FROM vehicles WHERE vin = ${vin(1)}`);
    expect(again1?.features).toEqual({ plate: '9999 ZZZ', camera: true });
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
    // A zip that is not a workbook (cut short): the clear refusal, never a 500 (the cause is logged).
    const cut = await upload('vehicles/preview', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]), 'stock.xlsx');
    expect(cut.status).toBe(415);
    expect(cut.body).toMatchObject({ error: 'unsupported_file', message: 'The file is not a readable .xlsx workbook' });
    const noFile = await fetch(`${w.server.url}/api/v1/imports/vehicles`, { method: 'POST', headers: { authorization: `Bearer ${manager}` }, body: (() => { const f = new FormData(); f.set('mapping', '[]'); return f; })() });
    expect(noFile.status).toBe(400);
    expect(((await noFile.json()) as Body).error).toBe('invalid_upload');
    const broken = await fetch(`${w.server.url}/api/v1/imports/vehicles`, { method: 'POST', headers: { authorization: `Bearer ${manager}`, 'content-type': 'multipart/form-data; boundary=xyz' }, body: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\na;b\r\n1;2' });
    expect(broken.status).toBe(400);
    const json = await fetch(`${w.server.url}/api/v1/imports/vehicles`, { method: 'POST', headers: { authorization: `Bearer ${manager}`, 'content-type': 'application/json' }, body: '{"file":"a;b"}' });
    expect(json.status).toBe(415);
    const empty = await upload('vehicles', '', 'vacio.csv');
    expect(empty.status).toBe(422);
    expect(empty.body.error).toBe('empty_file');
    const big = await upload('vehicles/preview', 'a;b\n'.repeat(Math.ceil((w.server.ctx.env.IMPORT_BODY_LIMIT_BYTES + 10) / 4)), 'big.csv');
    expect(big.status).toBe(413);
    expect(big.body.error).toBe('payload_too_large');
  });

  it('a file larger than the ordinary body limit imports in one go, in batches, and again changes nothing', async () => {
    const lines = ['Bastidor;Referencia;Marca;Modelo;Año;Carrocería;Combustible;Cambio;Precio;Kilómetros'];
    for (let i = 0; i < 5_000; i++) lines.push(`${vin(100_000 + i)};BIG-${i};Seat;Ibiza;2021;Compacto;Gasolina;Manual;"12.${String(i % 1000).padStart(3, '0')},00";${i}`);
    const csv = `\ufeff${lines.join('\r\n')}`;
    expect(Buffer.byteLength(csv)).toBeGreaterThan(w.server.ctx.env.BODY_LIMIT_BYTES);
    const prev = await upload('vehicles/preview', csv, 'grande.csv');
    expect(prev.status).toBe(200);
    expect(prev.body).toMatchObject({ encoding: 'utf-8-bom', total: 5_000, valid: 5_000, invalid: 0 });
    const first = await upload('vehicles', csv, 'grande.csv', { progress_id: 'big-import-1' });
    expect(first.status).toBe(200);
    expect(first.body.counts).toEqual({ total: 5_000, created: 5_000, updated: 0, unchanged: 0, invalid: 0 });
    const progress = await fetch(`${w.server.url}/api/v1/imports/progress/big-import-1`, { headers: { authorization: `Bearer ${manager}` } });
    expect(await progress.json()).toEqual({ phase: 'done', done: 5_000, total: 5_000 });
    const stranger = await fetch(`${w.server.url}/api/v1/imports/progress/big-import-1`, { headers: { authorization: `Bearer ${tokenOf(w, 'admin@demo.example')}` } });
    expect(stranger.status).toBe(404);
    const before = await state();
    const again = await upload('vehicles', csv, 'grande.csv');
    expect(again.body).toMatchObject({ unchanged: true, counts: { created: 0, updated: 0, unchanged: 5_000 } });
    expect(await state()).toEqual(before);
    const [n] = await w.server.ctx.db.rows<Body>(sql`SELECT count(*)::int AS n, min(price)::float8 AS lo FROM vehicles WHERE stock_number LIKE 'BIG-%'`);
    expect(n).toEqual({ n: 5_000, lo: 12_000 });
  }, 180_000);

  it('a chunked upload past the import limit is cut off with 413 and the error shape', async () => {
    const boundary = 'lotbookfuzzboundary';
    const enc = new TextEncoder();
    const chunk = enc.encode('a;b\r\n'.repeat(20_000));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(enc.encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.csv"\r\nContent-Type: text/csv\r\n\r\n`));
      },
      pull(c) {
        if (sent > w.server.ctx.env.IMPORT_BODY_LIMIT_BYTES * 2) {
          c.enqueue(enc.encode(`\r\n--${boundary}--\r\n`));
          c.close();
          return;
        }
        sent += chunk.length;
        c.enqueue(chunk);
      },
    });
    const res = await fetch(`${w.server.url}/api/v1/imports/vehicles/preview`, {
      method: 'POST',
      headers: { authorization: `Bearer ${manager}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'payload_too_large' });
  });

  it('imports leads: customers matched by phone or created, the car of interest by VIN, new ones routed, and a re-import changes nothing', async () => {
    const [known] = await w.server.ctx.db.rows<Body>(sql`SELECT id, phone FROM customers WHERE dealership_id = ${w.demo.dealership_id} AND phone LIKE '+346%' AND NOT deleted ORDER BY id LIMIT 1`);
    const [car] = await w.server.ctx.db.rows<Body>(sql`SELECT id, vin FROM vehicles WHERE dealership_id = ${w.demo.dealership_id} AND NOT deleted ORDER BY id LIMIT 1`);
    const bare = String(known?.phone).slice(3).replace(/(\d{3})(\d{2})(\d{2})(\d{2})/, '$1 $2 $3 $4');
    const csv = Buffer.from(
      [
        'Nombre;Apellidos;Teléfono;Correo;Origen;Estado;Prioridad;Presupuesto;Bastidor;Notas',
        `Íñigo;Muñoz Ibáñez;699 88 77 66;inigo@example.com;Web;Nuevo;Alta;"24.900,50";${car?.vin};Quiere probarlo el sábado`,
        `Otro;Nombre;${bare};;Teléfono;Contactado;Media;;;Llamó por la tarde`,
        `;;;;Web;Nuevo;;;;sin cliente`,
      ].join('\r\n'),
    );
    const customersBefore = (await state())?.customers;
    const prev = await upload('leads/preview', csv, 'leads.csv');
    expect(prev.body, JSON.stringify(prev.body.errors)).toMatchObject({ total: 3, valid: 2, invalid: 1 });
    expect(prev.body.mapping).toEqual(['first_name', 'last_name', 'phone', 'email', 'source', 'status', 'priority', 'budget_max', 'vin', 'notes']);
    const rep = await upload('leads', csv, 'leads.csv', { skip_invalid: 'true' }, tokenOf(w, 'ana@demo.example'));
    expect(rep.status).toBe(403);
    const r = await upload('leads', csv, 'leads.csv', { skip_invalid: 'true' });
    expect(r.status).toBe(200);
    expect(r.body.counts).toEqual({ total: 3, created: 2, updated: 0, unchanged: 0, invalid: 1 });
    expect((await state())?.customers).toBe(Number(customersBefore) + 1);
    const leads = await w.server.ctx.db.rows<Body>(sql`SELECT l.id, l.assigned_to, l.source, l.status, l.priority, l.budget_max::float8 AS budget_max, l.preferences->>'vehicle_id' AS vehicle_id,
      c.first_name, c.phone, l.customer_id FROM leads l JOIN customers c ON c.id = l.customer_id WHERE l.notes IN ('Quiere probarlo el sábado', 'Llamó por la tarde') ORDER BY l.notes DESC`);
    expect(leads).toHaveLength(2);
    // A new lead goes through lead routing (issue 14) after the import commits: to a rep or the
    // pool, with its explanation; one already contacted is not routed.
    const routing = async (id: unknown) => w.server.ctx.db.rows<Body>(sql`SELECT kind, to_user FROM lead_routing WHERE lead_id = ${String(id)}::uuid`);
    const [routed] = await routing(leads[0]!.id);
    expect(['assigned', 'pool']).toContain(routed?.kind);
    expect(routed?.to_user ?? null).toBe(leads[0]!.assigned_to ?? null);
    expect(await routing(leads[1]!.id)).toEqual([]);
    expect(leads[0]).toMatchObject({ source: 'website', status: 'new', priority: 'high', budget_max: 24900.5, vehicle_id: car?.id, first_name: 'Íñigo', phone: '+34699887766' });
    expect(leads[1]).toMatchObject({ assigned_to: null, source: 'phone', status: 'contacted', customer_id: known?.id });
    const before = await state();
    const again = await upload('leads', csv, 'leads.csv', { skip_invalid: 'true' });
    expect(again.body).toMatchObject({ unchanged: true, counts: { created: 0, updated: 0, unchanged: 2 } });
    expect(await state()).toEqual(before);
  });

  it('leads export → import round trip gives the same records', async () => {
    const res = await fetch(`${w.server.url}/api/v1/exports/leads`, { headers: { authorization: `Bearer ${manager}` } });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const leadsState = async () => (await w.server.ctx.db.rows<Body>(sql`SELECT count(*)::int AS n, coalesce(max(seq), 0)::text AS seq FROM leads`))[0];
    const before = { ...(await state()), ...(await leadsState()) };
    const r = await upload('leads', bytes, 'leads.csv');
    expect(r.status, JSON.stringify(r.body).slice(0, 600)).toBe(200);
    expect(r.body.counts.invalid).toBe(0);
    expect(r.body.counts.unchanged).toBe(r.body.counts.total);
    expect({ ...(await state()), ...(await leadsState()) }).toEqual(before);
  });

  it('reads an .xlsx stock sheet as a stream: typed numbers and real dates', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Stock');
    ws.addRow(['VIN', 'Referencia', 'Marca', 'Modelo', 'Año', 'Carrocería', 'Combustible', 'Cambio', 'Precio', 'Kilómetros', 'Fecha de entrada']);
    ws.addRow([vin(900_001), 'XL-1', 'Renault', 'Clio', 2024, 'Utilitario', 'Híbrido', 'Automático', 16_490.5, 8_000, new Date(Date.UTC(2026, 0, 15))]);
    ws.getCell('K2').numFmt = 'dd/mm/yyyy';
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await upload('vehicles', bytes, 'stock.xlsx');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.counts).toMatchObject({ created: 1, invalid: 0 });
    const [car] = await w.server.ctx.db.rows<Body>(sql`SELECT make, price::float8 AS price, mileage, lotbook_iso(acquired_at) AS at FROM vehicles WHERE vin = ${vin(900_001)}`);
    expect(car).toMatchObject({ make: 'Renault', price: 16_490.5, mileage: 8_000 });
    expect(String(car?.at)).toMatch(/^2026-01-15T00:00:00/);
    const mapping = await upload('vehicles/preview', bytes, 'stock.xlsx', { mapping: JSON.stringify(['vin', 'nonsense']) });
    expect(mapping.status).toBe(400);
    expect(mapping.body.error).toBe('validation_error');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { AuthUser } from '../context.ts';
import { COLUMNS, exportQuery, selection } from './entities.ts';
import { batches } from './write.ts';
import { idOf, startAnalyticsWorld, tokenOf, type AnalyticsWorld } from '../analytics/testkit.ts';

let w: AnalyticsWorld;
beforeAll(async () => {
  w = await startAnalyticsWorld();
});
afterAll(() => w?.server.stop());

async function download(path: string, email: string) {
  const res = await fetch(`${w.server.url}/api/v1/exports/${path}`, { headers: { authorization: `Bearer ${tokenOf(w, email)}` } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', buf: Buffer.from(await res.arrayBuffer()) };
}
const csvLines = (buf: Buffer) => buf.toString('utf8').replace(/^\ufeff/, '').trimEnd().split('\r\n');
const count = async (q: ReturnType<typeof sql>) => Number((await w.server.ctx.db.rows<{ n: number }>(q))[0]?.n);

describe('GET /api/v1/exports/:entity', () => {
  it('CSV for Spanish Excel: BOM, semicolons, decimal commas; the inventory filters apply; reps get no cost', async () => {
    const mgr = await download('inventory?status=available', 'gerente@demo.example');
    expect(mgr.status).toBe(200);
    expect(mgr.type).toContain('text/csv');
    expect([...mgr.buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csvLines(mgr.buf);
    const header = (lines[0] ?? '').split(';');
    expect(header.slice(0, 3)).toEqual(['vin', 'stock_number', 'make']);
    const available = await count(sql`SELECT count(*)::int AS n FROM vehicles WHERE dealership_id = ${w.demo.dealership_id} AND status = 'available' AND NOT deleted`);
    expect(lines).toHaveLength(available + 1);
    const costAt = header.indexOf('cost');
    expect(lines.slice(1).some((l) => l.split(';')[costAt] !== '')).toBe(true);
    const priceAt = header.indexOf('price');
    expect(lines.slice(1).every((l) => /^\d+(,\d{1,2})?$/.test(l.split(';')[priceAt] ?? ''))).toBe(true);
    const rep = csvLines((await download('inventory', 'ana@demo.example')).buf);
    expect(rep.slice(1).every((l) => l.split(';')[costAt] === '')).toBe(true);
    const bad = await download('inventory?year_min=abc', 'gerente@demo.example');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.buf.toString()).error).toBe('validation_error');
    expect((await download('secrets', 'gerente@demo.example')).status).toBe(404);
  });

  it("a salesperson's leads and sales export holds only their scope", async () => {
    const ana = idOf(w, 'ana@demo.example');
    const d = w.demo.dealership_id;
    const leads = csvLines((await download('leads', 'ana@demo.example')).buf);
    const mine = await count(sql`SELECT count(*)::int AS n FROM leads WHERE dealership_id = ${d} AND NOT deleted AND (assigned_to = ${ana} OR assigned_to IS NULL)`);
    const all = await count(sql`SELECT count(*)::int AS n FROM leads WHERE dealership_id = ${d} AND NOT deleted`);
    expect(mine).toBeLessThan(all);
    expect(leads).toHaveLength(mine + 1);
    expect(csvLines((await download('leads', 'gerente@demo.example')).buf)).toHaveLength(all + 1);
    const sales = csvLines((await download('sales', 'ana@demo.example')).buf);
    expect(sales).toHaveLength((await count(sql`SELECT count(*)::int AS n FROM sales WHERE dealership_id = ${d} AND NOT deleted AND salesperson_id = ${ana}`)) + 1);
    const customers = csvLines((await download('customers', 'ana@demo.example')).buf);
    expect(customers.length - 1).toBeLessThan(await count(sql`SELECT count(*)::int AS n FROM customers WHERE dealership_id = ${d} AND NOT deleted`));
  });

  it('the .xlsx reopens with exceljs: frozen header, typed numbers and dates, currency format, no cost for a viewer', async () => {
    const file = await download('inventory?format=xlsx', 'gerente@demo.example');
    expect(file.status).toBe(200);
    expect(file.type).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('inventory') as ExcelJS.Worksheet;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const col = (k: string) => header.indexOf(k) + 1;
    const row = ws.getRow(2);
    expect(typeof row.getCell(col('price')).value).toBe('number');
    expect(typeof row.getCell(col('year')).value).toBe('number');
    expect(row.getCell(col('acquired_at')).value).toBeInstanceOf(Date);
    expect(row.getCell(col('price')).numFmt).toContain('€');
    expect(ws.rowCount - 1).toBe(await count(sql`SELECT count(*)::int AS n FROM vehicles WHERE dealership_id = ${w.demo.dealership_id} AND NOT deleted`));

    const viewer = await download('inventory?format=xlsx', 'visor@demo.example');
    const vb = new ExcelJS.Workbook();
    await vb.xlsx.load(viewer.buf as unknown as ArrayBuffer);
    const vs = vb.getWorksheet('inventory') as ExcelJS.Worksheet;
    for (let r = 2; r <= vs.rowCount; r++) expect(vs.getRow(r).getCell(col('cost')).value ?? null).toBeNull();

    const leads = await download('leads?format=xlsx&status=new', 'gerente@demo.example');
    const lb = new ExcelJS.Workbook();
    await lb.xlsx.load(leads.buf as unknown as ArrayBuffer);
    const ls = lb.getWorksheet('leads') as ExcelJS.Worksheet;
    expect(ls.getRow(2).getCell(1).value).toBeInstanceOf(Date);
    expect(ls.rowCount - 1).toBe(await count(sql`SELECT count(*)::int AS n FROM leads WHERE dealership_id = ${w.demo.dealership_id} AND NOT deleted AND status = 'new'`));
  });

  it("the same filters as the screens: the leads list's status and name search, the sales screen's salesperson", async () => {
    const d = w.demo.dealership_id;
    const ana = idOf(w, 'ana@demo.example');
    const bySeller = csvLines((await download(`sales?salesperson=${ana}`, 'gerente@demo.example')).buf);
    const anas = await count(sql`SELECT count(*)::int AS n FROM sales WHERE dealership_id = ${d} AND NOT deleted AND salesperson_id = ${ana}`);
    expect(anas).toBeGreaterThan(0);
    expect(bySeller).toHaveLength(anas + 1);
    const [c] = await w.server.ctx.db.rows<{ first_name: string; last_name: string }>(
      sql`SELECT c.first_name, c.last_name FROM leads l JOIN customers c ON c.id = l.customer_id WHERE l.dealership_id = ${d} AND NOT l.deleted ORDER BY l.id LIMIT 1`,
    );
    // Typed as on the screen: lower case, accents dropped, words in any order.
    const words = `${c?.last_name} ${c?.first_name}`.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    const found = csvLines((await download(`leads?search=${encodeURIComponent(words)}&status=${encodeURIComponent('new,contacted,qualified,negotiating,closed_won,closed_lost')}`, 'gerente@demo.example')).buf);
    const header = (found[0] ?? '').split(';');
    expect(found.length).toBeGreaterThan(1);
    for (const line of found.slice(1)) {
      const cells = line.split(';');
      expect(`${cells[header.indexOf('first_name')]} ${cells[header.indexOf('last_name')]}`).toBe(`${c?.first_name} ${c?.last_name}`);
    }
    const newOnly = csvLines((await download('leads?status=new', 'gerente@demo.example')).buf);
    expect(newOnly.slice(1).every((l) => l.split(';')[header.indexOf('status')] === 'new')).toBe(true);
    expect((await download('sales?salesperson=nobody', 'gerente@demo.example')).status).toBe(400);
  });

  it('reads in keyset batches: small batches give exactly the rows of one big batch, in order, no repeats', async () => {
    const user: AuthUser = { id: idOf(w, 'gerente@demo.example'), dealership_id: w.demo.dealership_id, role: 'manager', email: 'gerente@demo.example' };
    const sel = selection('leads', user, exportQuery.parse({}), {});
    const collect = async (size: number) => {
      const ids: string[] = [];
      let n = 0;
      for await (const b of batches(w.server.ctx.db, sel, 'leads', 'manager', size)) {
        n++;
        ids.push(...b.map((r) => String(r._id)));
      }
      return { ids, n };
    };
    const small = await collect(7);
    const big = await collect(100_000);
    expect(small.n).toBeGreaterThan(2);
    expect(small.ids).toEqual(big.ids);
    expect(new Set(small.ids).size).toBe(small.ids.length);
    expect(COLUMNS.leads.map((c) => c.key)).toContain('first_name');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { get, startAnalyticsWorld, tokenOf, type AnalyticsWorld } from './testkit.ts';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON under test

let w: AnalyticsWorld;
beforeAll(async () => {
  w = await startAnalyticsWorld();
});
afterAll(() => w?.server.stop());

async function download(path: string, token: string): Promise<{ status: number; type: string; buf: Buffer }> {
  const res = await fetch(`${w.server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', buf: Buffer.from(await res.arrayBuffer()) };
}

function sheetRows(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('GET /api/v1/analytics/report.xlsx', () => {
  it('opens again with exceljs and holds the same numbers as the JSON', async () => {
    const t = tokenOf(w, 'gerente@demo.example');
    const file = await download('/api/v1/analytics/report.xlsx?period=year', t);
    expect(file.status).toBe(200);
    expect(file.type).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Summary', 'Leaderboard', 'Aging', 'Funnel']);
    const { body: d } = await get<Body>(w, '/api/v1/analytics/dashboard?period=year', t);
    const summary = new Map(sheetRows(wb.getWorksheet('Summary') as ExcelJS.Worksheet).map((r) => [r[0], r[1]]));
    expect(summary.get('total_revenue')).toBe(d.sales.total_revenue);
    expect(summary.get('total_units')).toBe(d.sales.total_units);
    expect(summary.get('front_gross')).toBe(d.sales.front_gross);
    expect(summary.get('total_leads')).toBe(d.leads.total_leads);
    expect(summary.get('days_supply')).toBe(d.inventory.days_supply);

    const { body: s } = await get<Body>(w, '/api/v1/analytics/sellers?period=year', t);
    const board = wb.getWorksheet('Leaderboard') as ExcelJS.Worksheet;
    const boardRows = sheetRows(board).slice(1);
    expect(boardRows.map((r) => [r[0], r[1], r[2]])).toEqual(s.sellers.map((x: Body) => [x.name, x.units, x.revenue]));
    expect(board.getCell('C2').numFmt).toContain('€');

    const { body: a } = await get<Body>(w, '/api/v1/analytics/inventory-aging', t);
    const all = sheetRows(wb.getWorksheet('Aging') as ExcelJS.Worksheet)[1] as unknown[];
    expect(all.slice(2, 8)).toEqual([a.total_vehicles, a.average_days_in_stock, a.buckets['0-30'], a.buckets['31-60'], a.buckets['61-90'], a.buckets['90+']]);

    const { body: f } = await get<Body>(w, '/api/v1/analytics/leads-funnel?period=year', t);
    const funnel = sheetRows(wb.getWorksheet('Funnel') as ExcelJS.Worksheet).slice(1);
    expect(funnel.map((r) => [r[0], r[1], r[2]])).toEqual(f.by_source.map((x: Body) => [x.source, x.total, x.won]));
  });

  it('serves the same tables as CSV, and refuses a bad table', async () => {
    const t = tokenOf(w, 'gerente@demo.example');
    const file = await download('/api/v1/analytics/report.csv?period=year&table=leaderboard', t);
    expect(file.status).toBe(200);
    expect(file.type).toContain('text/csv');
    const lines = file.buf.toString('utf8').trim().split('\r\n');
    const { body: s } = await get<Body>(w, '/api/v1/analytics/sellers?period=year', t);
    expect(lines).toHaveLength(s.sellers.length + 1);
    expect(lines[1]?.split(',').slice(1, 3).map(Number)).toEqual([s.sellers[0].units, s.sellers[0].revenue]);
    const bad = await get<Body>(w, '/api/v1/analytics/report.csv?table=secrets', t);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('validation_error');
  });

  it("a viewer's report carries no dealer cost", async () => {
    const file = await download('/api/v1/analytics/report.xlsx?period=year', tokenOf(w, 'visor@demo.example'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.buf as unknown as ArrayBuffer);
    const summary = new Map(sheetRows(wb.getWorksheet('Summary') as ExcelJS.Worksheet).map((r) => [r[0], r[1]]));
    expect(summary.get('front_gross') ?? null).toBeNull();
    for (const r of sheetRows(wb.getWorksheet('Leaderboard') as ExcelJS.Worksheet).slice(1)) expect(r[3] ?? null).toBeNull();
  });
});

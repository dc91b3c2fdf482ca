import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vehicleDoc } from '@lotbook/shared';
import { apiGet, days, idsOf, startInventoryWorld, token, type InventoryWorld, type VehiclePageBody } from './testkit.ts';

let w: InventoryWorld;
beforeAll(async () => {
  w = await startInventoryWorld();
});
afterAll(() => w?.server.stop());

describe('authentication', () => {
  it('rejects a missing or forged token with the error shape', async () => {
    for (const bearer of [undefined, 'not-a-jwt', `${token(w, 'gerente@demo.example')}x`]) {
      const res = await apiGet(w, '/api/v1/vehicles', bearer);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ error: expect.any(String), message: expect.any(String) });
    }
    expect((await apiGet(w, `/api/v1/vehicles/${w.demoVehicles[0]?.id}`)).status).toBe(401);
  });

  it('lets every role read the inventory', async () => {
    for (const email of ['admin@demo.example', 'gerente@demo.example', 'ana@demo.example', 'visor@demo.example']) {
      const res = await apiGet<VehiclePageBody>(w, '/api/v1/vehicles', token(w, email));
      expect(res.status, email).toBe(200);
      expect(res.body.count).toBe(w.demoVehicles.length);
    }
  });
});

describe('dealership isolation', () => {
  it('shows each dealership only its own vehicles, never soft-deleted ones', async () => {
    const demo = await apiGet<VehiclePageBody>(w, '/api/v1/vehicles?page_size=100&ordering=price', token(w, 'ana@demo.example'));
    expect(demo.body.count).toBe(w.demoVehicles.length);
    expect(w.deletedDemoVehicles.length).toBeGreaterThan(0);
    const other = await apiGet<VehiclePageBody>(w, '/api/v1/vehicles?page_size=100', token(w, 'gerente@otro.example'));
    expect(other.status).toBe(200);
    expect(idsOf(other.body.results)).toEqual(idsOf(w.otherVehicles.filter((v) => !v.deleted)));
    const demoIds = new Set(w.demoVehicles.map((v) => v.id));
    expect(other.body.results.some((r) => demoIds.has(r.id))).toBe(false);
  });

  it('answers 404 for another dealership\'s vehicle, a deleted one or an unknown id', async () => {
    const otro = token(w, 'ana@otro.example');
    const demoVehicle = w.demoVehicles[0];
    expect((await apiGet(w, `/api/v1/vehicles/${demoVehicle?.id}`, otro)).status).toBe(404);
    const gerente = token(w, 'gerente@demo.example');
    for (const id of [w.deletedDemoVehicles[0]?.id, '00000000-0000-4000-8000-000000000000', w.otherVehicles[0]?.id]) {
      const res = await apiGet(w, `/api/v1/vehicles/${id}`, gerente);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ error: 'not_found' });
    }
  });
});

describe('GET /api/v1/vehicles/:id', () => {
  it('returns the wire document with aging, and nothing internal', async () => {
    const gerente = token(w, 'gerente@demo.example');
    const aged = w.demoVehicles.find((v) => days(v) > 60 && v.status === 'reserved') ?? w.demoVehicles.find((v) => days(v) > 60);
    for (const v of [aged, w.demoVehicles.find((x) => days(x) <= 60)]) {
      if (!v) throw new Error('the seed should hold aged and fresh cars');
      const res = await apiGet(w, `/api/v1/vehicles/${v.id}`, gerente);
      expect(res.status).toBe(200);
      const body = res.body;
      for (const hidden of ['search_vector', 'scope_seq', 'deleted']) expect(body).not.toHaveProperty(hidden);
      expect(body).toMatchObject({
        id: v.id, vin: v.vin, make: v.make, price: v.price, year: v.year, status: v.status,
        acquired_at: v.acquired_at.toISOString(), created_at: v.created_at.toISOString(), updated_at: v.updated_at.toISOString(),
        reserved_until: v.reserved_until?.toISOString() ?? null, days_in_stock: days(v), is_aged: days(v) > 60,
      });
      expect(typeof body.price).toBe('number');
      expect(typeof body.seq).toBe('number');
      expect(vehicleDoc.safeParse(body).success).toBe(true);
    }
  });

  it('rejects an id that is not a UUID with 400', async () => {
    for (const id of ['abc', "1' or '1'='1", '%00', '123e4567-e89b-12d3-a456-42661417400Z']) {
      const res = await apiGet(w, `/api/v1/vehicles/${id}`, token(w, 'gerente@demo.example'));
      expect(res.status, id).toBe(400);
      expect(res.body).toMatchObject({ error: 'validation_error' });
    }
  });

  it('lists results in the same shape as the detail', async () => {
    const gerente = token(w, 'gerente@demo.example');
    const list = await apiGet<VehiclePageBody>(w, '/api/v1/vehicles?page_size=5', gerente);
    for (const r of list.body.results) {
      expect(r).toEqual((await apiGet(w, `/api/v1/vehicles/${r.id}`, gerente)).body);
    }
  });
});

describe('dealer cost visibility (issue 8, item 7)', () => {
  it('serves cost to admins and managers only, on the list and the detail', async () => {
    const id = w.demoVehicles[0]?.id ?? '';
    for (const [email, sees] of [
      ['admin@demo.example', true],
      ['gerente@demo.example', true],
      ['ana@demo.example', false],
      ['visor@demo.example', false],
    ] as const) {
      const list = await apiGet<VehiclePageBody>(w, '/api/v1/vehicles?page_size=100', token(w, email));
      expect(list.status).toBe(200);
      for (const v of list.body.results) expect('cost' in v, `${email} list`).toBe(sees);
      const one = await apiGet(w, `/api/v1/vehicles/${id}`, token(w, email));
      expect('cost' in one.body, `${email} detail`).toBe(sees);
      expect(JSON.stringify(list.body).includes('"cost"'), email).toBe(sees);
    }
  });
});

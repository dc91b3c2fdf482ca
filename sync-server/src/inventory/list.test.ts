import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_TYPES, FUEL_TYPES, VEHICLE_STATUSES } from '@lotbook/shared';
import { Rng } from '../seed/random.ts';
import { allPages, apiGet, idsOf, startInventoryWorld, token, type InventoryWorld, type VehiclePageBody, type VehicleRow } from './testkit.ts';

let w: InventoryWorld;
let gerente: string;
beforeAll(async () => {
  w = await startInventoryWorld();
  gerente = token(w, 'gerente@demo.example');
});
afterAll(() => w?.server.stop());

interface Filter {
  make?: string[];
  model?: string;
  year_min?: number;
  year_max?: number;
  price_min?: number;
  price_max?: number;
  status?: string[];
  body_type?: string[];
  fuel_type?: string[];
}

function matches(v: VehicleRow, f: Filter): boolean {
  return (
    (!f.make || f.make.some((m) => m.toLowerCase() === v.make.toLowerCase())) &&
    (!f.model || f.model.toLowerCase() === v.model.toLowerCase()) &&
    (f.year_min === undefined || v.year >= f.year_min) &&
    (f.year_max === undefined || v.year <= f.year_max) &&
    (f.price_min === undefined || v.price >= f.price_min) &&
    (f.price_max === undefined || v.price <= f.price_max) &&
    (!f.status || f.status.includes(v.status)) &&
    (!f.body_type || f.body_type.includes(v.body_type)) &&
    (!f.fuel_type || f.fuel_type.includes(v.fuel_type))
  );
}

function query(f: Filter, extra = 'page_size=100'): string {
  const parts = Object.entries(f).map(([k, v]) => `${k}=${encodeURIComponent(Array.isArray(v) ? v.join(',') : String(v))}`);
  return `/api/v1/vehicles?${[...parts, extra].join('&')}`;
}

async function expectFilter(f: Filter) {
  const expected = w.demoVehicles.filter((v) => matches(v, f));
  const { ids, pages } = await allPages(w, query(f), gerente);
  expect(pages[0]?.count, JSON.stringify(f)).toBe(expected.length);
  expect(ids.toSorted(), JSON.stringify(f)).toEqual(idsOf(expected));
  return expected;
}

describe('GET /api/v1/vehicles filters', () => {
  it('answers the "done when" query: available Toyotas up to 35.000 €', async () => {
    const expected = await expectFilter({ make: ['Toyota'], price_max: 35_000, status: ['available'] });
    expect(expected.length).toBeGreaterThan(3);
    const res = await apiGet<VehiclePageBody>(w, '/api/v1/vehicles?make=Toyota&price_max=35000&status=available', gerente);
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(expected.length);
    expect(res.body.results.length).toBe(Math.min(20, expected.length));
    for (const r of res.body.results) expect(r).toMatchObject({ make: 'Toyota', status: 'available' });
    for (const r of res.body.results) expect(r.price as number).toBeLessThanOrEqual(35_000);
  });

  it('applies every filter on its own', async () => {
    const sample = w.demoVehicles[0] as VehicleRow;
    const single: Filter[] = [
      { make: ['toYOTA'] }, { make: ['Toyota', 'bmw'] }, { model: sample.model.toUpperCase() }, { model: 'C-HR' },
      { year_min: 2022 }, { year_max: 2020 }, { year_min: 2019, year_max: 2021 },
      { price_min: 30_000 }, { price_max: 15_000.5 }, { price_min: 20_000, price_max: 25_000 },
      { status: ['available', 'reserved'] }, { body_type: ['suv', 'pickup'] }, { fuel_type: ['hybrid', 'electric'] },
      ...VEHICLE_STATUSES.map((s) => ({ status: [s] })),
      ...BODY_TYPES.map((b) => ({ body_type: [b] })),
      ...FUEL_TYPES.map((x) => ({ fuel_type: [x] })),
    ];
    for (const f of single) await expectFilter(f);
  });

  it('combines filters (random combinations drawn from the seeded data)', async () => {
    const rng = new Rng(7);
    for (let i = 0; i < 25; i++) {
      const v = rng.pick(w.demoVehicles);
      const f: Filter = {};
      if (rng.chance(0.5)) f.make = [v.make];
      if (rng.chance(0.3)) f.model = v.model;
      if (rng.chance(0.4)) f.year_min = v.year - rng.int(0, 2);
      if (rng.chance(0.4)) f.year_max = v.year + rng.int(0, 2);
      if (rng.chance(0.4)) f.price_min = Math.max(0, v.price - rng.int(0, 10_000));
      if (rng.chance(0.5)) f.price_max = v.price + rng.int(0, 10_000);
      if (rng.chance(0.5)) f.status = [v.status];
      if (rng.chance(0.4)) f.body_type = [v.body_type];
      if (rng.chance(0.4)) f.fuel_type = [v.fuel_type];
      const found = await expectFilter(f);
      expect(found.map((x) => x.id)).toContain(v.id);
    }
  });

  it('accepts the spec\'s trailing slash and ignores blank parameters', async () => {
    const expected = w.demoVehicles.filter((v) => matches(v, { make: ['Toyota'] }));
    const res = await apiGet<VehiclePageBody>(w, '/api/v1/vehicles/?make=Toyota&model=&status=', gerente);
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(expected.length);
  });
});

const cmp = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0);

describe('ordering', () => {
  type Key = (v: VehicleRow) => number | string;
  const keys: Record<string, Key> = {
    price: (v) => v.price, year: (v) => v.year, mileage: (v) => v.mileage, make: (v) => v.make.toLowerCase(),
    model: (v) => v.model.toLowerCase(), acquired_at: (v) => v.acquired_at.getTime(), created_at: (v) => v.created_at.getTime(),
    // Sorted on arrival time (the exact time orders the cars within a day).
    days_in_stock: (v) => -v.acquired_at.getTime(),
  };
  function sorted(terms: string[]): string[] {
    return w.demoVehicles
      .toSorted((a, b) => {
        for (const t of terms) {
          const desc = t.startsWith('-');
          const key = keys[desc ? t.slice(1) : t] as Key;
          const c = cmp(key(a), key(b));
          if (c !== 0) return desc ? -c : c;
        }
        return cmp(a.id, b.id);
      })
      .map((v) => v.id);
  }

  it('sorts by every allowed field, both ways, with id as the final tiebreaker', async () => {
    for (const field of Object.keys(keys)) {
      for (const term of [field, `-${field}`]) {
        const { ids } = await allPages(w, `/api/v1/vehicles?ordering=${term}&page_size=100`, gerente);
        expect(ids, term).toEqual(sorted([term]));
      }
    }
  });

  it('sorts by several fields and defaults to newest arrivals first', async () => {
    expect((await allPages(w, '/api/v1/vehicles?ordering=make,-price&page_size=100', gerente)).ids).toEqual(sorted(['make', '-price']));
    expect((await allPages(w, '/api/v1/vehicles?page_size=100', gerente)).ids).toEqual(sorted(['-acquired_at']));
  });
});

describe('pagination', () => {
  it('walks every page through next links, with consistent count and previous links', async () => {
    const expected = w.demoVehicles.filter((v) => v.status === 'available');
    const { ids, pages } = await allPages(w, '/api/v1/vehicles?status=available&page_size=7', gerente);
    expect(pages.length).toBe(Math.ceil(expected.length / 7));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.toSorted()).toEqual(idsOf(expected));
    pages.forEach((p, i) => {
      expect(p.count).toBe(expected.length);
      expect(p.results.length).toBeLessThanOrEqual(7);
      if (i === 0) expect(p.previous).toBeNull();
      else {
        const prev = new URL(p.previous as string);
        expect(prev.searchParams.get('page')).toBe(String(i));
        expect(prev.searchParams.get('status')).toBe('available');
        expect(prev.origin).toBe(w.server.url);
      }
      if (i === pages.length - 1) expect(p.next).toBeNull();
      else expect(new URL(p.next as string).searchParams.get('page')).toBe(String(i + 2));
    });
  });

  it('answers a page past the end with no results and a link back to the last page', async () => {
    const res = await apiGet<VehiclePageBody>(w, '/api/v1/vehicles?page=999&page_size=50', gerente);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ count: w.demoVehicles.length, next: null, results: [] });
    expect(new URL(res.body.previous as string).searchParams.get('page')).toBe(String(Math.ceil(w.demoVehicles.length / 50)));
  });
});

import type { Vehicle } from '@lotbook/shared';
import { describe, expect, it } from 'vitest';
import { fold } from './fold.ts';
import { EMPTY_QUERY, activeFilterCount, facets, filterVehicles, parseQuery, queryToParams } from './query.ts';
import { indexVehicle } from './read-model.ts';

let n = 0;
function car(p: Partial<Vehicle>): Vehicle {
  n += 1;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, dealership_id: 'd', created_at: '', updated_at: '', version: 1, seq: n,
    vin: `VIN${n}`, stock_number: `S-${n}`, make: 'Toyota', model: 'Corolla', trim: null, year: 2020, body_type: 'hatchback', color: null,
    price: 20000, cost: null, mileage: 10000, fuel_type: 'gasoline', transmission: 'manual', consumption: null, description: '', features: {},
    images: [], lot_location: null, status: 'available', reserved_by: null, reserved_until: null, acquired_at: '2026-01-01T00:00:00Z',
    is_promotion: false, promo_price: null, ...p,
  };
}
const index = (cars: Vehicle[]) => cars.map((v) => indexVehicle(v, (x) => (x.fuel_type === 'hybrid' ? 'híbrido hybrid' : '')));

describe('fold', () => {
  it('removes accents and case so "León" and "LEON" meet', () => {
    expect(fold('León')).toBe(fold('LEON'));
    expect(fold('Citroën Škoda Mégane')).toBe('citroen skoda megane');
  });
});

describe('filterVehicles', () => {
  const cars = index([
    car({ make: 'SEAT', model: 'León', year: 2019, price: 18000, fuel_type: 'diesel', acquired_at: '2026-03-01T00:00:00Z' }),
    car({ make: 'Citroën', model: 'Berlingo', year: 2022, price: 24000, body_type: 'van', status: 'sold', acquired_at: '2026-02-01T00:00:00Z' }),
    car({ make: 'Toyota', model: 'RAV4', year: 2023, price: 41000, body_type: 'suv', fuel_type: 'hybrid', is_promotion: true, promo_price: 38000, acquired_at: '2026-04-01T00:00:00Z' }),
    car({ make: 'Toyota', model: 'Yaris', year: 2021, price: 16000, status: 'reserved', acquired_at: '2026-01-15T00:00:00Z' }),
  ]);
  const ids = (q: Partial<typeof EMPTY_QUERY>) => filterVehicles(cars, { ...EMPTY_QUERY, ...q }).map((i) => `${i.v.make} ${i.v.model}`);

  it('searches accent- and case-insensitively, every word must match', () => {
    expect(ids({ q: 'leon' })).toEqual(['SEAT León']);
    expect(ids({ q: 'CITROEN berlingo', status: 'all' })).toEqual(['Citroën Berlingo']);
    expect(ids({ q: 'toyota hibrido' })).toEqual(['Toyota RAV4']);
    expect(ids({ q: 'toyota diesel' })).toEqual([]);
  });

  it('combines make, year and price ranges, body, fuel and status', () => {
    expect(ids({ make: 'toyota' })).toEqual(['Toyota RAV4', 'Toyota Yaris']);
    expect(ids({ yearMin: 2020, yearMax: 2022, status: 'all' })).toEqual(['Citroën Berlingo', 'Toyota Yaris']);
    // Price ranges use what the customer pays: the RAV4's promo price.
    expect(ids({ priceMin: 30000, priceMax: 39000 })).toEqual(['Toyota RAV4']);
    expect(ids({ body: 'van', status: 'all' })).toEqual(['Citroën Berlingo']);
    expect(ids({ body: 'van', status: 'sold' })).toEqual(['Citroën Berlingo']);
    expect(ids({ status: 'in_stock' })).not.toContain('Citroën Berlingo');
    expect(ids({ status: 'reserved' })).toEqual(['Toyota Yaris']);
  });

  it('hides sold cars unless asked for them', () => {
    expect(ids({})).toEqual(['Toyota RAV4', 'SEAT León', 'Toyota Yaris']);
    expect(ids({ body: 'van' })).toEqual([]);
    expect(ids({ status: 'all' })).toContain('Citroën Berlingo');
  });

  it('orders by arrival (newest first by default), price, year and make', () => {
    expect(ids({ status: 'all' })).toEqual(['Toyota RAV4', 'SEAT León', 'Citroën Berlingo', 'Toyota Yaris']);
    expect(ids({ sort: 'price' })[0]).toBe('Toyota Yaris');
    expect(ids({ sort: '-price' })[0]).toBe('Toyota RAV4');
    expect(ids({ sort: 'year' })[0]).toBe('SEAT León');
    expect(ids({ sort: 'make', status: 'all' })[0]).toBe('Citroën Berlingo');
  });

  it('lists makes, and the models of the chosen make', () => {
    expect(facets(cars, '')).toEqual({ makes: ['Citroën', 'SEAT', 'Toyota'], models: ['Berlingo', 'León', 'RAV4', 'Yaris'] });
    expect(facets(cars, 'Toyota').models).toEqual(['RAV4', 'Yaris']);
  });
});

describe('URL round trip', () => {
  it('keeps every filter and drops defaults', () => {
    const q = { ...EMPTY_QUERY, q: 'rav4', make: 'Toyota', yearMin: 2020, priceMax: 40000, body: 'suv' as const, status: 'available' as const, sort: '-price' as const };
    const params = queryToParams(q);
    expect(parseQuery(params)).toEqual(q);
    expect(queryToParams(EMPTY_QUERY).toString()).toBe('');
    expect(activeFilterCount(q)).toBe(5);
  });
  it('ignores values it does not know', () => {
    expect(parseQuery(new URLSearchParams('body_type=tank&ordering=random&year_min=abc'))).toEqual(EMPTY_QUERY);
  });
});

import { describe, expect, test } from 'vitest';
import { documentErrors, errorsByField } from './documents.ts';
import { checkActivity, NOTE_MAX_LENGTH } from './notes.ts';
import { checkSale, salePriceVsList } from './sales.ts';

const customer = { first_name: 'Ana', last_name: 'Ruiz', email: null, phone: null, address: null, national_id: null, is_active: true };
const vehicle = {
  vin: '1HGCM82633A004352', stock_number: 'S-1', make: 'Seat', model: 'Ibiza', trim: null, year: 2021, body_type: 'hatchback', color: null,
  price: 15000, cost: null, mileage: 45000, fuel_type: 'gasoline', transmission: 'manual', consumption: null, description: '', features: {},
  images: [], lot_location: null, status: 'available', reserved_by: null, reserved_until: null, acquired_at: '2026-01-01T00:00:00.000Z',
  is_promotion: false, promo_price: null,
};

describe('documentErrors', () => {
  test('accepts valid documents', () => {
    expect(documentErrors('customers', customer)).toEqual([]);
    expect(documentErrors('vehicles', vehicle, new Date('2026-06-01'))).toEqual([]);
  });

  test('marks every wrong field at once, with codes the UI translates', () => {
    const errors = errorsByField(documentErrors('customers', { ...customer, first_name: '', email: 'no-es-un-email', phone: '612' }));
    expect(errors.first_name?.code).toBe('required');
    expect(errors.email?.code).toBe('invalid_email');
    expect(errors.phone?.code).toBe('invalid_phone');
  });

  test('bounds from the schema and domain rules', () => {
    expect(errorsByField(documentErrors('vehicles', { ...vehicle, mileage: 9_999_999 })).mileage).toMatchObject({ code: 'too_big', params: { max: 5_000_000 } });
    expect(errorsByField(documentErrors('vehicles', { ...vehicle, year: 2030 }, new Date('2026-06-01'))).year?.code).toBe('year_range');
    expect(errorsByField(documentErrors('vehicles', { ...vehicle, vin: '1HGCM82633A00435' })).vin).toBeDefined();
  });
});

describe('note length', () => {
  test(`a note of up to ${NOTE_MAX_LENGTH} characters is fine, one more is refused`, () => {
    expect(checkActivity({ description: 'x'.repeat(NOTE_MAX_LENGTH) }).ok).toBe(true);
    expect(checkActivity({ description: 'x'.repeat(NOTE_MAX_LENGTH + 1) })).toMatchObject({ ok: false, code: 'note_too_long', field: 'description' });
  });
});

describe('sale price bounds', () => {
  test('against the list price: confirm when far, refuse when absurd', () => {
    expect(salePriceVsList(19_000, 20_790)).toBe('ok');
    expect(salePriceVsList(9_000, 20_000)).toBe('confirm');
    expect(salePriceVsList(31_000, 20_000)).toBe('confirm');
    expect(salePriceVsList(1, 20_790)).toBe('refuse');
    expect(salePriceVsList(99_999_999, 10_000)).toBe('refuse');
    expect(salePriceVsList(5, null)).toBe('ok');
  });
  test('an absurd amount is refused whatever the car', () => {
    expect(checkSale({ sale_price: 99_999_999, down_payment: 0, sale_date: '2026-03-10', delivery_date: null })).toMatchObject({ ok: false, code: 'sale_price_range' });
  });
});

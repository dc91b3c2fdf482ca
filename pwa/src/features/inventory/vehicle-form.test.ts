import type { Vehicle } from '@lotbook/shared';
import { describe, expect, it } from 'vitest';
import { vinFromBarcode } from './scanner.ts';
import { changedFields, checkForm, toFormValues, type VehicleFormValues } from './vehicle-form.ts';

const NOW = new Date('2026-06-01T12:00:00Z');
const valid = (p: Partial<VehicleFormValues> = {}): VehicleFormValues => ({
  ...toFormValues(null, NOW),
  vin: '1HGCM82633A004352',
  stock_number: 'S-1',
  make: 'Honda',
  model: 'Accord',
  year: '2003',
  price: '9500',
  mileage: '150000',
  ...p,
});

describe('checkForm', () => {
  it('accepts a complete vehicle and builds the wire fields', () => {
    const r = checkForm(valid(), { original: null, now: NOW });
    expect(r.errors).toEqual({});
    expect(r.fields).toMatchObject({ vin: '1HGCM82633A004352', year: 2003, price: 9500, mileage: 150000, status: 'available', promo_price: null });
  });

  it('marks what the server would refuse: a mileage of 9,999,999 is over the shared bound', () => {
    const r = checkForm(valid({ mileage: '9999999' }), { original: null, now: NOW });
    expect(r.fields).toBeNull();
    expect(r.errors.mileage).toEqual({ key: 'common:fieldError.too_big', values: { max: 5_000_000 } });
  });

  it('blocks a North American VIN with a wrong check digit', () => {
    const r = checkForm(valid({ vin: '1HGCM82643A004352' }), { original: null, now: NOW });
    expect(r.fields).toBeNull();
    expect(r.errors.vin?.key).toBe('vin.vin_check_digit');
  });

  it('only warns for a European VIN whose check digit does not match', () => {
    const r = checkForm(valid({ vin: 'WVWZZZ1KZAW000001' }), { original: null, now: NOW });
    expect(r.errors.vin).toBeUndefined();
    expect(r.vinWarnings.map((w) => w.code)).toContain('vin_check_digit');
    expect(r.fields).not.toBeNull();
  });

  it('blocks a VIN that another car in the inventory already has', () => {
    const r = checkForm(valid(), { original: null, vinOwnerId: 'other', now: NOW });
    expect(r.errors.vin?.key).toBe('form.vinTaken');
  });

  it('applies the row rules: year range, price, promo below price', () => {
    expect(checkForm(valid({ year: '2031' }), { original: null, now: NOW }).errors.year?.key).toBe('form.rule.year_range');
    expect(checkForm(valid({ price: '0' }), { original: null, now: NOW }).errors.price?.key).toBe('form.rule.price');
    expect(checkForm(valid({ is_promotion: true, promo_price: '9600' }), { original: null, now: NOW }).errors.promo_price?.key).toBe('form.rule.promo_price');
    expect(checkForm(valid({ make: ' ' }), { original: null, now: NOW }).errors.make?.key).toBe('form.required');
  });

  it('refuses an illegal status change when editing', () => {
    const original = { ...checkForm(valid(), { original: null, now: NOW }).fields, id: 'v1', status: 'sold' } as unknown as Vehicle;
    expect(checkForm(valid({ status: 'maintenance' }), { original, now: NOW }).errors.status?.key).toBe('form.rule.illegal_vehicle_transition');
  });

  it('patches only what changed', () => {
    const fields = checkForm(valid(), { original: null, now: NOW }).fields;
    const original = { ...fields, id: 'v1' } as unknown as Vehicle;
    const next = checkForm(valid({ price: '9900', lot_location: 'B-2' }), { original, now: NOW }).fields;
    expect(next && changedFields(original, next)).toEqual({ price: 9900, lot_location: 'B-2' });
  });
});

describe('vinFromBarcode', () => {
  it('reads plain, import-prefixed and embedded VINs', () => {
    expect(vinFromBarcode('1HGCM82633A004352')).toBe('1HGCM82633A004352');
    expect(vinFromBarcode('I1HGCM82633A004352')).toBe('1HGCM82633A004352');
    expect(vinFromBarcode('REG:1HGCM82633A004352;OWNER')).toBe('1HGCM82633A004352');
    expect(vinFromBarcode('hello')).toBeNull();
  });
});

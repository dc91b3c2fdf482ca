import { describe, expect, it } from 'vitest';
import { VEHICLE_STATUSES, type VehicleStatus } from '../entities/enums.ts';
import {
  AGED_AFTER_DAYS, agingBucket, averageDaysInStock, canTransitionVehicle, checkVehicle, checkVehicleTransition, daysInStock, isAged,
} from './vehicles.ts';

const ALLOWED: Record<VehicleStatus, VehicleStatus[]> = {
  available: ['available', 'reserved', 'sold', 'maintenance'],
  reserved: ['reserved', 'available', 'sold'],
  maintenance: ['maintenance', 'available'],
  sold: ['sold', 'available'],
};

describe('vehicle transitions', () => {
  const pairs = VEHICLE_STATUSES.flatMap((from) => VEHICLE_STATUSES.map((to) => [from, to] as const));
  it.each(pairs)('%s → %s matches the allowed set', (from, to) => {
    const expected = ALLOWED[from].includes(to);
    expect(canTransitionVehicle(from, to)).toBe(expected);
    const r = checkVehicleTransition(from, to);
    expect(r.ok).toBe(expected);
    if (!r.ok) expect(r.code).toBe('illegal_vehicle_transition');
  });
});

describe('checkVehicle', () => {
  const NOW = new Date('2026-06-15T12:00:00Z');
  const base = { year: 2022, price: 18000, mileage: 42000 };

  it('accepts a normal vehicle', () => expect(checkVehicle(base, NOW)).toEqual({ ok: true }));

  it('bounds the year between 1900 and next year', () => {
    expect(checkVehicle({ ...base, year: 1900 }, NOW).ok).toBe(true);
    expect(checkVehicle({ ...base, year: 2027 }, NOW).ok).toBe(true);
    expect(checkVehicle({ ...base, year: 1899 }, NOW)).toMatchObject({ code: 'year_range', field: 'year' });
    expect(checkVehicle({ ...base, year: 2028 }, NOW)).toMatchObject({ code: 'year_range' });
    expect(checkVehicle({ ...base, year: 2020.5 }, NOW)).toMatchObject({ code: 'year_range' });
  });

  it('requires price > 0 and mileage >= 0', () => {
    expect(checkVehicle({ ...base, price: 0 }, NOW)).toMatchObject({ code: 'price' });
    expect(checkVehicle({ ...base, price: -10 }, NOW)).toMatchObject({ code: 'price' });
    expect(checkVehicle({ ...base, mileage: 0 }, NOW).ok).toBe(true);
    expect(checkVehicle({ ...base, mileage: -1 }, NOW)).toMatchObject({ code: 'mileage' });
  });

  it('checks the promo price only for promotions', () => {
    expect(checkVehicle({ ...base, is_promotion: true, promo_price: 16000 }, NOW).ok).toBe(true);
    expect(checkVehicle({ ...base, is_promotion: true, promo_price: 18000 }, NOW)).toMatchObject({ code: 'promo_price' });
    expect(checkVehicle({ ...base, is_promotion: true, promo_price: 0 }, NOW)).toMatchObject({ code: 'promo_price' });
    expect(checkVehicle({ ...base, is_promotion: true, promo_price: null }, NOW)).toMatchObject({ code: 'promo_price' });
    expect(checkVehicle({ ...base, is_promotion: true }, NOW)).toMatchObject({ code: 'promo_price' });
    expect(checkVehicle({ ...base, is_promotion: false, promo_price: 99999 }, NOW).ok).toBe(true);
  });
});

describe('inventory aging', () => {
  const NOW = new Date('2026-06-15T08:00:00Z');
  const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();

  it('counts whole calendar days and never goes negative', () => {
    expect(daysInStock('2026-06-15', NOW)).toBe(0);
    expect(daysInStock('2026-06-14T23:59:00Z', NOW)).toBe(1);
    expect(daysInStock('2026-05-16', NOW)).toBe(30);
    expect(daysInStock(daysAgo(91), NOW)).toBe(91);
    expect(daysInStock('2026-07-01', NOW)).toBe(0);
    expect(daysInStock('not a date', NOW)).toBe(0);
  });

  it.each([
    [0, '0-30'], [30, '0-30'], [31, '31-60'], [60, '31-60'], [61, '61-90'], [90, '61-90'], [91, '90+'], [400, '90+'],
  ] as const)('%i days → %s', (days, bucket) => {
    expect(agingBucket(days)).toBe(bucket);
    expect(agingBucket(daysInStock(daysAgo(days), NOW))).toBe(bucket);
  });

  it('is aged after 60 days', () => {
    expect(AGED_AFTER_DAYS).toBe(60);
    expect(isAged(60)).toBe(false);
    expect(isAged(61)).toBe(true);
  });

  it('averages days in stock', () => {
    expect(averageDaysInStock([], NOW)).toBe(0);
    expect(averageDaysInStock([daysAgo(10), daysAgo(20)], NOW)).toBe(15);
  });
});

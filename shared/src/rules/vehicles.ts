/** Vehicle rules: status transitions, row constraints and inventory aging. */
import type { VehicleStatus } from '../entities/enums.ts';
import { fail, OK, type RuleResult } from './result.ts';

/**
 * Allowed status moves (staying in the same status is always allowed and is not listed; whether
 * a reservation belongs to the right rep is checked elsewhere).
 * sold → available exists only to undo a cancelled sale; callers must only use it then.
 */
export const VEHICLE_TRANSITIONS: Readonly<Record<VehicleStatus, readonly VehicleStatus[]>> = {
  available: ['reserved', 'sold', 'maintenance'],
  reserved: ['available', 'sold'],
  maintenance: ['available'],
  sold: ['available'],
};

/** True iff `to === from` or `to` is in VEHICLE_TRANSITIONS[from]. */
export function canTransitionVehicle(from: VehicleStatus, to: VehicleStatus): boolean {
  return from === to || VEHICLE_TRANSITIONS[from].includes(to);
}

/** OK iff canTransitionVehicle(from, to); otherwise code `illegal_vehicle_transition`. */
export function checkVehicleTransition(from: VehicleStatus, to: VehicleStatus): RuleResult {
  if (canTransitionVehicle(from, to)) return OK;
  const allowed = VEHICLE_TRANSITIONS[from];
  return fail(
    'illegal_vehicle_transition',
    `A vehicle cannot move from "${from}" to "${to}" (allowed: ${allowed.join(', ')}).`,
    'status',
  );
}

export type VehicleConstraintFields = {
  year: number;
  price: number;
  mileage: number;
  promo_price?: number | null;
  is_promotion?: boolean;
};

/**
 * Vehicle row constraints, first failure wins:
 * - `year_range`: integer between 1900 and next year (UTC year of `now` + 1);
 * - `price`: finite and > 0;
 * - `mileage`: finite and >= 0;
 * - `promo_price`: when is_promotion, promo_price is present, > 0 and < price.
 */
export function checkVehicle(v: VehicleConstraintFields, now: Date = new Date()): RuleResult {
  const maxYear = now.getUTCFullYear() + 1;
  if (!Number.isInteger(v.year) || v.year < 1900 || v.year > maxYear) {
    return fail('year_range', `The year must be between 1900 and ${maxYear}.`, 'year');
  }
  if (!Number.isFinite(v.price) || v.price <= 0) {
    return fail('price', 'The price must be greater than zero.', 'price');
  }
  if (!Number.isFinite(v.mileage) || v.mileage < 0) {
    return fail('mileage', 'The mileage cannot be negative.', 'mileage');
  }
  if (v.is_promotion === true) {
    const promo = v.promo_price;
    if (promo === null || promo === undefined || !Number.isFinite(promo) || promo <= 0 || promo >= v.price) {
      return fail('promo_price', 'A promotion needs a promo price above zero and below the price.', 'promo_price');
    }
  }
  return OK;
}

const DAY_MS = 86_400_000;

/**
 * Whole days in stock: UTC calendar days from acquiredAt to now. Never negative (future dates
 * give 0); an unparseable acquiredAt also gives 0.
 */
export function daysInStock(acquiredAtIso: string, now: Date = new Date()): number {
  const acquired = Date.parse(acquiredAtIso);
  const today = now.getTime();
  if (Number.isNaN(acquired) || Number.isNaN(today)) return 0;
  return Math.max(0, Math.floor(today / DAY_MS) - Math.floor(acquired / DAY_MS));
}

export type AgingBucket = '0-30' | '31-60' | '61-90' | '90+';

/** Bucket for a day count: ≤30 '0-30', 31–60 '31-60', 61–90 '61-90', >90 '90+'. */
export function agingBucket(days: number): AgingBucket {
  if (days <= 30) return '0-30';
  if (days <= 60) return '31-60';
  if (days <= 90) return '61-90';
  return '90+';
}

/** A vehicle is aged at more than this many days in stock. */
export const AGED_AFTER_DAYS = 60;

/** True iff days > AGED_AFTER_DAYS. */
export function isAged(days: number): boolean {
  return days > AGED_AFTER_DAYS;
}

/** Average of daysInStock over the given acquiredAt dates (0 for an empty list). */
export function averageDaysInStock(acquiredAtIsos: readonly string[], now: Date = new Date()): number {
  if (acquiredAtIsos.length === 0) return 0;
  const total = acquiredAtIsos.reduce((sum, iso) => sum + daysInStock(iso, now), 0);
  return total / acquiredAtIsos.length;
}

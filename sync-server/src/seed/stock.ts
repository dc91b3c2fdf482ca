import { isAged, daysInStock } from '@lotbook/shared';
import { HOUR } from './clock.ts';
import { pickRep } from './team.ts';
import type { Team, VehicleRow } from './types.ts';
import { newVehicle, type VehicleFactory } from './vehicles.ts';

/** Unique lot spots like "A-15": rows A–H, as many numbers per row as the stock needs. */
function lotSpots(f: VehicleFactory, count: number): string[] {
  const perRow = Math.max(20, Math.ceil((count * 1.3) / 8));
  const spots: string[] = [];
  for (const row of 'ABCDEFGH') for (let n = 1; n <= perRow; n++) spots.push(`${row}-${n}`);
  return f.rng.sample(spots, count);
}

/** Rounded promo price a few percent under the list price (always > 0 and < price). */
export function promoPrice(f: VehicleFactory, price: number): number {
  return Math.min(price - 100, Math.round((price * f.rng.float(0.9, 0.96)) / 100) * 100 - 10);
}

/**
 * The cars on the lot now. acquired_at is spread over the last ~150 days, about 30% aged (> 60
 * days); most are available, some reserved by a rep until a date in the coming week, a few in the
 * workshop, and about half of the aged available ones on promotion. A handful of soft-deleted
 * duplicate entries is appended (they must never show up in lists).
 */
export function buildStock(f: VehicleFactory, team: Team, count: number): VehicleRow[] {
  const { rng, clock } = f;
  const spots = lotSpots(f, count);
  const rows: VehicleRow[] = [];
  for (let i = 0; i < count; i++) {
    const daysAgo = rng.weighted([[rng.int(0, 30), 40], [rng.int(31, 60), 30], [rng.int(61, 90), 15], [rng.int(91, 150), 15]] as const);
    const v = newVehicle(f, clock.businessTime(rng, daysAgo));
    v.lot_location = spots[i] ?? null;
    const status = rng.weighted([['available', 84], ['reserved', 10], ['maintenance', 6]] as const);
    v.status = status;
    if (status === 'reserved') {
      v.reserved_by = pickRep(rng, team).id;
      v.reserved_until = new Date(clock.day(-rng.int(1, 7)) + 19 * HOUR);
    } else if (status === 'maintenance') {
      v.lot_location = `Taller-${rng.int(1, 6)}`;
    } else if (isAged(daysInStock(v.acquired_at.toISOString(), clock.now)) && rng.chance(0.45)) {
      v.is_promotion = true;
      v.promo_price = promoPrice(f, v.price);
    }
    rows.push(v);
  }
  const duplicates = Math.max(1, Math.round(count * 0.01));
  for (let i = 0; i < duplicates; i++) {
    const v = newVehicle(f, clock.businessTime(rng, rng.int(0, 60)));
    v.deleted = true;
    v.description = `${v.description} (Alta duplicada, eliminada.)`;
    rows.push(v);
  }
  return rows;
}

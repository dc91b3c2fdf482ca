import { makeVin, MODEL_YEAR_CODES, type FuelType, type Transmission } from '@lotbook/shared';
import { AUTOMATIC_MAKES, CATALOG, COLORS, FEATURES, type FeatureKey, type ModelSpec } from './catalog.ts';
import type { SeedClock } from './clock.ts';
import { describeVehicle } from './describe.ts';
import type { Rng } from './random.ts';
import type { VehicleRow } from './types.ts';

/** Per-dealership state the vehicle factory needs to keep VINs and stock numbers unique. */
export interface VehicleFactory {
  rng: Rng;
  clock: SeedClock;
  dealershipId: string;
  stockPrefix: string;
  vins: Set<string>;
  nextStock: number;
}

const AGE_WEIGHTS: readonly (readonly [number, number])[] = [[0, 10], [1, 18], [2, 20], [3, 18], [4, 13], [5, 9], [6, 6], [7, 4], [8, 2]];
const FEATURE_ODDS: Readonly<Record<FeatureKey, readonly [number, number]>> = {
  gps: [0.55, 0.9], rear_camera: [0.6, 0.95], leather_seats: [0.15, 0.6], sunroof: [0.1, 0.35],
  parking_sensors: [0.65, 0.95], adaptive_cruise: [0.25, 0.75], apple_carplay: [0.65, 0.9], heated_seats: [0.15, 0.55],
  keyless: [0.3, 0.8], led_headlights: [0.4, 0.9], tow_hitch: [0.05, 0.1], lane_assist: [0.3, 0.8],
};

function pickModel(rng: Rng): ModelSpec {
  return rng.weighted(CATALOG.map((spec) => [spec, spec.weight] as const));
}

function transmissionFor(rng: Rng, spec: ModelSpec, fuel: FuelType): Transmission {
  if (fuel === 'electric' || AUTOMATIC_MAKES.has(spec.make)) return 'automatic';
  if (fuel === 'hybrid') return spec.make === 'Toyota' ? 'cvt' : 'automatic';
  if (spec.body === 'pickup' || spec.body === 'van') return rng.chance(0.8) ? 'manual' : 'automatic';
  return rng.chance(0.6) ? 'manual' : 'automatic';
}

function consumptionFor(rng: Rng, spec: ModelSpec, fuel: FuelType): number {
  const heavy = spec.body === 'pickup' || spec.body === 'van' || spec.body === 'suv' ? 1 : 0;
  const [lo, hi] = fuel === 'electric' ? [14.5, 19.5] : fuel === 'hybrid' ? [3.9, 5.4] : fuel === 'diesel' ? [4.3, 6.2] : [5.0, 7.2];
  return Math.round((rng.float(lo, hi) + heavy * (fuel === 'electric' ? 1.5 : 1.2)) * 10) / 10;
}

/** A listing price: depreciated from new by age and mileage, ending in 90 or 00 like real ads. */
function priceFor(rng: Rng, spec: ModelSpec, age: number, mileage: number): number {
  const base = rng.int(spec.price[0], spec.price[1]);
  const depreciation = age === 0 ? 0.92 : 0.82 * Math.pow(0.9, age - 1);
  const mileageAdj = 1 - ((mileage - age * 15_000) / 10_000) * 0.015;
  const raw = Math.max(4_500, base * depreciation * Math.min(1.08, Math.max(0.85, mileageAdj)));
  const hundreds = Math.round(raw / 100) * 100;
  return rng.chance(0.6) ? hundreds - 10 : hundreds;
}

function vinFor(f: VehicleFactory, spec: ModelSpec, year: number): string {
  const code = MODEL_YEAR_CODES.charAt((year - 1980) % 30);
  for (;;) {
    const vin = makeVin(spec.wmi + spec.vds, code, spec.plant, String(f.rng.int(0, 999_999)).padStart(6, '0'));
    if (!f.vins.has(vin)) {
      f.vins.add(vin);
      return vin;
    }
  }
}

/**
 * One realistic car acquired at `acquiredAt`, status `available` (callers change status).
 * Invariants: VIN valid and unique in the dealership; model year ≤ the acquisition year and no
 * older than the model generation; price > 0; cost < price.
 */
export function newVehicle(f: VehicleFactory, acquiredAt: Date): VehicleRow {
  const { rng } = f;
  const spec = pickModel(rng);
  const acquiredYear = acquiredAt.getUTCFullYear();
  const year = Math.max(spec.since, acquiredYear - rng.weighted(AGE_WEIGHTS));
  const age = acquiredYear - year;
  const fuel = rng.weighted(spec.fuels);
  const transmission = transmissionFor(rng, spec, fuel);
  const heavyUse = spec.body === 'van' || spec.body === 'pickup' ? 1.35 : 1;
  const mileage = age === 0 ? rng.int(5, 3_000) : Math.round((age * rng.int(9_000, 19_000) + rng.int(0, 8_000)) * heavyUse);
  const price = priceFor(rng, spec, age, mileage);
  const premium = price > 35_000;
  const features = Object.fromEntries(
    FEATURES.map(([key]) => {
      const [basic, rich] = FEATURE_ODDS[key];
      const towing = key === 'tow_hitch' && (spec.body === 'pickup' || spec.body === 'suv' || spec.body === 'van');
      return [key, rng.chance(towing ? 0.45 : premium ? rich : basic)];
    }),
  ) as Record<FeatureKey, boolean>;
  const trim = rng.pick(spec.trims);
  const imageCount = rng.int(1, 3);
  const stock = `${f.stockPrefix}${String(acquiredYear).slice(2)}-${String(f.nextStock++).padStart(5, '0')}`;
  return {
    id: rng.uuid(),
    dealership_id: f.dealershipId,
    created_at: acquiredAt,
    deleted: false,
    vin: vinFor(f, spec, year),
    stock_number: stock,
    make: spec.make,
    model: spec.model,
    trim,
    year,
    body_type: spec.body,
    color: rng.pick(COLORS),
    price,
    cost: Math.round((price * rng.float(0.8, 0.9)) / 50) * 50,
    mileage,
    fuel_type: fuel,
    transmission,
    consumption: consumptionFor(rng, spec, fuel),
    description: describeVehicle(rng, { make: spec.make, model: spec.model, trim, year, body: spec.body, fuel, transmission, isNew: age === 0, features }),
    features,
    images: [`/demo-images/${spec.body}.svg`, '/demo-images/interior.svg', '/demo-images/detail.svg'].slice(0, imageCount),
    lot_location: null,
    status: 'available',
    reserved_by: null,
    reserved_until: null,
    acquired_at: acquiredAt,
    is_promotion: false,
    promo_price: null,
  };
}

import { BODY_TYPES, FUEL_TYPES, TRANSMISSIONS, makeVin, MODEL_YEAR_CODES, type VehicleFields } from '@lotbook/shared';

const MAKES: [string, string[]][] = [
  ['Toyota', ['Corolla', 'RAV4', 'C-HR', 'Yaris', 'Camry']],
  ['Seat', ['León', 'Ibiza', 'Arona', 'Ateca']],
  ['Peugeot', ['208', '308', '2008', '3008']],
  ['Škoda', ['Octavia', 'Fabia', 'Kodiaq']],
  ['Citroën', ['C3', 'C4', 'C5 Aircross']],
  ['Volkswagen', ['Golf', 'Polo', 'T-Roc', 'Tiguan']],
  ['Renault', ['Clio', 'Mégane', 'Captur']],
  ['Hyundai', ['i30', 'Tucson', 'Kona']],
  ['Kia', ['Ceed', 'Sportage', 'Niro']],
  ['BMW', ['Serie 1', 'Serie 3', 'X1']],
];

/** Deterministic pseudo-random generator (mulberry32) so benches compare like with like. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` realistic vehicles (valid VINs, accents in makes and models) for benchmarks and tests. */
export function syntheticVehicles(n: number, seed = 42, now = Date.now()): VehicleFields[] {
  const r = rng(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  return Array.from({ length: n }, (_, i) => {
    const [make, models] = pick(MAKES);
    const year = 2012 + Math.floor(r() * 13);
    const price = 8000 + Math.round(r() * 52_000 / 100) * 100;
    const serial = String(100000 + i).slice(-6);
    return {
      vin: makeVin('VF3ABCDE', MODEL_YEAR_CODES.charAt((year - 1980) % 30), 'P', serial),
      stock_number: `S-${String(i + 1).padStart(5, '0')}`,
      make,
      model: pick(models),
      trim: pick(['Active', 'Allure', 'GT Line', 'Style', null]),
      year,
      body_type: pick(BODY_TYPES),
      color: pick(['Blanco', 'Negro', 'Gris', 'Rojo', 'Azul']),
      price,
      cost: Math.round(price * 0.82),
      mileage: Math.floor(r() * 180_000),
      fuel_type: pick(FUEL_TYPES),
      transmission: pick(TRANSMISSIONS),
      consumption: Math.round((3 + r() * 5) * 10) / 10,
      description: 'Vehículo sintético para pruebas de rendimiento.',
      features: {},
      images: [],
      lot_location: `${pick(['A', 'B', 'C', 'D'])}-${1 + Math.floor(r() * 40)}`,
      status: pick(['available', 'available', 'available', 'reserved', 'sold', 'maintenance'] as const),
      reserved_by: null,
      reserved_until: null,
      acquired_at: new Date(now - Math.floor(r() * 150) * 86_400_000).toISOString(),
      is_promotion: false,
      promo_price: null,
    };
  });
}

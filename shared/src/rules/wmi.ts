/**
 * World Manufacturer Identifier (WMI, VIN positions 1–3) lookups: region, country and a small
 * table of common manufacturers. Pure data; no I/O.
 */

export type VinRegion = 'north_america' | 'europe' | 'asia' | 'other';

/** ISO 3779 order of the second WMI character when it is read as a range. */
const RANGE_ORDER = 'ABCDEFGHJKLMNPRSTUVWXYZ1234567890';

type CountryRange = readonly [from: string, to: string, country: string];

const COUNTRIES: Readonly<Record<string, readonly CountryRange[]>> = {
  '1': [['A', '0', 'United States']],
  '4': [['A', '0', 'United States']],
  '5': [['A', '0', 'United States']],
  '2': [['A', '0', 'Canada']],
  '3': [['A', 'W', 'Mexico']],
  J: [['A', '0', 'Japan']],
  K: [['L', 'R', 'South Korea']],
  L: [['A', '0', 'China']],
  M: [['A', 'E', 'India'], ['F', 'K', 'Indonesia'], ['L', 'R', 'Thailand']],
  N: [['L', 'R', 'Turkey']],
  S: [['A', 'M', 'United Kingdom'], ['N', 'T', 'Germany'], ['U', 'Z', 'Poland']],
  T: [['A', 'H', 'Switzerland'], ['J', 'P', 'Czech Republic'], ['R', 'V', 'Hungary'], ['W', '1', 'Portugal']],
  U: [['U', 'Z', 'Romania'], ['5', '7', 'Slovakia']],
  V: [['A', 'E', 'Austria'], ['F', 'R', 'France'], ['S', 'W', 'Spain']],
  W: [['A', '0', 'Germany']],
  X: [['L', 'R', 'Netherlands'], ['3', '0', 'Russia']],
  Y: [['A', 'E', 'Belgium'], ['F', 'K', 'Finland'], ['S', 'W', 'Sweden']],
  Z: [['A', 'R', 'Italy']],
};

/** Keys are full 3-character WMIs or 2-character prefixes (used as a fallback). */
const MANUFACTURERS: Readonly<Record<string, string>> = {
  JT: 'Toyota', '2T1': 'Toyota', '4T1': 'Toyota', '5TD': 'Toyota', SB1: 'Toyota', VNK: 'Toyota', NMT: 'Toyota',
  JH: 'Honda', JH4: 'Acura', '1HG': 'Honda', '2HG': 'Honda', '5FN': 'Honda',
  '1FA': 'Ford', '1FM': 'Ford', '1FT': 'Ford', '1FD': 'Ford', '2FM': 'Ford', '3FA': 'Ford', WF0: 'Ford',
  WVW: 'Volkswagen', WVG: 'Volkswagen', WV1: 'Volkswagen', WV2: 'Volkswagen', '3VW': 'Volkswagen', '1VW': 'Volkswagen',
  WBA: 'BMW', WBS: 'BMW', WBX: 'BMW', '5UX': 'BMW', WMW: 'MINI',
  WDB: 'Mercedes-Benz', WDD: 'Mercedes-Benz', WDC: 'Mercedes-Benz', W1K: 'Mercedes-Benz', W1N: 'Mercedes-Benz', '4JG': 'Mercedes-Benz',
  WAU: 'Audi', WA1: 'Audi', TRU: 'Audi', WP0: 'Porsche', WP1: 'Porsche', W0L: 'Opel', W0V: 'Opel',
  VSS: 'SEAT', TMB: 'Škoda', VF1: 'Renault', VF3: 'Peugeot', VR3: 'Peugeot', VF7: 'Citroën', VR7: 'Citroën',
  UU1: 'Dacia', ZFA: 'Fiat', ZAR: 'Alfa Romeo', ZFF: 'Ferrari', YV1: 'Volvo', YV4: 'Volvo',
  KMH: 'Hyundai', KM8: 'Hyundai', '5NP': 'Hyundai', TMA: 'Hyundai',
  KNA: 'Kia', KND: 'Kia', KNE: 'Kia', U5Y: 'Kia',
  JN1: 'Nissan', JN8: 'Nissan', SJN: 'Nissan', VSK: 'Nissan', '1N4': 'Nissan', '1N6': 'Nissan', '3N1': 'Nissan',
  JM1: 'Mazda', JMZ: 'Mazda', JF1: 'Subaru', '4S3': 'Subaru', '4S4': 'Subaru',
  '5YJ': 'Tesla', '7SA': 'Tesla', LRW: 'Tesla', SAL: 'Land Rover', SAJ: 'Jaguar',
  '1G1': 'Chevrolet', '1GC': 'Chevrolet', '1C4': 'Jeep', '1J4': 'Jeep',
};

/**
 * Region from the first VIN character: 1–5 North America, J–R Asia, S–Z Europe, anything else
 * 'other' (Africa A–H, Oceania 6–7, South America 8–9/0). Case-insensitive.
 */
export function regionForWmi(wmi: string): VinRegion {
  const c = wmi.charAt(0).toUpperCase();
  if (c >= '1' && c <= '5') return 'north_america';
  if (c >= 'J' && c <= 'R') return 'asia';
  if (c >= 'S' && c <= 'Z') return 'europe';
  return 'other';
}

/** Country of assembly for a WMI, or undefined when not in the (partial) table. */
export function countryForWmi(wmi: string): string | undefined {
  const w = wmi.toUpperCase();
  const second = RANGE_ORDER.indexOf(w.charAt(1));
  if (second < 0) return undefined;
  for (const [from, to, country] of COUNTRIES[w.charAt(0)] ?? []) {
    if (second >= RANGE_ORDER.indexOf(from) && second <= RANGE_ORDER.indexOf(to)) return country;
  }
  return undefined;
}

/** Manufacturer for a WMI: exact 3-character match first, then 2-character prefix; else undefined. */
export function manufacturerForWmi(wmi: string): string | undefined {
  const w = wmi.toUpperCase();
  return MANUFACTURERS[w.slice(0, 3)] ?? MANUFACTURERS[w.slice(0, 2)];
}

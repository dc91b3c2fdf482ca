/** VIN rules (ISO 3779 / 49 CFR 565): normalization, check digit, model year and validation. */
import { countryForWmi, manufacturerForWmi, regionForWmi, type VinRegion } from './wmi.ts';

export type VinIssueCode = 'vin_length' | 'vin_characters' | 'vin_forbidden_letters' | 'vin_check_digit' | 'vin_model_year';
export type VinIssue = { code: VinIssueCode; message: string };
export type VinDecoded = {
  wmi: string;
  region: VinRegion;
  country?: string;
  manufacturer?: string;
  northAmerican: boolean;
  checkDigitValid: boolean;
  modelYear: number | null;
};
export type VinCheck = { ok: boolean; vin: string; errors: VinIssue[]; warnings: VinIssue[]; decoded: VinDecoded | null };

const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;
const TRANSLIT: Readonly<Record<string, number>> = Object.fromEntries([
  ...[...'0123456789'].map((c, i) => [c, i]),
  ...[...'ABCDEFGH'].map((c, i) => [c, i + 1]),
  ...[...'JKLMN'].map((c, i) => [c, i + 1]),
  ['P', 7], ['R', 9],
  ...[...'STUVWXYZ'].map((c, i) => [c, i + 2]),
]);
/** The 30 model-year codes in cycle order; index 0 is 1980 (and 2010, 2040…). */
export const MODEL_YEAR_CODES = 'ABCDEFGHJKLMNPRSTVWXY123456789';

/** Trims, removes whitespace and dashes, and upper-cases. Idempotent. */
export function normalizeVin(input: string): string {
  return input.trim().replace(/[\s-]+/g, '').toUpperCase();
}

/**
 * Expected check digit ('0'–'9' or 'X') for a VIN (normalized first). Position 9 itself has
 * weight 0 and is ignored, so any placeholder may sit there. Returns null when the VIN is not 17
 * characters or any other character cannot be transliterated (I, O, Q, punctuation…).
 */
export function vinCheckDigit(vin: string): string | null {
  const v = normalizeVin(vin);
  if (v.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    if (i === 8) continue;
    const value = TRANSLIT[v.charAt(i)];
    if (value === undefined) return null;
    sum += value * (WEIGHTS[i] ?? 0);
  }
  const rem = sum % 11;
  return rem === 10 ? 'X' : String(rem);
}

/**
 * Model year for a position-10 code. The code repeats every 30 years; this returns the latest
 * candidate that is not after next model year (UTC year of `now` + 1), i.e. the candidate nearest
 * to now that is not in the future. Returns null for non-codes (I, O, Q, U, Z, 0, fillers, more
 * than one char) or when the answer would predate 1980.
 */
export function decodeVinModelYear(code: string, now: Date = new Date()): number | null {
  const c = code.trim().toUpperCase();
  const idx = c.length === 1 ? MODEL_YEAR_CODES.indexOf(c) : -1;
  if (idx < 0) return null;
  const maxYear = now.getUTCFullYear() + 1;
  const year = 1980 + idx + 30 * Math.floor((maxYear - 1980 - idx) / 30);
  return year >= 1980 ? year : null;
}

/** True when the (normalized) VIN's first character is 1, 4, 5 (US), 2 (Canada) or 3 (Mexico). */
export function isNorthAmericanWmi(vin: string): boolean {
  return /^[1-5]/.test(normalizeVin(vin));
}

/**
 * Validates a VIN typed or scanned by a user. Invariants: `vin` is the normalized input;
 * `ok` iff `errors` is empty; `decoded` is non-null iff the VIN is 17 characters of the VIN
 * alphabet (A–Z, 0–9 without I, O, Q). A wrong check digit or an invalid model-year code is an
 * error for North-American WMIs and a warning elsewhere (Europe uses fillers there).
 */
export function validateVin(input: string, now: Date = new Date()): VinCheck {
  const vin = normalizeVin(input);
  const errors: VinIssue[] = [];
  const warnings: VinIssue[] = [];
  if (vin.length !== 17) {
    errors.push({ code: 'vin_length', message: `A VIN has exactly 17 characters; got ${vin.length}.` });
  }
  const bad = [...new Set(vin.replace(/[A-Z0-9]/g, ''))];
  if (bad.length > 0) {
    errors.push({ code: 'vin_characters', message: `Only letters A–Z and digits are allowed; found ${bad.map((c) => `"${c}"`).join(', ')}.` });
  }
  const forbidden = [...new Set(vin.replace(/[^IOQ]/g, ''))];
  if (forbidden.length > 0) {
    errors.push({ code: 'vin_forbidden_letters', message: `The letters I, O and Q never appear in a VIN; found ${forbidden.join(', ')}.` });
  }
  if (errors.length > 0) return { ok: false, vin, errors, warnings, decoded: null };

  const northAmerican = isNorthAmericanWmi(vin);
  const issues = northAmerican ? errors : warnings;
  const expected = vinCheckDigit(vin);
  const actual = vin.charAt(8);
  const checkDigitValid = expected !== null && expected === actual;
  if (!checkDigitValid) {
    issues.push({ code: 'vin_check_digit', message: `Check digit (position 9) is "${actual}" but should be "${expected ?? '?'}".` });
  }
  const modelYear = decodeVinModelYear(vin.charAt(9), now);
  if (modelYear === null) {
    issues.push({ code: 'vin_model_year', message: `"${vin.charAt(9)}" at position 10 is not a model-year code.` });
  }
  const wmi3 = vin.slice(0, 3);
  const decoded: VinDecoded = {
    wmi: wmi3.charAt(2) === '9' ? wmi3 + vin.slice(11, 14) : wmi3,
    region: regionForWmi(vin),
    northAmerican,
    checkDigitValid,
    modelYear,
  };
  const country = countryForWmi(vin);
  if (country !== undefined) decoded.country = country;
  const manufacturer = manufacturerForWmi(vin);
  if (manufacturer !== undefined) decoded.manufacturer = manufacturer;
  return { ok: errors.length === 0, vin, errors, warnings, decoded };
}

/**
 * Builds a VIN with the correct check digit: prefix8 (positions 1–8) + check digit + yearCode +
 * plant + serial6. Inputs are normalized. @throws RangeError when a part has the wrong length or
 * holds characters outside the VIN alphabet.
 */
export function makeVin(prefix8: string, yearCode: string, plant: string, serial6: string): string {
  const parts = [prefix8, yearCode, plant, serial6].map(normalizeVin);
  const [p, y, pl, s] = parts as [string, string, string, string];
  if (p.length !== 8 || y.length !== 1 || pl.length !== 1 || s.length !== 6) {
    throw new RangeError('makeVin expects 8 + 1 + 1 + 6 characters');
  }
  const draft = `${p}0${y}${pl}${s}`;
  const digit = vinCheckDigit(draft);
  if (digit === null || /[IOQ]/.test(draft)) throw new RangeError(`makeVin: invalid VIN characters in "${draft}"`);
  return `${p}${digit}${y}${pl}${s}`;
}

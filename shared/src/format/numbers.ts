/**
 * Reading numbers the way people type them, for a locale (forms, filters, CSV import).
 *
 * Rules (documented in shared/README.md):
 * - The locale's decimal mark is read from Intl ("es" → ",", "en" → ".").
 * - Spaces (also no-break and thin spaces) and "'" always group thousands. Currency signs (€ $ £),
 *   "EUR", "USD" and a trailing "km" are ignored.
 * - When both "." and "," appear, the LAST one is the decimal mark and the other groups thousands,
 *   in any locale: "28.500,50" and "28,500.50" both mean 28500.5.
 * - A mark that appears more than once groups thousands: "1.234.567" (es) and "1,234,567" (en).
 * - A single locale decimal mark is the decimal mark: "28,5" (es) = 28.5, "1.234" (en) = 1.234.
 * - A single locale grouping mark followed by exactly three digits, after one to three digits,
 *   groups thousands: "28.500" (es) = 28500, "1.234" (es) = 1234, "28,500" (en) = 28500.
 *   Followed by one, two or four and more digits it cannot be grouping, so it is read as a decimal
 *   mark (phone decimal keypads often only offer "."): "28.5" (es) = 28.5, "28,5" (en) = 28.5.
 *   After four or more digits ("1234.567" in es) it is ambiguous and refused.
 * - A single mark followed by exactly three digits in a field that allows fewer than three decimals
 *   is refused as ambiguous: "28,500" in Spanish money is not read as 28,5 (nor "28.500" in English).
 * - Groups must have three digits ("1.23.456" is refused), and anything else is refused.
 */

export type NumberParseError =
  | 'invalid' // not a number at all ("abc", "1..2", "12-3")
  | 'ambiguous' // "1234.567" in Spanish: thousands or decimals?
  | 'too_many_decimals' // more decimals than the field allows
  | 'not_integer' // decimals in a whole-number field
  | 'negative' // a minus sign where only positive numbers make sense
  | 'too_large'; // beyond what a double holds exactly

export type NumberParseResult = { ok: true; value: number | null } | { ok: false; error: NumberParseError };

export interface NumberParseOptions {
  /** Decimals allowed (default 2). 0 means a whole number. */
  maxDecimals?: number;
  /** Accept a leading minus sign (default false). */
  allowNegative?: boolean;
}

export interface NumberSeparators {
  decimal: '.' | ',';
  group: '.' | ',';
}

const separatorCache = new Map<string, NumberSeparators>();

/** The decimal and grouping marks of a BCP 47 locale ("es", "es-ES", "en-GB", "de-DE"). */
export function localeSeparators(locale: string): NumberSeparators {
  let s = separatorCache.get(locale);
  if (!s) {
    let decimal: '.' | ',' = '.';
    try {
      const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal');
      if (part?.value === ',') decimal = ',';
    } catch {
      decimal = locale.toLowerCase().startsWith('en') ? '.' : ',';
    }
    s = { decimal, group: decimal === ',' ? '.' : ',' };
    separatorCache.set(locale, s);
  }
  return s;
}

const NOISE = /[€$£]|\b(?:eur|usd|gbp|km)\b|(?<=\d)(?:km)$/giu;
const SPACES = /[\s\u00a0\u202f\u2009']/gu;

function validGroups(intPart: string, group: string): string | null {
  const chunks = intPart.split(group);
  if (chunks.length === 1) return /^\d+$/.test(intPart) ? intPart : null;
  if (!/^\d{1,3}$/.test(chunks[0] ?? '')) return null;
  for (const c of chunks.slice(1)) if (!/^\d{3}$/.test(c)) return null;
  return chunks.join('');
}

/** Parses what a person typed; `value: null` for an empty input. */
export function parseLocaleNumber(text: string, locale: string, opts: NumberParseOptions = {}): NumberParseResult {
  const maxDecimals = opts.maxDecimals ?? 2;
  let s = text.trim().replace(NOISE, '').trim();
  if (s === '') return { ok: true, value: null };
  let sign = 1;
  if (/^[-\u2212]/u.test(s)) {
    sign = -1;
    s = s.slice(1).trimStart();
  } else if (s.startsWith('+')) s = s.slice(1).trimStart();
  // Spaces group thousands: they become the grouping mark of whichever mark is not the decimal.
  const hadSpaces = /[\s\u00a0\u202f\u2009']/u.test(s);
  if (!/^[\d.,\s\u00a0\u202f\u2009']+$/u.test(s) || !/\d/.test(s)) return { ok: false, error: 'invalid' };
  const { decimal: localeDecimal, group: localeGroup } = localeSeparators(locale);
  const dots = s.split('.').length - 1;
  const commas = s.split(',').length - 1;

  let decimal: string | null;
  if (dots > 0 && commas > 0) {
    decimal = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    if ((decimal === '.' ? dots : commas) > 1) return { ok: false, error: 'invalid' };
  } else if (dots + commas === 0) {
    decimal = null;
  } else {
    const mark = dots > 0 ? '.' : ',';
    const count = dots + commas;
    if (count > 1) decimal = null;
    else if (mark === localeDecimal) decimal = mark;
    else {
      const [before = '', after = ''] = s.replace(SPACES, '').split(mark);
      if (/^\d{3}$/.test(after)) {
        if (!/^\d{1,3}$/.test(before) && !hadSpaces) return { ok: false, error: 'ambiguous' };
        decimal = null;
      } else decimal = mark;
    }
  }
  const group = decimal === null ? (dots > 0 ? '.' : commas > 0 ? ',' : localeGroup) : decimal === '.' ? ',' : '.';
  const unified = s.replace(SPACES, group);
  const [rawInt = '', frac = '', ...rest] = decimal === null ? [unified] : unified.split(decimal);
  if (rest.length > 0) return { ok: false, error: 'invalid' };
  if (decimal !== null && !/^\d+$/.test(frac)) return { ok: false, error: 'invalid' };
  const intDigits = rawInt === '' && decimal !== null ? '0' : validGroups(rawInt, group);
  if (intDigits === null) return { ok: false, error: 'invalid' };
  // "28,500" (es) or "28.500" (en) in a field with fewer decimals: thousands typed the other way?
  if (dots + commas === 1 && frac.length === 3 && maxDecimals < 3) return { ok: false, error: 'ambiguous' };
  const significant = frac.replace(/0+$/, '');
  if (significant.length > 0 && maxDecimals === 0) return { ok: false, error: 'not_integer' };
  if (significant.length > maxDecimals) return { ok: false, error: 'too_many_decimals' };
  if (intDigits.replace(/^0+/, '').length > 15) return { ok: false, error: 'too_large' };
  if (sign < 0 && !opts.allowNegative && /[1-9]/.test(intDigits + frac)) return { ok: false, error: 'negative' };
  const value = Number(significant ? `${intDigits}.${significant}` : intDigits);
  return { ok: true, value: sign < 0 && value !== 0 ? -value : value };
}

/** How a field shows a number back after the user leaves it: grouped, in the locale, at most `maxDecimals`. */
export function formatLocaleNumber(value: number | null, locale: string, opts: { maxDecimals?: number; grouping?: boolean } = {}): string {
  if (value === null || !Number.isFinite(value)) return '';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: opts.maxDecimals ?? 2, useGrouping: opts.grouping ?? true }).format(value);
}

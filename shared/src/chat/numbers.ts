/**
 * Prices, mileages and years written every way people write them: "bajo 40.000 €", "menos de 25 mil",
 * "under $30k", "entre 15.000 y 20.000", "between 20 and 30 thousand", "con menos de 50.000 km",
 * "del 2020", "2019 or newer". Works on folded text (text.ts fold). Pure.
 */

export interface Bounds {
  price_min?: number;
  price_max?: number;
  mileage_max?: number;
  mileage_min?: number;
  year_min?: number;
  year_max?: number;
  min_days?: number;
}

type Quantity = 'price' | 'mileage' | 'year' | 'days';
type Side = 'max' | 'min' | 'range' | 'exact' | 'around';

interface Num {
  value: number;
  start: number;
  end: number;
  /** Written with a thousands multiplier ("k", "mil", "thousand") or a currency sign. */
  money: boolean;
  unit: Quantity | null;
  /** The raw digits had a thousands separator ("40.000"). */
  grouped: boolean;
}

const NUM = /(\$|€|eur\b|usd\b)?\s?(\d{1,3}(?:[.,\s]\d{3})+(?![\d])|\d+(?:[.,]\d+)?)\s?(k\b|mil\b|miles de\b|thousand\b|grand\b|m\b|millon(?:es)?\b|million\b)?\s?(€|\$|eur(?:os)?\b|dolares\b|dollars\b|usd\b|km\b|kms\b|kilometros\b|kilometers\b|kilometres\b|miles\b|mi\b|dias\b|days\b|anos\b|years\b)?/g;

function parseDigits(raw: string): { value: number; grouped: boolean } {
  if (/^\d{1,3}(?:[.,\s]\d{3})+$/.test(raw)) return { value: Number(raw.replace(/[.,\s]/g, '')), grouped: true };
  return { value: Number(raw.replace(',', '.')), grouped: false };
}

function scan(text: string, lang: 'es' | 'en'): Num[] {
  const out: Num[] = [];
  for (const m of text.matchAll(NUM)) {
    const [all, pre, digits = '', mult, post] = m;
    const start = m.index;
    let { value, grouped } = parseDigits(digits);
    let money = Boolean(pre);
    if (mult) {
      money = true;
      value *= /^(m|millon|millones|million)$/.test(mult.trim()) ? 1_000_000 : 1000;
    }
    let unit: Quantity | null = null;
    const p = post?.trim();
    if (p) {
      if (/^(km|kms|kilometros|kilometers|kilometres|mi)$/.test(p) || (p === 'miles' && lang === 'en')) unit = 'mileage';
      else if (/^(dias|days)$/.test(p)) unit = 'days';
      else if (/^(anos|years)$/.test(p)) unit = null;
      else money = true;
    }
    if (money) unit = 'price';
    out.push({ value, start, end: m.index + all.length, money, unit, grouped });
  }
  return out;
}

const MAX_WORDS = /(bajo|debajo de|por debajo de|menos de|menor(?:es)? (?:de|que)|hasta|como maximo|maximo|max|no mas de|under|below|less than|cheaper than|up to|at most|no more than|max(?:imum)?|within|inferior(?:es)? a|antes de|before|older than)\s*$/;
const MIN_WORDS = /(mas de|desde|a partir de|por encima de|minimo|mayor(?:es)? (?:de|que)|superior(?:es)? a|over|above|more than|at least|from|newer than|after|despues de|starting at)\s*$/;
const AROUND_WORDS = /(alrededor de|unos|sobre|cerca de|around|about|roughly|approximately|aprox(?:imadamente)?)\s*$/;
const RANGE_START = /(entre|between|de|from)\s*$/;
const RANGE_JOIN = /^\s*(y|and|a|to|-|hasta)\s*$/;
const YEAR_AFTER_MIN = /^\s*(o|or)\s*(posterior(?:es)?|mas nuevos?|newer|later|after|superior)/;
const YEAR_AFTER_MAX = /^\s*(o|or)\s*(anterior(?:es)?|mas antiguos?|older|earlier|before)/;

function isYear(n: Num): boolean {
  return !n.money && n.unit === null && !n.grouped && Number.isInteger(n.value) && n.value >= 1950 && n.value <= 2100;
}

/** What a bare number most likely is: a year, a price (≥ 1000 or money), else nothing. */
function quantityOf(n: Num, hint: Quantity | null): Quantity | null {
  if (n.unit) return n.unit;
  if (isYear(n)) return 'year';
  if (hint) return hint;
  if (n.value >= 1000) return 'price';
  return null;
}

function put(b: Bounds, q: Quantity, side: 'min' | 'max', v: number): void {
  if (q === 'price') b[side === 'min' ? 'price_min' : 'price_max'] = v;
  else if (q === 'mileage') b[side === 'min' ? 'mileage_min' : 'mileage_max'] = v;
  else if (q === 'year') b[side === 'min' ? 'year_min' : 'year_max'] = v;
  else if (side === 'min') b.min_days = v;
}

/** Bounds found in folded text, and the text with those spans blanked (so "2008" is not also a model). */
export function parseBounds(text: string, lang: 'es' | 'en'): { bounds: Bounds; rest: string } {
  const nums = scan(text, lang);
  const bounds: Bounds = {};
  let rest = text;
  const blank = (s: number, e: number) => { rest = rest.slice(0, s) + ' '.repeat(e - s) + rest.slice(e); };
  for (let i = 0; i < nums.length; i++) {
    const n = nums[i] as Num;
    const before = text.slice(Math.max(0, n.start - 30), n.start);
    const next = nums[i + 1];
    // A range: "entre 15.000 y 20.000", "between 20 and 30 thousand", "de 20 a 30 mil", "15-20k".
    if (next && RANGE_JOIN.test(text.slice(n.end, next.start)) && (RANGE_START.test(before) || next.money || n.money)) {
      const lo = { ...n };
      if (next.money && !n.money && n.value < next.value && next.value >= 1000 && n.value < 1000) {
        lo.value = n.value * (next.value >= 1_000_000 && n.value < 10 ? 1_000_000 : 1000);
        lo.money = true;
      }
      const q = quantityOf(next, null) ?? quantityOf(lo, null);
      if (q) {
        put(bounds, q, 'min', Math.min(lo.value, next.value));
        put(bounds, q, 'max', Math.max(lo.value, next.value));
        blank(n.start, next.end);
        i++;
        continue;
      }
    }
    let side: Side = 'exact';
    if (MAX_WORDS.test(before)) side = 'max';
    else if (AROUND_WORDS.test(before)) side = 'around';
    else if (MIN_WORDS.test(before)) side = 'min';
    const after = text.slice(n.end, n.end + 30);
    const q = quantityOf(n, null);
    if (!q) continue;
    if (q === 'year' && side === 'exact') {
      if (YEAR_AFTER_MIN.test(after)) side = 'min';
      else if (YEAR_AFTER_MAX.test(after)) side = 'max';
    }
    if (q === 'days') {
      put(bounds, 'days', 'min', n.value);
    } else if (side === 'max' || side === 'min') {
      put(bounds, q, side, n.value);
    } else if (side === 'around') {
      put(bounds, q, 'min', Math.round(n.value * 0.9));
      put(bounds, q, 'max', Math.round(n.value * 1.1));
    } else if (q === 'year') {
      put(bounds, q, 'min', n.value);
      put(bounds, q, 'max', n.value);
    } else if (q === 'price') {
      // "un Golf de 20.000 €": a bare price is a ceiling, the way buyers mean it.
      put(bounds, q, 'max', n.value);
    } else {
      put(bounds, q, 'max', n.value);
    }
    blank(n.start, n.end);
  }
  return { bounds, rest };
}

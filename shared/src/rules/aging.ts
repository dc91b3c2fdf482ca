/**
 * Aged inventory (spec user story 1): days-in-stock buckets (DOMAIN.md) and a price suggestion
 * for a car from the dealership's own past sales: how the sale-to-list ratio relates to days in
 * stock, in the car's segment (body type, make, price band), widening the segment until it has
 * enough sales; without enough history anywhere, a stated fallback rule.
 */

import { AGED_AFTER_DAYS } from './vehicles.ts';

/** A segment needs at least this many past sales before its history is trusted. */
export const MIN_SALES_FOR_HISTORY = 5;
/** Never suggest more than this discount. */
export const MAX_DISCOUNT = 0.2;

export const PRICE_BANDS = [
  { band: '<15k', max: 15_000 },
  { band: '15-30k', max: 30_000 },
  { band: '30-50k', max: 50_000 },
  { band: '50k+', max: Infinity },
] as const;
export function priceBand(price: number): string {
  return PRICE_BANDS.find((b) => price < b.max)!.band;
}

export interface PastSale {
  body_type: string;
  make: string;
  list_price: number;
  sale_price: number;
  days_in_stock: number;
}

export interface AgedCar {
  price: number;
  body_type: string;
  make: string;
  days_in_stock: number;
}

export type SegmentLevel = 'body_make_band' | 'body_band' | 'body' | 'dealership';

export interface PriceSuggestion {
  suggested_price: number;
  /** 0..MAX_DISCOUNT, e.g. 0.06 for 6 %. */
  discount: number;
  basis: 'history' | 'fallback';
  /** Which segment the history came from, e.g. "suv · Toyota · 15-30k"; the rule's name for a fallback. */
  segment: SegmentLevel | null;
  segment_label: string;
  /** How many past sales the suggestion rests on (0 for the fallback). */
  sales_count: number;
  /** The predicted sale-to-list ratio at the car's days in stock (history only). */
  expected_ratio: number | null;
}

/** The stated rule when history is thin: −5 % at 61–90 days, −8 % at 91–120, −10 % beyond. */
export const FALLBACK_RULE = 'fallback: -5% 61-90 d, -8% 91-120 d, -10% >120 d';
export function fallbackDiscount(days: number): number {
  return days <= AGED_AFTER_DAYS ? 0 : days <= 90 ? 0.05 : days <= 120 ? 0.08 : 0.1;
}

const norm = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
/** Rounded down to whole hundreds, the way list prices are written. */
const listable = (p: number) => Math.max(0, Math.floor(p / 100) * 100);

/** Least squares ratio = a + b·days over the sales; the prediction at `days`, clamped to the seen range. */
function predictRatio(sales: readonly PastSale[], days: number): number {
  const xs = sales.map((s) => s.days_in_stock);
  const ys = sales.map((s) => s.sale_price / s.list_price);
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i += 1) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  const b = sxx === 0 ? 0 : sxy / sxx;
  const x = Math.min(Math.max(days, Math.min(...xs)), Math.max(...xs));
  return my + b * (x - mx);
}

/** The suggestion for one car; deterministic for the same inputs. */
export function suggestPrice(car: AgedCar, history: readonly PastSale[]): PriceSuggestion {
  const band = priceBand(car.price);
  const valid = history.filter((s) => s.list_price > 0 && s.sale_price > 0);
  const levels: { level: SegmentLevel; label: string; match: (s: PastSale) => boolean }[] = [
    { level: 'body_make_band', label: `${car.body_type} · ${car.make} · ${band}`, match: (s) => s.body_type === car.body_type && norm(s.make) === norm(car.make) && priceBand(s.list_price) === band },
    { level: 'body_band', label: `${car.body_type} · ${band}`, match: (s) => s.body_type === car.body_type && priceBand(s.list_price) === band },
    { level: 'body', label: car.body_type, match: (s) => s.body_type === car.body_type },
    { level: 'dealership', label: '*', match: () => true },
  ];
  for (const l of levels) {
    const sales = valid.filter(l.match);
    if (sales.length < MIN_SALES_FOR_HISTORY) continue;
    const ratio = predictRatio(sales, car.days_in_stock);
    const discount = Math.min(MAX_DISCOUNT, Math.max(0, 1 - ratio));
    return { suggested_price: listable(car.price * (1 - discount)), discount: Math.round(discount * 1000) / 1000, basis: 'history', segment: l.level, segment_label: l.label, sales_count: sales.length, expected_ratio: Math.round(ratio * 1000) / 1000 };
  }
  const discount = fallbackDiscount(car.days_in_stock);
  return { suggested_price: listable(car.price * (1 - discount)), discount, basis: 'fallback', segment: null, segment_label: FALLBACK_RULE, sales_count: 0, expected_ratio: null };
}

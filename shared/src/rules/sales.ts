/** Sale rules: price, down payment and dates; commission helper. */
import { fail, OK, type RuleResult } from './result.ts';

export type SaleConstraintFields = {
  sale_price: number;
  down_payment: number;
  sale_date: string;
  delivery_date: string | null;
};

/** Calendar date (YYYY-MM-DD) as written at the start of an ISO date/date-time, else null. */
function calendarDate(iso: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso.trim());
  if (!m) return null;
  const [, y, mo, d] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  return date.getUTCMonth() === Number(mo) - 1 && date.getUTCDate() === Number(d) ? m[0] : null;
}

/** No car sale is above this (a typo with extra digits is refused on both sides). */
export const SALE_PRICE_MAX = 5_000_000;

/**
 * Sale row constraints, first failure wins:
 * - `sale_price`: finite and > 0;
 * - `sale_price_range`: at most SALE_PRICE_MAX;
 * - `down_payment_range`: finite and 0 <= down_payment <= sale_price (both ends allowed);
 * - `invalid_date`: sale_date / delivery_date must start with a real YYYY-MM-DD date;
 * - `delivery_before_sale`: delivery_date (when present) is on or after sale_date, comparing
 *   calendar dates as written (time of day and offset are ignored, so same-day delivery is ok).
 */
export function checkSale(s: SaleConstraintFields): RuleResult {
  if (!Number.isFinite(s.sale_price) || s.sale_price <= 0) {
    return fail('sale_price', 'The sale price must be greater than zero.', 'sale_price');
  }
  if (s.sale_price > SALE_PRICE_MAX) {
    return fail('sale_price_range', `The sale price cannot be above ${SALE_PRICE_MAX}.`, 'sale_price');
  }
  if (!Number.isFinite(s.down_payment) || s.down_payment < 0 || s.down_payment > s.sale_price) {
    return fail('down_payment_range', 'The down payment must be between zero and the sale price.', 'down_payment');
  }
  const sale = calendarDate(s.sale_date);
  if (sale === null) return fail('invalid_date', 'The sale date is not a valid date.', 'sale_date');
  if (s.delivery_date === null) return OK;
  const delivery = calendarDate(s.delivery_date);
  if (delivery === null) return fail('invalid_date', 'The delivery date is not a valid date.', 'delivery_date');
  if (delivery < sale) {
    return fail('delivery_before_sale', 'The delivery date cannot be before the sale date.', 'delivery_date');
  }
  return OK;
}

/** A sale below this share of the list price, or above SALE_PRICE_WARN_HIGH, asks for a confirmation. */
export const SALE_PRICE_WARN_LOW = 0.5;
export const SALE_PRICE_WARN_HIGH = 1.5;
/** Outside these shares of the list price a sale price is refused: a typo, not a deal. */
export const SALE_PRICE_MIN_SHARE = 0.1;
export const SALE_PRICE_MAX_SHARE = 3;

/**
 * A sale price against the car's list price:
 * - 'refuse' (`sale_price_vs_list`) below 10 % or above 300 % of it: certainly a typo;
 * - 'confirm' below 50 % or above 150 %: possible (a damaged car, extras) but worth a second look;
 * - 'ok' otherwise, or when the list price is unknown.
 */
export function salePriceVsList(salePrice: number, listPrice: number | null | undefined): 'ok' | 'confirm' | 'refuse' {
  if (!listPrice || !Number.isFinite(listPrice) || listPrice <= 0 || !Number.isFinite(salePrice)) return 'ok';
  const share = salePrice / listPrice;
  if (share < SALE_PRICE_MIN_SHARE || share > SALE_PRICE_MAX_SHARE) return 'refuse';
  if (share < SALE_PRICE_WARN_LOW || share > SALE_PRICE_WARN_HIGH) return 'confirm';
  return 'ok';
}

/** The refusing half of salePriceVsList as a rule (for the server's check against the vehicle row). */
export function checkSalePriceAgainstList(salePrice: number, listPrice: number | null | undefined): RuleResult {
  if (salePriceVsList(salePrice, listPrice) !== 'refuse') return OK;
  return fail('sale_price_vs_list', 'The sale price is too far from the list price of the vehicle.', 'sale_price');
}

/**
 * Commission on front gross: max(0, salePrice - cost) * ratePct / 100, rounded to cents.
 * Never negative; a non-finite input or a negative rate yields 0.
 */
export function salesCommission(salePrice: number, cost: number, ratePct: number): number {
  if (![salePrice, cost, ratePct].every(Number.isFinite) || ratePct < 0) return 0;
  const gross = Math.max(0, salePrice - cost);
  return Math.round(gross * ratePct) / 100;
}

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

/**
 * Sale row constraints, first failure wins:
 * - `sale_price`: finite and > 0;
 * - `down_payment_range`: finite and 0 <= down_payment <= sale_price (both ends allowed);
 * - `invalid_date`: sale_date / delivery_date must start with a real YYYY-MM-DD date;
 * - `delivery_before_sale`: delivery_date (when present) is on or after sale_date, comparing
 *   calendar dates as written (time of day and offset are ignored, so same-day delivery is ok).
 */
export function checkSale(s: SaleConstraintFields): RuleResult {
  if (!Number.isFinite(s.sale_price) || s.sale_price <= 0) {
    return fail('sale_price', 'The sale price must be greater than zero.', 'sale_price');
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

/**
 * Commission on front gross: max(0, salePrice - cost) * ratePct / 100, rounded to cents.
 * Never negative; a non-finite input or a negative rate yields 0.
 */
export function salesCommission(salePrice: number, cost: number, ratePct: number): number {
  if (![salePrice, cost, ratePct].every(Number.isFinite) || ratePct < 0) return 0;
  const gross = Math.max(0, salePrice - cost);
  return Math.round(gross * ratePct) / 100;
}

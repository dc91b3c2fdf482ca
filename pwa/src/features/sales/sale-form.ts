import { checkSale, checkSalePriceAgainstList, salePriceVsList, type FinancingType, type SaleConstraintFields, type Vehicle } from '@lotbook/shared';

/** What the form edits: inputs as strings, like the DOM gives them. Dates are yyyy-mm-dd. */
export interface SaleFormValues {
  price: string;
  down: string;
  financing: FinancingType;
  saleDate: string;
  deliveryDate: string;
  notes: string;
}

export type SaleFormField = 'price' | 'down' | 'saleDate' | 'deliveryDate';
/** A key under `sales:form.errors`. */
export type SaleFormError = 'required' | 'notANumber' | 'tooLarge' | 'salePrice' | 'salePriceRange' | 'salePriceVsList' | 'downPaymentRange' | 'invalidDate' | 'deliveryBeforeSale';

export interface SaleFormCheck {
  errors: Partial<Record<SaleFormField, SaleFormError>>;
  /** Present iff there are no errors. */
  fields: SaleConstraintFields | null;
  /** The price is far from the list price (< 50 % or > 150 %): saving asks for a confirmation. */
  priceWarning: 'low' | 'high' | null;
}

/** The largest amount the server stores (shared `money`). */
export const MAX_MONEY = 100_000_000;

const pad2 = (n: number) => String(n).padStart(2, '0');

/** yyyy-mm-dd of a date in the device's time zone. */
export function localDate(d: Date): string {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

/**
 * A typed amount: "18500", "18.500", "18 500 €", "18.500,50" or "18500.5". Null when empty, NaN
 * when it is not a number. A single "." followed by exactly three digits groups thousands, as
 * Spanish users type it.
 */
export function parseMoney(raw: string): number | null {
  let s = raw.replace(/[\s\u00a0€$£]/g, '');
  if (s === '') return null;
  const sign = s.startsWith('-') ? -1 : 1;
  if (sign < 0) s = s.slice(1);
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    const dec = lastComma > lastDot ? ',' : '.';
    s = s.split(dec === ',' ? '.' : ',').join('').replace(dec, '.');
  } else if (lastComma >= 0) {
    s = /^\d{1,3}(,\d{3})+$/.test(s) && s.split(',').length > 2 ? s.split(',').join('') : s.replace(',', '.');
  } else if (/^\d{1,3}(\.\d{3})+$/.test(s)) {
    s = s.split('.').join('');
  }
  return /^\d+(\.\d+)?$/.test(s) ? sign * Number(s) : Number.NaN;
}

/**
 * A date input's value as an ISO date-time at local noon, so the calendar date written in the ISO
 * string (which the shared rule compares) is the one the user picked in any time zone up to ±11 h.
 */
export function dateInputToIso(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12);
  return Number.isNaN(d.getTime()) || localDate(d) !== value ? null : d.toISOString();
}

function amount(raw: string): number | SaleFormError {
  const n = parseMoney(raw);
  if (n === null) return 'required';
  if (Number.isNaN(n)) return 'notANumber';
  if (n > MAX_MONEY) return 'tooLarge';
  return n;
}

const RULE_ERRORS: Record<string, SaleFormError> = {
  sale_price: 'salePrice',
  sale_price_range: 'salePriceRange',
  sale_price_vs_list: 'salePriceVsList',
  down_payment_range: 'downPaymentRange',
  invalid_date: 'invalidDate',
  delivery_before_sale: 'deliveryBeforeSale',
};
const RULE_FIELDS: Record<string, SaleFormField> = { sale_price: 'price', down_payment: 'down', sale_date: 'saleDate', delivery_date: 'deliveryDate' };

/**
 * The shared sale rule (checkSale: price > 0, 0 ≤ down payment ≤ price, delivery on or after the
 * sale date) applied as the user types. checkSale reports its first failure only, so the amounts
 * and the dates are checked separately to show both kinds of error at once.
 */
export function checkSaleForm(v: SaleFormValues, listPrice: number | null = null): SaleFormCheck {
  const errors: SaleFormCheck['errors'] = {};
  const price = amount(v.price);
  const down = amount(v.down);
  if (typeof price === 'string') errors.price = price;
  if (typeof down === 'string') errors.down = down;
  const saleDate = dateInputToIso(v.saleDate);
  const deliveryDate = v.deliveryDate.trim() === '' ? null : dateInputToIso(v.deliveryDate);
  if (saleDate === null) errors.saleDate = v.saleDate.trim() === '' ? 'required' : 'invalidDate';
  if (v.deliveryDate.trim() !== '' && deliveryDate === null) errors.deliveryDate = 'invalidDate';

  const put = (r: ReturnType<typeof checkSale>) => {
    if (r.ok) return;
    const field = RULE_FIELDS[r.field ?? ''];
    const error = RULE_ERRORS[r.code];
    if (field && error && !errors[field]) errors[field] = error;
  };
  const today = new Date().toISOString();
  if (typeof price === 'number') {
    put(checkSale({ sale_price: price, down_payment: typeof down === 'number' ? down : 0, sale_date: today, delivery_date: null }));
    put(checkSalePriceAgainstList(price, listPrice));
  }
  const verdict = typeof price === 'number' ? salePriceVsList(price, listPrice) : 'ok';
  const priceWarning = verdict === 'confirm' && typeof price === 'number' && listPrice ? (price < listPrice ? 'low' : 'high') : null;
  if (saleDate !== null && !errors.deliveryDate) put(checkSale({ sale_price: 1, down_payment: 0, sale_date: saleDate, delivery_date: deliveryDate }));

  if (Object.keys(errors).length > 0 || typeof price !== 'number' || typeof down !== 'number' || saleDate === null) return { errors, fields: null, priceWarning };
  const fields = { sale_price: price, down_payment: down, sale_date: saleDate, delivery_date: deliveryDate };
  const final = checkSale(fields);
  if (!final.ok) {
    put(final);
    return { errors, fields: null, priceWarning };
  }
  return { errors, fields, priceWarning };
}

/** Why a car cannot be sold (by `salespersonId`), or null when it can. */
export type SellBlock = 'sold' | 'maintenance' | 'reserved_other';

/**
 * What the server accepts (sync-server rules.ts + facts.ts): no other completed sale of the car,
 * and a reserved car only for the salesperson holding the reservation. The local vehicle patch
 * to `sold` must also be a legal transition, which excludes cars in the workshop.
 */
export function sellBlock(v: Pick<Vehicle, 'status' | 'reserved_by'>, salespersonId: string, soldOnDevice = false): SellBlock | null {
  if (v.status === 'sold' || soldOnDevice) return 'sold';
  if (v.status === 'maintenance') return 'maintenance';
  if (v.status === 'reserved' && v.reserved_by !== salespersonId) return 'reserved_other';
  return null;
}

/**
 * Who sells this car when the form opens for `userId`: the holder of its reservation when a
 * manager records the sale (the server accepts a reserved car only for that salesperson), the
 * user otherwise. A salesperson cannot sell another's reservation: sellBlock says why.
 */
export function defaultSalesperson(v: Pick<Vehicle, 'status' | 'reserved_by'>, userId: string, isManager: boolean): string {
  return isManager && v.status === 'reserved' && v.reserved_by ? v.reserved_by : userId;
}

/** Whether a car's page offers "Record sale" to this user (the form then explains any block). */
export function offersSale(v: Pick<Vehicle, 'status' | 'reserved_by'>, userId: string, isManager: boolean): boolean {
  return sellBlock(v, defaultSalesperson(v, userId, isManager)) === null;
}

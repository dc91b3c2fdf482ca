import { describe, expect, it } from 'vitest';
import { checkSaleForm, dateInputToIso, defaultSalesperson, localDate, offersSale, parseMoney, sellBlock, type SaleFormValues } from './sale-form.ts';
import { monthTotals, newestFirst } from './sales-summary.ts';

const today = localDate(new Date());
const form = (patch: Partial<SaleFormValues> = {}): SaleFormValues => ({
  price: '18500', down: '2000', financing: 'loan', saleDate: today, deliveryDate: '', notes: '', ...patch,
});

describe('parseMoney', () => {
  it.each([
    ['18500', 18_500], ['18.500', 18_500], ['18 500 €', 18_500], ['18.500,50', 18_500.5], ['18,500.50', 18_500.5],
    ['18500.5', 18_500.5], ['1,5', 1.5], ['1.250.000', 1_250_000], ['-5', -5], ['0', 0],
  ])('reads %s as %d', (raw, n) => expect(parseMoney(raw)).toBe(n));
  it('tells empty from not a number', () => {
    expect(parseMoney('  ')).toBeNull();
    expect(parseMoney('diez mil')).toBeNaN();
    expect(parseMoney('1.2.3,4,5')).toBeNaN();
  });
});

describe('dateInputToIso', () => {
  it('keeps the picked calendar date in the ISO string', () => {
    expect(dateInputToIso('2026-06-30')?.slice(0, 10)).toBe('2026-06-30');
  });
  it('rejects impossible dates', () => {
    expect(dateInputToIso('2026-02-30')).toBeNull();
    expect(dateInputToIso('30/06/2026')).toBeNull();
  });
});

describe('checkSaleForm (the shared checkSale rule, per field)', () => {
  it('accepts a valid sale and returns the fields to save', () => {
    const r = checkSaleForm(form({ deliveryDate: today }));
    expect(r.errors).toEqual({});
    expect(r.fields).toMatchObject({ sale_price: 18_500, down_payment: 2000, delivery_date: expect.stringMatching(new RegExp(`^${today}`)) });
  });
  it('a down payment above the price is a down payment error, and blocks saving', () => {
    expect(checkSaleForm(form({ down: '20000' }))).toEqual({ errors: { down: 'downPaymentRange' }, fields: null, priceWarning: null });
    expect(checkSaleForm(form({ down: '-1' })).errors).toEqual({ down: 'downPaymentRange' });
    expect(checkSaleForm(form({ down: '18500' })).fields).not.toBeNull(); // both ends allowed
  });
  it('the price must be above zero and a number', () => {
    expect(checkSaleForm(form({ price: '0', down: '0' })).errors).toEqual({ price: 'salePrice' });
    expect(checkSaleForm(form({ price: 'abc' })).errors).toEqual({ price: 'notANumber' });
    expect(checkSaleForm(form({ price: '' })).errors).toEqual({ price: 'required' });
    expect(checkSaleForm(form({ price: '200000000' })).errors).toEqual({ price: 'tooLarge' });
    expect(checkSaleForm(form({ price: '99.999.999' })).errors).toEqual({ price: 'salePriceRange' });
  });

  it('warns far from the list price and refuses the absurd (issue 9: 1 € for a car listed at 20.790 €)', () => {
    expect(checkSaleForm(form({ price: '1', down: '0' }), 20_790).errors).toEqual({ price: 'salePriceVsList' });
    expect(checkSaleForm(form({ price: '9.000', down: '0' }), 20_000)).toMatchObject({ errors: {}, priceWarning: 'low' });
    expect(checkSaleForm(form({ price: '31.000', down: '0' }), 20_000)).toMatchObject({ errors: {}, priceWarning: 'high' });
    expect(checkSaleForm(form({ price: '19.500', down: '0' }), 20_000).priceWarning).toBeNull();
  });
  it('delivery before the sale date is refused, the same day is fine; amount and date errors show together', () => {
    expect(checkSaleForm(form({ saleDate: '2026-06-10', deliveryDate: '2026-06-09' })).errors).toEqual({ deliveryDate: 'deliveryBeforeSale' });
    expect(checkSaleForm(form({ saleDate: '2026-06-10', deliveryDate: '2026-06-10' })).errors).toEqual({});
    expect(checkSaleForm(form({ down: '99999', saleDate: '2026-06-10', deliveryDate: '2026-06-01' })).errors).toEqual({ down: 'downPaymentRange', deliveryDate: 'deliveryBeforeSale' });
    expect(checkSaleForm(form({ saleDate: '' })).errors).toEqual({ saleDate: 'required' });
  });
});

describe('sellBlock (what the server accepts)', () => {
  const me = 'me';
  it('available, or reserved for the salesperson, can be sold', () => {
    expect(sellBlock({ status: 'available', reserved_by: null }, me)).toBeNull();
    expect(sellBlock({ status: 'reserved', reserved_by: me }, me)).toBeNull();
  });
  it('sold, in the workshop or reserved by someone else cannot', () => {
    expect(sellBlock({ status: 'sold', reserved_by: null }, me)).toBe('sold');
    expect(sellBlock({ status: 'available', reserved_by: null }, me, true)).toBe('sold');
    expect(sellBlock({ status: 'maintenance', reserved_by: null }, me)).toBe('maintenance');
    expect(sellBlock({ status: 'reserved', reserved_by: 'luis' }, me)).toBe('reserved_other');
  });
});

describe('a manager selling a car another salesperson reserved', () => {
  const reservedByLuis = { status: 'reserved', reserved_by: 'luis' } as const;
  it('the sale goes to the holder of the reservation, so the server accepts it', () => {
    expect(defaultSalesperson(reservedByLuis, 'boss', true)).toBe('luis');
    expect(offersSale(reservedByLuis, 'boss', true)).toBe(true);
  });
  it('a salesperson is not offered another\'s reservation; available cars go to the user', () => {
    expect(defaultSalesperson(reservedByLuis, 'ana', false)).toBe('ana');
    expect(offersSale(reservedByLuis, 'ana', false)).toBe(false);
    expect(defaultSalesperson({ status: 'available', reserved_by: null }, 'boss', true)).toBe('boss');
    expect(offersSale({ status: 'sold', reserved_by: null }, 'boss', true)).toBe(false);
    expect(offersSale({ status: 'maintenance', reserved_by: null }, 'boss', true)).toBe(false);
  });
});

const at = (y: number, m: number, d: number) => new Date(y, m, d, 12).toISOString();

describe('sales summary', () => {
  it('orders newest first and totals this month’s completed sales only', () => {
    const now = new Date(2026, 5, 15, 12);
    const sales = [
      { id: 'a', sale_date: at(2026, 5, 1), status: 'completed' as const, sale_price: 10_000 },
      { id: 'b', sale_date: at(2026, 5, 14), status: 'completed' as const, sale_price: 20_000.5 },
      { id: 'c', sale_date: at(2026, 5, 14), status: 'cancelled' as const, sale_price: 30_000 },
      { id: 'd', sale_date: at(2026, 4, 31), status: 'completed' as const, sale_price: 40_000 },
    ];
    expect(sales.toSorted(newestFirst).map((s) => s.id)).toEqual(['c', 'b', 'a', 'd']);
    expect(monthTotals(sales, now)).toEqual({ count: 2, revenue: 30_000.5 });
  });
});

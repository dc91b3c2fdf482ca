import { describe, expect, it } from 'vitest';
import { checkSale, salesCommission } from './sales.ts';

const base = { sale_price: 20000, down_payment: 5000, sale_date: '2026-03-10', delivery_date: null };

describe('checkSale', () => {
  it('accepts a normal sale', () => expect(checkSale(base)).toEqual({ ok: true }));

  it('requires a positive sale price', () => {
    expect(checkSale({ ...base, sale_price: 0, down_payment: 0 })).toMatchObject({ ok: false, code: 'sale_price', field: 'sale_price' });
    expect(checkSale({ ...base, sale_price: -1, down_payment: 0 })).toMatchObject({ code: 'sale_price' });
    expect(checkSale({ ...base, sale_price: Number.NaN })).toMatchObject({ code: 'sale_price' });
    expect(checkSale({ ...base, sale_price: 0.01, down_payment: 0 }).ok).toBe(true);
  });

  it('keeps the down payment between 0 and the price (inclusive)', () => {
    expect(checkSale({ ...base, down_payment: 0 }).ok).toBe(true);
    expect(checkSale({ ...base, down_payment: 20000 }).ok).toBe(true);
    expect(checkSale({ ...base, down_payment: 20000.01 })).toMatchObject({ code: 'down_payment_range', field: 'down_payment' });
    expect(checkSale({ ...base, down_payment: -0.01 })).toMatchObject({ code: 'down_payment_range' });
    expect(checkSale({ ...base, down_payment: Number.POSITIVE_INFINITY })).toMatchObject({ code: 'down_payment_range' });
  });

  it('compares delivery and sale as calendar dates', () => {
    expect(checkSale({ ...base, delivery_date: '2026-03-10' }).ok).toBe(true);
    expect(checkSale({ ...base, sale_date: '2026-03-10T18:00:00Z', delivery_date: '2026-03-10T09:00:00Z' }).ok).toBe(true);
    expect(checkSale({ ...base, delivery_date: '2026-03-11' }).ok).toBe(true);
    expect(checkSale({ ...base, delivery_date: '2026-03-09' })).toMatchObject({ code: 'delivery_before_sale', field: 'delivery_date' });
    expect(checkSale({ ...base, sale_date: '2026-12-31', delivery_date: '2027-01-01T00:00:00+01:00' }).ok).toBe(true);
  });

  it('rejects unparseable dates', () => {
    expect(checkSale({ ...base, sale_date: 'yesterday' })).toMatchObject({ code: 'invalid_date', field: 'sale_date' });
    expect(checkSale({ ...base, delivery_date: '2026-02-30' })).toMatchObject({ code: 'invalid_date', field: 'delivery_date' });
  });
});

describe('salesCommission', () => {
  it('pays a percentage of front gross, rounded to cents', () => {
    expect(salesCommission(20000, 17000, 10)).toBe(300);
    expect(salesCommission(20000, 17000.333, 3)).toBe(89.99);
  });
  it('never goes negative', () => {
    expect(salesCommission(15000, 17000, 10)).toBe(0);
    expect(salesCommission(20000, 17000, -5)).toBe(0);
    expect(salesCommission(Number.NaN, 17000, 5)).toBe(0);
  });
});

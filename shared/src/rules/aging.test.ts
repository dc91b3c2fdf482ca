import { describe, expect, it } from 'vitest';
import { agingBucket } from './vehicles.ts';
import { FALLBACK_RULE, MIN_SALES_FOR_HISTORY, priceBand, suggestPrice, type PastSale } from './aging.ts';

/** Toyota SUVs in the 15–30k band lose about 1 % of list price per 10 days in stock. */
const suvs: PastSale[] = [10, 30, 50, 70, 90, 110].map((d) => ({ body_type: 'suv', make: 'Toyota', list_price: 25_000, sale_price: 25_000 * (1 - d / 1000), days_in_stock: d }));

describe('aging', () => {
  it('buckets days in stock as DOMAIN.md defines them', () => {
    expect([0, 30, 31, 60, 61, 90, 91].map(agingBucket)).toEqual(['0-30', '0-30', '31-60', '31-60', '61-90', '61-90', '90+']);
    expect([9_999, 15_000, 45_000, 80_000].map(priceBand)).toEqual(['<15k', '15-30k', '30-50k', '50k+']);
  });

  it('suggests from the segment history: the ratio the dealership got at that age', () => {
    const s = suggestPrice({ price: 26_000, body_type: 'suv', make: 'Toyota', days_in_stock: 80 }, suvs);
    expect(s).toMatchObject({ basis: 'history', segment: 'body_make_band', segment_label: 'suv · Toyota · 15-30k', sales_count: 6, expected_ratio: 0.92, discount: 0.08 });
    expect(s.suggested_price).toBe(23_900);
  });

  it('widens the segment when the narrow one is thin, and says so', () => {
    const s = suggestPrice({ price: 26_000, body_type: 'suv', make: 'Kia', days_in_stock: 80 }, suvs);
    expect(s).toMatchObject({ basis: 'history', segment: 'body_band', sales_count: 6 });
  });

  it('falls back to the stated rule with too little history, naming it and resting on 0 sales', () => {
    const s = suggestPrice({ price: 20_000, body_type: 'suv', make: 'Toyota', days_in_stock: 95 }, suvs.slice(0, MIN_SALES_FOR_HISTORY - 1));
    expect(s).toEqual({ suggested_price: 18_400, discount: 0.08, basis: 'fallback', segment: null, segment_label: FALLBACK_RULE, sales_count: 0, expected_ratio: null });
  });

  it('never suggests a price above list, nor beyond the maximum discount', () => {
    const premium = suvs.map((s) => ({ ...s, sale_price: s.list_price * 1.05 }));
    expect(suggestPrice({ price: 26_000, body_type: 'suv', make: 'Toyota', days_in_stock: 80 }, premium).suggested_price).toBe(26_000);
    const crash = suvs.map((s) => ({ ...s, sale_price: s.list_price * (1 - s.days_in_stock / 200) }));
    expect(suggestPrice({ price: 26_000, body_type: 'suv', make: 'Toyota', days_in_stock: 110 }, crash).discount).toBe(0.2);
  });
});

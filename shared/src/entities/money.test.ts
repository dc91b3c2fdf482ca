import { describe, expect, it } from 'vitest';
import { saleFields } from './sales.ts';
import { vehicleFields } from './vehicles.ts';
import { money } from './common.ts';

describe('money at the boundary', () => {
  it('accepts up to 2 decimals, including values that are not exact in binary', () => {
    for (const n of [0, 1, 19.99, 0.01, 0.1 + 0.2 - 0.3 + 0.3, 24999.95, 99_999_999.99]) expect(money.safeParse(n).success).toBe(true);
  });
  it('refuses more precision instead of rounding it away', () => {
    for (const n of [0.004, 10.001, 1e-7, 24999.995]) {
      const r = money.safeParse(n);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toBe('must have at most 2 decimals');
    }
  });
  it('still refuses 0 where a price must be positive, and non-finite numbers', () => {
    expect(vehicleFields.shape.price.safeParse(0).success).toBe(false);
    expect(saleFields.shape.sale_price.safeParse(0.004).success).toBe(false);
    expect(money.safeParse(Infinity).success).toBe(false);
    expect(money.safeParse(Number.NaN).success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { fitHoltWinters, mape, seasonalNaive } from './holt-winters.ts';

describe('Holt-Winters', () => {
  it('follows a clean seasonal pattern with a trend', () => {
    const y = Array.from({ length: 40 }, (_, t) => 10 + 0.5 * t + [3, -1, -2, 0][t % 4]!);
    const f = fitHoltWinters(y, 4).forecast(8);
    const truth = Array.from({ length: 8 }, (_, k) => 10 + 0.5 * (40 + k) + [3, -1, -2, 0][(40 + k) % 4]!);
    expect(mape(truth, f)).toBeLessThan(8);
  });

  it('never forecasts negative sales, and refuses a series shorter than two seasons', () => {
    const falling = Array.from({ length: 20 }, (_, t) => Math.max(0, 20 - 2 * t));
    for (const v of fitHoltWinters(falling, 4).forecast(12)) expect(v).toBeGreaterThanOrEqual(0);
    expect(() => fitHoltWinters([1, 2, 3], 4)).toThrow();
  });

  it('seasonal-naive repeats the last season; MAPE skips zero actuals', () => {
    expect(seasonalNaive([1, 2, 3, 4, 5, 6, 7, 8], 4, 6)).toEqual([5, 6, 7, 8, 5, 6]);
    expect(mape([0, 10, 20], [5, 5, 30])).toBeCloseTo(50);
    expect(mape([0, 0], [1, 2])).toBeNull();
  });
});

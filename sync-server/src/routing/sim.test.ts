import { describe, expect, it } from 'vitest';
import { DEFAULT_TEAM, simulateRouting } from './sim.ts';

describe('pnpm sim:routing', () => {
  it('spreads a month of web leads within ±15% of the mean among reps with equal specializations and hours', () => {
    for (const seed of [14, 1, 2, 3]) {
      const r = simulateRouting({ seed });
      expect(r.leads).toBe(420);
      expect(r.perRep.reduce((s, p) => s + p.leads, 0)).toBe(r.leads);
      expect(r.maxDeviation, `seed ${seed}: ${JSON.stringify(r.perRep)}`).toBeLessThanOrEqual(0.15);
    }
  });

  it('sends every hot lead to the top performers, and a slow team escalates more', () => {
    const r = simulateRouting();
    expect(r.hot).toBeGreaterThan(0);
    expect(r.hotToTop).toBe(r.hot);
    const slow = simulateRouting({ reps: DEFAULT_TEAM.map((p) => ({ ...p, mean_response: 150 })) });
    expect(slow.escalations).toBeGreaterThan(r.escalations);
    expect(slow.medianFirstResponseMinutes).toBeGreaterThan(r.medianFirstResponseMinutes);
  });
});

import { describe, expect, it } from 'vitest';
import { reciprocalRankFusion } from './retrieval.ts';
import { cosine, embedLocal } from './embed.ts';

describe('reciprocal rank fusion', () => {
  it('ranks what both lists agree on first and scales the best to 1', () => {
    const fused = reciprocalRankFusion([['a', 'b', 'c'], ['b', 'd']]);
    expect(fused.map((r) => r.id)).toEqual(['b', 'a', 'd', 'c']);
    expect(fused[0]?.score).toBe(1);
    expect(reciprocalRankFusion([[]])).toEqual([]);
  });
});

describe('the hashed n-gram embedder', () => {
  it('is deterministic, normalised, and tolerant of typos and accents', () => {
    expect(embedLocal('Toyota RAV4 híbrido')).toEqual(embedLocal('Toyota RAV4 híbrido'));
    const v = embedLocal('Toyota');
    expect(Math.sqrt(v.reduce((s, x) => s + x * x, 0))).toBeCloseTo(1, 3);
    expect(cosine(embedLocal('toyta'), embedLocal('Toyota'))).toBeGreaterThan(0.3);
    expect(cosine(embedLocal('camion'), embedLocal('Camión'))).toBeCloseTo(1, 3);
    expect(cosine(embedLocal('toyota'), embedLocal('furgoneta'))).toBeLessThan(0.2);
  });
});

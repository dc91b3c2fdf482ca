import { describe, expect, it } from 'vitest';
import { clearUserDataCaches, TODAY_CACHE_KEY } from './device-cache.ts';

describe('clearUserDataCaches', () => {
  it("removes the copies of the user's data and keeps the device's settings", () => {
    const map = new Map([[TODAY_CACHE_KEY, '{}'], ['lotbook.lang', 'en'], ['lotbook.theme', 'dark']]);
    clearUserDataCaches({ removeItem: (k) => void map.delete(k) });
    expect([...map.keys()]).toEqual(['lotbook.lang', 'lotbook.theme']);
  });

  it('does not throw when storage refuses', () => {
    expect(() => clearUserDataCaches({ removeItem: () => { throw new Error('SecurityError'); } })).not.toThrow();
  });
});

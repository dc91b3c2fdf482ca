import { describe, expect, it } from 'vitest';
import { readCached, writeCached } from './cache.ts';
import { loadLayout, moveCard, saveLayout, toggleCard } from './layout.ts';
import type { DashboardBundle } from './types.ts';

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
}

describe('dashboard cache', () => {
  it("keeps each query's last figures per user and never shows another user's", () => {
    const s = memoryStorage();
    const bundle = { dashboard: { generated_at: 'x' } } as unknown as DashboardBundle;
    writeCached('u1', 'month', { fetched_at: '2026-01-01T10:42:00Z', bundle }, s);
    writeCached('u1', 'year', { fetched_at: '2026-01-01T10:43:00Z', bundle }, s);
    expect(readCached('u1', 'month', s)?.fetched_at).toBe('2026-01-01T10:42:00Z');
    expect(readCached('u1', 'year', s)?.fetched_at).toBe('2026-01-01T10:43:00Z');
    expect(readCached('u2', 'month', s)).toBeNull();
    writeCached('u2', 'month', { fetched_at: '2026-01-02T09:00:00Z', bundle }, s);
    expect(readCached('u1', 'year', s)).toBeNull();
  });

  it('survives garbage in storage', () => {
    const s = memoryStorage();
    s.setItem('lotbook.dashboard.v1', '{not json');
    expect(readCached('u1', 'month', s)).toBeNull();
  });
});

describe('card layout', () => {
  it('reorders, hides and repairs unknown or missing ids', () => {
    const s = memoryStorage();
    let l = loadLayout('u1', s);
    expect(l.order[0]).toBe('revenue');
    l = moveCard(l, 'units', -1);
    expect(l.order.slice(0, 2)).toEqual(['units', 'revenue']);
    expect(moveCard(l, 'units', -1)).toBe(l);
    l = toggleCard(l, 'gross');
    saveLayout('u1', l, s);
    s.setItem('lotbook.dashboard.layout.u1', JSON.stringify({ order: ['bogus', 'units'], hidden: ['gross', 'nope'] }));
    const repaired = loadLayout('u1', s);
    expect(repaired.order[0]).toBe('units');
    expect(repaired.order).toContain('revenue');
    expect(repaired.hidden).toEqual(['gross']);
  });
});

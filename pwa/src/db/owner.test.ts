import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimDevice, clearDeviceOwner, ownershipFor, readDeviceOwner, updateDeviceOwner, watchDeviceOwner } from './owner.ts';

class MemoryStorage {
  private m = new Map<string, string>();
  getItem(k: string) { return this.m.get(k) ?? null; }
  setItem(k: string, v: string) { this.m.set(k, v); }
  removeItem(k: string) { this.m.delete(k); }
}

const ana = { id: '00000000-0000-7000-8000-00000000000a', email: 'ana@demo.example' };
const luis = { id: '00000000-0000-7000-8000-00000000000b', email: 'luis@demo.example' };

describe('device owner', () => {
  const g = globalThis as { localStorage?: unknown };
  let saved: unknown;
  beforeEach(() => {
    saved = g.localStorage;
    g.localStorage = new MemoryStorage();
  });
  afterEach(() => {
    g.localStorage = saved;
  });

  it('an empty device belongs to whoever logs in', () => {
    expect(ownershipFor(ana.id)).toEqual({ kind: 'same' });
    expect(claimDevice(ana)).toEqual({ user_id: ana.id, email: ana.email, first_sync_done_at: null, pending: 0 });
  });

  it('keeps the first-sync mark and pending count for the same user only', () => {
    claimDevice(ana);
    updateDeviceOwner(ana.id, { first_sync_done_at: '2026-11-23T10:00:00.000Z', pending: 3 });
    updateDeviceOwner(luis.id, { pending: 9 }); // not the owner: ignored
    expect(claimDevice(ana)).toMatchObject({ first_sync_done_at: '2026-11-23T10:00:00.000Z', pending: 3 });
    expect(ownershipFor(ana.id)).toEqual({ kind: 'same' });
    expect(ownershipFor(luis.id)).toMatchObject({ kind: 'other', owner: { email: ana.email, pending: 3 } });
    expect(claimDevice(luis)).toEqual({ user_id: luis.id, email: luis.email, first_sync_done_at: null, pending: 0 });
  });

  it('a corrupt or cleared record means no owner', () => {
    (g.localStorage as MemoryStorage).setItem('lotbook.device_owner', '{not json');
    expect(readDeviceOwner()).toBeNull();
    (g.localStorage as MemoryStorage).setItem('lotbook.device_owner', JSON.stringify({ user_id: 5 }));
    expect(readDeviceOwner()).toBeNull();
    claimDevice(ana);
    clearDeviceOwner();
    expect(readDeviceOwner()).toBeNull();
  });

  it("another tab's change to the record reaches the watcher, until it unsubscribes", () => {
    const g2 = globalThis as { addEventListener?: unknown; removeEventListener?: unknown };
    const listeners = new Set<(e: { key: string | null }) => void>();
    g2.addEventListener = (_t: string, l: (e: { key: string | null }) => void) => listeners.add(l);
    g2.removeEventListener = (_t: string, l: (e: { key: string | null }) => void) => listeners.delete(l);
    try {
      const seen: (number | undefined)[] = [];
      const stop = watchDeviceOwner((o) => seen.push(o?.pending));
      claimDevice(ana);
      updateDeviceOwner(ana.id, { pending: 2 });
      listeners.forEach((l) => l({ key: 'lotbook.device_owner' }));
      listeners.forEach((l) => l({ key: 'lotbook.lang' }));
      stop();
      listeners.forEach((l) => l({ key: 'lotbook.device_owner' }));
      expect(seen).toEqual([2]);
      expect(listeners.size).toBe(0);
    } finally {
      delete g2.addEventListener;
      delete g2.removeEventListener;
    }
  });
});

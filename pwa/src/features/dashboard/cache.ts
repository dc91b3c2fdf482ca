import { DASHBOARD_CACHE_KEY } from '../../app/device-cache.ts';
import type { DashboardBundle } from './types.ts';

// The key lives in app/device-cache.ts, so logout removes the figures with the rest of the user's data.

export interface CachedFigures {
  fetched_at: string;
  bundle: DashboardBundle;
}

interface Stored {
  user_id: string;
  entries: Record<string, CachedFigures>;
}

type Store = Pick<Storage, 'getItem' | 'setItem'>;

function read(storage: Store | undefined): Stored | null {
  try {
    const raw = storage?.getItem(DASHBOARD_CACHE_KEY);
    return raw ? (JSON.parse(raw) as Stored) : null;
  } catch {
    return null;
  }
}

/** The last figures this user fetched for `query` (another user's are never returned). */
export function readCached(userId: string, query: string, storage: Store | undefined = globalThis.localStorage): CachedFigures | null {
  const s = read(storage);
  if (!s || s.user_id !== userId) return null;
  return s.entries[query] ?? null;
}

/** Keeps the figures for `query`; a different user's cache is replaced, not merged. */
export function writeCached(userId: string, query: string, figures: CachedFigures, storage: Store | undefined = globalThis.localStorage): void {
  const s = read(storage);
  const entries = s && s.user_id === userId ? s.entries : {};
  entries[query] = figures;
  try {
    storage?.setItem(DASHBOARD_CACHE_KEY, JSON.stringify({ user_id: userId, entries }));
  } catch {
    // storage full or unavailable: the screen still shows the live figures
  }
}

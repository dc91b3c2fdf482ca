/**
 * Process-wide singletons: the session store, the online-only API client and the local database
 * with its replication. The database module (RxDB + Dexie) is imported dynamically so the login
 * screen and the shell load without it; `openData()` starts fetching it as early as possible.
 */
import { createApiClient, createSessionStore, type Session } from '../auth/session.ts';
import type { LotbookDatabase, SyncController } from '../db/index.ts';
import { clearUserDataCaches } from './device-cache.ts';

export const BASE_URL = globalThis.location?.origin ?? 'http://127.0.0.1:8787';
export const sessionStore = createSessionStore({ baseUrl: BASE_URL });
export const api = createApiClient(sessionStore, BASE_URL);

// React's useSyncExternalStore needs a stable snapshot; the store may parse storage on every get().
let currentSession = sessionStore.get();
sessionStore.onChange((s) => {
  currentSession = s;
});
export function sessionSnapshot(): Session | null {
  return currentSession;
}

export type DbModule = typeof import('../db/index.ts');
export interface DataRuntime {
  db: LotbookDatabase;
  sync: SyncController;
  /** The data layer's functions (resolveConflict, newDocFields, wipeLocalData…), already loaded. */
  dbApi: DbModule;
}

let opening: Promise<DataRuntime> | null = null;
let warmUp: ((db: LotbookDatabase) => Promise<unknown>) | null = null;
const WARM_UP_MAX_MS = 4000;

/**
 * Registers what the first screen reads (the inventory read model). openData runs it before
 * replication starts: at start-up replication scans every collection for unpushed writes, and
 * sharing IndexedDB with it made loading 10,000 cars take seconds instead of ~0.5 s.
 */
export function setWarmUp(fn: (db: LotbookDatabase) => Promise<unknown>): void {
  warmUp = fn;
}

/**
 * Fetches and parses the database code (RxDB, Dexie, the sync) without opening anything: the login
 * screen calls it while the user types, so that after "Entrar" the first sync waits only for the
 * login answer, not for this code too (issue 16: the lot first).
 */
export function prefetchDataCode(): void {
  void import('../db/index.ts').catch(() => undefined);
}

/** Opens the local database and starts replication once per page; later calls share it. */
export function openData(): Promise<DataRuntime> {
  opening ??= (async () => {
    const dbApi = await import('../db/index.ts');
    performance.mark('lotbook:db-code');
    // Another user's data never stays on the device (the login screen asked first if it had
    // unsent writes): remove it before opening, then record who the data now belongs to.
    const user = sessionStore.get()?.user;
    const owner = dbApi.readDeviceOwner();
    // A new device (or a new user on it): the lot's first pages are asked for now, while IndexedDB
    // creates the databases, instead of after (issue 16, the lot first).
    const early = user && (owner?.user_id !== user.id || !owner.first_sync_done_at) ? dbApi.requestFirstPages({ baseUrl: BASE_URL, session: sessionStore, collections: dbApi.LOT_FIRST }) : undefined;
    if (user && dbApi.ownershipFor(user.id).kind === 'other') {
      await dbApi.removeLotbookDatabase();
      clearUserDataCaches();
    }
    const db = await dbApi.createLotbookDatabase({ devMode: import.meta.env.DEV });
    if (user) dbApi.claimDevice(user);
    performance.mark('lotbook:db-open');
    if (warmUp) {
      await Promise.race([warmUp(db).catch(() => undefined), new Promise((r) => setTimeout(r, WARM_UP_MAX_MS))]);
      performance.mark('lotbook:warm');
    }
    const sync = dbApi.startSync(db, { baseUrl: BASE_URL, session: sessionStore, early });
    return { db, sync, dbApi };
  })();
  opening.catch(() => {
    opening = null; // let the user retry after a failure
  });
  return opening;
}

export const TEST_HOOKS_KEY = 'lotbook.testHooks';
export function testHooksEnabled(): boolean {
  return globalThis.localStorage?.getItem(TEST_HOOKS_KEY) === '1';
}

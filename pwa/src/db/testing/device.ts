import { EventSource as NodeEventSource } from 'eventsource';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { vi } from 'vitest';
import type { SessionStore } from '../../auth/session.ts';
import type { LotbookDatabase } from '../database.ts';
import type { SyncController } from '../sync/start.ts';
import type { SyncStatus } from '../sync/status.ts';
import { TestNetwork } from './network.ts';

type Realm = typeof import('./realm.ts');

export interface Device {
  name: string;
  /** What a restart needs to reopen this device. */
  restart: NonNullable<DeviceOptions['restart']>;
  /** This device's own copy of the data layer (resolveConflict, wipeLocalData, ...). */
  api: Realm;
  db: LotbookDatabase;
  session: SessionStore;
  sync: SyncController;
  net: TestNetwork;
  userId: string;
  dealershipId: string;
  status(): SyncStatus;
  /** Resolves when the status satisfies `pred` (polls the BehaviorSubject's changes). */
  until(pred: (s: SyncStatus) => boolean, what?: string): Promise<SyncStatus>;
  close(): Promise<void>;
}

let counter = 0;

/** A network that is down: every request fails as fetch fails offline. */
const failing: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));

/**
 * A separate device: its own IndexedDB (a fresh fake-indexeddb factory), its own session storage
 * and network, logged in as `email`, replicating with the real server at `baseUrl`.
 */
export interface DeviceOptions {
  batchSize?: number;
  /** false: ignore the changes change events carry and always pull (tests of the pull path). */
  carriedChanges?: boolean;
  /**
   * Ask for the lot's first pages while the database opens, as the app does on a new device
   * (early-pages.ts): 'ok' through the device's network, 'fail' through a fetch that fails.
   */
  early?: 'ok' | 'fail';
  /** Runs after the database opens and before the sync starts, as the app's warm-up does (runtime.ts). */
  beforeSync?: (db: LotbookDatabase, api: Realm, net: TestNetwork) => unknown;
  /** Reopen an earlier device's storage (an app restart): its IndexedDB, database name and session storage. */
  restart?: { indexedDB: IDBFactory; dbName: string; storage: Storage; net: TestNetwork };
}

export async function openDevice(baseUrl: string, email: string, opts: DeviceOptions = {}): Promise<Device> {
  vi.resetModules();
  const api: Realm = await import('./realm.ts');
  const { createSessionStore, loginRequest, memoryStorage, createLotbookDatabase, lotbookStorage, startSync, requestFirstPages, LOT_FIRST } = api;
  const net = opts.restart?.net ?? new TestNetwork();
  const storage = opts.restart?.storage ?? memoryStorage();
  const indexedDB = opts.restart?.indexedDB ?? new IDBFactory();
  const dbName = opts.restart?.dbName ?? `device${++counter}`;
  const session = createSessionStore({ baseUrl, storage, fetch: net.fetch });
  if (!opts.restart) session.set(await loginRequest(baseUrl, email, 'demo1234', net.fetch));
  const early = opts.early
    ? requestFirstPages({ baseUrl, session, collections: LOT_FIRST, fetch: opts.early === 'ok' ? net.fetch : failing, deviceId: `test-${dbName}` })
    : undefined;
  const db = await createLotbookDatabase({
    name: dbName,
    storage: lotbookStorage({ indexedDB, IDBKeyRange }),
    multiInstance: false,
    devMode: true,
  });
  await opts.beforeSync?.(db, api, net);
  // The device's EventSource goes through its network too, so "offline" cuts the stream.
  class DeviceEventSource extends NodeEventSource {
    constructor(url: string | URL) {
      super(url, { fetch: net.fetch });
    }
  }
  const sync = startSync(db, {
    baseUrl,
    session,
    fetch: net.fetch,
    EventSource: DeviceEventSource as unknown as typeof EventSource,
    deviceId: `test-${dbName}`,
    retryTime: 150,
    early,
    ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
    ...(opts.carriedChanges === false ? { carriedChanges: false } : {}),
  });
  const user = session.get()?.user;
  if (!user) throw new Error('login did not produce a session');
  return {
    name: email,
    restart: { indexedDB, dbName, storage, net },
    api,
    db,
    session,
    sync,
    net,
    userId: user.id,
    dealershipId: user.dealership_id,
    status: () => sync.status$.getValue(),
    async until(pred, what = 'status') {
      await waitFor(() => pred(sync.status$.getValue()), `${email}: ${what}`, () => JSON.stringify(sync.status$.getValue()));
      return sync.status$.getValue();
    },
    async close() {
      await sync.stop();
      await db.close();
    },
  };
}

/** Polls until `check` holds; fails with a description (never asserts on wall-clock durations). */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, describe?: () => string, timeoutMs = Number(process.env.WAIT_MS ?? 60_000)): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${describe ? `: ${describe()}` : ''}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Waits until the device has made no request under this URL prefix for three checks in a row (200 ms apart). */
export async function idle(device: Device, path: string): Promise<void> {
  const count = () => device.net.count((e) => e.url.startsWith(path));
  for (let quiet = 0, last = -1; quiet < 3; ) {
    const n = count();
    quiet = n === last && !device.net.active.get(path) ? quiet + 1 : 0;
    last = n;
    await new Promise((r) => setTimeout(r, 200));
  }
}

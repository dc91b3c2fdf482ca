import { COLLECTION_NAMES, COLLECTIONS, PULL_LIMIT_MAX, answerFromCarried, type CollectionName, type StreamChanges } from '@lotbook/shared';
import { getAssumedMasterState, type RxStorageInstanceReplicationState, type WithDeleted } from 'rxdb';
import type { Observable } from 'rxjs';
import { Subject, firstValueFrom, merge } from 'rxjs';
import type { SessionStore } from '../../auth/session.ts';
import { inboxOf, syncedCollection, type LotbookDatabase } from '../database.ts';
import { readDeviceOwner, updateDeviceOwner, watchDeviceOwner } from '../owner.ts';
import { deviceId as defaultDeviceId } from './device-id.ts';
import { gateByParents } from './dependencies.ts';
import { PendingTracker } from './pending.ts';
import { FirstSyncProgress } from './progress.ts';
import { isPulledState } from './assumed-masters.ts';
import type { EarlyPages } from './early-pages.ts';
import { createReplication, firstDownloadOf, type Replication } from './replication.ts';
import { StatusStore, type SyncStatus } from './status.ts';
import { ChangeStream } from './stream.ts';
import { createTransport } from './transport.ts';

export interface SyncController {
  status$: Observable<SyncStatus> & { getValue(): SyncStatus };
  /** reSyncs all collections; resolves when in sync or at the first error. */
  syncNow(): Promise<void>;
  awaitInitialSync(): Promise<void>;
  /** Everything pushed and pulled. */
  awaitInSync(): Promise<void>;
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

export interface StartSyncOptions {
  baseUrl: string;
  session: SessionStore;
  deviceId?: string;
  fetch?: typeof fetch;
  EventSource?: typeof EventSource;
  /** Pull page size (capped at the server's PULL_LIMIT_MAX). */
  batchSize?: number;
  /** The lot's first pages, requested while the database opened (`requestFirstPages`, issue 16). */
  early?: EarlyPages;
  /** The fast first download (bootstrap.ts); false leaves it to RxDB's pull (for comparison). */
  fastFirstDownload?: boolean;
  /** Changes carried by change events are applied without a pull (issue 17); false always pulls (for comparison and for tests of the pull path). */
  carriedChanges?: boolean;
  /** Wait between retries of a failed request, ms (RxDB's retryTime). */
  retryTime?: number;
}

/** Downloaded first, together, before the other collections (issue 16). */
export const LOT_FIRST: readonly CollectionName[] = ['vehicles', 'team'];

const controllers = new WeakMap<LotbookDatabase, SyncController>();
export const controllerOf = (db: LotbookDatabase) => controllers.get(db);

/**
 * Starts replicating every collection with the server (in the leader tab only when the database
 * is multi-instance). Writes stay local whatever happens: offline, expired tokens or an outdated
 * app only pause or delay the push; see ARCHITECTURE.md "Sync" and "Auth on a device that is offline".
 */
export function startSync(db: LotbookDatabase, opts: StartSyncOptions): SyncController {
  const status = new StatusStore();
  // The device remembers a finished first download per user (owner.ts): a reload, an offline
  // start or a follower tab then starts as "done" instead of showing the download again.
  const userId = opts.session.get()?.user.id ?? null;
  const owner = readDeviceOwner();
  if (userId && owner?.user_id === userId && owner.first_sync_done_at) {
    status.patch({ initial: { ...status.value.initial, done: true } });
  }
  // Until every collection has counted the writes of earlier sessions (PendingTracker.seed), the
  // last count this device stored is the best answer: a partial count could say "0 pending" while
  // a collection not yet scanned still holds unsent writes, and must not overwrite the record.
  if (userId && owner?.user_id === userId && owner.pending > 0) status.patch({ pending: owner.pending });
  let counted = false;
  // A tab that does not replicate (not the elected leader) never counts: it follows what the
  // leader tab stores, the pending count and the end of the first download.
  const unwatchOwner = watchDeviceOwner((o) => {
    if (counted || stopped || !userId || o?.user_id !== userId) return;
    status.patch({ pending: o.pending });
    if (o.first_sync_done_at && !status.value.initial.done) status.patch({ initial: { ...status.value.initial, done: true } });
  });
  const fetchImpl = opts.fetch ?? ((...a: Parameters<typeof fetch>) => globalThis.fetch(...a));
  const inbox = inboxOf(db);
  const hints = new Map<CollectionName, Subject<'RESYNC'>>(COLLECTION_NAMES.map((c) => [c, new Subject<'RESYNC'>()]));
  const progress = new FirstSyncProgress(COLLECTION_NAMES);
  const publishProgress = () => {
    const init = status.value.initial;
    if (!init.done) status.patch({ initial: { ...init, ...progress.value } });
  };
  let halted: 'auth' | 'update' | null = null;
  let userPaused = false;
  let stopped = false;

  const device = opts.deviceId ?? defaultDeviceId();
  const transport = createTransport({
    baseUrl: opts.baseUrl,
    session: opts.session,
    fetch: fetchImpl,
    deviceId: device,
    events: {
      networkError: () => {
        status.setNetwork(false);
        if (!status.value.error) status.patch({ error: { code: 'offline', message: 'The server cannot be reached; changes are kept on this device' } });
      },
      reachable: () => {
        status.setNetwork(true);
        if (status.value.error?.code === 'offline') status.patch({ error: null });
      },
      // A pull succeeding says nothing about a refused push: only a push clears other errors.
      succeeded: (method) => status.patch({ lastSyncAt: new Date().toISOString(), ...(method === 'POST' ? { error: null } : {}) }),
      failed: (f) => status.patch({ error: { code: f.error, message: f.message } }),
      halted: (why, f) => halt(why, f?.message),
    },
  });

  // The lot first (issue 16): the inventory and the team download first, then the other
  // collections together, each replicating as soon as its own first download is over.
  const firstDone = new Map<CollectionName, Promise<void>>();
  let releaseLot!: (p: Promise<unknown>) => void;
  const lotReady = new Promise<unknown>((r) => (releaseLot = r));
  const lotFirst = new Set<CollectionName>(LOT_FIRST);
  const firstAfter = (name: CollectionName): Promise<unknown> => (lotFirst.has(name) ? Promise.resolve() : lotReady);
  const replications: Replication[] = COLLECTION_NAMES.map((name) => {
    const rep = createReplication({
      collection: syncedCollection(db, name),
      name,
      baseUrl: opts.baseUrl,
      transport,
      inbox,
      hints: hints.get(name) as Subject<'RESYNC'>,
      hintSeq: () => hintSeq.get(name) ?? 0,
      carried: opts.carriedChanges === false ? undefined : (seq) => carriedAnswer(name, seq),
      batchSize: opts.batchSize ?? 1000,
      firstPageSize: opts.batchSize ?? PULL_LIMIT_MAX,
      firstAfter: firstAfter(name),
      early: opts.early,
      fastFirstDownload: opts.fastFirstDownload ?? true,
      retryTime: opts.retryTime ?? 5000,
      waitForLeadership: true,
      gate: (rows) => gateByParents(db, name, rows, knownToServer),
      hooks: {
        total(collection, total) {
          progress.total(collection, total);
          publishProgress();
        },
        pulled(collection, count) {
          if (count === 0) return;
          progress.add(collection, count);
          publishProgress();
        },
      },
    });
    const done = firstDownloadOf.get(rep) ?? Promise.resolve();
    firstDone.set(name, done);
    return rep;
  });
  releaseLot(Promise.all(LOT_FIRST.map((n) => firstDone.get(n))));
  const pushable = replications.filter((r) => r.push);

  /**
   * The server has this document, alive: the device holds it exactly as the server sent it (a
   * first download stores no copies, assumed-masters.ts), or RxDB stored an assumed master state
   * for it. A deleted copy is no proof: a refused or parked document is stored as the server's
   * "state" deleted, just before the device's copy is deleted too.
   */
  async function knownToServer(collection: CollectionName, id: string): Promise<boolean> {
    const rep = replications[COLLECTION_NAMES.indexOf(collection)];
    const state = rep?.internalReplicationState as RxStorageInstanceReplicationState<Record<string, unknown>> | undefined;
    if (!state) return false;
    const [local] = await state.input.forkInstance.findDocumentsById([id], true);
    if (!local || local._deleted) return false;
    if (isPulledState(local, await state.input.hashFunction(state.input.identifier))) return true;
    const assumed = (await getAssumedMasterState(state, [id]))[id];
    return Boolean(assumed && !assumed.docData._deleted);
  }

  // The seq of each collection's last change event: its pulls say so (`hint`), and the server may
  // then answer many devices' identical pulls once (sync-server/src/sync/pull-cache.ts). A resync
  // forgets them: what was missed while disconnected must come from a fresh query.
  const hintSeq = new Map<CollectionName, number>();
  // What the last change events carried, per collection, oldest first (issue 17): a device that
  // applied the previous one applies the next without a request. Forgotten with the hints.
  const carried = new Map<CollectionName, StreamChanges[]>();
  const forgetHints = () => {
    hintSeq.clear();
    carried.clear();
  };
  const resyncAll = () => {
    forgetHints();
    hints.forEach((h) => h.next('RESYNC'));
  };
  /**
   * The pull's answer from checkpoint `at`, from the changes the events carried, or null when
   * they do not reach it or do not cover the last change event (the server is asked then).
   */
  function carriedAnswer(c: CollectionName, at: number): { documents: WithDeleted<Record<string, unknown>>[]; seq: number } | null {
    const answer = answerFromCarried(carried.get(c) ?? [], at, hintSeq.get(c) ?? 0);
    if (!answer) return null;
    status.patch({ lastSyncAt: new Date().toISOString() });
    return answer as { documents: WithDeleted<Record<string, unknown>>[]; seq: number };
  }
  const stream = new ChangeStream({
    baseUrl: opts.baseUrl,
    EventSource: opts.EventSource ?? (globalThis.EventSource as typeof EventSource | undefined),
    async token(reconnecting) {
      // After an error the token may have expired: one authed request refreshes it if so.
      if (reconnecting) await transport.request('/api/v1/auth/me');
      return opts.session.authRequired ? null : (opts.session.get()?.access_token ?? null);
    },
    deviceId: device,
    carries: opts.carriedChanges !== false,
    onChange: (c, seq, changes) => {
      if (seq !== undefined && seq > (hintSeq.get(c) ?? 0)) hintSeq.set(c, seq);
      // Kept only when this app reads the collection as the server writes it, and it covers its event.
      if (changes && seq !== undefined && changes.schema_version === COLLECTIONS[c].schemaVersion && changes.to >= seq) {
        const list = carried.get(c) ?? [];
        list.push(changes);
        if (list.length > 4) list.shift();
        carried.set(c, list);
      }
      hints.get(c)?.next('RESYNC');
    },
    onResync: resyncAll,
    onConnected: (connected) => status.patch({ connected }),
    // The server closed the stream on a revocation: one request confirms it (401 session_revoked
    // ends the session through the transport); if it does not, the stream reconnects as usual.
    onRevoked: () => {
      void transport.request('/api/v1/auth/me').then(
        () => stream.kick(),
        () => stream.kick(),
      );
    },
  });
  // Whatever request learnt that the session ended (a screen's API call, the stream, a pull),
  // replication stops here and the relogin dialog opens; local data and unsent writes stay.
  const unwatchSession = opts.session.onChange(() => {
    if (opts.session.authRequired && !stopped) halt('auth');
  });

  // --- pending: local writes not yet acknowledged, summed over the pushable collections.
  const publishPending = () => {
    if (stopped || !counted) return;
    const pending = trackers.reduce((n, t) => n + t.count, 0);
    status.patch({ pending });
    if (userId) updateDeviceOwner(userId, { pending });
  };
  const trackers = pushable.map((r) => new PendingTracker(r, inbox, publishPending));

  // Open inbox entries: the chip says "needs attention" while any is open (issue 9).
  const conflictSub = db.conflicts.count({ selector: { status: 'open' } }).$.subscribe((n) => status.patch({ conflicts: n }));

  // Request failures are reported by the transport; anything else RxDB hits (a local write that
  // fails, a conflict that cannot be stored) must not go unnoticed either.
  const errorSub = merge(...replications.map((r) => r.error$)).subscribe((err) => {
    const code = (err as { code?: string }).code;
    if (code === 'RC_PULL' || code === 'RC_PUSH') {
      const inner = (err.parameters as { errors?: unknown[] } | undefined)?.errors;
      if (inner?.length) return;
    }
    status.patch({ error: { code: 'sync_error', message: err.message.slice(0, 500) } });
  });

  function halt(why: 'auth' | 'update', message?: string) {
    if (halted === why) return;
    halted = why;
    replications.forEach((r) => void r.pause());
    stream.stop();
    forgetHints();
    if (why === 'auth') status.patch({ authRequired: true, paused: true, error: { code: 'auth_required', message: message ?? 'Log in again to resume syncing' } });
    else status.patch({ updateRequired: true, paused: true, error: { code: 'upgrade_required', message: message ?? 'Update the app to resume syncing' } });
  }

  function run() {
    if (stopped || halted || userPaused) return;
    status.patch({ paused: false });
    forgetHints();
    replications.forEach((r) => void r.start());
    stream.start();
  }

  const onOnline = () => {
    status.refreshOnline();
    if (status.value.online) {
      status.setNetwork(true);
      stream.kick();
      resyncAll();
    }
  };
  const win = globalThis as unknown as { addEventListener?: (t: string, cb: () => void) => void; removeEventListener?: (t: string, cb: () => void) => void };
  win.addEventListener?.('online', onOnline);
  win.addEventListener?.('offline', onOnline);

  // Replication waits for leadership by itself; the stream and the progress must wait too.
  const leader = db.multiInstance ? db.waitForLeadership() : Promise.resolve(true);
  void leader.then(() => {
    if (stopped) return;
    stream.start();
    void Promise.all(pushable.map(async (r, i) => {
      await r.startPromise;
      // A failed scan only leaves writes of an earlier session uncounted until they are pushed.
      await trackers[i]?.seed().catch(() => undefined);
    })).then(() => {
      counted = true;
      publishPending();
    });
    // Stopped before a first sync ended (a reload, a sign-out mid-download), RxDB's wait rejects
    // (EmptyError): nothing to mark then, the next start carries on from the stored checkpoint.
    const stoppedEarly = () => undefined;
    replications.forEach((r, i) => void r.awaitInitialReplication().then(() => {
      const name = COLLECTION_NAMES[i];
      if (name) progress.finish(name);
      publishProgress();
    }, stoppedEarly));
    void Promise.all(replications.map((r) => r.awaitInitialReplication())).then(() => {
      if (stopped) return;
      status.patch({ initial: { ...status.value.initial, done: true } });
      if (userId && !readDeviceOwner()?.first_sync_done_at) updateDeviceOwner(userId, { first_sync_done_at: new Date().toISOString() });
    }, stoppedEarly);
  });

  const controller: SyncController = {
    status$: status.subject,
    async syncNow() {
      resyncAll();
      const firstError = firstValueFrom(merge(...replications.map((r) => r.error$))).then(
        () => undefined,
        () => undefined, // completed: the sync was stopped
      );
      // Stopped meanwhile, RxDB's wait rejects (EmptyError) after the race is over: nothing to say.
      await Promise.race([controller.awaitInSync().catch(() => undefined), firstError]);
    },
    async awaitInitialSync() {
      await Promise.all(replications.map((r) => r.awaitInitialReplication()));
    },
    async awaitInSync() {
      await Promise.all(replications.map((r) => r.awaitInSync()));
    },
    pause() {
      userPaused = true;
      replications.forEach((r) => void r.pause());
      stream.stop();
      forgetHints();
      status.patch({ paused: true });
    },
    resume() {
      userPaused = false;
      halted = null;
      status.patch({ authRequired: opts.session.authRequired, updateRequired: false, error: null });
      run();
    },
    async stop() {
      stopped = true;
      unwatchOwner();
      unwatchSession();
      win.removeEventListener?.('online', onOnline);
      win.removeEventListener?.('offline', onOnline);
      trackers.forEach((t) => t.stop());
      errorSub.unsubscribe();
      conflictSub.unsubscribe();
      stream.stop();
      await Promise.all(replications.map((r) => r.cancel()));
      controllers.delete(db);
    },
  };
  controllers.set(db, controller);
  return controller;
}


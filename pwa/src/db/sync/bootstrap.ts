import type { Checkpoint } from '@lotbook/shared';
import {
  addConnectedStorageToCollection,
  getAssumedMasterState,
  getLastCheckpointDoc,
  getMetaWriteRow,
  setCheckpoint,
  stripAttachmentsDataFromMetaWriteRows,
  writeDocToDocState,
  type BulkWriteRow,
  type EventBulk,
  type RxStorageChangeEvent,
  type RxDocumentData,
  type RxStorageInstance,
  type RxStorageReplicationMeta,
  type WithDeleted,
} from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { createRevision, flatClone, getHeightOfRevision, randomToken } from 'rxdb/plugins/utils';
import { fromDexieToStorage, RxStorageInstanceDexie } from 'rxdb/plugins/storage-dexie';
import type { BulkError } from 'dexie';
import type { Subject } from 'rxjs';
import { announceArriving, arrivingShown } from './arriving.ts';
import { isPulledState, openReplicationMeta } from './assumed-masters.ts';
import { acceptsUnstamped, UNSTAMPED_LWT } from '../storage.ts';

type Doc = Record<string, unknown>;
type Meta = RxStorageReplicationMeta<Doc, BootCheckpoint>;

/** The pull checkpoint, plus whether the first download of the collection is still under way. */
export type BootCheckpoint = Checkpoint & { first?: boolean };

/**
 * Documents written by the first download carry the oldest `_meta.lwt` RxDB allows, and the push
 * side starts just after it (`UPSTREAM_AFTER_BOOT`): RxDB's upstream never scans them again, while
 * every local write (stamped with the real clock, even one made during the download) is after it.
 * On the app's storage they are stored without it, so IndexedDB keeps no entry for them in the
 * change feed's index (`[_meta.lwt+id]`), and every read gives them this time (storage.ts).
 */
export const BOOT_LWT = UNSTAMPED_LWT;
export const UPSTREAM_AFTER_BOOT = { id: '', lwt: BOOT_LWT + 0.5 };
const CONTEXT = 'replication-downstream-first';

/** How many pulled documents may wait in memory while the previous batch is written. */
const BUFFER_DOCS = 8000;
/**
 * For a collection a screen shows as it arrives (the inventory: arriving.ts): how many fetched
 * documents wait, unwritten, until the fetches end. The screen shows them from memory, so what
 * the user waits for is the last page, and those fetches then do not share the main thread with
 * the writes. The large seed's 10,050 cars are 14 MB of JSON.
 */
const SHOWN_FIRST_DOCS = 12_000;

export interface PulledPage {
  documents: WithDeleted<Doc>[];
  checkpoint: Checkpoint;
}

export interface BootstrapOptions {
  rep: RxReplicationState<Doc, BootCheckpoint>;
  /** Pages as the server sends them: bare tombstones (`{id, _deleted}`) stay bare. */
  pull: (checkpoint: Checkpoint | undefined, size: number) => Promise<PulledPage>;
  /** Fills bare tombstones from the document on the device (else placeholders), as RxDB's pull needs them. */
  complete: (docs: WithDeleted<Doc>[]) => Promise<WithDeleted<Doc>[]>;
  pageSize: number;
  /** The download stops (without error) when this turns true: the replication was paused or stopped. */
  held: () => boolean;
}

/**
 * The first download of one collection (issue 16), done before RxDB's replication starts and
 * leaving the storage exactly as RxDB's downstream would: every document in the collection with
 * RxDB's pulled mark (`_meta.o`), its "assumed master" copy in the replication's meta instance,
 * and the down checkpoint. What it saves is RxDB's per-page work: no read of the fork or the meta
 * before writing (documents are inserted; only those that already exist take the careful path),
 * pages fetched while the previous ones are written, and several pages written in one bulk (one
 * change event for live queries instead of one per page).
 *
 * Returns the checkpoint the replication continues from. Resumable: the checkpoint is stored after
 * each batch (`first: true` until the end), so a reload or a lost connection continues from it.
 */
export async function firstDownload(opts: BootstrapOptions): Promise<'done' | 'held' | 'not-needed'> {
  const { rep } = opts;
  const collection = rep.collection;
  const entered = performance.now();
  // Registered with the collection as RxDB's start() does, so that removing the database (a wipe
  // in the middle of the first download) removes the copies and the checkpoint too.
  const metaInfo = await rep.metaInfoPromise;
  await addConnectedStorageToCollection(collection, metaInfo.collectionName, metaInfo.schema);
  const meta = await openReplicationMeta(rep as unknown as RxReplicationState<Doc, unknown>);
  const { state, metaInstance, identifierHash } = meta;
  let ended = false;
  const input = state.input;
  try {
    const stored = (await getLastCheckpointDoc(state, 'down')) as BootCheckpoint | undefined;
    // The push side starts just after the downloaded documents (UPSTREAM_AFTER_BOOT), stored
    // before the first of them is written, so that every way this ends (done, a failure, a
    // reload) leaves it. Not as RxDB's `push.initialCheckpoint`: RxDB awaits that one before it
    // subscribes to its cancel event, and a cancel in between (a reload, a sign-out) rejects with
    // an unhandled EmptyError. Also on a collection downloaded by an older version of the app:
    // every local write is later than it, and RxDB's push then never reads the change feed from
    // its start (storage.ts `changedSince`, which scans the table for unstamped documents there).
    if (!(await getLastCheckpointDoc(state, 'up'))) await setCheckpoint(state, 'up', UPSTREAM_AFTER_BOOT);
    // A collection already downloaded (or downloaded by an older version of the app): RxDB's pull.
    if (stored && stored.first !== true) return 'not-needed';
    // RxDB's downstream would write `1-<identifierHash>`: 64 hex characters that RxDB never reads
    // (a revision is compared whole, or by its height; the pulled mark carries the hash). Ten of
    // them keep the revision as distinct and store 54 bytes less per document.
    const firstRev = createRevision(identifierHash.slice(0, 10));
    // The storage itself, not the collection's wrapper: the wrapper stamps every insert with the
    // current time and its own revision, dropping RxDB's pulled mark. Change events still reach
    // the collection (its wrapper forwards this instance's stream).
    const fork = (collection.storageInstance as unknown as { originalStorageInstance: RxStorageInstance<Doc, unknown, unknown> }).originalStorageInstance;

    const dexie = dexieInternalsOf(fork);
    const unstamped = acceptsUnstamped(fork);

    /** RxDB's downstream decisions for documents that already exist on the device. */
    async function careful(existing: Map<string, RxDocumentData<Doc>>, masters: Map<string, WithDeleted<Doc>>) {
      const ids = [...existing.keys()];
      const assumed = await getAssumedMasterState(state, ids);
      const forkRows: BulkWriteRow<Doc>[] = [];
      const metaRows: BulkWriteRow<Meta>[] = [];
      for (const id of ids) {
        const doc = existing.get(id) as RxDocumentData<Doc>;
        const master = masters.get(id) as WithDeleted<Doc>;
        const known = assumed[id];
        const forkState = writeDocToDocState(doc, false, false);
        const untouched = isPulledState(doc, identifierHash);
        const settled = untouched || (known && input.conflictHandler.isEqual(known.docData, forkState, 'first-download'));
        // A local write not yet pushed: RxDB's downstream leaves it too; the push takes it to the
        // server with the state it was based on, and the server decides (invariant 4).
        if (!settled) continue;
        if (input.conflictHandler.isEqual(master, forkState, 'first-download')) {
          if (!known || !input.conflictHandler.isEqual(known.docData, forkState, 'first-download')) {
            metaRows.push((await getMetaWriteRow(state, forkState, known?.metaDocument)) as BulkWriteRow<Meta>);
          }
          continue;
        }
        const meta = flatClone(doc._meta) as RxDocumentData<Doc>['_meta'];
        meta.lwt = BOOT_LWT;
        meta.o = { _rev: getHeightOfRevision(doc._rev) + 1, hash: identifierHash };
        forkRows.push({
          previous: doc,
          document: { ...master, _meta: meta, _attachments: {}, _rev: createRevision(identifierHash, doc) } as RxDocumentData<Doc>,
        });
        metaRows.push((await getMetaWriteRow(state, master, known?.metaDocument)) as BulkWriteRow<Meta>);
      }
      return { forkRows, metaRows };
    }

    const T = { fetch: 0, fork: 0, meta: 0, cp: 0, wait: 0, docs: 0, batches: 0, entered, t0: performance.now(), page1: 0, batch1: 0 };
    /** Writes a batch to the collection; returns the server's copies to store for it. */
    async function writeFork(pulled: WithDeleted<Doc>[]): Promise<BulkWriteRow<Meta>[]> {
      T.batches++;
      T.docs += pulled.length;
      let t = performance.now();
      // Completed here, not when fetched: the previous batch may have just stored the document a
      // bare tombstone of this one removes (its fields, not placeholders, make the tombstone).
      const docs = await opts.complete(pulled);
      const masters = new Map<string, WithDeleted<Doc>>();
      for (const d of docs) masters.set(String(d.id), d);
      const rows: BulkWriteRow<Doc>[] = [];
      for (const master of masters.values()) {
        rows.push({ document: { ...master, _meta: { lwt: BOOT_LWT, o: { _rev: 1, hash: identifierHash } }, _attachments: {}, _rev: firstRev } as RxDocumentData<Doc> });
      }
      const existing = new Map<string, RxDocumentData<Doc>>();
      const direct = await dexie;
      if (direct) {
        for (const [id, doc] of await insertNew(direct, fork as unknown as RxStorageInstanceDexie<Doc>, rows, unstamped)) existing.set(id, doc);
      } else {
        const result = await fork.bulkWrite(rows, CONTEXT);
        for (const err of result.error) {
          if (err.status !== 409 || !err.documentInDb) throw new Error(`First download of ${collection.name}: could not store ${err.documentId} (${err.status})`);
          existing.set(err.documentId, err.documentInDb);
        }
      }
      T.fork += performance.now() - t;
      t = performance.now();
      // A document new to the device gets no "assumed master" copy: its pulled mark says it is the
      // server's state, and the copy is written at its first local edit (assumed-masters.ts).
      const metaRows: BulkWriteRow<Meta>[] = [];
      if (existing.size > 0) {
        const more = await careful(existing, masters);
        if (more.forkRows.length > 0) {
          const r = await fork.bulkWrite(more.forkRows, CONTEXT);
          // Changed on the device between the read and the write: left to the push, as above.
          // Anything else is a failure, never a document silently left behind.
          const failed = r.error.find((e) => e.status !== 409);
          if (failed) throw new Error(`First download of ${collection.name}: could not store ${failed.documentId} (${failed.status})`);
          const lost = new Set(r.error.map((e) => e.documentId));
          for (const row of more.metaRows) if (!lost.has(String(row.document.itemId))) metaRows.push(row);
        } else metaRows.push(...more.metaRows);
      }
      return metaRows;
    }

    /** Stores the server's copies of a written batch, then the checkpoint after it. */
    async function writeMeta(metaRows: BulkWriteRow<Meta>[], checkpoint: Checkpoint) {
      let t = performance.now();
      if (metaRows.length > 0) {
        const r = await metaInstance.bulkWrite(stripAttachmentsDataFromMetaWriteRows(state, metaRows) as BulkWriteRow<Meta>[], 'replication-down-write-meta');
        // A copy left by an interrupted earlier run: written again on top of it.
        const again = r.error.flatMap((e) => (e.status === 409 && e.documentInDb ? [{ documentId: e.documentId, documentInDb: e.documentInDb }] : []));
        if (again.length < r.error.length) throw new Error(`First download of ${collection.name}: could not store the server's copies`);
        if (again.length > 0) {
          const byId = new Map(metaRows.map((row) => [row.document.id, row.document]));
          await metaInstance.bulkWrite(
            again.map((e) => ({ previous: e.documentInDb as RxDocumentData<Meta>, document: { ...(byId.get(e.documentId) as RxDocumentData<Meta>), _rev: createRevision(identifierHash, e.documentInDb) } })),
            'replication-down-write-meta',
          );
        }
      }
      T.meta += performance.now() - t;
      t = performance.now();
      await setCheckpoint(state, 'down', { ...checkpoint, first: true });
      T.cp += performance.now() - t;
    }

    // Fetch ahead (one request at a time) while the previous batch is written. A collection shown
    // as it arrives is fetched to its end (up to SHOWN_FIRST_DOCS) before its first write.
    const shownFirst = arrivingShown(collection);
    const buffered: PulledPage[] = [];
    let bufferedDocs = 0;
    let fetchDone = false;
    let fetchError: unknown = null;
    let wake: (() => void) | null = null;
    const notify = () => {
      const w = wake;
      wake = null;
      w?.();
    };
    const fetcher = (async () => {
      let cp: Checkpoint | undefined = stored ? { seq: stored.seq } : undefined;
      try {
        while (!opts.held()) {
          if (bufferedDocs >= (shownFirst ? SHOWN_FIRST_DOCS : BUFFER_DOCS)) {
            await new Promise<void>((r) => (wake = r));
            continue;
          }
          const tf = performance.now();
          const page = await opts.pull(cp, opts.pageSize);
          T.fetch += performance.now() - tf;
          T.page1 ||= performance.now();
          if (page.documents.length > 0) {
            if (!ended) announceArriving(collection, { docs: page.documents });
            buffered.push(page);
            bufferedDocs += page.documents.length;
            cp = page.checkpoint;
          }
          if (page.documents.length < opts.pageSize) break;
          notify();
        }
      } catch (err) {
        fetchError = err;
      } finally {
        fetchDone = true;
        notify();
      }
    })();
    let last: Checkpoint | undefined = stored ? { seq: stored.seq } : undefined;
    let metaWrites: Promise<void> = Promise.resolve();
    for (;;) {
      if (buffered.length === 0 || (shownFirst && !fetchDone && bufferedDocs < SHOWN_FIRST_DOCS)) {
        if (fetchDone) break;
        const tw = performance.now();
        await new Promise<void>((r) => (wake = r));
        T.wait += performance.now() - tw;
        continue;
      }
      if (opts.held()) break;
      const pages = buffered.splice(0);
      bufferedDocs = 0;
      notify();
      const docs = pages.flatMap((p) => p.documents);
      const checkpoint = pages[pages.length - 1]?.checkpoint as Checkpoint;
      const metaRows = await writeFork(docs);
      T.batch1 ||= performance.now();
      // The copies of this batch are stored while the next batch is written to the collection;
      // the checkpoint follows its copies, and the next copies wait for these.
      const previousMeta = metaWrites;
      metaWrites = previousMeta.then(() => writeMeta(metaRows, checkpoint));
      metaWrites.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
      await previousMeta;
      last = checkpoint;
    }
    await metaWrites;
    await fetcher;
    if (fetchError) throw fetchError;
    if ((globalThis as { BOOT_DEBUG?: boolean }).BOOT_DEBUG) console.log(`boot ${collection.name} ${JSON.stringify({ ...T, total: performance.now() - T.t0 }, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v) : v))}`);
    if (opts.held()) return 'held';
    await setCheckpoint(state, 'down', { seq: last?.seq ?? 0, first: false });
    return 'done';
  } finally {
    // After this, a page still being fetched is not announced: nothing would store it.
    ended = true;
    announceArriving(collection, { end: true });
    await meta.close();
  }
}

type DexieInternals = Awaited<RxStorageInstanceDexie<Doc>['internals']>;

/** The Dexie tables behind the collection, when its storage is RxDB's Dexie storage (else null). */
async function dexieInternalsOf(fork: RxStorageInstance<Doc, unknown, unknown>): Promise<DexieInternals | null> {
  if (!(fork instanceof RxStorageInstanceDexie)) return null;
  const internals = await (fork as RxStorageInstanceDexie<Doc>).internals;
  // Only top-level boolean index fields are converted below (RxDB's `_deleted`, stored as '1'/'0').
  return internals.booleanIndexes.every((f) => !f.includes('.')) ? internals : null;
}

/**
 * Stores the documents new to the device in one IndexedDB transaction, as RxDB's Dexie storage
 * stores an insert (its boolean index fields as '1'/'0'), and tells the collection as the storage
 * would (one change event bulk: live queries and other tabs see them). What it skips is the
 * storage's per-document work for a write that may conflict: these are inserts of server states.
 * Each is an IndexedDB `add`, which refuses a key already there without writing it; only those
 * are then read (in the same transaction) and returned, untouched, for the careful path. No read
 * before the write: on a new device nothing is there, and reading every key first cost as much
 * main-thread time as a third of the writes (the profile of `pnpm bench:first-sync`).
 */
async function insertNew(dexie: DexieInternals, fork: RxStorageInstanceDexie<Doc>, rows: BulkWriteRow<Doc>[], unstamped: boolean): Promise<Map<string, RxDocumentData<Doc>>> {
  const existing = new Map<string, RxDocumentData<Doc>>();
  const booleans = dexie.booleanIndexes;
  const put: Record<string, unknown>[] = rows.map(({ document: doc }) => {
    const stored: Record<string, unknown> = { ...doc };
    for (const field of booleans) stored[field] = doc[field] ? '1' : '0';
    // Without its write time: one IndexedDB index entry fewer per document (BOOT_LWT, above).
    if (unstamped) stored._meta = { o: doc._meta.o };
    return stored;
  });
  let refused = new Set<number>();
  await dexie.dexieDb.transaction('rw', dexie.dexieTable, async () => {
    try {
      await dexie.dexieTable.bulkAdd(put);
    } catch (err) {
      const byPos = (err as Partial<BulkError>).failuresByPos;
      if ((err as Error).name !== 'BulkError' || !byPos) throw err;
      const failures = Object.entries(byPos);
      // Only "this key is already there" is expected; anything else fails the batch (and the
      // transaction: nothing of it is kept), never a document silently left out.
      const other = failures.find(([, e]) => e.name !== 'ConstraintError');
      if (other) throw other[1];
      refused = new Set(failures.map(([pos]) => Number(pos)));
      const ids = [...refused].map((i) => String((rows[i] as BulkWriteRow<Doc>).document.id));
      const found = await dexie.dexieTable.bulkGet(ids);
      found.forEach((inDb: unknown, i) => {
        if (!inDb) throw new Error(`First download: ${ids[i]} was refused as already stored, yet is not there`, { cause: err });
        existing.set(ids[i] as string, fromDexieToStorage<Doc>(booleans, inDb));
      });
    }
  });
  const inserted = refused.size === 0 ? rows.map((r) => r.document) : rows.flatMap((r, i) => (refused.has(i) ? [] : [r.document]));
  const last = inserted[inserted.length - 1];
  // As RxDB's storages: a document inserted deleted makes no event. An INSERT event for it would
  // add it to every live query's results (RxDB updates them from events without re-running them).
  const events = inserted.flatMap((doc) => (doc._deleted ? [] : [{ documentId: String(doc.id), operation: 'INSERT' as const, documentData: doc, previousDocumentData: undefined }]));
  if (last && events.length > 0) {
    (fork as unknown as { changes$: Subject<EventBulk<RxStorageChangeEvent<RxDocumentData<Doc>>, unknown>> }).changes$.next({
      id: randomToken(10),
      events,
      checkpoint: { id: String(last.id), lwt: last._meta.lwt },
      context: CONTEXT,
    });
  }
  return existing;
}

import {
  COLLECTIONS,
  PULL_LIMIT_MAX,
  PUSH_BATCH_MAX,
  REJECTION_FIELD,
  SCHEMA_VERSION_PARAM,
  syncPaths,
  type Checkpoint,
  type CollectionName,
  type Rejection,
} from '@lotbook/shared';
import type { RxCollection, RxReplicationWriteToMasterRow, WithDeleted } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { deepEqual } from 'rxdb/plugins/utils';
import type { Subject } from 'rxjs';
import type { ConflictInbox } from '../conflicts/inbox.ts';
import { ApiFailure } from '../../auth/api-failure.ts';
import { completeTombstones } from '../placeholders.ts';
import { docState } from '../doc-state.ts';
import type { Transport } from './transport.ts';
import { keepAssumedMasters } from './assumed-masters.ts';
import { firstDownload, type BootCheckpoint } from './bootstrap.ts';
import type { EarlyPages } from './early-pages.ts';

type Doc = Record<string, unknown>;
export type Replication = RxReplicationState<Doc, Checkpoint>;

/** Resolves when a replication's first download (bootstrap.ts) is over, or was not needed. */
export const firstDownloadOf = new WeakMap<Replication, Promise<void>>();

interface PullPage {
  documents: WithDeleted<Doc>[];
  checkpoint: Checkpoint;
  total?: number;
}

/** Keeps one push request well under the server's body limit even with photos in documents. */
const PUSH_BYTES = 1_000_000;
/** The longest a pull's answer waits for the push in flight to be stored (`pushStored`). */
const PUSH_STORED_WAIT_MS = 5000;

function chunkRows(rows: RxReplicationWriteToMasterRow<Doc>[]): RxReplicationWriteToMasterRow<Doc>[][] {
  const chunks: RxReplicationWriteToMasterRow<Doc>[][] = [];
  let cur: RxReplicationWriteToMasterRow<Doc>[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = JSON.stringify(row).length;
    if (cur.length > 0 && (bytes + size > PUSH_BYTES || cur.length >= PUSH_BATCH_MAX)) {
      chunks.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(row);
    bytes += size;
  }
  if (cur.length > 0) chunks.push(cur);
  return chunks;
}

/**
 * Nothing to tell the server: the state I would push is the state it already has (a conflict
 * resolved in the server's favour), or a document created and deleted before it was ever pushed.
 */
function isNoop(row: RxReplicationWriteToMasterRow<Doc>): boolean {
  if (!row.assumedMasterState) return row.newDocumentState._deleted === true;
  // RxDB may keep storage bookkeeping (_rev, _meta, _attachments) on the assumed master it
  // stored after a resolved conflict: compared with them, a settled refusal looked unsent and
  // was pushed again forever (issue 9). Only the document's own fields count.
  return deepEqual(docState(row.assumedMasterState), docState(row.newDocumentState));
}

export interface ReplicationHooks {
  /** The first page of a first sync tells how many documents to expect. */
  total(collection: CollectionName, total: number): void;
  pulled(collection: CollectionName, count: number): void;
}

export function createReplication(opts: {
  collection: RxCollection<Doc>;
  name: CollectionName;
  baseUrl: string;
  transport: Transport;
  inbox: ConflictInbox;
  hints: Subject<'RESYNC'>;
  /** The seq of the collection's last change event (0: none since the last resync). */
  hintSeq?: () => number;
  /**
   * What the change events carried (start.ts): the pull's answer from this checkpoint, or null
   * when they cannot give it and the server must be asked.
   */
  carried?: (seq: number) => { documents: WithDeleted<Doc>[]; seq: number } | null;
  batchSize: number;
  retryTime: number;
  waitForLeadership: boolean;
  hooks: ReplicationHooks;
  /** The first download's page size (bootstrap.ts); defaults to batchSize. */
  firstPageSize?: number;
  /** false: RxDB's own pull does the first download too. */
  fastFirstDownload?: boolean;
  /** The first download waits for this (the lot first: vehicles and the team before the rest). */
  firstAfter?: Promise<unknown>;
  /** First pages requested while the database opened (early-pages.ts), taken by the pull that asks the same. */
  early?: EarlyPages;
  /** Holds back or parks rows by what they depend on (dependencies.ts). */
  gate?: (rows: RxReplicationWriteToMasterRow<Doc>[]) => Promise<{ send: RxReplicationWriteToMasterRow<Doc>[]; parked: { doc: Doc; rejection: Rejection }[] }>;
}): Replication {
  const { name, transport, collection } = opts;
  const schemaVersion = COLLECTIONS[name].schemaVersion;
  const batchSize = Math.min(opts.batchSize, PULL_LIMIT_MAX);

  /**
   * `complete: false` leaves bare tombstones bare: the first download completes them when it writes
   * them (bootstrap.ts), since a page fetched ahead may hold the tombstone of a document an earlier
   * page, not yet written, brings.
   */
  async function pull(checkpoint: Checkpoint | undefined, size: number, complete = true) {
    const begun = pushesBegun;
    const busy = pushing > 0;
    const finish = async (docs: WithDeleted<Doc>[]) => {
      const full = complete ? await completeTombstones(collection, docs) : docs;
      // A pull that overlapped a push: answered once the push is stored, without older states.
      if (!busy && pushing === 0 && begun === pushesBegun) return full;
      await pushStored();
      return notBehind(full);
    };
    const seq = checkpoint?.seq ?? 0;
    // The change events brought the answer already (issue 17): no request. Applied through RxDB's
    // pull as any answer, at the checkpoint RxDB stored (this handler is where its pulls are
    // serialized), so it can neither skip a change nor go back.
    const local = seq > 0 ? opts.carried?.(seq) : null;
    if (local) {
      opts.hooks.pulled(name, local.documents.length);
      const to: BootCheckpoint = { seq: local.seq, first: false };
      return { documents: await finish(local.documents), checkpoint: to as Checkpoint };
    }
    // A pull caused by a change event names its seq, so the server may share one answer among the
    // devices asking the same question; only while that change is still ahead of the checkpoint.
    const hint = opts.hintSeq?.() ?? 0;
    const hinted = seq > 0 && hint > seq ? `&hint=${hint}` : '';
    const early = (await opts.early?.take(name, seq, size)) as PullPage | null | undefined;
    const page = early ?? (await transport.request<PullPage>(`${syncPaths.pull(name)}?seq=${seq}&limit=${size}${hinted}&${SCHEMA_VERSION_PARAM}=${schemaVersion}`));
    if (seq === 0 && typeof page.total === 'number') opts.hooks.total(name, page.total);
    opts.hooks.pulled(name, page.documents.length);
    // RxDB stacks checkpoints: `first: false` ends an interrupted first download (bootstrap.ts).
    const next: BootCheckpoint = { ...page.checkpoint, first: false };
    return { documents: await finish(page.documents), checkpoint: next as Checkpoint };
  }

  /**
   * Resolves once the push in flight (if any) is over and RxDB has stored what it sent as the
   * server's state. RxDB pushes and pulls at the same time (at start, or a pull already under way
   * when a push begins; it holds back only change events while a push runs), so a pull's answer
   * may already hold the server's version of what this device is pushing. RxDB's downstream,
   * seeing the pushed document still differ from the stored server state, takes it for an unsent
   * edit, skips the server's version and moves its checkpoint past it: the device would keep the
   * version from before its own push. Bounded, so a push that keeps failing (offline, a server
   * error) does not hold the pulls. Test: offline-edits.test.ts, "restarted with an unsent edit".
   * Only for a pull that overlapped a push (`pushing`, `pushesBegun`); other pulls are RxDB's.
   */
  async function pushStored(): Promise<void> {
    const up = (rep.internalReplicationState as { streamQueue?: { up: Promise<unknown> } } | undefined)?.streamQueue?.up;
    if (!up) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([up.catch(() => undefined), new Promise<void>((r) => (timer = setTimeout(r, PUSH_STORED_WAIT_MS)))]);
    clearTimeout(timer);
  }

  /**
   * Pulled documents less those the device holds, alive, at the same or a later server version.
   * `version` is the server's and only grows with a change, so such a document is an older state:
   * the answer to a pull the server gave before a push it overlapped with (this device's, or the
   * merge RxDB pushes after a conflict). Once that push is stored, RxDB compares the document with
   * the server state the push just stored, takes it for news and would write it over the newer
   * one until the next pull. Tombstones always pass, and so does a document the device holds
   * deleted (one coming back into the user's scope keeps its version).
   */
  async function notBehind(docs: WithDeleted<Doc>[]): Promise<WithDeleted<Doc>[]> {
    const live = docs.filter((d) => !d._deleted && typeof d.version === 'number');
    if (live.length === 0) return docs;
    const held = new Map<string, number>();
    for (const doc of await collection.storageInstance.findDocumentsById(live.map((d) => String(d.id)), false)) {
      if (typeof doc.version === 'number') held.set(String(doc.id), doc.version);
    }
    return docs.filter((d) => d._deleted || typeof d.version !== 'number' || !(d.version <= (held.get(String(d.id)) ?? -1)));
  }

  // Pushes under way, from the handler's start until RxDB has stored what it sent, and how many
  // began: a pull that overlapped one waits for it (`pull`).
  let pushing = 0;
  let pushesBegun = 0;
  async function trackedPush(rows: RxReplicationWriteToMasterRow<Doc>[]): Promise<WithDeleted<Doc>[]> {
    pushing += 1;
    pushesBegun += 1;
    try {
      return await push(rows);
    } finally {
      const up = (rep.internalReplicationState as { streamQueue?: { up: Promise<unknown> } } | undefined)?.streamQueue?.up;
      void (up ?? Promise.resolve()).catch(() => undefined).then(() => (pushing -= 1));
    }
  }

  async function push(rows: RxReplicationWriteToMasterRow<Doc>[]): Promise<WithDeleted<Doc>[]> {
    const conflicts: WithDeleted<Doc>[] = [];
    let toSend = rows.filter((r) => !isNoop(r));
    if (opts.gate) {
      const { send, parked } = await opts.gate(toSend);
      toSend = send;
      for (const p of parked) {
        opts.inbox.rememberRejection(name, String(p.doc.id), p.rejection);
        conflicts.push(p.doc as WithDeleted<Doc>);
      }
    }
    for (const chunk of chunkRows(toSend)) {
      let answer: Doc[];
      try {
        answer = await transport.request<Doc[]>(`${syncPaths.push(name)}?${SCHEMA_VERSION_PARAM}=${schemaVersion}`, { method: 'POST', body: chunk });
      } catch (err) {
        // The server refuses the whole push for this user (a read-only role): retrying can never
        // succeed, so every row is refused and parked like a per-document refusal (issue 9).
        if (!(err instanceof ApiFailure) || err.status !== 403) throw err;
        answer = chunk.map((row) => ({
          ...(row.assumedMasterState ? docState(row.assumedMasterState) : { ...row.newDocumentState, _deleted: true }),
          [REJECTION_FIELD]: { reason: 'forbidden', message: err.message },
        }));
      }
      for (const doc of answer) {
        const rejection = doc[REJECTION_FIELD] as Rejection | undefined;
        if (rejection) {
          opts.inbox.rememberRejection(name, String(doc.id), rejection);
          delete doc[REJECTION_FIELD];
        }
        conflicts.push(doc as WithDeleted<Doc>);
      }
    }
    return completeTombstones(collection, conflicts);
  }

  const rep = replicateRxCollection<Doc, Checkpoint>({
    replicationIdentifier: `lotbook-${name}-${opts.baseUrl}`,
    collection,
    pull: { handler: pull, batchSize, stream$: opts.hints.asObservable() },
    push: COLLECTIONS[name].pushable ? { handler: trackedPush, batchSize: PUSH_BATCH_MAX } : undefined,
    live: true,
    retryTime: opts.retryTime,
    waitForLeadership: opts.waitForLeadership,
    // RxDB's visibility toggle would start() a hidden-then-visible follower tab too; only the
    // elected leader tab replicates.
    toggleOnDocumentVisible: false,
    // Started below, after the first download.
    autoStart: false,
  });

  // Documents of the first download have no "assumed master" copy until their first local edit.
  keepAssumedMasters(rep as unknown as RxReplicationState<Doc, unknown>);

  // The first download (bootstrap.ts) runs before RxDB's replication starts; start() waits for
  // it, pause() and cancel() stop it at the next batch, and the replication then continues from
  // the checkpoint it stored. Any failure (offline, a refused request) only ends the fast path:
  // RxDB's own pull continues from the same checkpoint, with its retries.
  let held = false;
  let booted = opts.fastFirstDownload === false;
  let running: Promise<void> | null = null;
  let resolveBooted!: () => void;
  firstDownloadOf.set(rep, new Promise<void>((r) => (resolveBooted = r)));
  if (booted) resolveBooted();
  const boot = async () => {
    if (opts.firstAfter) await opts.firstAfter;
    if (held || rep.isStopped()) return;
    try {
      const outcome = await firstDownload({
        rep: rep as unknown as RxReplicationState<Doc, BootCheckpoint>,
        pull: (cp, size) => pull(cp, size, false),
        complete: (docs) => completeTombstones(collection, docs),
        pageSize: Math.min(opts.firstPageSize ?? batchSize, PULL_LIMIT_MAX),
        held: () => held || rep.isStopped(),
      });
      // Documents of the first download are older than any local write (bootstrap.ts BOOT_LWT),
      // and the push side's checkpoint, stored by firstDownload, starts after them.
      if (outcome === 'held') return;
    } catch {
      if (held || rep.isStopped()) return;
    }
    booted = true;
    resolveBooted();
  };
  const rxStart = rep.start.bind(rep);
  const rxPause = rep.pause.bind(rep);
  const rxCancel = rep.cancel.bind(rep);
  rep.start = async () => {
    held = false;
    if (!booted) {
      running ??= boot().finally(() => (running = null));
      await running;
      if (!booted || held || rep.isStopped()) return;
    }
    return rxStart();
  };
  rep.pause = () => {
    held = true;
    return rxPause();
  };
  rep.cancel = () => {
    held = true;
    resolveBooted();
    return rxCancel();
  };
  const leader = opts.waitForLeadership && collection.database.multiInstance ? collection.database.waitForLeadership() : Promise.resolve(true);
  void leader.then(() => {
    if (!rep.isStopped()) rep.start().catch(() => undefined);
  });
  return rep;
}

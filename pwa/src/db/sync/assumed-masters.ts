import {
  getAssumedMasterState,
  getCheckpointKey,
  getMetaWriteRow,
  overwritable,
  stripAttachmentsDataFromMetaWriteRows,
  writeDocToDocState,
  type BulkWriteRow,
  type RxCollection,
  type RxDocumentData,
  type RxStorageInstance,
  type RxStorageInstanceReplicationState,
  type RxStorageReplicationMeta,
  type WithDeleted,
} from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { getHeightOfRevision } from 'rxdb/plugins/utils';
import { BehaviorSubject } from 'rxjs';

type Doc = Record<string, unknown>;
export type Meta = RxStorageReplicationMeta<Doc, unknown>;

/**
 * The replication's meta instance ("assumed master" copies and checkpoints), opened outside RxDB's
 * replication with the parts of RxDB's replication state its meta helpers use.
 */
export interface ReplicationMeta {
  state: RxStorageInstanceReplicationState<Doc>;
  metaInstance: RxStorageInstance<Meta, unknown, unknown>;
  /** RxDB's pulled mark for this replication (`_meta.o.hash`). */
  identifierHash: string;
  close(): Promise<void>;
}

export async function openReplicationMeta(rep: RxReplicationState<Doc, unknown>): Promise<ReplicationMeta> {
  const collection = rep.collection;
  const db = collection.database;
  const metaInfo = await rep.metaInfoPromise;
  const metaInstance = (await db.storage.createStorageInstance({
    databaseName: db.name,
    collectionName: metaInfo.collectionName,
    databaseInstanceToken: db.token,
    multiInstance: db.multiInstance,
    options: {},
    schema: metaInfo.schema,
    password: db.password,
    devMode: overwritable.isDevMode(),
  })) as RxStorageInstance<Meta, unknown, unknown>;
  const identifier = 'rxdbreplication' + rep.replicationIdentifier;
  const input = {
    identifier,
    forkInstance: collection.storageInstance,
    metaInstance,
    hashFunction: db.hashFunction,
    conflictHandler: collection.conflictHandler,
  };
  const state = {
    primaryPath: collection.schema.primaryPath,
    input,
    checkpointKey: getCheckpointKey(input as unknown as RxStorageInstanceReplicationState<Doc>['input']),
    lastCheckpointDoc: {},
    checkpointQueue: Promise.resolve(),
    hasAttachments: false,
    events: { canceled: new BehaviorSubject(false) },
  } as unknown as RxStorageInstanceReplicationState<Doc>;
  const identifierHash = await db.hashFunction(identifier);
  return {
    state,
    metaInstance,
    identifierHash,
    async close() {
      await state.checkpointQueue;
      await metaInstance.close();
    },
  };
}

/** The document is still exactly the state the server sent (RxDB's pulled mark is intact). */
export function isPulledState(doc: RxDocumentData<Doc>, identifierHash: string): boolean {
  const o = (doc._meta as { o?: { hash?: string; _rev?: number } }).o;
  return o?.hash === identifierHash && o._rev === getHeightOfRevision(doc._rev);
}

/**
 * Stores `masters` (states the server sent) as the documents' "assumed master" copies where the
 * stored copy is missing or different. A copy written meanwhile by someone else is read again and
 * overwritten when it still differs.
 */
export async function storeAssumedMasters(meta: ReplicationMeta, masters: WithDeleted<Doc>[], context: string): Promise<void> {
  const { state, metaInstance } = meta;
  const isEqual = state.input.conflictHandler.isEqual;
  for (let attempt = 0; attempt < 3 && masters.length > 0; attempt++) {
    const known = await getAssumedMasterState(state, masters.map((m) => String(m.id)));
    const rows: BulkWriteRow<Meta>[] = [];
    for (const master of masters) {
      const k = known[String(master.id)];
      if (k && isEqual(k.docData, master, context)) continue;
      rows.push((await getMetaWriteRow(state, master, k?.metaDocument)) as BulkWriteRow<Meta>);
    }
    if (rows.length === 0) return;
    const r = await metaInstance.bulkWrite(stripAttachmentsDataFromMetaWriteRows(state, rows) as BulkWriteRow<Meta>[], context);
    const lost = new Set(r.error.filter((e) => e.status === 409).map((e) => e.documentId));
    if (lost.size < r.error.length) throw new Error(`Could not store the server's copies of ${r.error.length - lost.size} document(s)`);
    masters = masters.filter((m) => lost.has(String(m.id)));
  }
}

/**
 * The first download stores no "assumed master" copies (bootstrap.ts): its documents carry RxDB's
 * pulled mark instead, which tells RxDB's downstream they are the server's state. The copy is
 * only needed once the device changes such a document, when RxDB's upstream sends it as the state
 * the edit was based on (the server's conflict check, the three-way merge, the inbox). So before
 * any write of the app replaces a document still in the state the server sent, that state is
 * stored as its copy: exactly the copy RxDB's downstream would have written when it stored it.
 *
 * Writes of the replication itself (contexts `replication-…`) store their own copies and are left
 * alone. Installed on the collection's storage wrapper, which every write of the app goes through.
 */
const installed = new WeakMap<object, { rep: RxReplicationState<Doc, unknown> }>();

export function keepAssumedMasters(rep: RxReplicationState<Doc, unknown>): void {
  const collection = rep.collection as RxCollection<Doc>;
  // One hook per collection; a later replication of it (a new login, a restart) takes it over.
  const current = installed.get(collection);
  if (current) {
    current.rep = rep;
    return;
  }
  const holder = { rep };
  installed.set(collection, holder);
  const wrapper = collection.storageInstance as unknown as { bulkWrite(rows: BulkWriteRow<Doc>[], context: string): Promise<unknown> };
  const write = wrapper.bulkWrite.bind(wrapper);
  let meta: { rep: RxReplicationState<Doc, unknown>; open: Promise<ReplicationMeta> } | null = null;
  const open = (r: RxReplicationState<Doc, unknown>) => {
    if (meta?.rep !== r) {
      const previous = meta?.open;
      meta = { rep: r, open: openReplicationMeta(r) };
      void previous?.then((m) => m.close()).catch(() => undefined);
    }
    return meta.open;
  };
  collection.onClose.push(() => meta?.open.then((m) => m.close()).catch(() => undefined));
  wrapper.bulkWrite = async (rows, context) => {
    if (!context.startsWith('replication-') && rows.some((row) => row.previous)) {
      const r = holder.rep;
      const m = await open(r);
      const pulled = rows.flatMap((row) => (row.previous && isPulledState(row.previous, m.identifierHash) ? [writeDocToDocState(row.previous, false, false) as WithDeleted<Doc>] : []));
      if (pulled.length > 0) await storeAssumedMasters(m, pulled, 'lotbook-assumed-master-on-edit');
    }
    return write(rows, context);
  };
}

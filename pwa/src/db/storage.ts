import type { DexieSettings, PreparedQuery, RxDocumentData, RxJsonSchema, RxStorage, RxStorageDefaultCheckpoint, RxStorageInstance, RxStorageInstanceCreationParams } from 'rxdb';
import { getPrimaryFieldOfPrimaryKey, getQueryPlan, normalizeMangoQuery, prepareQuery } from 'rxdb';
import { fromDexieToStorage, getRxStorageDexie, RxStorageInstanceDexie } from 'rxdb/plugins/storage-dexie';
import { RX_META_LWT_MINIMUM } from 'rxdb/plugins/utils';
import { UNQUERIED_INDEXES } from './schema.ts';

/** What decides a collection's indexes: its RxDB schema's primary key and (filled) indexes. */
interface IndexedSchema {
  primaryKey: unknown;
  indexes?: readonly (string | readonly string[])[];
}

/**
 * RxDB's Dexie storage, with IndexedDB keeping only the indexes a query can use (issue 16).
 *
 * RxDB's query planner picks an index among the schema's own (`schema.indexes`, which RxDB fills
 * with `_deleted` first, the primary key last, and `[_meta.lwt, id]` for the push's change feed).
 * The Dexie storage declares two more on every collection: `[_deleted+id]` and `_meta.lwt`. No
 * query can pick them; the second serves only RxDB's cleanup plugin, which the app does not use.
 * Each index is one more IndexedDB record per document written: on the large demo dealership,
 * dropping the two took a raw Dexie write of the manager's 166,282 documents from 28.9 s to 24.6 s
 * on the same machine and run, and the first download is IndexedDB-bound.
 *
 * So each Dexie database is declared without whichever of the two the schema itself does not list
 * (a collection without indexes queries by `[_deleted, id]`, which then stays). A database created
 * before this kept its extra indexes: Dexie ignores installed indexes it is not told about, and
 * IndexedDB keeps them up to date; nothing is rebuilt or lost.
 * Everything else is RxDB's storage unchanged: instances are `RxStorageInstanceDexie`s, names and
 * documents are the same. `cleanup()` keeps working, by a scan instead of the index.
 *
 * The change feed's index (`[_meta.lwt+id]`) is one more entry per document, and the first
 * download's documents never need it: RxDB's push starts after them (sync/bootstrap.ts). So the
 * first download stores them without `_meta.lwt`; IndexedDB indexes no record whose key path is
 * missing. Every read gives them `_meta.lwt` = `UNSTAMPED_LWT`, the time they were given before
 * (Dexie's reading hook for reads by key and scans; a wrapper for RxDB's own cursor queries), so
 * RxDB and the app see exactly what they saw. The change feed (`getChangedDocumentsSince`, which
 * RxDB reads to push and, from its start, to migrate a collection to a new schema version) lists
 * them first, by key (`changedSince`). Their first local write stamps them like any document.
 * Together with the two indexes above, this took the large seed's first download from 39.7 s to
 * 28.8–31.3 s against the same server (2026-12-06, ARCHITECTURE.md).
 *
 * The app's own schemas list three indexes no query of the app is planned on (schema.ts
 * `UNQUERIED_INDEXES`); they are left out the same way. A query RxDB plans on an index the
 * database does not hold (one of those, on a database created without it) is planned again
 * among the indexes it holds: same documents, same order (RxDB sorts when the index does not).
 */
export function lotbookStorage(settings: DexieSettings = {}): RxStorage<unknown, DexieSettings> {
  const unused = new Map<string, Set<string>>();
  const storage = getRxStorageDexie({
    ...settings,
    async onCreate(dexieDb, dbName) {
      await settings.onCreate?.(dexieDb, dbName);
      const drop = unused.get(dbName) ?? new Set<string>();
      const declare = dexieDb.version.bind(dexieDb);
      dexieDb.version = (n: number) => {
        const version = declare(n);
        const stores = version.stores.bind(version);
        version.stores = (schema) => {
          const declared = stores({ ...schema, docs: withoutIndexes(schema.docs ?? null, drop) });
          // Every read through Dexie (by key, or a scan) sees an unstamped document as stamped.
          dexieDb.table('docs').hook('reading', stampOnRead);
          return declared;
        };
        return version;
      };
    },
  });
  const create = storage.createStorageInstance.bind(storage);
  storage.createStorageInstance = async <RxDocType>(params: RxStorageInstanceCreationParams<RxDocType, DexieSettings>) => {
    // The name RxDB's Dexie storage gives the collection's database (dexie-helper.ts).
    const notStored = indexesNotStored(params.collectionName, params.schema as IndexedSchema);
    unused.set(`rxdb-dexie-${params.databaseName}--${params.schema.version}--${params.collectionName}`, notStored);
    const instance = await create(params);
    if (instance instanceof RxStorageInstanceDexie) {
      const dexie = instance as RxStorageInstanceDexie<Doc>;
      dexie.cleanup = (minimumDeletedTime: number) => cleanupByScan(dexie, minimumDeletedTime);
      const held = plannedOnHeldIndexes(dexie.schema as RxJsonSchema<RxDocumentData<Doc>>, notStored);
      // RxDB's query reads IndexedDB with its own cursor, past Dexie's reading hook.
      const query = dexie.query.bind(dexie);
      dexie.query = async (prepared) => {
        const result = await query(held(prepared));
        for (const doc of result.documents) stampOnRead(doc);
        return result;
      };
      // A count RxDB planned on an index it fully matches stays allowed when counted another way
      // (RxDB refuses a "slow" count unless the database allows them).
      const count = dexie.count.bind(dexie);
      dexie.count = async (prepared) => {
        const result = await count(held(prepared));
        return prepared.queryPlan.selectorSatisfiedByIndex ? { ...result, mode: 'fast' } : result;
      };
      (dexie as unknown as RxStorageInstance<Doc, unknown, unknown, RxStorageDefaultCheckpoint>).getChangedDocumentsSince = (limit, checkpoint) => changedSince(dexie as unknown as RxStorageInstance<Doc, unknown, unknown>, limit, checkpoint);
      UNSTAMPED_OK.add(dexie);
    }
    return instance;
  };
  return storage as RxStorage<unknown, DexieSettings>;
}

type Doc = Record<string, unknown>;
type Stored = { _meta?: { lwt?: number } } | undefined;

/**
 * The write time RxDB reads for a document stored without one: the oldest RxDB allows, the one
 * the first download gives the server's documents (bootstrap.ts `BOOT_LWT`).
 */
export const UNSTAMPED_LWT = RX_META_LWT_MINIMUM;

/** The instances whose reads stamp unstamped documents, so that one may be stored that way. */
const UNSTAMPED_OK = new WeakSet<object>();

/**
 * True when `instance` is a lotbookStorage instance: a document may then be stored without
 * `_meta.lwt` (and so outside IndexedDB's `[_meta.lwt+id]` index), and every read of it still
 * gives `_meta.lwt` = `UNSTAMPED_LWT`.
 */
export function acceptsUnstamped(instance: unknown): boolean {
  return typeof instance === 'object' && instance !== null && UNSTAMPED_OK.has(instance);
}

function stampOnRead<T>(doc: T): T {
  const meta = (doc as Stored)?._meta;
  if (meta && meta.lwt === undefined) meta.lwt = UNSTAMPED_LWT;
  return doc;
}

/**
 * The change feed, in RxDB's order (write time, then primary key), unstamped documents included
 * at `UNSTAMPED_LWT`. RxDB reads it to push (from just after the first download's documents, so
 * never through the unstamped part), to migrate a collection to a new schema version (from the
 * start: every document must come), and the Today screen reads it (due-store.ts).
 * After `UNSTAMPED_LWT`, two index range reads: the rest of the checkpoint's own write time, then
 * later times. RxDB's own query starts its range at the checkpoint's write time, so a bulk write
 * of thousands of documents sharing one time would be read again from its start on every page.
 */
export async function changedSince(
  instance: RxStorageInstance<Doc, unknown, unknown>,
  limit: number,
  checkpoint: RxStorageDefaultCheckpoint | undefined,
): Promise<{ documents: RxDocumentData<Doc>[]; checkpoint: RxStorageDefaultCheckpoint }> {
  const primary = getPrimaryFieldOfPrimaryKey(instance.schema.primaryKey) as string;
  const sort = [{ '_meta.lwt': 'asc' }, { [primary]: 'asc' }];
  const run = async (selector: Record<string, unknown>, n: number) =>
    n <= 0 ? [] : (await instance.query(prepareQuery(instance.schema, normalizeMangoQuery(instance.schema, { selector, sort, skip: 0, limit: n } as never)))).documents;
  const docs: RxDocumentData<Doc>[] = [];
  let after = checkpoint;
  if (!after || after.lwt <= UNSTAMPED_LWT) {
    const sinceId = after && after.lwt === UNSTAMPED_LWT ? after.id : '';
    // Stamped at that time (the first download's careful path) and unstamped, merged by key.
    const stamped = await run({ '_meta.lwt': UNSTAMPED_LWT, [primary]: { $gt: sinceId } }, limit);
    // A full page of stamped ones ends the page at its last key: no need to look further for
    // unstamped ones (on a store of stamped documents, a scan to the end on every page would make
    // reading the feed quadratic).
    const upTo = stamped.length === limit ? String(stamped[limit - 1]?.[primary]) : null;
    const unstamped = acceptsUnstamped(instance) ? await unstampedAfter(instance as unknown as RxStorageInstanceDexie<Doc>, sinceId, upTo, limit) : [];
    const merged = [...stamped, ...unstamped].toSorted((a, b) => (String(a[primary]) < String(b[primary]) ? -1 : 1)).slice(0, limit);
    docs.push(...merged);
    after = { id: sinceId, lwt: UNSTAMPED_LWT };
    if (docs.length === limit) return { documents: docs, checkpoint: checkpointOf(docs, primary, checkpoint) };
  } else {
    docs.push(...(await run({ '_meta.lwt': after.lwt, [primary]: { $gt: after.id } }, limit)));
  }
  docs.push(...(await run({ '_meta.lwt': { $gt: after.lwt } }, limit - docs.length)));
  return { documents: docs, checkpoint: checkpointOf(docs, primary, checkpoint) };
}

function checkpointOf(docs: RxDocumentData<Doc>[], primary: string, checkpoint: RxStorageDefaultCheckpoint | undefined): RxStorageDefaultCheckpoint {
  const last = docs.at(-1);
  // As RxDB's own: the last document's place, else the checkpoint given, else the start.
  return last ? { id: String(last[primary]), lwt: last._meta.lwt } : (checkpoint ?? { id: '', lwt: 0 });
}

/** Up to `limit` unstamped documents with a key after `sinceId` (up to `upTo`), by key (a scan of the table). */
async function unstampedAfter(dexie: RxStorageInstanceDexie<Doc>, sinceId: string, upTo: string | null, limit: number): Promise<RxDocumentData<Doc>[]> {
  const { dexieDb, dexieTable, booleanIndexes } = await dexie.internals;
  const found = await dexieDb.transaction('r', dexieTable, () =>
    (upTo === null ? dexieTable.where(':id').above(sinceId) : dexieTable.where(':id').between(sinceId, upTo, false, true))
      .filter((d: Stored) => d?._meta?.lwt === undefined)
      .limit(limit)
      .toArray(),
  );
  return found.map((d: unknown) => stampOnRead(fromDexieToStorage<Doc>(booleanIndexes, d)));
}

/** The Dexie storage's own indexes that no query on this schema can use. */
export function unusedIndexes(schema: IndexedSchema): Set<string> {
  const primary = getPrimaryFieldOfPrimaryKey(schema.primaryKey as never) as string;
  const listed = new Set((schema.indexes ?? []).map((i) => (typeof i === 'string' ? i : i.join('+'))));
  const unused = new Set<string>();
  if (!listed.has(`_deleted+${primary}`)) unused.add(`[_deleted+${primary}]`);
  if (!listed.has('_meta.lwt')) unused.add('_meta.lwt');
  return unused;
}

/**
 * Every index of this collection's Dexie database that IndexedDB does not keep, by Dexie's name:
 * the Dexie storage's two unused ones (`unusedIndexes`) and the schema's indexes no query of the
 * app is planned on (schema.ts `UNQUERIED_INDEXES`, for the app's collection of that name).
 */
export function indexesNotStored(collectionName: string, schema: IndexedSchema): Set<string> {
  const out = unusedIndexes(schema);
  const primary = getPrimaryFieldOfPrimaryKey(schema.primaryKey as never) as string;
  const listed = new Set((schema.indexes ?? []).map((i) => (typeof i === 'string' ? i : i.join('+'))));
  for (const field of UNQUERIED_INDEXES[collectionName as keyof typeof UNQUERIED_INDEXES] ?? []) {
    // As RxDB fills the schema: `_deleted` first, the primary key last.
    const filled = `_deleted+${field}+${primary}`;
    if (listed.has(filled)) out.add(`[${filled}]`);
  }
  return out;
}

/** Dexie's name for an index of a (filled) RxDB schema, as the Dexie storage declares it. */
const dexieIndexName = (index: readonly string[]) => (index.length === 1 ? (index[0] as string) : `[${index.join('+')}]`);

/**
 * A query planned on an index the database does not hold, planned again among those it holds
 * (the same documents and order: RxDB sorts in memory when the index does not give the order).
 * Other queries pass unchanged.
 */
export function plannedOnHeldIndexes(schema: RxJsonSchema<RxDocumentData<Doc>>, notStored: Set<string>): (prepared: PreparedQuery<Doc>) => PreparedQuery<Doc> {
  const indexes = (schema.indexes ?? []).filter((i) => !notStored.has(dexieIndexName(typeof i === 'string' ? [i] : i)));
  if (indexes.length === (schema.indexes ?? []).length) return (prepared) => prepared;
  const held = { ...schema, indexes };
  return (prepared) => (notStored.has(dexieIndexName(prepared.queryPlan.index)) ? { ...prepared, queryPlan: getQueryPlan(held, prepared.query) } : prepared);
}

/** A Dexie store declaration ("id, [a+b], c") without the given indexes. */
export function withoutIndexes(declaration: string | null, drop: Set<string>): string | null {
  if (declaration === null) return null;
  return declaration
    .split(',')
    .map((part) => part.trim())
    .filter((part, i) => i === 0 || !drop.has(part))
    .join(', ');
}

/** RxDB's cleanup (purge tombstones older than the given age) without the `_meta.lwt` index. */
async function cleanupByScan(dexie: RxStorageInstanceDexie<Doc>, minimumDeletedTime: number): Promise<boolean> {
  if (dexie.closed) throw new Error(`RxStorageInstanceDexie is closed ${dexie.databaseName}-${dexie.collectionName}`);
  const { dexieDb, dexieTable } = await dexie.internals;
  const before = Date.now() - minimumDeletedTime;
  await dexieDb.transaction('rw', dexieTable, async () => {
    const old = await dexieTable.filter((doc: { _deleted: string; _meta: { lwt?: number } }) => doc._deleted === '1' && (doc._meta.lwt ?? UNSTAMPED_LWT) < before).primaryKeys();
    await dexieTable.bulkDelete(old);
  });
  return true;
}

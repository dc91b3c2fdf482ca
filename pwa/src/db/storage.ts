import type { DexieSettings, RxStorage, RxStorageInstanceCreationParams } from 'rxdb';
import { getPrimaryFieldOfPrimaryKey } from 'rxdb';
import { getRxStorageDexie, RxStorageInstanceDexie } from 'rxdb/plugins/storage-dexie';

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
 */
export function lotbookStorage(settings: DexieSettings = {}): RxStorage<unknown, DexieSettings> {
  const unused = new Map<string, Set<string>>();
  const storage = getRxStorageDexie({
    ...settings,
    async onCreate(dexieDb, dbName) {
      await settings.onCreate?.(dexieDb, dbName);
      const drop = unused.get(dbName);
      if (!drop?.size) return;
      const declare = dexieDb.version.bind(dexieDb);
      dexieDb.version = (n: number) => {
        const version = declare(n);
        const stores = version.stores.bind(version);
        version.stores = (schema) => stores({ ...schema, docs: withoutIndexes(schema.docs ?? null, drop) });
        return version;
      };
    },
  });
  const create = storage.createStorageInstance.bind(storage);
  storage.createStorageInstance = async <RxDocType>(params: RxStorageInstanceCreationParams<RxDocType, DexieSettings>) => {
    // The name RxDB's Dexie storage gives the collection's database (dexie-helper.ts).
    unused.set(`rxdb-dexie-${params.databaseName}--${params.schema.version}--${params.collectionName}`, unusedIndexes(params.schema as IndexedSchema));
    const instance = await create(params);
    if (instance instanceof RxStorageInstanceDexie) instance.cleanup = (minimumDeletedTime: number) => cleanupByScan(instance as RxStorageInstanceDexie<unknown>, minimumDeletedTime);
    return instance;
  };
  return storage as RxStorage<unknown, DexieSettings>;
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
async function cleanupByScan(dexie: RxStorageInstanceDexie<unknown>, minimumDeletedTime: number): Promise<boolean> {
  if (dexie.closed) throw new Error(`RxStorageInstanceDexie is closed ${dexie.databaseName}-${dexie.collectionName}`);
  const { dexieDb, dexieTable } = await dexie.internals;
  const before = Date.now() - minimumDeletedTime;
  await dexieDb.transaction('rw', dexieTable, async () => {
    const old = await dexieTable.filter((doc: { _deleted: string; _meta: { lwt: number } }) => doc._deleted === '1' && doc._meta.lwt < before).primaryKeys();
    await dexieTable.bulkDelete(old);
  });
  return true;
}

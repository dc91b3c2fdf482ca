import type { Customer } from '@lotbook/shared';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { fillWithDefaultSettings } from 'rxdb';
import { getDexieStoreSchema, getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { describe, expect, it } from 'vitest';
import { createLotbookDatabase } from './database.ts';
import { newDocFields } from './doc-fields.ts';
import { syncedSchemas } from './schema.ts';
import { lotbookStorage, unusedIndexes, withoutIndexes } from './storage.ts';

const DEALER = '0190a000-0000-7000-8000-000000000001';
const USER = '0190a000-0000-7000-8000-0000000000a1';

function customer(last_name: string): Customer {
  return { ...newDocFields(DEALER), first_name: 'Ana', last_name, email: null, phone: null, address: null, national_id: null, is_active: true, created_by: USER };
}

/** The index names IndexedDB holds for one collection's documents. */
async function indexesOf(idb: IDBFactory, dbName: string, collection: string, version: number): Promise<string[]> {
  const req = idb.open(`rxdb-dexie-${dbName}--${version}--${collection}`);
  const native = await new Promise<IDBDatabase>((resolve, reject) => {
    req.addEventListener('success', () => resolve(req.result));
    req.addEventListener('error', () => reject(req.error));
  });
  try {
    return [...native.transaction('docs', 'readonly').objectStore('docs').indexNames].toSorted();
  } finally {
    native.close();
  }
}

const expectedIndexes = (collection: keyof ReturnType<typeof syncedSchemas>) => {
  const filled = fillWithDefaultSettings(syncedSchemas()[collection] as never);
  // Every index RxDB's query planner can pick for this schema, by Dexie's name for it.
  return filled.indexes!.map((i) => (Array.isArray(i) ? (i.length === 1 ? i[0] : `[${i.join('+')}]`) : i)).toSorted();
};

describe('lotbookStorage: IndexedDB keeps the indexes a query can use, nothing more', () => {
  it('a new database declares the schema’s indexes and not the Dexie storage’s two unused ones; a collection without indexes keeps [_deleted+id]', async () => {
    const idb = new IDBFactory();
    const db = await createLotbookDatabase({ name: 'lean', storage: lotbookStorage({ indexedDB: idb, IDBKeyRange }), multiInstance: false, devMode: true });
    const versions = Object.fromEntries(Object.entries(db.collections).map(([n, c]) => [n, c.schema.version]));
    await db.close();
    const customers = await indexesOf(idb, 'lean', 'customers', versions.customers!);
    expect(customers).toEqual(expectedIndexes('customers'));
    expect(customers).not.toContain('[_deleted+id]');
    expect(customers).not.toContain('_meta.lwt');
    expect(customers).toContain('[_meta.lwt+id]'); // the push's change feed
    const prefs = await indexesOf(idb, 'lean', 'notification_preferences', versions.notification_preferences!);
    expect(prefs).toEqual(['[_deleted+id]', '[_meta.lwt+id]']);
    expect(prefs).toEqual(expectedIndexes('notification_preferences'));
  });

  it('a database created with every Dexie index (an older version of the app) opens, keeps its documents and indexes, and queries and writes as before; and the other way round', async () => {
    const idb = new IDBFactory();
    const full = await createLotbookDatabase({ name: 'older', storage: getRxStorageDexie({ indexedDB: idb, IDBKeyRange }), multiInstance: false, devMode: true });
    await full.customers.bulkInsert([customer('Zubiri'), customer('Abad'), customer('Mora')]);
    const version = full.customers.schema.version;
    await full.close();
    const before = await indexesOf(idb, 'older', 'customers', version);
    expect(before).toContain('_meta.lwt');

    const lean = await createLotbookDatabase({ name: 'older', storage: lotbookStorage({ indexedDB: idb, IDBKeyRange }), multiInstance: false, devMode: true });
    const sorted = await lean.customers.find({ sort: [{ last_name: 'asc' }] }).exec();
    expect(sorted.map((c) => c.last_name)).toEqual(['Abad', 'Mora', 'Zubiri']);
    await lean.customers.insert(customer('Bello'));
    await sorted[0]!.incrementalPatch({ last_name: 'Zamora' });
    expect((await lean.customers.find({ selector: { last_name: { $gte: 'M' } }, sort: [{ last_name: 'asc' }] }).exec()).map((c) => c.last_name)).toEqual(['Mora', 'Zamora', 'Zubiri']);
    await lean.close();
    expect(await indexesOf(idb, 'older', 'customers', version)).toEqual(before); // nothing rebuilt, nothing dropped

    // A tab still on the older version opens the lean database of a new device: Dexie adds what it misses.
    const idb2 = new IDBFactory();
    const fresh = await createLotbookDatabase({ name: 'newer', storage: lotbookStorage({ indexedDB: idb2, IDBKeyRange }), multiInstance: false, devMode: true });
    await fresh.customers.bulkInsert([customer('Ruiz'), customer('Gil')]);
    await fresh.close();
    const old = await createLotbookDatabase({ name: 'newer', storage: getRxStorageDexie({ indexedDB: idb2, IDBKeyRange }), multiInstance: false, devMode: true });
    expect((await old.customers.find({ sort: [{ last_name: 'asc' }] }).exec()).map((c) => c.last_name)).toEqual(['Gil', 'Ruiz']);
    await old.close();
  });

  it('cleanup() still purges old tombstones, and only them, without the _meta.lwt index', async () => {
    const db = await createLotbookDatabase({ name: 'purge', storage: lotbookStorage({ indexedDB: new IDBFactory(), IDBKeyRange }), multiInstance: false, devMode: true });
    const [gone, kept] = await Promise.all([db.customers.insert(customer('Borrado')), db.customers.insert(customer('Vivo'))]);
    await gone.remove();
    const instance = db.customers.storageInstance;
    await instance.cleanup(60_000); // a tombstone younger than a minute stays
    expect(await instance.findDocumentsById([gone.primary], true)).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 5));
    await instance.cleanup(0);
    expect(await instance.findDocumentsById([gone.primary], true)).toHaveLength(0);
    expect((await db.customers.find().exec()).map((c) => c.primary)).toEqual([kept.primary]);
    await db.close();
  });

  it('drops exactly the indexes the schema does not list', () => {
    const filled = fillWithDefaultSettings(syncedSchemas().sales as never);
    const declared = getDexieStoreSchema(filled);
    expect(declared).toContain('[_deleted+id]');
    const lean = withoutIndexes(declared, unusedIndexes(filled))!;
    expect(lean.split(', ')[0]).toBe('id');
    expect(lean.split(', ').slice(1).toSorted()).toEqual(expectedIndexes('sales'));
    expect(unusedIndexes({ primaryKey: 'id', indexes: [['_deleted', 'id'], '_meta.lwt'] }).size).toBe(0);
  });
});

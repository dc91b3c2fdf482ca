import type { Customer, LeadActivity } from '@lotbook/shared';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { addRxPlugin, createRxDatabase, fillWithDefaultSettings, INDEX_MAX, INDEX_MIN, type PreparedQuery, getChangedDocumentsSince, type RxCollection, type RxJsonSchema, type RxStorageDefaultCheckpoint } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { getDexieStoreSchema, getRxStorageDexie, type RxStorageInstanceDexie } from 'rxdb/plugins/storage-dexie';
import { describe, expect, it } from 'vitest';
import { createLotbookDatabase } from './database.ts';
import { newDocFields } from './doc-fields.ts';
import { syncedSchemas, UNQUERIED_INDEXES } from './schema.ts';
import { acceptsUnstamped, indexesNotStored, lotbookStorage, plannedOnHeldIndexes, UNSTAMPED_LWT, unusedIndexes, withoutIndexes } from './storage.ts';
import { UPSTREAM_AFTER_BOOT } from './sync/bootstrap.ts';

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
  // Every index RxDB's query planner can pick for this schema, by Dexie's name for it, but those
  // no query of the app is planned on.
  const unqueried = new Set((UNQUERIED_INDEXES[collection] ?? []).map((f) => `[_deleted+${f}+id]`));
  return filled.indexes!.map((i) => (Array.isArray(i) ? (i.length === 1 ? i[0] : `[${i.join('+')}]`) : i)).filter((i) => !unqueried.has(i as string)).toSorted();
};

function activity(activity_date: string, lead_id = '0190a000-0000-7000-8000-0000000000f1'): LeadActivity {
  return { ...newDocFields(DEALER), lead_id, user_id: USER, activity_type: 'note', description: activity_date, activity_date, due_at: null, done: false, metadata: {} };
}

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
    // The schema's indexes no query of the app is planned on (schema.ts UNQUERIED_INDEXES).
    expect(customers).toEqual(['[_deleted+last_name+id]', '[_meta.lwt+id]']);
    expect(await indexesOf(idb, 'lean', 'lead_activities', versions.lead_activities!)).toEqual(['[_deleted+lead_id+activity_date+id]', '[_meta.lwt+id]']);
    expect(await indexesOf(idb, 'lean', 'vehicles', versions.vehicles!)).toEqual(['[_deleted+status+make+model+id]', '[_meta.lwt+id]']);
    expect(await indexesOf(idb, 'lean', 'sales', versions.sales!)).toEqual(expectedIndexes('sales'));
  });

  it('no query the app makes needs an index IndexedDB does not keep: each is planned on a kept one, or on a left-out one it would scan whole, and then the kept one serves it as well', async () => {
    const db = await createLotbookDatabase({ name: 'plans', storage: lotbookStorage({ indexedDB: new IDBFactory(), IDBKeyRange }), multiInstance: false, devMode: true });
    try {
      const id = '0190a000-0000-7000-8000-0000000000f1';
      // The app's queries on the synced collections (grep `.find(` and `.count(` under src/features and src/db).
      const queries = [
        db.vehicles.find(),
        db.customers.find(),
        db.leads.find(),
        db.leads.find({ selector: { status: 'new' } }),
        db.leads.find({ selector: { customer_id: id } }),
        db.lead_activities.find({ selector: { done: false } }),
        db.lead_activities.find({ selector: { lead_id: id } }),
        db.lead_activities.count(), // the Today screen's progress total (due-store.ts)
        db.sales.find({ selector: {} }),
        db.sales.find({ selector: { customer_id: id } }),
        db.sales.find({ selector: { vehicle_id: id } }),
        db.sales.find({ selector: { vehicle_id: id, status: 'completed' } }),
        db.notifications.find({ selector: { user_id: id } }),
        db.team.find(),
      ];
      const replanned: string[] = [];
      for (const q of queries) {
        const collection = (q as unknown as { collection: { name: string; schema: { jsonSchema: RxJsonSchema<never> } } }).collection;
        const label = `${collection.name} ${JSON.stringify(q.mangoQuery)}`;
        const prepared = (q as unknown as { getPreparedQuery(): PreparedQuery<never> }).getPreparedQuery();
        const notStored = indexesNotStored(collection.name, collection.schema.jsonSchema as never);
        const used = plannedOnHeldIndexes(collection.schema.jsonSchema as never, notStored)(prepared as never).queryPlan;
        const name = used.index.length === 1 ? used.index[0] : `[${used.index.join('+')}]`;
        expect(notStored, label).not.toContain(name);
        if (used === prepared.queryPlan) continue;
        replanned.push(label);
        // RxDB's choice gave nothing but `_deleted`: its range is the whole index after that.
        expect(prepared.queryPlan.startKeys.slice(1).every((k) => k === INDEX_MIN), label).toBe(true);
        expect(prepared.queryPlan.endKeys.slice(1).every((k) => k === INDEX_MAX), label).toBe(true);
        expect(used.selectorSatisfiedByIndex, label).toBe(prepared.queryPlan.selectorSatisfiedByIndex);
        expect(used.sortSatisfiedByIndex, label).toBe(prepared.queryPlan.sortSatisfiedByIndex);
      }
      expect(replanned).toEqual(['lead_activities {"selector":{}}']);
    } finally {
      await db.close();
    }
  });

  it('a query RxDB plans on an index the database does not keep is planned again: same documents, same order, same count', async () => {
    const db = await createLotbookDatabase({ name: 'replanned', storage: lotbookStorage({ indexedDB: new IDBFactory(), IDBKeyRange }), multiInstance: false, devMode: true });
    try {
      const dates = ['2026-03-01T10:00:00.000Z', '2026-01-15T09:00:00.000Z', '2026-02-20T08:00:00.000Z', '2026-01-01T07:00:00.000Z'];
      await db.lead_activities.bulkInsert(dates.map((d, i) => activity(d, `0190a000-0000-7000-8000-00000000000${i}`)));
      const byDate = db.lead_activities.find({ selector: { activity_date: { $gte: '2026-01-10' } }, sort: [{ activity_date: 'desc' }] });
      const planned = (byDate as unknown as { getPreparedQuery(): { queryPlan: { index: string[] } } }).getPreparedQuery().queryPlan.index;
      expect(planned).toEqual(['_deleted', 'activity_date', 'id']); // RxDB's choice: the index IndexedDB does not hold
      expect((await byDate.exec()).map((a) => a.activity_date)).toEqual([dates[0], dates[2], dates[1]]);
      // A count RxDB would make by that index alone is counted by another, and still allowed.
      expect(await db.lead_activities.count({ selector: { activity_date: { $lt: '2026-02-01' } } }).exec()).toBe(2);
      expect(await db.lead_activities.count().exec()).toBe(4);
    } finally {
      await db.close();
    }
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

/** The Dexie table behind a collection, as the first download writes into it (bootstrap.ts). */
// oxlint-disable-next-line typescript/no-explicit-any -- any collection
async function tableOf(collection: RxCollection<any>) {
  const fork = (collection.storageInstance as unknown as { originalStorageInstance: RxStorageInstanceDexie<unknown> }).originalStorageInstance;
  expect(acceptsUnstamped(fork)).toBe(true);
  return (await fork.internals).dexieTable;
}

/** Stored as the first download stores a server document: no write time. */
const unstamped = (doc: Record<string, unknown>, deleted = false) => ({ ...doc, _deleted: deleted ? '1' : '0', _rev: '1-boot', _meta: { o: { _rev: 1, hash: 'h' } }, _attachments: {} });

/** Counts the records of one IndexedDB index (native, past Dexie and RxDB). */
async function indexCount(idb: IDBFactory, name: string, index: string): Promise<number> {
  const req = idb.open(name);
  const native = await new Promise<IDBDatabase>((resolve, reject) => {
    req.addEventListener('success', () => resolve(req.result));
    req.addEventListener('error', () => reject(req.error));
  });
  try {
    const count = native.transaction('docs', 'readonly').objectStore('docs').index(index).count();
    return await new Promise<number>((resolve, reject) => {
      count.addEventListener('success', () => resolve(count.result));
      count.addEventListener('error', () => reject(count.error));
    });
  } finally {
    native.close();
  }
}

/** The whole change feed from its start, `limit` at a time, as RxDB reads it to push or migrate. */
// oxlint-disable-next-line typescript/no-explicit-any -- any collection
async function wholeFeed(collection: RxCollection<any>, limit: number, from?: RxStorageDefaultCheckpoint): Promise<string[]> {
  const ids: string[] = [];
  let cp = from;
  for (;;) {
    const page = await getChangedDocumentsSince(collection.storageInstance, limit, cp);
    ids.push(...page.documents.map((d) => String(d.id)));
    if (page.documents.length === 0) return ids;
    cp = page.checkpoint as RxStorageDefaultCheckpoint;
  }
}

/** A small collection for the migration test, at a given schema version. */
const thingsSchema = (version: number): RxJsonSchema<{ id: string; name: string }> => ({
  version,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 40 }, name: { type: 'string', maxLength: 40 } },
  required: ['id', 'name'],
  indexes: ['name'],
});

describe('documents stored without a write time (the first download\'s server documents)', () => {
  it('read everywhere as written at the oldest time, stay out of the change feed\'s index, and the feed from its start still lists them, in order, once', async () => {
    const idb = new IDBFactory();
    const db = await createLotbookDatabase({ name: 'unstamped', storage: lotbookStorage({ indexedDB: idb, IDBKeyRange }), multiInstance: false, devMode: true });
    const local = await db.customers.bulkInsert([customer('Local1'), customer('Local2')]);
    const booted = Array.from({ length: 7 }, (_, i) => customer(`Boot${i}`));
    const table = await tableOf(db.customers);
    await table.bulkAdd(booted.map((c) => unstamped(c as unknown as Record<string, unknown>)));
    // Some stamped at that same oldest time (the first download's careful path writes so, and so
    // does an older version of the app, or a schema migration, for every downloaded document).
    const fork = (db.customers.storageInstance as unknown as { originalStorageInstance: RxStorageInstanceDexie<Customer> }).originalStorageInstance;
    const carefulOnes = Array.from({ length: 5 }, (_, i) => customer(`Careful${i}`));
    await fork.bulkWrite(carefulOnes.map((c) => ({ document: { ...c, _deleted: false, _rev: '1-boot', _meta: { lwt: UNSTAMPED_LWT }, _attachments: {} } })), 'test');
    const name = `rxdb-dexie-unstamped--${db.customers.schema.version}--customers`;
    expect(await indexCount(idb, name, '[_meta.lwt+id]')).toBe(7); // the two local writes and the five careful ones

    // Every way RxDB reads a document gives it the oldest write time.
    const byId = await db.customers.storageInstance.findDocumentsById([booted[0]!.id], false);
    expect(byId[0]?._meta.lwt).toBe(UNSTAMPED_LWT);
    const sorted = await db.customers.find({ selector: { last_name: { $gte: 'Boot' } }, sort: [{ last_name: 'asc' }] }).exec();
    expect(sorted.map((c) => c.last_name)).toEqual([...booted.map((c) => c.last_name), ...carefulOnes.map((c) => c.last_name), 'Local1', 'Local2']);
    expect(sorted.slice(0, 7).every((c) => c.toMutableJSON(true)._meta.lwt === UNSTAMPED_LWT)).toBe(true);

    // The feed from its start: the oldest time first (unstamped and stamped, by key), then the rest.
    const oldest = [...booted, ...carefulOnes].map((c) => c.id).toSorted();
    const expected = [...oldest, ...local.success.map((c) => c.primary)];
    for (const limit of [1, 2, 3, 5, 8, 100]) expect(await wholeFeed(db.customers, limit)).toEqual(expected);
    // From where RxDB's push starts after a first download: only the local writes.
    expect(await wholeFeed(db.customers, 2, UPSTREAM_AFTER_BOOT)).toEqual(local.success.map((c) => c.primary));

    // An edit stamps the document: it joins the index and the push's part of the feed.
    const doc = await db.customers.findOne(booted[3]!.id).exec();
    await doc!.incrementalPatch({ last_name: 'Editado' });
    expect(await indexCount(idb, name, '[_meta.lwt+id]')).toBe(8);
    expect(await wholeFeed(db.customers, 2, UPSTREAM_AFTER_BOOT)).toEqual([...local.success.map((c) => c.primary), booted[3]!.id]);

    // cleanup() purges an unstamped tombstone as the oldest one.
    const gone = customer('Tumba');
    await table.add(unstamped(gone as unknown as Record<string, unknown>, true));
    await db.customers.storageInstance.cleanup(0);
    expect(await db.customers.storageInstance.findDocumentsById([gone.id], true)).toHaveLength(0);
    await db.close();
  });

  it('a schema migration (RxDB reads the old collection\'s change feed from its start) carries every unstamped document', async () => {
    addRxPlugin(RxDBMigrationSchemaPlugin);
    const idb = new IDBFactory();
    const open = async (version: number) => {
      const db = await createRxDatabase<{ things: RxCollection<{ id: string; name: string }> }>({ name: 'migrated', storage: wrappedValidateAjvStorage({ storage: lotbookStorage({ indexedDB: idb, IDBKeyRange }) }), multiInstance: false });
      await db.addCollections({ things: { schema: thingsSchema(version), migrationStrategies: version ? { 1: (d: { id: string; name: string }) => ({ ...d, name: d.name.toUpperCase() }) } : {} } });
      return db;
    };
    const v0 = await open(0);
    await v0.things.insert({ id: 'z-local', name: 'local' });
    const table = await tableOf(v0.things);
    await table.bulkAdd(Array.from({ length: 30 }, (_, i) => unstamped({ id: `boot-${String(i).padStart(2, '0')}`, name: `boot ${i}` })));
    await v0.close();
    const v1 = await open(1);
    const names = (await v1.things.find({ sort: [{ id: 'asc' }] }).exec()).map((d) => d.name);
    expect(names).toHaveLength(31);
    expect(names[0]).toBe('BOOT 0');
    expect(names.at(-1)).toBe('LOCAL');
    await v1.close();
  });
});

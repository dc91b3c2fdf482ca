// Bundled by first-sync.bench.ts (vite build, no dev mode) and run inside headless Chromium: the
// two storage ceilings of issue 16 over the documents the manager downloads, on real IndexedDB.
import { COLLECTION_NAMES, COLLECTIONS, SCHEMA_VERSION_PARAM, syncPaths, type CollectionName } from '@lotbook/shared';
import { Dexie } from 'dexie';
import { fillWithDefaultSettings } from 'rxdb';
import { getDexieStoreSchema } from 'rxdb/plugins/storage-dexie';
import { syncedSchemas } from '../src/db/schema.ts';
import { createLotbookDatabase } from '../src/db/index.ts';
import { placeholderDoc } from '../src/db/placeholders.ts';
import { indexesNotStored, withoutIndexes } from '../src/db/storage.ts';

type Doc = Record<string, unknown>;

async function fetchAll(baseUrl: string, email: string, password: string, pageSize: number): Promise<Map<CollectionName, Doc[]>> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!login.ok) throw new Error(`login: ${login.status}`);
  const { access_token: token } = (await login.json()) as { access_token: string };
  const headers = { authorization: `Bearer ${token}`, 'x-device-id': crypto.randomUUID(), accept: 'application/json' };
  const all = new Map<CollectionName, Doc[]>();
  for (const c of COLLECTION_NAMES) {
    const docs: Doc[] = [];
    for (let seq = 0; ; ) {
      const res = await fetch(`${baseUrl}${syncPaths.pull(c)}?seq=${seq}&limit=${pageSize}&${SCHEMA_VERSION_PARAM}=${COLLECTIONS[c].schemaVersion}`, { headers });
      if (!res.ok) throw new Error(`pull ${c}: ${res.status}`);
      const page = (await res.json()) as { documents: Doc[]; checkpoint: { seq: number } };
      if (page.documents.length === 0) break;
      docs.push(...page.documents);
      seq = page.checkpoint.seq;
    }
    all.set(c, docs);
  }
  return all;
}

/** Raw Dexie: one table per collection keyed by id, bulkPut in chunks of `chunk`. */
async function rawDexie(all: Map<CollectionName, Doc[]>, chunk: number): Promise<number> {
  const db = new Dexie(`bench-raw-${Date.now()}`);
  db.version(1).stores(Object.fromEntries(COLLECTION_NAMES.map((c) => [c, 'id'])));
  await db.open();
  const t0 = performance.now();
  for (const [c, docs] of all) for (let i = 0; i < docs.length; i += chunk) await db.table(c).bulkPut(docs.slice(i, i + chunk));
  const ms = performance.now() - t0;
  db.close();
  await Dexie.delete(db.name);
  return ms;
}

/**
 * Raw Dexie again, with the IndexedDB indexes the app's collections have: the stores the app's
 * storage (src/db/storage.ts: RxDB's Dexie storage without the indexes no query uses) declares
 * for the app's schemas, and the documents as the first download stores them (without a write
 * time, so outside the change feed's index; RxDB's pulled mark with its 64-character hash, and a
 * short revision: sync/bootstrap.ts). Not a target of the issue: it shows what the indexes the
 * screens query by cost IndexedDB itself.
 */
async function rawDexieIndexed(all: Map<CollectionName, Doc[]>, chunk: number): Promise<number> {
  const schemas = syncedSchemas();
  const db = new Dexie(`bench-indexed-${Date.now()}`);
  db.version(1).stores(
    Object.fromEntries(
      COLLECTION_NAMES.map((c) => {
        const filled = fillWithDefaultSettings(schemas[c] as never);
        return [c, withoutIndexes(getDexieStoreSchema(filled), indexesNotStored(c, filled))];
      }),
    ),
  );
  await db.open();
  // A hash as long as RxDB's (sha256, hex) and a revision as long as the first download's.
  const hash = [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode('bench')))].map((b) => b.toString(16).padStart(2, '0')).join('');
  const rev = `1-${hash.slice(0, 10)}`;
  const stored = [...all].map(([c, docs]) => [c, docs.map((d) => ({ ...d, _deleted: d._deleted ? '1' : '0', _meta: { o: { _rev: 1, hash } }, _rev: rev, _attachments: {} }))] as const);
  const t0 = performance.now();
  for (const [c, docs] of stored) for (let i = 0; i < docs.length; i += chunk) await db.table(c).bulkPut(docs.slice(i, i + chunk));
  const ms = performance.now() - t0;
  db.close();
  await Dexie.delete(db.name);
  return ms;
}

/** RxDB on Dexie with the app's schemas, no dev mode: bulkInsert in chunks of `chunk`. */
async function rxdbInsert(all: Map<CollectionName, Doc[]>, chunk: number): Promise<number> {
  const db = await createLotbookDatabase({ name: `benchrx${Date.now()}`, multiInstance: false, devMode: false });
  try {
    // A tombstone on the wire may carry only {id, _deleted, seq}: completed as the replication does.
    const prepared = [...all].map(([c, docs]) => {
      const filler = placeholderDoc(db.collections[c] as never);
      return [c, docs.map((d) => (d._deleted ? { ...filler, ...d } : d))] as const;
    });
    const t0 = performance.now();
    for (const [c, docs] of prepared) {
      const col = db.collections[c] as unknown as { bulkInsert(d: Doc[]): Promise<{ error: unknown[] }> };
      for (let i = 0; i < docs.length; i += chunk) {
        const r = await col.bulkInsert(docs.slice(i, i + chunk));
        if (r.error.length) throw new Error(`bulkInsert ${c}: ${JSON.stringify(r.error[0]).slice(0, 300)}`);
      }
    }
    return performance.now() - t0;
  } finally {
    await db.remove();
  }
}

async function runCeilings(baseUrl: string, email: string, password: string, pageSize: number): Promise<{ docs: number; dexieMs: number; indexedMs: number; rxdbMs: number }> {
  const all = await fetchAll(baseUrl, email, password, pageSize);
  const docs = [...all.values()].reduce((n, d) => n + d.length, 0);
  const dexieMs = await rawDexie(all, pageSize);
  const indexedMs = await rawDexieIndexed(all, pageSize);
  const rxdbMs = await rxdbInsert(all, pageSize);
  return { docs, dexieMs, indexedMs, rxdbMs };
}

(globalThis as unknown as { runCeilings: typeof runCeilings }).runCeilings = runCeilings;

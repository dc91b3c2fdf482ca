/**
 * Part of `pnpm bench:sync`: a fresh device's initial sync, in Node (RxDB on Dexie over
 * fake-indexeddb) against the real server on the large demo seed, as the manager (who pulls the
 * whole dealership). Prints docs/s. Uses Postgres when TEST_DATABASE_URL is set, else PGlite.
 * The in-browser figure (real IndexedDB) is printed by `pnpm bench:pwa`.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { EventSource as NodeEventSource } from 'eventsource';
import { startTestServer } from '@lotbook/sync-server/test-harness';
import { seedDemo } from '@lotbook/sync-server/seed';
import { createSessionStore, loginRequest, memoryStorage } from '../src/auth/session.ts';
import { createLotbookDatabase, startSync } from '../src/db/index.ts';
import { lotbookStorage } from '../src/db/storage.ts';

const out = (s: string) => process.stdout.write(`${s}\n`);

async function main() {
  const where = process.env.TEST_DB === 'postgres' ? 'Postgres' : 'PGlite';
  out(`bench:sync (device) — server on ${where}, command: pnpm bench:sync`);
  let t0 = performance.now();
  const server = await startTestServer({ seed: (db) => seedDemo(db, { scale: 'large', now: new Date('2026-11-01T09:00:00Z') }) });
  out(`large seed ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  try {
    for (const batchSize of [1000, 2000]) {
      const session = createSessionStore({ baseUrl: server.url, storage: memoryStorage() });
      session.set(await loginRequest(server.url, 'gerente@demo.example', 'demo1234'));
      const db = await createLotbookDatabase({
        name: `bench${batchSize}`,
        storage: lotbookStorage({ indexedDB: new IDBFactory(), IDBKeyRange }),
        multiInstance: false,
        devMode: false,
      });
      t0 = performance.now();
      const sync = startSync(db, { baseUrl: server.url, session, EventSource: NodeEventSource as unknown as typeof EventSource, batchSize });
      await sync.awaitInitialSync();
      const seconds = (performance.now() - t0) / 1000;
      let docs = 0;
      for (const c of Object.values(db.collections)) docs += (await c.find().exec()).length;
      out(`Node (fake-indexeddb), page ${batchSize}: initial sync of ${docs} docs in ${seconds.toFixed(1)} s = ${Math.round(docs / seconds)} docs/s`);
      await sync.stop();
      await db.close();
    }
  } finally {
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);

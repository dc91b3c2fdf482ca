/**
 * Node helper: first-sync throughput of the real client (RxDB on Dexie over fake-indexeddb, no
 * dev-mode) against a real server on PGlite. fake-indexeddb is much slower than a browser's
 * IndexedDB, so read the figures as relative (batch sizes, regressions), not as the Chromium rate.
 *   npx tsx src/db/testing/initial-sync.bench.ts [small|large] [batch sizes...]
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { EventSource } from 'eventsource';
import { startTestServer } from '@lotbook/sync-server/test-harness';
import { seedDemo } from '@lotbook/sync-server/seed';
import { createSessionStore, loginRequest, memoryStorage } from '../../auth/session.ts';
import { createLotbookDatabase, startSync } from '../index.ts';
import { lotbookStorage } from '../storage.ts';

const scale = process.argv[2] === 'large' ? 'large' : 'small';
const sizes = process.argv.slice(3).map(Number).filter((n) => n > 0);
const server = await startTestServer({ seed: (db) => seedDemo(db, { scale }) });
try {
  for (const batchSize of sizes.length ? sizes : [500, 1000, 2000]) {
    const session = createSessionStore({ baseUrl: server.url, storage: memoryStorage() });
    session.set(await loginRequest(server.url, 'gerente@demo.example', 'demo1234'));
    const db = await createLotbookDatabase({ name: `bench${batchSize}`, storage: lotbookStorage({ indexedDB: new IDBFactory(), IDBKeyRange }), multiInstance: false });
    const t0 = performance.now();
    const sync = startSync(db, { baseUrl: server.url, session, EventSource: EventSource as unknown as typeof globalThis.EventSource, batchSize });
    await sync.awaitInitialSync();
    const ms = performance.now() - t0;
    const { pulled } = sync.status$.getValue().initial;
    console.log(`scale=${scale} batch=${batchSize} docs=${pulled} ms=${Math.round(ms)} docs/s=${Math.round((pulled / ms) * 1000)}`);
    await sync.stop();
    await db.remove();
  }
} finally {
  await server.stop();
}

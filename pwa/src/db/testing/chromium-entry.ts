// Bundled by chromium-bench.ts and run inside headless Chromium: the real client on real IndexedDB.
import { createSessionStore, loginRequest, memoryStorage } from '../../auth/session.ts';
import { createLotbookDatabase, startSync } from '../index.ts';

async function runBench(baseUrl: string, email: string, batchSize: number, fast = true): Promise<{ docs: number; ms: number; lotMs: number }> {
  const session = createSessionStore({ baseUrl, storage: memoryStorage() });
  session.set(await loginRequest(baseUrl, email, 'demo1234'));
  const db = await createLotbookDatabase({ name: `bench-${batchSize}-${Date.now()}`, multiInstance: (globalThis as { BENCH_MULTI?: boolean }).BENCH_MULTI === true });
  const t0 = performance.now();
  const sync = startSync(db, { baseUrl, session, batchSize, fastFirstDownload: fast });
  // The inventory is usable once a search over it answers with cars.
  let lotMs = -1;
  const lot = (async () => {
    for (;;) {
      const found = await db.vehicles.find({ selector: { status: 'available' }, limit: 20 }).exec();
      if (found.length >= 20 || sync.status$.getValue().initial.done) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    lotMs = performance.now() - t0;
  })();
  await sync.awaitInitialSync();
  await lot;
  const ms = performance.now() - t0;
  const docs = sync.status$.getValue().initial.pulled;
  await sync.stop();
  await db.remove();
  return { docs, ms, lotMs };
}

(globalThis as unknown as { runBench: typeof runBench }).runBench = runBench;

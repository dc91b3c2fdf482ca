// Bundled by chromium-bench.ts and run inside headless Chromium: the real client on real IndexedDB.
import { createSessionStore, loginRequest, memoryStorage } from '../../auth/session.ts';
import { createLotbookDatabase, startSync } from '../index.ts';

async function runBench(baseUrl: string, email: string, batchSize: number): Promise<{ docs: number; ms: number }> {
  const session = createSessionStore({ baseUrl, storage: memoryStorage() });
  session.set(await loginRequest(baseUrl, email, 'demo1234'));
  const db = await createLotbookDatabase({ name: `bench-${batchSize}-${Date.now()}`, multiInstance: false });
  const t0 = performance.now();
  const sync = startSync(db, { baseUrl, session, batchSize });
  await sync.awaitInitialSync();
  const ms = performance.now() - t0;
  const docs = sync.status$.getValue().initial.pulled;
  await sync.stop();
  await db.remove();
  return { docs, ms };
}

(globalThis as unknown as { runBench: typeof runBench }).runBench = runBench;

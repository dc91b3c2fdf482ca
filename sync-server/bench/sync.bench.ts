/**
 * `pnpm bench:sync`: sync figures on the large demo seed. Prints, per database:
 * - server pull throughput (docs/s) for a manager's full initial pull over HTTP;
 * - device-to-device propagation p50/p95 through two server instances (Postgres LISTEN/NOTIFY);
 * - server memory per idle SSE connection at 1,000 connections.
 * The device-side initial sync (Node and Chromium) is measured by `pnpm --filter @lotbook/pwa bench:pwa`
 * and pwa/bench (they need the RxDB client).
 * Figures, not assertions: the machine is small and noisy, so read medians.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COLLECTION_NAMES } from '@lotbook/shared';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedDemo } from '../src/seed/index.ts';
import { createContext, startServer } from '../src/server.ts';
import { testEnv } from '../src/test/harness.ts';
import { tokenFor } from '../src/test/fixtures.ts';
import { openSse } from '../src/test/sse.ts';
import { edit, RawSyncClient } from '../src/test/sync-client.ts';
import { percentiles, round, throwawayPostgres } from './bench-utils.ts';

const out = (s: string) => process.stdout.write(`${s}\n`);

async function managerOf(db: Database) {
  const r = await db.rows<{ id: string; dealership_id: string; email: string }>(sql`SELECT id::text, dealership_id::text, email FROM users WHERE role = 'manager' ORDER BY email LIMIT 1`);
  return { ...r[0]!, role: 'manager' as const };
}

async function adminOf(db: Database) {
  const r = await db.rows<{ id: string; dealership_id: string; email: string }>(sql`SELECT id::text, dealership_id::text, email FROM users WHERE role = 'admin' ORDER BY email LIMIT 1`);
  return { ...r[0]!, role: 'admin' as const };
}

async function pullThroughput(label: string, db: Database) {
  const ctx = await createContext(testEnv(), { db });
  const server = await startServer(ctx);
  const manager = await managerOf(db);
  const client = new RawSyncClient(server.url, await tokenFor(manager, ctx.jwtSecret), 'bench');
  const runs: number[] = [];
  let docs = 0;
  for (let run = 0; run < 3; run++) {
    docs = 0;
    const t0 = performance.now();
    for (const c of COLLECTION_NAMES) {
      let seq = 0;
      for (;;) {
        const page = await client.pull(c, seq, 2000);
        if (page.documents.length === 0) break;
        docs += page.documents.length;
        seq = page.checkpoint.seq;
      }
    }
    runs.push(docs / ((performance.now() - t0) / 1000));
  }
  out(`${label}: server pull throughput, manager full pull of ${docs} docs, page 2000: median ${Math.round(percentiles(runs).p50)} docs/s (runs: ${runs.map((r) => Math.round(r)).join(', ')})`);
  await server.close();
}

async function propagation(label: string, urlA: string, urlB: string, db: Database) {
  const manager = await managerOf(db);
  const ctx = await createContext(testEnv(), { db });
  const token = await tokenFor(manager, ctx.jwtSecret);
  const writer = new RawSyncClient(urlA, token, 'bench-a');
  const reader = new RawSyncClient(urlB, token, 'bench-b');
  const stream = await openSse(`${urlB}/sync/v1/stream`, token);
  await stream.next((e) => e.event === 'resync');
  const leadId = (await db.rows<{ id: string }>(sql`SELECT id::text FROM leads WHERE dealership_id = ${manager.dealership_id}::uuid ORDER BY id LIMIT 1`))[0]!.id;
  const initial = await reader.pullAll('leads');
  let seq = initial.seq;
  let current = initial.docs.get(leadId)!;
  const samples: number[] = [];
  for (let i = 0; i < 60; i++) {
    const before = stream.events.length;
    const t0 = performance.now();
    await writer.push('leads', [edit(current, { notes: `bench ${i}` })]);
    await stream.next((e) => e.event === 'change' && stream.events.indexOf(e) >= before);
    for (;;) {
      const page = await reader.pull('leads', seq, 100);
      seq = page.checkpoint.seq || seq;
      const got = page.documents.find((d) => d.id === leadId && d.notes === `bench ${i}`);
      if (got) {
        current = got;
        break;
      }
    }
    samples.push(performance.now() - t0);
  }
  const p = percentiles(samples.slice(5));
  out(`${label}: device-to-device propagation (push via instance A -> SSE hint on instance B -> pull): p50 ${p.p50} ms, p95 ${p.p95} ms (n=${p.n})`);
  stream.close();
}

async function sseMemory(label: string, env: Record<string, string>) {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: new URL('..', import.meta.url).pathname,
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn', SEED_DEMO: 'false' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (await fetch(`${base}/health/live`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const db = await openDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: join(env.DATA_DIR!, 'pglite') });
  const manager = await managerOf(db);
  const admin = await adminOf(db);
  await db.close();
  const secretCtx = testEnv(env.JWT_SECRET ? { JWT_SECRET: env.JWT_SECRET } : {});
  const token = await tokenFor(manager, secretCtx.JWT_SECRET!);
  const adminToken = await tokenFor(admin, secretCtx.JWT_SECRET!);
  // /health/details is admin-only since issue 8 (nothing public about dealerships or streams).
  const health = async () => ((await (await fetch(`${base}/health/details`, { headers: { authorization: `Bearer ${adminToken}` } })).json()) as { process: { rss_mb: number; heap_used_mb: number }; sync: { stream_connections: number } });
  await new Promise((r) => setTimeout(r, 1000));
  const before = await health();
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const reqs: http.ClientRequest[] = [];
  for (let i = 0; i < 1000; i++) {
    await new Promise<void>((resolve, reject) => {
      const req = http.get(`${base}/sync/v1/stream`, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
        res.once('data', () => resolve());
      });
      req.on('error', reject);
      reqs.push(req);
    });
  }
  await new Promise((r) => setTimeout(r, 2000));
  const after = await health();
  const perConnRss = ((after.process.rss_mb - before.process.rss_mb) * 1024) / 1000;
  const perConnHeap = ((after.process.heap_used_mb - before.process.heap_used_mb) * 1024) / 1000;
  out(`${label}: idle SSE connections: ${after.sync.stream_connections}; server memory per connection: ${round(perConnRss, 2)} KB RSS, ${round(perConnHeap, 2)} KB JS heap`);
  for (const r of reqs) r.destroy();
  child.kill('SIGTERM');
}

async function main() {
  out(`bench:sync — ${new Date().toISOString()} — command: pnpm bench:sync`);
  // PGlite, in a data directory so that the SSE memory run can open it from a child process.
  const dir = mkdtempSync(join(tmpdir(), 'lotbook-bench-'));
  const pglite = await openDatabase({ dataDir: join(dir, 'pglite') });
  await migrate(pglite);
  let t0 = performance.now();
  const summary = await seedDemo(pglite, { scale: 'large', now: new Date('2026-11-01T09:00:00Z') });
  out(`PGlite: large seed in ${round((performance.now() - t0) / 1000)} s ${JSON.stringify(summary)}`);
  await pullThroughput('PGlite', pglite);
  await pglite.close();
  await sseMemory('PGlite', { DATA_DIR: dir, JWT_SECRET: 'bench-secret-bench-secret-bench-secret-01' });
  rmSync(dir, { recursive: true, force: true });

  const pgdb = await throwawayPostgres('lotbook_bench');
  if (!pgdb) return;
  try {
    const db = await openDatabase({ databaseUrl: pgdb.url, poolSize: 10 });
    await migrate(db);
    t0 = performance.now();
    await seedDemo(db, { scale: 'large', now: new Date('2026-11-01T09:00:00Z') });
    out(`Postgres: large seed in ${round((performance.now() - t0) / 1000)} s`);
    await pullThroughput('Postgres', db);
    const a = await startServer(await createContext(testEnv(), { db }));
    const db2 = await openDatabase({ databaseUrl: pgdb.url, poolSize: 5 });
    const b = await startServer(await createContext(testEnv(), { db: db2 }));
    await propagation('Postgres, two instances', a.url, b.url, db);
    await a.close();
    await b.close();
    await db2.close();
    await db.close();
    await sseMemory('Postgres', { DATABASE_URL: pgdb.url, JWT_SECRET: 'bench-secret-bench-secret-bench-secret-01' });
  } finally {
    await pgdb.drop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);

/**
 * pnpm bench:notify — prints:
 * - server event → device bell latency, p50/p95, over BENCH_NOTIFICATIONS (200) notifications
 *   with BENCH_DEVICES (100) connected devices: notify() on the server, then the device's SSE
 *   hint and its pull of `notifications` (what puts it on the bell);
 * - server memory per idle stream connection at BENCH_IDLE_CONNECTIONS (1,000), RSS and JS heap.
 * PGlite by default; Postgres too when BENCH_POSTGRES=1 (BENCH_DATABASE_URL or TEST_DATABASE_URL).
 * A smoke run: BENCH_DEVICES=5 BENCH_NOTIFICATIONS=20 BENCH_IDLE_CONNECTIONS=50 pnpm bench:notify
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { notify } from '../src/notifications/notify.ts';
import { createContext, startServer } from '../src/server.ts';
import { createFixture, tokenFor, type FixtureUser } from '../src/test/fixtures.ts';
import { testEnv } from '../src/test/harness.ts';
import { openSse } from '../src/test/sse.ts';
import { RawSyncClient } from '../src/test/sync-client.ts';
import { percentiles, round, throwawayPostgres } from './bench-utils.ts';

const DEVICES = Number(process.env.BENCH_DEVICES ?? 100);
const NOTIFICATIONS = Number(process.env.BENCH_NOTIFICATIONS ?? 200);
const IDLE = Number(process.env.BENCH_IDLE_CONNECTIONS ?? 1000);
const SECRET = 'bench-secret-bench-secret-bench-secret-01';
const out = (s: string) => process.stdout.write(`${s}\n`);

/** A dealership with `n` reps (one device each) and an admin (for /health/details). */
async function team(db: Database, n: number): Promise<{ dealershipId: string; reps: FixtureUser[]; admin: FixtureUser }> {
  const fx = await createFixture(db, 'Bench Motors');
  const reps: FixtureUser[] = [];
  for (let i = 0; i < n; i++) {
    const u: FixtureUser = { id: randomUUID(), email: `rep${i}-${fx.dealershipId.slice(0, 8)}@bench.example`, role: 'sales', dealership_id: fx.dealershipId };
    await db.rows(sql`INSERT INTO users (id, dealership_id, email, password_hash, first_name, last_name, role)
      VALUES (${u.id}::uuid, ${u.dealership_id}::uuid, ${u.email}, 'x', ${`Rep${i}`}, 'Bench', 'sales')`);
    reps.push(u);
  }
  await db.rows(sql`UPDATE users SET role = 'admin' WHERE id = ${fx.users.viewer.id}::uuid`);
  return { dealershipId: fx.dealershipId, reps, admin: { ...fx.users.viewer, role: 'admin' } };
}

/** One device: an SSE stream; on each notifications hint it pulls, and notes when a bench title lands. */
async function device(url: string, user: FixtureUser, landed: (title: string) => void) {
  const token = await tokenFor(user, SECRET, 3600);
  const client = new RawSyncClient(url, token);
  let seq = (await client.pullAll('notifications')).seq;
  const stream = await openSse(`${url}/sync/v1/stream`, token);
  await stream.next((e) => e.event === 'resync');
  let pulling = false;
  let again = false;
  const pull = async () => {
    if (pulling) {
      again = true;
      return;
    }
    pulling = true;
    do {
      again = false;
      const page = await client.pull('notifications', seq);
      for (const d of page.documents) landed(String(d.title));
      seq = page.checkpoint.seq;
    } while (again);
    pulling = false;
  };
  let closed = false;
  void (async () => {
    let from = 0;
    while (!closed) {
      const e = await stream.next((x) => x.event === 'change' && stream.events.indexOf(x) >= from, 3_600_000).catch(() => null);
      if (!e) return;
      from = stream.events.indexOf(e) + 1;
      if ((e.data as { collection?: string }).collection === 'notifications') void pull();
    }
  })();
  return {
    close: () => {
      closed = true;
      stream.close();
    },
  };
}

async function latency(label: string, db: Database) {
  const { dealershipId, reps } = await team(db, DEVICES);
  const server = await startServer(await createContext(testEnv({ JWT_SECRET: SECRET, LOG_LEVEL: 'silent' }), { db }));
  const sent = new Map<string, number>();
  const samples: number[] = [];
  let resolveAll!: () => void;
  const all = new Promise<void>((r) => (resolveAll = r));
  const landed = (title: string) => {
    const t0 = sent.get(title);
    if (t0 === undefined) return;
    sent.delete(title);
    samples.push(performance.now() - t0);
    if (samples.length === NOTIFICATIONS) resolveAll();
  };
  const devices = [];
  for (const r of reps) devices.push(await device(server.url, r, landed));
  for (let i = 0; i < NOTIFICATIONS; i++) {
    const user = reps[i % reps.length]!;
    const title = `bench-${i}-${randomUUID().slice(0, 6)}`;
    sent.set(title, performance.now());
    await notify(db, { dealershipId, userId: user.id, type: 'hot_lead', priority: 'high', dedupKey: title, title: { es: title, en: title }, body: { es: '', en: '' } });
    await new Promise((r) => setTimeout(r, 10));
  }
  await Promise.race([all, new Promise((r) => setTimeout(r, 60_000))]);
  const p = percentiles(samples);
  out(`${label}: server event → device bell over ${p.n}/${NOTIFICATIONS} notifications, ${DEVICES} connected devices: p50 ${p.p50} ms, p95 ${p.p95} ms (target p95 < 100 ms)`);
  for (const d of devices) d.close();
  await server.close();
}

async function idleMemory(label: string, env: Record<string, string>, admin: FixtureUser, users: FixtureUser[]) {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: new URL('..', import.meta.url).pathname,
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn', SEED_DEMO: 'false', ENABLE_SCHEDULED_TASKS: 'false', JWT_SECRET: SECRET },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; i < 300; i++) {
      if (await fetch(`${base}/health/live`).then((r) => r.ok, () => false)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    // At most 5 streams per user (sync/stream.ts): the connections are spread over enough users.
    const tokens = await Promise.all(users.map((u) => tokenFor(u, SECRET, 3600)));
    const adminToken = await tokenFor(admin, SECRET, 3600);
    const health = async () => ((await (await fetch(`${base}/health/details`, { headers: { authorization: `Bearer ${adminToken}` } })).json()) as { process: { rss_mb: number; heap_used_mb: number }; sync: { stream_connections: number } });
    await new Promise((r) => setTimeout(r, 1000));
    const before = await health();
    const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
    const reqs: http.ClientRequest[] = [];
    for (let i = 0; i < IDLE; i++) {
      await new Promise<void>((resolve, reject) => {
        const req = http.get(`${base}/sync/v1/stream`, { agent, headers: { authorization: `Bearer ${tokens[i % tokens.length]!}` } }, (res) => res.once('data', () => resolve()));
        req.on('error', reject);
        reqs.push(req);
      });
    }
    await new Promise((r) => setTimeout(r, 2000));
    const after = await health();
    const rss = ((after.process.rss_mb - before.process.rss_mb) * 1024) / IDLE;
    const heap = ((after.process.heap_used_mb - before.process.heap_used_mb) * 1024) / IDLE;
    out(`${label}: ${after.sync.stream_connections} idle stream connections; server memory per connection: ${round(rss, 2)} KB RSS, ${round(heap, 2)} KB JS heap (target < 10 KB)`);
    for (const r of reqs) r.destroy();
  } finally {
    child.kill('SIGTERM');
  }
}

async function main() {
  out(`bench:notify — ${new Date().toISOString()} — ${DEVICES} devices, ${NOTIFICATIONS} notifications, ${IDLE} idle connections`);
  const dir = mkdtempSync(join(tmpdir(), 'lotbook-bench-notify-'));
  try {
    const pglite = await openDatabase({ dataDir: join(dir, 'pglite') });
    await migrate(pglite);
    await latency('PGlite', pglite);
    const { admin, reps } = await team(pglite, Math.ceil(IDLE / 5));
    await pglite.close();
    await idleMemory('PGlite', { DATA_DIR: dir }, admin, reps);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (process.env.BENCH_POSTGRES !== '1') return;
  const pgdb = await throwawayPostgres('lotbook_bench_notify');
  if (!pgdb) return;
  try {
    const db = await openDatabase({ databaseUrl: pgdb.url, poolSize: 10 });
    await migrate(db);
    await latency('Postgres', db);
    const { admin, reps } = await team(db, Math.ceil(IDLE / 5));
    await db.close();
    await idleMemory('Postgres', { DATABASE_URL: pgdb.url }, admin, reps);
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

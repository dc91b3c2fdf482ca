/**
 * API latency benchmark: seeds the LARGE demo (5k cars on the lot + 5k sold, 20k customers, 20k
 * leads, ~100k activities) into a fresh in-memory PGlite and into a throwaway Postgres database,
 * starts the real server on each, and measures inventory requests over HTTP (after a warmup).
 * Prints p50/p95 per scenario. A script that prints figures, not a test.
 *
 *   pnpm --filter @lotbook/sync-server bench:api [-- --requests 200 --warmup 40 --only pglite|postgres --explain]
 *
 * Postgres: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres.
 * A database `lotbook_bench_<random>` is created there and dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { signAccessToken } from '../src/auth/tokens.ts';
import { openDatabase, type Database } from '../src/db/client.ts';
import { users, vehicles } from '../src/db/schema.ts';
import { loadEnv } from '../src/env.ts';
import { vehicleListQuery } from '../src/inventory/query.ts';
import { vehicleListQueries } from '../src/inventory/service.ts';
import { seedDemo } from '../src/seed/index.ts';
import { createContext, startServer } from '../src/server.ts';

const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    requests: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '40' },
    only: { type: 'string' },
    explain: { type: 'boolean', default: false },
  },
});
const REQUESTS = Number(args.requests);
const WARMUP = Number(args.warmup);

const FILTERS = [
  'make=Toyota&price_max=35000&status=available',
  'body_type=suv&fuel_type=hybrid&price_max=40000&ordering=price',
  'status=available&year_min=2021&ordering=-year,price&page=3',
  'make=BMW,Mercedes-Benz,Audi&status=available,reserved&ordering=-price',
  'price_min=15000&price_max=25000&body_type=hatchback&ordering=mileage',
  'status=available&ordering=-days_in_stock&page_size=50',
  'model=golf&year_min=2020&year_max=2024',
  'fuel_type=electric&ordering=price&page=2',
];
const SEARCHES = [
  ...['camion', 'navegación', 'cámara trasera', 'híbrido automático', 'Toyota RAV4', 'techo solar panorámico', 'Blanco Perla'].map((t) => `search=${encodeURIComponent(t)}`),
  `search=${encodeURIComponent('asientos de cuero')}&status=available&ordering=price`,
];

interface Row {
  db: string;
  scenario: string;
  n: number;
  p50: number;
  p95: number;
  mean: number;
  /** The variant (query string) with the highest median, for the report. */
  slowest: string;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function measure(db: string, scenario: string, urls: string[], token: string): Promise<Row> {
  const headers = { authorization: `Bearer ${token}` };
  const hit = async (url: string) => {
    const res = await fetch(url, { headers });
    if (res.status !== 200) throw new Error(`${url} → ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  for (let i = 0; i < WARMUP; i++) await hit(urls[i % urls.length] as string);
  const times: number[] = [];
  const byUrl = new Map<string, number[]>();
  for (let i = 0; i < REQUESTS; i++) {
    const url = urls[i % urls.length] as string;
    const t0 = performance.now();
    await hit(url);
    const ms = performance.now() - t0;
    times.push(ms);
    byUrl.set(url, [...(byUrl.get(url) ?? []), ms]);
  }
  const sorted = times.toSorted((a, b) => a - b);
  const medians = [...byUrl].map(([url, t]) => [url, percentile(t.toSorted((a, b) => a - b), 50)] as const).toSorted((a, b) => b[1] - a[1]);
  const [slowUrl, slowMs] = medians[0] ?? ['', NaN];
  const slowest = urls.length > 20 ? '-' : `${decodeURIComponent(new URL(slowUrl).search)} ${r2(slowMs)} ms`;
  return { db, scenario, n: REQUESTS, p50: r2(percentile(sorted, 50)), p95: r2(percentile(sorted, 95)), mean: r2(times.reduce((s, x) => s + x, 0) / times.length), slowest };
}

type PlanRow = { 'QUERY PLAN': string };
/** Runs raw SQL text with $n parameters: PGlite directly, Postgres through a one-connection pool. */
let rawQuery: (text: string, params: unknown[]) => Promise<PlanRow[]> = async () => [];

/** Prints the plans of exactly the queries the API runs for `qs`. */
async function explain(db: Database, dealershipId: string, qs: string): Promise<void> {
  const q = vehicleListQuery.parse(Object.fromEntries(new URLSearchParams(qs)));
  const { count, page } = vehicleListQueries(db, dealershipId, q);
  for (const [label, query] of [['count', count], ['page', page]] as const) {
    const { sql: text, params } = query.toSQL();
    const lines = (await rawQuery(`explain analyze ${text}`, params)).map((r) => r['QUERY PLAN']);
    process.stdout.write(`\n  [${db.kind}] EXPLAIN ANALYZE (${label}) ${decodeURIComponent(qs)}\n${lines.map((l) => `    ${l}`).join('\n')}\n`);
  }
}

async function runOn(label: string, db: Database): Promise<Row[]> {
  const env = loadEnv({ NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', DATA_DIR: 'memory://', LOG_LEVEL: 'silent', SEED_DEMO: 'false', JWT_SECRET: randomBytes(24).toString('hex') });
  const ctx = await createContext(env, { db });
  const lite = db.pglite;
  if (lite) rawQuery = async (text, params) => (await lite.query<PlanRow>(text, params)).rows;
  const t0 = performance.now();
  const summary = await seedDemo(db, { scale: 'large' });
  const seedMs = Math.round(performance.now() - t0);
  process.stdout.write(`\n[${label}] large seed: ${seedMs} ms (build ${summary.build_ms} ms, insert ${summary.insert_ms} ms) ${JSON.stringify(summary.insert_ms_by_table)}\n`);
  process.stdout.write(`[${label}] rows: ${summary.vehicles} vehicles (${summary.vehicles_in_stock} on the lot), ${summary.customers} customers, ${summary.leads} leads, ${summary.lead_activities} activities, ${summary.sales} sales, ${summary.inventory_movements} movements\n`);
  const server = await startServer(ctx);
  try {
    const [gerente] = await db.orm.select().from(users).where(eq(users.email, 'gerente@demo.example'));
    if (!gerente) throw new Error('seed has no gerente');
    const token = await signAccessToken({ id: gerente.id, dealership_id: gerente.dealership_id, role: 'manager', email: gerente.email }, ctx.jwtSecret, 3600);
    const ids = (await db.orm.select({ id: vehicles.id }).from(vehicles).where(eq(vehicles.deleted, false))).map((r) => r.id);
    const pick = (i: number) => ids[(i * 7919) % ids.length] as string;
    const base = `${server.url}/api/v1/vehicles`;
    const rows = [
      await measure(label, 'filtered list', FILTERS.map((f) => `${base}?${f}`), token),
      await measure(label, 'full-text search', SEARCHES.map((s) => `${base}?${s}`), token),
      await measure(label, 'vehicle detail', Array.from({ length: 200 }, (_, i) => `${base}/${pick(i)}`), token),
    ];
    if (args.explain) {
      await explain(db, gerente.dealership_id, FILTERS[0] as string);
      await explain(db, gerente.dealership_id, `search=${encodeURIComponent('cámara trasera')}`);
    }
    return rows;
  } finally {
    await server.close();
  }
}

async function withPostgres<T>(fn: (db: Database) => Promise<T>): Promise<T | undefined> {
  const base = new URL(process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const name = `lotbook_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  try {
    await admin.connect();
  } catch (err) {
    process.stdout.write(`\n[postgres] skipped: cannot connect to ${base.host} (${(err as Error).message})\n`);
    return undefined;
  }
  admin.on('error', () => undefined);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), poolSize: 10 });
  const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
  pool.on('error', () => undefined); // the DROP ... WITH (FORCE) below ends idle connections
  rawQuery = async (text, params) => (await pool.query<PlanRow>(text, params)).rows;
  try {
    return await fn(db);
  } finally {
    await pool.end();
    await db.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function main() {
  process.stdout.write(`$ ${['pnpm --filter @lotbook/sync-server bench:api', ...process.argv.slice(2)].join(' ')}\n`);
  process.stdout.write(`node ${process.version}, ${REQUESTS} sequential requests per scenario after ${WARMUP} warmup requests\n`);
  const results: Row[] = [];
  if (args.only !== 'postgres') {
    const db = await openDatabase({ dataDir: 'memory://' });
    try {
      results.push(...(await runOn('pglite', db)));
    } finally {
      await db.close();
    }
  }
  if (args.only !== 'pglite') results.push(...((await withPostgres((db) => runOn('postgres', db))) ?? []));
  process.stdout.write('\n| database | scenario | requests | p50 ms | p95 ms | mean ms | slowest variant (median) |\n|---|---|---|---|---|---|---|\n');
  for (const r of results) process.stdout.write(`| ${r.db} | ${r.scenario} | ${r.n} | ${r.p50} | ${r.p95} | ${r.mean} | ${r.slowest} |\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);

/**
 * Import/export benchmark: seeds the demo into PGlite and a throwaway Postgres, starts the real
 * server in this process, imports a generated N-row vehicle CSV (50,000 by default) through
 * POST /api/v1/imports/vehicles and downloads the leads export as .xlsx. Prints rows per second
 * and the process's peak RSS during each. A script that prints figures, not a test.
 *
 *   pnpm bench:import [-- --rows 50000 --only pglite|postgres --scale small|large]
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, openAsBlob } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { makeVin } from '@lotbook/shared';
import { signAccessToken } from '../src/auth/tokens.ts';
import { openDatabase, type Database } from '../src/db/client.ts';
import { users } from '../src/db/schema.ts';
import { loadEnv } from '../src/env.ts';
import { seedDemo } from '../src/seed/index.ts';
import { createContext, startServer } from '../src/server.ts';
import { round, throwawayPostgres } from './bench-utils.ts';

const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { rows: { type: 'string', default: '50000' }, only: { type: 'string' }, scale: { type: 'string', default: 'large' } },
});
const ROWS = Number(args.rows);
const SCALE = args.scale === 'small' ? 'small' : 'large';

/** Writes the N-row stock sheet to a temporary file, so the client side holds no copy of it. */
async function stockCsv(n: number): Promise<{ path: string; bytes: number }> {
  const path = join(tmpdir(), `lotbook-bench-stock-${randomBytes(6).toString('hex')}.csv`);
  const out = createWriteStream(path);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve())));
  await write('Bastidor;Referencia;Marca;Modelo;Año;Carrocería;Combustible;Cambio;Precio;Kilómetros;Fecha de entrada');
  for (let i = 0; i < n; i++) {
    await write(`\r\n${makeVin('VSSZZZKJ', 'P', 'B', String(i).padStart(6, '0'))};B-${i};Seat;León;2022;Familiar;Diésel;Manual;${18_000 + (i % 5000)},50;${i % 200_000};01/03/2026`);
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return { path, bytes: (await stat(path)).size };
}

/** Runs fn while sampling the process RSS; returns its duration and the peak. */
async function measured<T>(fn: () => Promise<T>): Promise<{ ms: number; peakMb: number; value: T }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  try {
    const value = await fn();
    return { ms: performance.now() - t0, peakMb: round(peak / 2 ** 20), value };
  } finally {
    clearInterval(timer);
  }
}

async function runOn(label: string, db: Database): Promise<string[]> {
  const env = loadEnv({ NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', DATA_DIR: 'memory://', LOG_LEVEL: 'silent', SEED_DEMO: 'false', IMPORT_BODY_LIMIT_BYTES: String(256 * 2 ** 20), JWT_SECRET: randomBytes(24).toString('hex') });
  const ctx = await createContext(env, { db });
  const summary = await seedDemo(db, { scale: SCALE });
  process.stdout.write(`[${label}] ${SCALE} seed: ${summary.vehicles} vehicles, ${summary.leads} leads\n`);
  const server = await startServer(ctx);
  try {
    const [gerente] = await db.orm.select().from(users).where(eq(users.email, 'gerente@demo.example'));
    if (!gerente) throw new Error('seed has no gerente');
    const token = await signAccessToken({ id: gerente.id, dealership_id: gerente.dealership_id, role: 'manager', email: gerente.email }, ctx.jwtSecret, 3600);
    const csv = await stockCsv(ROWS);
    global.gc?.();
    const baseline = round(process.memoryUsage().rss / 2 ** 20);
    const imp = await measured(async () => {
      const form = new FormData();
      // A file-backed Blob: undici streams it from disk.
      form.set('file', await openAsBlob(csv.path), 'stock.csv');
      const res = await fetch(`${server.url}/api/v1/imports/vehicles`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      if (res.status !== 200) throw new Error(`import → ${res.status} ${(await res.text()).slice(0, 300)}`);
      return (await res.json()) as { counts: { created: number } };
    });
    await rm(csv.path, { force: true });
    const exp = await measured(async () => {
      const res = await fetch(`${server.url}/api/v1/exports/leads?format=xlsx`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`export → ${res.status}`);
      return (await res.arrayBuffer()).byteLength;
    });
    return [
      `| ${label} | import ${ROWS} vehicles (CSV, ${round(csv.bytes / 2 ** 20)} MB, streamed) | ${round(ROWS / (imp.ms / 1000), 0)} rows/s | ${baseline} → ${imp.peakMb} MB |`,
      `| ${label} | export ${summary.leads} leads (.xlsx, ${round(exp.value / 2 ** 20)} MB) | ${round(summary.leads / (exp.ms / 1000), 0)} rows/s | ${exp.peakMb} MB |`,
    ];
  } finally {
    await server.close();
  }
}

async function main() {
  const lines: string[] = [];
  if (args.only !== 'postgres') {
    const db = await openDatabase({ dataDir: 'memory://' });
    try {
      lines.push(...(await runOn('pglite', db)));
    } finally {
      await db.close();
    }
  }
  if (args.only !== 'pglite') {
    const pgdb = await throwawayPostgres('lotbook_bench_import');
    if (pgdb) {
      const db = await openDatabase({ databaseUrl: pgdb.url, poolSize: 10 });
      try {
        lines.push(...(await runOn('postgres', db)));
      } finally {
        await db.close();
        await pgdb.drop();
      }
    }
  }
  process.stdout.write(`\n| database | run | throughput | process RSS (peak) |\n|---|---|---|---|\n${lines.join('\n')}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);

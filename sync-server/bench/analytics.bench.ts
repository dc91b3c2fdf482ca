/**
 * Analytics latency benchmark: seeds the demo (large by default) into a fresh in-memory PGlite
 * and into a throwaway Postgres database, starts the real server on each, and measures every
 * analytics endpoint over HTTP as the manager (after a warmup). Prints p50/p95 per endpoint
 * (target: p95 < 50 ms on the large seed on Postgres) and the forecast's backtest error beside the
 * seasonal-naive baseline's. A script that prints figures, not a test.
 *
 *   pnpm bench:analytics [-- --requests 100 --warmup 10 --only pglite|postgres --scale small|large]
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { signAccessToken } from '../src/auth/tokens.ts';
import { openDatabase, type Database } from '../src/db/client.ts';
import { users } from '../src/db/schema.ts';
import { loadEnv } from '../src/env.ts';
import { seedDemo } from '../src/seed/index.ts';
import { createContext, startServer } from '../src/server.ts';
import { percentiles, throwawayPostgres } from './bench-utils.ts';

const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    requests: { type: 'string', default: '100' },
    warmup: { type: 'string', default: '10' },
    only: { type: 'string' },
    scale: { type: 'string', default: 'large' },
  },
});
const REQUESTS = Number(args.requests);
const WARMUP = Number(args.warmup);
const SCALE = args.scale === 'small' ? 'small' : 'large';

const ENDPOINTS = [
  'dashboard?period=month', 'dashboard?period=year', 'sellers?period=month', 'inventory-aging', 'leads-funnel?period=quarter',
  'restock', 'forecast?horizon_weeks=12', 'forecast?horizon_weeks=12&by=make', 'report.xlsx?period=month',
];

async function runOn(label: string, db: Database): Promise<string[]> {
  const env = loadEnv({ NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', DATA_DIR: 'memory://', LOG_LEVEL: 'silent', SEED_DEMO: 'false', JWT_SECRET: randomBytes(24).toString('hex') });
  const ctx = await createContext(env, { db });
  const t0 = performance.now();
  const summary = await seedDemo(db, { scale: SCALE });
  process.stdout.write(`\n[${label}] ${SCALE} seed in ${Math.round(performance.now() - t0)} ms: ${summary.vehicles} vehicles, ${summary.leads} leads, ${summary.sales} sales\n`);
  const server = await startServer(ctx);
  const lines: string[] = [];
  try {
    const [gerente] = await db.orm.select().from(users).where(eq(users.email, 'gerente@demo.example'));
    if (!gerente) throw new Error('seed has no gerente');
    const token = await signAccessToken({ id: gerente.id, dealership_id: gerente.dealership_id, role: 'manager', email: gerente.email }, ctx.jwtSecret, 3600);
    const hit = async (path: string) => {
      const res = await fetch(`${server.url}/api/v1/analytics/${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`${path} → ${res.status} ${await res.text()}`);
      return res;
    };
    for (const path of ENDPOINTS) {
      for (let i = 0; i < WARMUP; i++) await (await hit(path)).arrayBuffer();
      const times: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const start = performance.now();
        await (await hit(path)).arrayBuffer();
        times.push(performance.now() - start);
      }
      const p = percentiles(times);
      lines.push(`| ${label} | ${path} | ${p.n} | ${p.p50} | ${p.p95} | ${p.p95 < 50 ? 'yes' : 'no'} |`);
    }
    const f = (await (await hit('forecast?horizon_weeks=12')).json()) as { enough_history: boolean; total: { backtest: Record<string, { model_mape: number; baseline_mape: number }> } | null };
    const bt = f.total?.backtest;
    process.stdout.write(bt ? `[${label}] forecast backtest MAPE (12 weeks held out): units ${bt.units?.model_mape}% vs seasonal-naive ${bt.units?.baseline_mape}%; revenue ${bt.revenue?.model_mape}% vs ${bt.revenue?.baseline_mape}%\n` : `[${label}] forecast: not enough history\n`);
  } finally {
    await server.close();
  }
  return lines;
}

async function main() {
  process.stdout.write(`node ${process.version}, ${REQUESTS} sequential requests per endpoint after ${WARMUP} warmup requests\n`);
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
    const pgdb = await throwawayPostgres('lotbook_bench_analytics');
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
  process.stdout.write(`\n| database | endpoint | requests | p50 ms | p95 ms | p95 < 50 ms |\n|---|---|---|---|---|---|\n${lines.join('\n')}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);

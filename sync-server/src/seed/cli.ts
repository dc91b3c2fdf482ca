import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { loadEnv } from '../env.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, isDatabaseEmpty, seedDemo } from './index.ts';

const USAGE = `Usage: pnpm --filter @lotbook/sync-server seed -- [--scale small|large] [--reset] [--now ISO] [--seed N]
  Seeds the demo dealership into DATABASE_URL (or the PGlite in DATA_DIR).
  Refuses when the database already has data, unless --reset (which empties every table first).`;

/** Empties every application table; migrations (schema "drizzle") and the change sequence stay. */
async function wipe(db: Database): Promise<void> {
  const tables = await db.rows<{ name: string }>(sql`select tablename as name from pg_tables where schemaname = 'public'`);
  if (tables.length === 0) return;
  await db.rows(sql`truncate ${sql.join(tables.map((t) => sql.identifier(t.name)), sql`, `)} cascade`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    options: {
      scale: { type: 'string' },
      reset: { type: 'boolean', default: false },
      now: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const env = loadEnv();
  const scale = values.scale ?? env.SEED_SCALE;
  if (scale !== 'small' && scale !== 'large') throw new Error(`--scale must be small or large\n${USAGE}`);
  const now = values.now ? new Date(values.now) : undefined;
  if (now && Number.isNaN(now.getTime())) throw new Error(`--now must be an ISO date, got "${values.now}"`);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isSafeInteger(seed)) throw new Error(`--seed must be an integer, got "${values.seed}"`);

  const db = await openDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: env.DATA_DIR.startsWith('memory://') ? env.DATA_DIR : join(env.DATA_DIR, 'pglite') });
  try {
    await migrate(db);
    if (!(await isDatabaseEmpty(db))) {
      if (!values.reset) {
        process.stderr.write('The database already has data; nothing was changed. Use --reset to empty it and seed again.\n');
        return 1;
      }
      await wipe(db);
    }
    const summary = await seedDemo(db, { scale, ...(now ? { now } : {}), ...(seed !== undefined ? { seed } : {}) });
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n\nDemo logins (password ${DEMO_PASSWORD}):\n`);
    for (const l of DEMO_LOGINS) process.stdout.write(`  ${l.email.padEnd(24)} ${l.role}\n`);
    return 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);

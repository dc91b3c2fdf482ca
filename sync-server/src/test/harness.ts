import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../db/client.ts';
import { loadEnv, type Env } from '../env.ts';
import { createLogger } from '../log.ts';
import type { Clock } from '../jobs/clock.ts';
import { createContext, startServer, type RunningServer } from '../server.ts';

/**
 * Which database the server suite runs on: the vitest project sets TEST_DB=pglite|postgres.
 * On Postgres every test server gets its own throwaway database on TEST_DATABASE_URL's server.
 */
export const TEST_DB = (process.env.TEST_DB ?? 'pglite') as 'pglite' | 'postgres';

export interface TestDatabase {
  db: Database;
  url?: string;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is required when TEST_DB=postgres');
  return url;
}

/** A fresh, empty database (not yet migrated). */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (TEST_DB === 'pglite') {
    const db = await openDatabase({ dataDir: 'memory://' });
    return { db, drop: () => db.close() };
  }
  const base = new URL(adminUrl());
  const name = `lotbook_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), poolSize: 12, readPoolSize: 4 });
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close().catch(() => undefined);
      const a = new pg.Client({ connectionString: base.toString() });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export function testEnv(overrides: Record<string, string> = {}): Env {
  return loadEnv({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: 'memory://',
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SEED_DEMO: 'false',
    // Jobs run only when a test asks (scheduler.tick() with a FakeClock, or POST /api/v1/jobs/…/run).
    ENABLE_SCHEDULED_TASKS: 'false',
    ...overrides,
  });
}

export interface TestServer extends RunningServer {
  database: TestDatabase;
  /** Stops the HTTP server and drops the database. */
  stop(): Promise<void>;
}

/** A real server over HTTP on a fresh database, optionally seeded. */
export async function startTestServer(
  opts: { env?: Record<string, string>; database?: TestDatabase; seed?: (db: Database) => Promise<unknown>; clock?: Clock; instanceId?: string } = {},
): Promise<TestServer> {
  const database = opts.database ?? (await createTestDatabase());
  const env = testEnv(opts.env);
  const ctx = await createContext(env, { db: database.db, log: createLogger(env.LOG_LEVEL), clock: opts.clock, instanceId: opts.instanceId });
  if (opts.seed) await opts.seed(database.db);
  const server = await startServer(ctx);
  return {
    ...server,
    database,
    async stop() {
      await server.close();
      if (!opts.database) await database.drop();
    },
  };
}

/** Logs in over HTTP and returns the token pair. */
export async function login(baseUrl: string, email: string, password = 'demo1234') {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { access_token: string; refresh_token: string; user: { id: string; dealership_id: string; role: string } };
}

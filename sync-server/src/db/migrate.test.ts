import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { migrate } from './migrate.ts';
import { createTestDatabase, TEST_DB, type TestDatabase } from '../test/harness.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

it('applies every migration, and applying them again changes nothing', async () => {
  const first = await migrate(database.db);
  const count = async () => (await database.db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`))[0]!.n;
  const applied = await count();
  expect(applied).toBeGreaterThanOrEqual(2);
  const second = await migrate(database.db);
  expect(await count()).toBe(applied);
  expect(second).toEqual(first);
  const tables = await database.db.rows<{ t: string }>(sql`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'`);
  expect(tables.map((r) => r.t)).toEqual(expect.arrayContaining(['vehicles', 'leads', 'lead_activities', 'sales', 'customers', 'users', 'sync_rejections']));
});

it('creates the vector parts only where pgvector exists', async () => {
  const { vector } = await migrate(database.db);
  const ext = await database.db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM pg_available_extensions WHERE name = 'vector'`);
  expect(vector).toBe(ext[0]!.n > 0);
  if (TEST_DB === 'pglite') expect(vector).toBe(true);
  const table = await database.db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'content_embeddings'`);
  expect(table[0]!.n).toBe(vector ? 1 : 0);
});

it('is safe when two instances migrate the same database at once', async () => {
  if (TEST_DB !== 'postgres') return;
  const { openDatabase } = await import('./client.ts');
  const other = await openDatabase({ databaseUrl: database.url! });
  try {
    await Promise.all([migrate(database.db), migrate(other)]);
  } finally {
    await other.close();
  }
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createTestDatabase, startTestServer, TEST_DB, type TestDatabase, type TestServer } from '../test/harness.ts';
import { createFixture, tokenFor, type Fixture } from '../test/fixtures.ts';
import { edit, RawSyncClient } from '../test/sync-client.ts';

/**
 * The push holds the dealership write lock only for its writes (issue 17): rows are decided
 * without it, then re-read under it. These tests hold another transaction open on the same
 * dealership (Postgres only: PGlite has one connection, so nothing can be held open beside a push).
 */
let database: TestDatabase;
let server: TestServer;
let fx: Fixture;
let manager: RawSyncClient;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer({ database });
  fx = await createFixture(server.ctx.db);
  manager = new RawSyncClient(server.url, await tokenFor(fx.users.manager, server.ctx.jwtSecret), 'dev-lock');
});
afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

/** A raw connection holding a transaction open after writing a customer's address. */
async function holdOpenWrite(customerId: string, address: string) {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query('BEGIN');
  await client.query('UPDATE customers SET address = $1 WHERE id = $2', [address, customerId]);
  return {
    commit: async () => {
      await client.query('COMMIT');
      await client.end();
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 400));
const onPostgres = TEST_DB === 'postgres' ? it : it.skip;

describe('the push takes the write lock only to write (issue 17)', () => {
  onPostgres('no puller skips a sequence drawn by a transaction still open when a later one is pushed (invariant 1)', async () => {
    const [first, second] = fx.customerIds as [string, string];
    const { seq: start } = await manager.pullAll('customers');
    const held = await holdOpenWrite(first, 'Calle Abierta 1');
    // A push of another customer, decided without the lock, must wait for it before it writes.
    const doc = (await manager.get('customers', second))!;
    let pushed = false;
    const push = manager.push('customers', [edit(doc, { address: 'Calle Segunda 2' })]).then((c) => ((pushed = true), c));
    await settle();
    const during = await manager.pull('customers', start, 500);
    expect(during.documents.map((d) => d.id)).toEqual([]);
    expect(during.checkpoint.seq).toBe(start);
    expect(pushed).toBe(false);
    await held.commit();
    expect(await push).toEqual([]);
    const after = await manager.pull('customers', start, 500);
    // Both changes, the held one first: its seq was drawn first and committed first.
    expect(after.documents.map((d) => d.id)).toEqual([first, second]);
    expect(Number(after.documents[0]!.seq)).toBeLessThan(Number(after.documents[1]!.seq));
  });

  onPostgres('a row changed between the unlocked decision and the lock is decided again: stale, not overwritten (invariant 4)', async () => {
    const id = fx.customerIds[2]!;
    const before = (await manager.get('customers', id))!;
    const held = await holdOpenWrite(id, 'Calle del Otro 3');
    // Decided on the committed version (the held write is invisible), then it waits for the lock.
    const push = manager.push('customers', [edit(before, { phone: '+34600999888' })]);
    await settle();
    await held.commit();
    const conflicts = await push;
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!._rejection).toMatchObject({ reason: 'stale_version' });
    expect(conflicts[0]!.address).toBe('Calle del Otro 3');
    const now = (await manager.get('customers', id))!;
    expect(now.address).toBe('Calle del Otro 3');
    expect(now.phone).toBe(before.phone);
  });
});

describe('a write the database refuses on the fast path (issue 17)', () => {
  it('redoes the batch row by row: the other rows apply once, the refused one is reported as before', async () => {
    const vin = '1HGCM82633A004352';
    const base = (await manager.get('vehicles', fx.vehicleIds[0]!))!;
    const car = (id: string) => ({ ...base, id, vin, version: 0, seq: 0, status: 'available', reserved_by: null, reserved_until: null });
    const [a, b] = [randomUUID(), randomUUID()];
    // Neither exists when the batch is decided; the second collides with the first on the VIN index.
    const conflicts = await manager.push('vehicles', [{ assumedMasterState: null, newDocumentState: car(a) }, { assumedMasterState: null, newDocumentState: car(b) }]);
    expect(conflicts.map((c) => [c.id, (c._rejection as { reason: string }).reason])).toEqual([[b, 'duplicate']]);
    expect((await manager.get('vehicles', a))?.vin).toBe(vin);
    const audits = await server.ctx.db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'vehicles' AND entity_id IN (${a}, ${b})`);
    expect(audits[0]!.n).toBe(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client.ts';
import { createTestDatabase, startTestServer, TEST_DB, type TestDatabase, type TestServer } from '../test/harness.ts';
import { createFixture, tokenFor, type Fixture } from '../test/fixtures.ts';
import { openSse } from '../test/sse.ts';
import { edit, RawSyncClient } from '../test/sync-client.ts';

let database: TestDatabase;
let a: TestServer;
let b: TestServer;
let fx: Fixture;
let other: Fixture;

beforeAll(async () => {
  database = await createTestDatabase();
  a = await startTestServer({ database });
  // On Postgres, instance B has its own pool and its own LISTEN connection: a real second instance.
  b = TEST_DB === 'postgres' ? await startTestServer({ database: { ...database, db: await openDatabase({ databaseUrl: database.url! }) } }) : await startTestServer({ database });
  fx = await createFixture(a.ctx.db);
  other = await createFixture(a.ctx.db, 'Otro');
});
afterAll(async () => {
  await a?.stop();
  await b?.stop();
  if (TEST_DB === 'postgres') await b?.database.db.close().catch(() => undefined);
  await database?.drop();
});

describe('the change stream (invariant 9)', () => {
  it('a write through instance A reaches an SSE client of instance B', async () => {
    const token = await tokenFor(fx.users.ana, a.ctx.jwtSecret);
    const stream = await openSse(`${b.url}/sync/v1/stream`, token);
    expect(stream.status).toBe(200);
    await stream.next((e) => e.event === 'resync');
    const client = new RawSyncClient(a.url, token);
    const lead = (await client.get('leads', fx.leadIds.ana))!;
    expect(await client.push('leads', [edit(lead, { notes: 'hola' })])).toEqual([]);
    const hint = await stream.next((e) => e.event === 'change' && (e.data as { collection: string }).collection === 'leads');
    expect((hint.data as { checkpoint: { seq: number } }).checkpoint.seq).toBeGreaterThan(Number(lead.seq));
    stream.close();
  });

  it('does not send another dealership’s hints', async () => {
    const stream = await openSse(`${b.url}/sync/v1/stream`, await tokenFor(other.users.manager, a.ctx.jwtSecret));
    await stream.next((e) => e.event === 'resync');
    const client = new RawSyncClient(a.url, await tokenFor(fx.users.manager, a.ctx.jwtSecret));
    const v = (await client.get('vehicles', fx.vehicleIds[0]!))!;
    await client.push('vehicles', [edit(v, { lot_location: 'Z-99' })]);
    // A write in the other dealership after it proves the stream is live and ordered.
    const mine = new RawSyncClient(a.url, await tokenFor(other.users.manager, a.ctx.jwtSecret));
    const ov = (await mine.get('vehicles', other.vehicleIds[0]!))!;
    await mine.push('vehicles', [edit(ov, { lot_location: 'B-1' })]);
    await stream.next((e) => e.event === 'change');
    expect(stream.events.filter((e) => e.event === 'change')).toHaveLength(1);
    stream.close();
  });

  it('refuses a stream without a valid token', async () => {
    const res = await fetch(`${a.url}/sync/v1/stream?access_token=nope`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'invalid_token' });
  });
});

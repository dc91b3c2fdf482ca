import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client.ts';
import { createTestDatabase, startTestServer, TEST_DB, type TestDatabase, type TestServer } from '../test/harness.ts';
import { createFixture, tokenFor, type Fixture } from '../test/fixtures.ts';
import { openSse } from '../test/sse.ts';
import { edit, RawSyncClient } from '../test/sync-client.ts';
import { MAX_STREAMS_PER_USER } from './stream.ts';

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

  it('a salesperson gets hints for changes in their scope only, and for a row leaving it', async () => {
    const anaToken = await tokenFor(fx.users.ana, a.ctx.jwtSecret);
    const stream = await openSse(`${a.url}/sync/v1/stream`, anaToken);
    await stream.next((e) => e.event === 'resync');
    const manager = new RawSyncClient(a.url, await tokenFor(fx.users.manager, a.ctx.jwtSecret));
    const leadHints = () => stream.events.filter((e) => e.event === 'change' && (e.data as { collection: string }).collection === 'leads').length;
    // luis's lead changes: nothing for ana.
    const luisLead = (await manager.get('leads', fx.leadIds.luis))!;
    expect(await manager.push('leads', [edit(luisLead, { notes: 'privado' })])).toEqual([]);
    // A vehicle change after it: every rep sees inventory, so this hint proves the stream is live and ordered.
    const v = (await manager.get('vehicles', fx.vehicleIds[1]!))!;
    await manager.push('vehicles', [edit(v, { lot_location: 'C-3' })]);
    await stream.next((e) => e.event === 'change' && (e.data as { collection: string }).collection === 'vehicles');
    expect(leadHints()).toBe(0);
    // ana's own lead is reassigned to luis: ana hears of it (her next pull brings the tombstone).
    const anaLead = (await manager.get('leads', fx.leadIds.ana))!;
    expect(await manager.push('leads', [edit(anaLead, { assigned_to: fx.users.luis.id })])).toEqual([]);
    await stream.next((e) => e.event === 'change' && (e.data as { collection: string }).collection === 'leads');
    stream.close();
  });

  it('limits concurrent streams per user with a clear 429', async () => {
    const token = await tokenFor(other.users.viewer, a.ctx.jwtSecret);
    const open = [];
    for (let i = 0; i < MAX_STREAMS_PER_USER; i++) {
      const s = await openSse(`${a.url}/sync/v1/stream`, token);
      expect(s.status).toBe(200);
      await s.next((e) => e.event === 'resync');
      open.push(s);
    }
    const res = await fetch(`${a.url}/sync/v1/stream`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(429);
    expect(await res.json()).toMatchObject({ error: 'too_many_streams', details: { max: MAX_STREAMS_PER_USER } });
    open.pop()!.close();
    // The slot frees once the server sees the close.
    let again = 429;
    for (let i = 0; i < 50 && again === 429; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const s = await openSse(`${a.url}/sync/v1/stream`, token);
      again = s.status;
      if (s.status === 200) open.push(s);
      else await s.close();
    }
    expect(again).toBe(200);
    for (const s of open) s.close();
  });

  it('refuses a stream without a valid token', async () => {
    const res = await fetch(`${a.url}/sync/v1/stream?access_token=nope`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'invalid_token' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../test/harness.ts';
import { createFixture, tokenFor, type Fixture } from '../test/fixtures.ts';
import { edit, RawSyncClient } from '../test/sync-client.ts';
import { DeviceStats } from './stats.ts';

// Issue 17: a pull no longer writes its device's row; statistics are batched and still exact.
let server: TestServer;
let fx: Fixture;

beforeAll(async () => {
  // A flush interval far beyond the test: only reads and shutdown write.
  server = await startTestServer({ env: { SYNC_STATS_FLUSH_MS: '600000' } });
  fx = await createFixture(server.ctx.db);
});
afterAll(async () => {
  await server?.stop();
});

async function rowsFor(device: string) {
  return server.ctx.db.rows<{ last_checkpoint: Record<string, number>; pushed_docs: number; conflicts: number; last_pull_at: string | null; last_push_at: string | null }>(
    sql`SELECT last_checkpoint, pushed_docs, conflicts, last_pull_at::text, last_push_at::text FROM sync_devices WHERE device_id = ${device}`,
  );
}

describe('device statistics (batched)', () => {
  it('pulls and pushes write nothing until a flush, and the devices list reports them exactly', async () => {
    const ana = new RawSyncClient(server.url, await tokenFor(fx.users.ana, server.ctx.jwtSecret), 'stats-phone');
    const leads = await ana.pullAll('leads');
    await ana.pull('vehicles');
    const lead = leads.docs.get(fx.leadIds.ana)!;
    expect(await ana.push('leads', [edit(lead, { notes: 'uno' })])).toEqual([]);
    // The same edit again from a stale base: one conflict.
    const conflicts = await ana.push('leads', [edit(lead, { notes: 'dos' })]);
    expect(conflicts).toHaveLength(1);

    expect(await rowsFor('stats-phone')).toEqual([]);
    expect(DeviceStats.for(server.ctx).size).toBeGreaterThan(0);

    const manager = new RawSyncClient(server.url, await tokenFor(fx.users.manager, server.ctx.jwtSecret), 'stats-desk');
    const res = await fetch(`${server.url}/sync/v1/devices`, { headers: { authorization: `Bearer ${manager.token}` } });
    expect(res.status).toBe(200);
    const list = (await res.json()) as { results: { device_id: string; pushed_docs: number; conflicts: number; last_pull_at: string; last_push_at: string }[] };
    const phone = list.results.find((d) => d.device_id === 'stats-phone')!;
    expect(phone).toMatchObject({ pushed_docs: 1, conflicts: 1 });
    expect(phone.last_pull_at).toBeTruthy();
    expect(phone.last_push_at).toBeTruthy();

    const [row] = await rowsFor('stats-phone');
    expect(row!.last_checkpoint.leads).toBe(leads.seq);
    expect(row!.last_checkpoint.vehicles).toBeGreaterThan(0);
  });

  it('later activity adds to the stored row, and shutdown writes what is left', async () => {
    const ana = new RawSyncClient(server.url, await tokenFor(fx.users.ana, server.ctx.jwtSecret), 'stats-phone');
    const lead = (await ana.get('leads', fx.leadIds.ana))!;
    expect(await ana.push('leads', [edit(lead, { notes: 'tres' })])).toEqual([]);
    expect((await rowsFor('stats-phone'))[0]!.pushed_docs).toBe(1);
    await DeviceStats.for(server.ctx).close();
    const [row] = await rowsFor('stats-phone');
    expect(row!.pushed_docs).toBe(2);
    expect(row!.conflicts).toBe(1);
  });

  it('two devices of one user pulling at once are counted apart', async () => {
    const token = await tokenFor(fx.users.ana, server.ctx.jwtSecret);
    const a = new RawSyncClient(server.url, token, 'stats-a');
    const b = new RawSyncClient(server.url, token, 'stats-b');
    await Promise.all([a.pull('vehicles'), b.pull('vehicles'), a.pull('leads'), b.pull('leads')]);
    await DeviceStats.for(server.ctx).flush();
    expect(await rowsFor('stats-a')).toHaveLength(1);
    expect(await rowsFor('stats-b')).toHaveLength(1);
  });
});

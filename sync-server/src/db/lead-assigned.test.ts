import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, tokenFor, type Fixture } from '../test/fixtures.ts';
import { startTestServer, testEnv, type TestServer } from '../test/harness.ts';
import { edit, RawSyncClient } from '../test/sync-client.ts';

// Migration 0006: a lead's new owner gets a replicated `lead_assigned` notification.
let server: TestServer;
let fx: Fixture;
const client = async (who: keyof Fixture['users']) => new RawSyncClient(server.url, await tokenFor(fx.users[who], testEnv().JWT_SECRET!));

const count = async () => (await server.database.db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM notifications WHERE type = 'lead_assigned'`))[0]!.n;

beforeAll(async () => {
  server = await startTestServer({ seed: async (db) => { fx = await createFixture(db); } });
});
afterAll(() => server?.stop());

describe('lead_assigned notification', () => {
  it('reaches the new owner through the pull when a manager reassigns a lead, in the dealership language', async () => {
    const manager = await client('manager');
    const luis = await client('luis');
    const before = await luis.pullAll('notifications');
    const lead = await manager.get('leads', fx.leadIds.ana);
    expect(lead).toBeDefined();
    await manager.push('leads', [edit(lead!, { assigned_to: fx.users.luis.id })]);
    const after = await luis.pullAll('notifications', before.seq);
    const mine = [...after.docs.values()].filter((n) => n.entity_id === fx.leadIds.ana);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ user_id: fx.users.luis.id, type: 'lead_assigned', title: 'Te han asignado un lead', body: 'Cliente0 Prueba', entity_type: 'lead', priority: 'normal', read_at: null, version: 1 });
    expect(mine[0]!.seq).toBeGreaterThan(before.seq);
    // The lead now belongs to Luis: he pulls it too.
    expect((await luis.get('leads', fx.leadIds.ana))?.assigned_to).toBe(fx.users.luis.id);
  });

  it('notifies nobody when a lead is unassigned or nothing about its owner changes', async () => {
    const manager = await client('manager');
    const n0 = await count();
    const lead = await manager.get('leads', fx.leadIds.luis);
    const [unassigned] = await manager.push('leads', [edit(lead!, { assigned_to: null })]);
    expect(unassigned).toBeUndefined(); // no conflict
    const again = await manager.get('leads', fx.leadIds.luis);
    await manager.push('leads', [edit(again!, { notes: 'sin dueño' })]);
    expect(await count()).toBe(n0);
  });

  it('writes the title in English for an English-speaking dealership, and skips self-assignment when the actor is known', async () => {
    const db = server.database.db;
    await db.rows(sql`UPDATE dealerships SET locale = 'en-GB' WHERE id = ${fx.dealershipId}`);
    await db.rows(sql`UPDATE leads SET assigned_to = ${fx.users.ana.id} WHERE id = ${fx.leadIds.unassigned}`);
    const rows = await db.rows<{ title: string; user_id: string }>(sql`SELECT title, user_id FROM notifications WHERE entity_id = ${fx.leadIds.unassigned}`);
    expect(rows).toEqual([{ title: 'Lead assigned to you', user_id: fx.users.ana.id }]);
    await db.orm.transaction(async (tx) => {
      await tx.execute(sql`SELECT set_config('lotbook.actor_id', ${fx.users.luis.id}, true)`);
      await tx.execute(sql`UPDATE leads SET assigned_to = ${fx.users.luis.id} WHERE id = ${fx.leadIds.unassigned}`);
    });
    const after = await db.rows<{ user_id: string }>(sql`SELECT user_id FROM notifications WHERE entity_id = ${fx.leadIds.unassigned}`);
    expect(after).toHaveLength(1);
  });
});

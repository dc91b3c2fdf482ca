import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { activityFields, customerFields, leadFields, movementFields, notificationFields, saleFields, teamMemberDoc, vehicleDoc } from '@lotbook/shared';
import { verifyPassword } from '../auth/passwords.ts';
import * as s from '../db/schema.ts';
import { startTestServer, type TestServer } from '../test/harness.ts';
import { buildDataset, DEMO_LOGINS, DEMO_PASSWORD, DEMO_SEED, isDatabaseEmpty, seedDealership, seedDemo, type SeedSummary } from './index.ts';

const NOW = new Date('2026-05-20T08:00:00Z');
let server: TestServer;
let demo: SeedSummary;
let other: SeedSummary;
let emptyBefore = false;

beforeAll(async () => {
  server = await startTestServer({
    seed: async (db) => {
      emptyBefore = await isDatabaseEmpty(db);
      demo = await seedDemo(db, { scale: 'small', now: NOW });
      other = await seedDealership(db, { name: 'Otro Concesionario', emailDomain: 'otro.example', scale: 'tiny', now: NOW });
    },
  });
});
afterAll(() => server?.stop());

/** Dates → ISO strings, as documents travel on the wire. */
function wire(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));
}

describe('seedDemo', () => {
  it('fills an empty database once', async () => {
    expect(emptyBefore).toBe(true);
    expect(await isDatabaseEmpty(server.ctx.db)).toBe(false);
    const [d] = await server.ctx.db.orm.select().from(s.dealerships).where(sql`${s.dealerships.id} = ${demo.dealership_id}`);
    expect(d).toMatchObject({ name: 'Automóviles Demo', currency: 'EUR', locale: 'es-ES', timezone: 'Europe/Madrid' });
  });

  it('stores exactly the deterministic dataset (same seed and clock → same ids and VINs)', async () => {
    const expected = buildDataset({ name: 'Automóviles Demo', emailDomain: 'demo.example', stockPrefix: 'AD', scale: 'small', now: NOW, seed: DEMO_SEED });
    expect(demo.dealership_id).toBe(expected.dealership.id);
    const rows = await server.ctx.db.orm.select({ id: s.vehicles.id, vin: s.vehicles.vin }).from(s.vehicles).where(sql`${s.vehicles.dealership_id} = ${demo.dealership_id}`);
    expect(rows.map((r) => `${r.id}:${r.vin}`).toSorted()).toEqual(expected.vehicles.map((v) => `${v.id}:${v.vin}`).toSorted());
    const counts = await server.ctx.db.rows<Record<string, number>>(sql`select
      (select count(*)::int from customers where dealership_id = ${demo.dealership_id}) as customers,
      (select count(*)::int from leads where dealership_id = ${demo.dealership_id}) as leads,
      (select count(*)::int from lead_activities where dealership_id = ${demo.dealership_id}) as lead_activities,
      (select count(*)::int from sales where dealership_id = ${demo.dealership_id}) as sales,
      (select count(*)::int from inventory_movements where dealership_id = ${demo.dealership_id}) as inventory_movements,
      (select count(*)::int from notifications where dealership_id = ${demo.dealership_id}) as notifications`);
    expect(counts[0]).toEqual({
      customers: expected.customers.length, leads: expected.leads.length, lead_activities: expected.activities.length,
      sales: expected.sales.length, inventory_movements: expected.movements.length, notifications: expected.notifications.length,
    });
    expect(demo).toMatchObject({ customers: 400, leads: 500, vehicles_in_stock: 150 });
  });

  it('gives every row a server seq and version, and every document the shared wire schema', async () => {
    const db = server.ctx.db.orm;
    const checks = [
      [s.vehicles, vehicleDoc], [s.customers, customerFields], [s.leads, leadFields], [s.leadActivities, activityFields],
      [s.sales, saleFields], [s.inventoryMovements, movementFields], [s.notifications, notificationFields],
    ] as const;
    for (const [table, schema] of checks) {
      const rows = (await db.select().from(table)) as Record<string, unknown>[];
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.seq as number).toBeGreaterThan(0);
        expect(row.version).toBe(1);
        const parsed = schema.safeParse(wire(row));
        expect(parsed.success, `${JSON.stringify(parsed.error?.issues)} in ${JSON.stringify(wire(row)).slice(0, 200)}`).toBe(true);
      }
    }
  });

  it('marks every completed sale\'s car sold and logs entries and exits', async () => {
    const bad = await server.ctx.db.rows(sql`select s.id from sales s join vehicles v on v.id = s.vehicle_id
      where s.status = 'completed' and (v.status <> 'sold' or v.reserved_by is not null)`);
    expect(bad).toEqual([]);
    const missing = await server.ctx.db.rows(sql`select v.id from vehicles v where not v.deleted and
      (not exists (select 1 from inventory_movements m where m.vehicle_id = v.id and m.movement_type = 'entry')
       or (v.status = 'sold' and not exists (select 1 from inventory_movements m where m.vehicle_id = v.id and m.movement_type = 'exit')))`);
    expect(missing).toEqual([]);
    const cross = await server.ctx.db.rows(sql`select a.id from lead_activities a join leads l on l.id = a.lead_id where a.dealership_id <> l.dealership_id
      union all select l.id from leads l join customers c on c.id = l.customer_id where c.dealership_id <> l.dealership_id`);
    expect(cross).toEqual([]);
  });

  it('creates the CONTRACT.md users with the demo password, and a second dealership of its own', async () => {
    const users = await server.ctx.db.orm.select().from(s.users);
    for (const login of DEMO_LOGINS) {
      const u = users.find((x) => x.email === login.email);
      expect(u?.role, login.email).toBe(login.role);
      expect(u?.dealership_id).toBe(demo.dealership_id);
      expect(teamMemberDoc.safeParse(wire({ ...u, password_hash: undefined })).success).toBe(true);
    }
    const ana = users.find((u) => u.email === 'ana@demo.example');
    expect(await verifyPassword(ana?.password_hash ?? '', DEMO_PASSWORD)).toBe(true);
    expect(await verifyPassword(ana?.password_hash ?? '', 'wrong')).toBe(false);
    expect(users.filter((u) => u.dealership_id === other.dealership_id).map((u) => u.email).toSorted()).toEqual(
      ['admin', 'ana', 'gerente', 'luis', 'marta', 'visor'].map((l) => `${l}@otro.example`),
    );
    expect(other.dealership_id).not.toBe(demo.dealership_id);
    expect(other.vehicles).toBeGreaterThan(0);
  });

  it('lets the demo users log in over HTTP', async (t) => {
    const probe = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    // The login route is built by the auth owner; until it is mounted there is nothing to call.
    if (probe.status === 404) t.skip();
    for (const email of ['gerente@demo.example', 'ana@otro.example']) {
      const res = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }),
      });
      expect(res.status, email).toBe(200);
      const body = (await res.json()) as { user: { email: string } };
      expect(body.user.email).toBe(email);
    }
  });
});

/** Shared setup for the analytics tests: the demo dealership, a second one, and tokens for everyone. */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { signAccessToken } from '../auth/tokens.ts';
import type { AuthUser } from '../context.ts';
import { users } from '../db/schema.ts';
import { seedDealership, seedDemo, type SeedSummary } from '../seed/index.ts';
import { startTestServer, type TestServer } from '../test/harness.ts';

export interface AnalyticsWorld {
  server: TestServer;
  demo: SeedSummary;
  other: SeedSummary;
  tokens: Map<string, string>;
  ids: Map<string, string>;
}

export async function startAnalyticsWorld(env?: Record<string, string>): Promise<AnalyticsWorld> {
  let demo: SeedSummary | undefined;
  let other: SeedSummary | undefined;
  const server = await startTestServer({
    ...(env ? { env } : {}),
    seed: async (db) => {
      demo = await seedDemo(db, { scale: 'small' });
      other = await seedDealership(db, { name: 'Otro Concesionario', emailDomain: 'otro.example', scale: 'tiny' });
    },
  });
  if (!demo || !other) throw new Error('seed did not run');
  const tokens = new Map<string, string>();
  const ids = new Map<string, string>();
  for (const u of await server.ctx.db.orm.select().from(users)) {
    const user: AuthUser = { id: u.id, dealership_id: u.dealership_id, role: u.role as AuthUser['role'], email: u.email };
    tokens.set(u.email, await signAccessToken(user, server.ctx.jwtSecret, 900));
    ids.set(u.email, u.id);
  }
  return { server, demo, other, tokens, ids };
}

export function tokenOf(w: AnalyticsWorld, email: string): string {
  const t = w.tokens.get(email);
  if (!t) throw new Error(`no user ${email}`);
  return t;
}

export function idOf(w: AnalyticsWorld, email: string): string {
  const t = w.ids.get(email);
  if (!t) throw new Error(`no user ${email}`);
  return t;
}

export async function get<T = Record<string, unknown>>(w: AnalyticsWorld, path: string, bearer: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${w.server.url}${path}`, { headers: { authorization: `Bearer ${bearer}` } });
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, body: (type.includes('json') ? await res.json() : await res.text()) as T };
}

/** Adds a car (with cost) and its completed sale at `saleDate` for `repEmail`. */
export async function addSale(w: AnalyticsWorld, repEmail: string, saleDate: string, price: number, cost: number): Promise<void> {
  const db = w.server.ctx.db;
  const dealershipId = w.demo.dealership_id;
  const vehicleId = randomUUID();
  const [customer] = await db.rows<{ id: string }>(sql`select id from customers where dealership_id = ${dealershipId} limit 1`);
  await db.rows(sql`insert into vehicles (id, dealership_id, vin, stock_number, make, model, year, body_type, price, cost, fuel_type, transmission, status, acquired_at)
    values (${vehicleId}, ${dealershipId}, ${`TESTVIN${vehicleId.slice(0, 10)}`}, ${`T-${vehicleId.slice(0, 6)}`}, 'Seat', 'Ibiza', 2020, 'hatchback', ${price}, ${cost}, 'gasoline', 'manual', 'sold', ${saleDate}::timestamptz - interval '20 days')`);
  await db.rows(sql`insert into sales (id, dealership_id, customer_id, vehicle_id, salesperson_id, sale_price, financing_type, status, sale_date)
    values (${randomUUID()}, ${dealershipId}, ${customer?.id ?? randomUUID()}, ${vehicleId}, ${idOf(w, repEmail)}, ${price}, 'cash', 'completed', ${saleDate}::timestamptz)`);
}

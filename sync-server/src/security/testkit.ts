import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { makeVin, type CollectionName, type PushableCollection } from '@lotbook/shared';
import type { Database } from '../db/client.ts';
import { leadActivities, notificationPreferences, notifications, sales } from '../db/schema.ts';
import { preferencesDocId } from '../notifications/preferences-id.ts';
import type { Fixture, FixtureUser } from '../test/fixtures.ts';
import { RawSyncClient } from '../test/sync-client.ts';
import { TABLES } from '../sync/tables.ts';

type Doc = Record<string, unknown> & { id: string };

/** Counts every request and every 5xx the attack and fuzz suites send. */
export const tally = { requests: 0, status5xx: 0 };

/** A RawSyncClient that counts its requests and answers (the suites report the counts). */
export class CountingClient extends RawSyncClient {
  override async pullRaw(collection: string, seq = 0, limit = 500): Promise<Response> {
    return count(super.pullRaw(collection, seq, limit));
  }
  override async pushRaw(collection: string, body: unknown): Promise<Response> {
    return count(super.pushRaw(collection, body));
  }
}

export async function count(p: Promise<Response>): Promise<Response> {
  const res = await p;
  tally.requests += 1;
  if (res.status >= 500) tally.status5xx += 1;
  return res;
}

export const now = () => new Date().toISOString();
const sync = (dealershipId: string) => ({ dealership_id: dealershipId, created_at: now(), updated_at: now(), version: 0, seq: 0, _deleted: false });

/** A valid new document of `collection` written by `by`, with `refs` overriding its references. */
export function newDoc(collection: PushableCollection, fx: Fixture, by: FixtureUser, refs: Record<string, string | null> = {}): Doc {
  const id = randomUUID();
  const base = sync(fx.dealershipId);
  switch (collection) {
    case 'customers':
      return { id, ...base, first_name: 'Nuevo', last_name: 'Cliente', email: null, phone: null, address: null, national_id: null, is_active: true, created_by: null };
    case 'leads':
      return {
        id, ...base, customer_id: refs.customer_id ?? fx.customerIds[2]!, assigned_to: 'assigned_to' in refs ? refs.assigned_to! : by.id, source: 'walk_in', status: 'new', priority: 'medium',
        budget_min: null, budget_max: null, preferences: { body_types: [], makes: [], fuel_types: [], vehicle_id: refs['preferences.vehicle_id'] ?? null },
        notes: null, score: 0, score_factors: [], last_contact_at: null, first_response_at: null,
      };
    case 'lead_activities':
      return { id, ...base, lead_id: refs.lead_id ?? fx.leadIds.unassigned, user_id: refs.user_id ?? by.id, activity_type: 'note', description: 'Nota', activity_date: now(), due_at: null, done: false, metadata: {} };
    case 'sales':
      // Cancelled: the shape the probe used to slip past the vehicle checks.
      return {
        id, ...base, customer_id: refs.customer_id ?? fx.customerIds[2]!, vehicle_id: refs.vehicle_id ?? fx.vehicleIds[4]!, salesperson_id: refs.salesperson_id ?? by.id,
        sale_price: 20000, down_payment: 0, financing_type: 'cash', status: 'cancelled', sale_date: now(), delivery_date: null, notes: null,
      };
    case 'inventory_movements':
      return { id, ...base, vehicle_id: refs.vehicle_id ?? fx.vehicleIds[3]!, user_id: refs.user_id ?? by.id, movement_type: 'transfer', movement_date: now(), notes: null, metadata: {} };
    case 'vehicles':
      return {
        id, ...base, vin: makeVin('VSSZZZ6J', 'R', 'B', nextSerial()), stock_number: `N-${id.slice(0, 6)}`, make: 'Seat', model: 'Ibiza', trim: null, year: 2024, body_type: 'hatchback', color: null, price: 15000, cost: 12000,
        mileage: 0, fuel_type: 'gasoline', transmission: 'manual', consumption: null, description: '', features: {}, images: [], lot_location: null,
        status: refs.reserved_by ? 'reserved' : 'available', reserved_by: refs.reserved_by ?? null, reserved_until: refs.reserved_by ? new Date(Date.now() + 86_400_000).toISOString() : null,
        acquired_at: now(), is_promotion: false, promo_price: null,
      };
    case 'notifications':
      return { id, ...base, user_id: refs.user_id ?? by.id, type: 'info', title: 'Hola', body: '', priority: 'normal', entity_type: null, entity_id: null, read_at: null };
    case 'notification_preferences':
      // One per user, its id derived from the user's id.
      return { id: preferencesDocId(by.id), ...base, user_id: refs.user_id ?? by.id, channels: { hot_lead: ['in_app', 'push'] }, quiet_start: '22:00', quiet_end: '07:00', time_zone: 'Europe/Madrid' };
  }
}

/**
 * A serial no other vehicle made here has had: a random serial collided now and then (birthday odds
 * over a fuzz run's few hundred vehicles), and a duplicate VIN is refused, which flaked the fuzz tests.
 */
let serialCounter = Math.floor(Math.random() * 400_000);
function nextSerial(): string {
  serialCounter = (serialCounter + 1) % 899_999;
  return String(100_000 + serialCounter);
}

/** Every row of a dealership as the database holds it (seq and version included), by table and id. */
export async function snapshot(db: Database, dealershipId: string, only?: (collection: CollectionName, row: Doc) => boolean): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const [name, t] of Object.entries(TABLES) as [CollectionName, (typeof TABLES)[CollectionName]][]) {
    const rows = await db.rows<{ doc: string }>(sql`
      SELECT (${sql.raw(t.docExpr)} || jsonb_build_object('_seq', t.seq, '_scope_seq', t.scope_seq))::text AS doc
      FROM ${sql.raw(t.sqlName)} t WHERE t.dealership_id = ${dealershipId}::uuid`);
    for (const r of rows) {
      const d = JSON.parse(r.doc) as Doc;
      if (!only || only(name, d)) out.set(`${name}:${d.id}`, r.doc);
    }
  }
  return out;
}

/**
 * Rows a fixture lacks for the suites: an activity on each rep's lead, a completed sale by luis
 * (to his own customer), a notification for luis and luis's notification preferences. Written
 * straight to the database.
 */
export async function enrich(db: Database, fx: Fixture): Promise<{ luisActivity: string; luisSale: string; luisNotification: string; luisPreferences: string }> {
  const luisActivity = randomUUID();
  const luisSale = randomUUID();
  const luisNotification = randomUUID();
  await db.orm.insert(leadActivities).values({ id: luisActivity, dealership_id: fx.dealershipId, lead_id: fx.leadIds.luis, user_id: fx.users.luis.id, activity_type: 'call', description: 'Secreta', activity_date: new Date() });
  await db.orm.insert(sales).values({
    id: luisSale, dealership_id: fx.dealershipId, customer_id: fx.customerIds[1]!, vehicle_id: fx.vehicleIds[2]!, salesperson_id: fx.users.luis.id, sale_price: 30000,
    down_payment: 0, financing_type: 'cash', status: 'completed', sale_date: new Date(),
  });
  await db.orm.insert(notifications).values({ id: luisNotification, dealership_id: fx.dealershipId, user_id: fx.users.luis.id, type: 'info', title: 'Privada' });
  const luisPreferences = preferencesDocId(fx.users.luis.id);
  await db.orm.insert(notificationPreferences).values({ id: luisPreferences, dealership_id: fx.dealershipId, user_id: fx.users.luis.id, channels: { hot_lead: ['in_app'] }, quiet_start: '21:00', quiet_end: '08:00' });
  return { luisActivity, luisSale, luisNotification, luisPreferences };
}

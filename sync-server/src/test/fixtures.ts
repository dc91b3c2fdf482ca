import { randomUUID } from 'node:crypto';
import { makeVin, type Role } from '@lotbook/shared';
import type { Database } from '../db/client.ts';
import { customers, dealerships, leads, users, vehicles } from '../db/schema.ts';
import { signAccessToken } from '../auth/tokens.ts';

export interface FixtureUser {
  id: string;
  email: string;
  role: Role;
  dealership_id: string;
}

export interface Fixture {
  dealershipId: string;
  users: Record<'manager' | 'ana' | 'luis' | 'viewer', FixtureUser>;
  vehicleIds: string[];
  customerIds: string[];
  leadIds: { ana: string; luis: string; unassigned: string };
}

let serial = 0;

/**
 * A small dealership written straight to the database: a manager, two reps (ana, luis), a viewer,
 * five vehicles, three customers and one lead each for ana, luis and nobody. Independent of the
 * demo seed so that sync tests state exactly what they rely on.
 */
export async function createFixture(db: Database, name = 'Fixture Motors'): Promise<Fixture> {
  const dealershipId = randomUUID();
  const tag = dealershipId.slice(0, 8);
  await db.orm.insert(dealerships).values({ id: dealershipId, name });
  const mk = (key: string, role: Role): FixtureUser => ({ id: randomUUID(), email: `${key}-${tag}@fixture.example`, role, dealership_id: dealershipId });
  const u = { manager: mk('manager', 'manager'), ana: mk('ana', 'sales'), luis: mk('luis', 'sales'), viewer: mk('viewer', 'viewer') };
  await db.orm.insert(users).values(
    Object.entries(u).map(([k, x]) => ({ id: x.id, dealership_id: dealershipId, email: x.email, password_hash: 'x', first_name: k[0]!.toUpperCase() + k.slice(1), last_name: 'Test', role: x.role })),
  );
  const vehicleIds = Array.from({ length: 5 }, () => randomUUID());
  await db.orm.insert(vehicles).values(
    vehicleIds.map((id, i) => ({
      id,
      dealership_id: dealershipId,
      vin: makeVin('JTDBR32E', 'R', 'J', String(100000 + (serial++ % 899999)).padStart(6, '0')),
      stock_number: `S-${tag}-${i}`,
      make: 'Toyota',
      model: i % 2 ? 'Corolla' : 'RAV4',
      trim: null,
      year: 2024,
      body_type: i % 2 ? 'sedan' : 'suv',
      color: 'Blanco',
      price: 25000 + i * 1000,
      cost: 20000,
      mileage: 1000,
      fuel_type: 'hybrid',
      transmission: 'automatic',
      acquired_at: new Date('2026-09-01T10:00:00Z'),
      status: 'available',
    })),
  );
  const customerIds = [randomUUID(), randomUUID(), randomUUID()];
  await db.orm.insert(customers).values(customerIds.map((id, i) => ({ id, dealership_id: dealershipId, first_name: `Cliente${i}`, last_name: 'Prueba' })));
  const leadIds = { ana: randomUUID(), luis: randomUUID(), unassigned: randomUUID() };
  await db.orm.insert(leads).values([
    { id: leadIds.ana, dealership_id: dealershipId, customer_id: customerIds[0]!, assigned_to: u.ana.id, source: 'walk_in', status: 'new' },
    { id: leadIds.luis, dealership_id: dealershipId, customer_id: customerIds[1]!, assigned_to: u.luis.id, source: 'phone', status: 'new' },
    { id: leadIds.unassigned, dealership_id: dealershipId, customer_id: customerIds[2]!, assigned_to: null, source: 'website', status: 'new' },
  ]);
  return { dealershipId, users: u, vehicleIds, customerIds, leadIds };
}

export function tokenFor(user: FixtureUser, secret: string, ttlSeconds = 3600, now = Date.now()): Promise<string> {
  return signAccessToken({ id: user.id, dealership_id: user.dealership_id, role: user.role, email: user.email }, secret, ttlSeconds, now);
}

import { sql } from 'drizzle-orm';
import { hashPassword } from '../auth/passwords.ts';
import type { Database } from '../db/client.ts';
import { buildDataset } from './dataset.ts';
import { insertDataset } from './insert.ts';
import { hashString } from './random.ts';
import type { SeedScale } from './types.ts';

export { buildDataset } from './dataset.ts';
export type { Dataset, SeedScale } from './types.ts';

export const DEMO_PASSWORD = 'demo1234';
export const DEMO_DEALERSHIP = 'Automóviles Demo';
export const DEMO_EMAIL_DOMAIN = 'demo.example';
/** The demo seed's default PRNG seed; with the same clock it gives the same dealership. */
export const DEMO_SEED = 20_260_101;
export const DEMO_LOGINS = [
  { email: 'admin@demo.example', role: 'admin' },
  { email: 'gerente@demo.example', role: 'manager' },
  { email: 'ana@demo.example', role: 'sales' },
  { email: 'luis@demo.example', role: 'sales' },
  { email: 'marta@demo.example', role: 'sales' },
  { email: 'visor@demo.example', role: 'viewer' },
] as const;

export interface SeedSummary {
  dealership_id: string;
  dealership: string;
  scale: SeedScale;
  users: number;
  vehicles: number;
  vehicles_in_stock: number;
  customers: number;
  leads: number;
  lead_activities: number;
  sales: number;
  inventory_movements: number;
  notifications: number;
  build_ms: number;
  insert_ms: number;
  /** Milliseconds per table (and for the final VACUUM ANALYZE). */
  insert_ms_by_table: Record<string, number>;
}

export interface SeedDealershipOptions {
  name: string;
  /** Users get `<admin|gerente|ana|luis|marta|visor>@<emailDomain>`; defaults to `<slug>.example`. */
  emailDomain?: string;
  slug?: string;
  scale: SeedScale;
  now?: Date;
  /** PRNG seed; defaults to a hash of the email domain, so two dealerships never share ids. */
  seed?: number;
}

// argon2 is slow on purpose: hash the shared demo password once per process.
let demoHash: Promise<string> | undefined;
function demoPasswordHash(): Promise<string> {
  demoHash ??= hashPassword(DEMO_PASSWORD);
  return demoHash;
}

/** True when no dealership exists yet (a fresh database). */
export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const rows = await db.rows<{ empty: boolean }>(sql`select not exists(select 1 from dealerships) as empty`);
  return rows[0]?.empty === true;
}

/**
 * Seeds one dealership with its six users (password `demo1234`) and a realistic history.
 * Deterministic: the same seed and `now` give the same ids, VINs and counts. Runs in a single
 * transaction, so a failure leaves nothing behind. User emails are unique across dealerships, so
 * each dealership needs its own email domain.
 */
export async function seedDealership(db: Database, opts: SeedDealershipOptions): Promise<SeedSummary> {
  const emailDomain = opts.emailDomain ?? `${opts.slug ?? 'demo'}.example`;
  const letters = opts.name.normalize('NFD').replace(/[^A-Za-z ]/g, '').split(/\s+/).map((w) => w.charAt(0).toUpperCase()).join('');
  const t0 = performance.now();
  const data = buildDataset({
    name: opts.name,
    emailDomain,
    stockPrefix: (letters || 'LB').slice(0, 3),
    scale: opts.scale,
    now: opts.now ?? new Date(),
    seed: opts.seed ?? hashString(emailDomain),
  });
  const t1 = performance.now();
  const byTable = await insertDataset(db, data, await demoPasswordHash());
  const t2 = performance.now();
  return {
    dealership_id: data.dealership.id,
    dealership: data.dealership.name,
    scale: opts.scale,
    users: data.users.length,
    vehicles: data.vehicles.filter((v) => !v.deleted).length,
    vehicles_in_stock: data.vehicles.filter((v) => !v.deleted && v.status !== 'sold').length,
    customers: data.customers.length,
    leads: data.leads.length,
    lead_activities: data.activities.length,
    sales: data.sales.length,
    inventory_movements: data.movements.length,
    notifications: data.notifications.length,
    build_ms: Math.round(t1 - t0),
    insert_ms: Math.round(t2 - t1),
    insert_ms_by_table: byTable,
  };
}

/** Seeds "Automóviles Demo" (EUR, es-ES, Europe/Madrid) with the CONTRACT.md logins. */
export async function seedDemo(db: Database, opts: { scale: 'small' | 'large'; now?: Date; seed?: number }): Promise<SeedSummary> {
  return seedDealership(db, {
    name: DEMO_DEALERSHIP,
    emailDomain: DEMO_EMAIL_DOMAIN,
    scale: opts.scale,
    seed: opts.seed ?? DEMO_SEED,
    ...(opts.now ? { now: opts.now } : {}),
  });
}

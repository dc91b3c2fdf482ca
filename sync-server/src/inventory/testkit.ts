/** Shared setup for the inventory tests: a real server with the demo dealership and a second one. */
import { daysInStock } from '@lotbook/shared';
import { signAccessToken } from '../auth/tokens.ts';
import type { AuthUser } from '../context.ts';
import { users, vehicles } from '../db/schema.ts';
import { seedDealership, seedDemo, type SeedSummary } from '../seed/index.ts';
import { startTestServer, type TestServer } from '../test/harness.ts';

export type VehicleRow = typeof vehicles.$inferSelect;

export interface InventoryWorld {
  server: TestServer;
  demo: SeedSummary;
  other: SeedSummary;
  /** Access tokens by email. */
  tokens: Map<string, string>;
  /** The demo dealership's vehicles that the API should list (not deleted). */
  demoVehicles: VehicleRow[];
  otherVehicles: VehicleRow[];
  deletedDemoVehicles: VehicleRow[];
}

export async function startInventoryWorld(): Promise<InventoryWorld> {
  let demo: SeedSummary | undefined;
  let other: SeedSummary | undefined;
  const server = await startTestServer({
    seed: async (db) => {
      demo = await seedDemo(db, { scale: 'small' });
      other = await seedDealership(db, { name: 'Otro Concesionario', emailDomain: 'otro.example', scale: 'tiny' });
    },
  });
  if (!demo || !other) throw new Error('seed did not run');
  const tokens = new Map<string, string>();
  for (const u of await server.ctx.db.orm.select().from(users)) {
    const user: AuthUser = { id: u.id, dealership_id: u.dealership_id, role: u.role as AuthUser['role'], email: u.email };
    tokens.set(u.email, await signAccessToken(user, server.ctx.jwtSecret, 900));
  }
  const all = await server.ctx.db.orm.select().from(vehicles);
  const demoId = demo.dealership_id;
  return {
    server,
    demo,
    other,
    tokens,
    demoVehicles: all.filter((v) => v.dealership_id === demoId && !v.deleted),
    deletedDemoVehicles: all.filter((v) => v.dealership_id === demoId && v.deleted),
    otherVehicles: all.filter((v) => v.dealership_id === other?.dealership_id),
  };
}

export function token(world: InventoryWorld, email: string): string {
  const t = world.tokens.get(email);
  if (!t) throw new Error(`no user ${email}`);
  return t;
}

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
}

export interface VehiclePageBody {
  count: number;
  next: string | null;
  previous: string | null;
  results: (Record<string, unknown> & { id: string })[];
}

/** GET with a bearer token; `pathOrUrl` may be absolute (next/previous links). */
export async function apiGet<T = Record<string, unknown>>(world: InventoryWorld, pathOrUrl: string, bearer?: string): Promise<ApiResponse<T>> {
  const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${world.server.url}${pathOrUrl}`;
  const res = await fetch(url, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
  return { status: res.status, body: (await res.json()) as T };
}

/** Follows `next` links from the first page and returns every id in order, plus the pages. */
export async function allPages(world: InventoryWorld, path: string, bearer: string): Promise<{ ids: string[]; pages: VehiclePageBody[] }> {
  const pages: VehiclePageBody[] = [];
  let url: string | null = path;
  while (url) {
    const res: ApiResponse<VehiclePageBody> = await apiGet<VehiclePageBody>(world, url, bearer);
    if (res.status !== 200) throw new Error(`GET ${url} → ${res.status} ${JSON.stringify(res.body)}`);
    pages.push(res.body);
    url = res.body.next;
    if (pages.length > 500) throw new Error('too many pages');
  }
  return { ids: pages.flatMap((p) => p.results.map((r) => r.id)), pages };
}

/** Lower-case and strip accents, as the database's FOLD does for the Spanish letters it knows. */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** The words full-text search sees for a vehicle, folded. */
export function searchWords(v: VehicleRow): string[] {
  return fold([v.make, v.model, v.trim, v.color, v.body_type, v.fuel_type, v.description].filter(Boolean).join(' ')).split(/[^a-z0-9]+/).filter(Boolean);
}

export function days(v: VehicleRow): number {
  return daysInStock(v.acquired_at.toISOString());
}

export const idsOf = (rows: readonly { id: string }[]) => rows.map((r) => r.id).toSorted();

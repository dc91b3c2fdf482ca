// Test-only: two dealerships with one user per role (plus inactive and deleted accounts), and
// small HTTP helpers. Not imported by the server.
import { request } from 'node:http';
import type { Role } from '@lotbook/shared';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../db/client.ts';
import { dealerships, users } from '../db/schema.ts';
import { hashPassword } from './passwords.ts';

export const PASSWORD = 'correct-horse-battery';

export interface FixtureUser {
  id: string;
  email: string;
  role: Role;
  dealership_id: string;
}

type Spec = { key: string; role: Role; email: string; is_active?: boolean; deleted?: boolean };

const A: Spec[] = [
  { key: 'admin', role: 'admin', email: 'Admin@Alpha.example' },
  { key: 'manager', role: 'manager', email: 'manager@alpha.example' },
  { key: 'sales', role: 'sales', email: 'sales@alpha.example' },
  { key: 'viewer', role: 'viewer', email: 'viewer@alpha.example' },
  { key: 'inactive', role: 'sales', email: 'inactive@alpha.example', is_active: false },
  { key: 'deleted', role: 'sales', email: 'deleted@alpha.example', deleted: true },
];
const B: Spec[] = [
  { key: 'otherManager', role: 'manager', email: 'manager@beta.example' },
  { key: 'otherSales', role: 'sales', email: 'sales@beta.example' },
];

export type Fixture = Record<'admin' | 'manager' | 'sales' | 'viewer' | 'inactive' | 'deleted' | 'otherManager' | 'otherSales', FixtureUser> & {
  alpha: string;
  beta: string;
};

/** Inserts the two dealerships and their users, all with PASSWORD. */
export async function seedAuthFixture(db: Database): Promise<Fixture> {
  const hash = await hashPassword(PASSWORD);
  const alpha = uuidv7();
  const beta = uuidv7();
  await db.orm.insert(dealerships).values([
    { id: alpha, name: 'Alpha Motors', currency: 'EUR', locale: 'es-ES', timezone: 'Europe/Madrid' },
    { id: beta, name: 'Beta Cars', currency: 'USD', locale: 'en-US', timezone: 'America/New_York' },
  ]);
  const out: Record<string, FixtureUser> = {};
  for (const [dealershipId, specs] of [[alpha, A], [beta, B]] as const) {
    for (const s of specs) {
      const id = uuidv7();
      await db.orm.insert(users).values({
        id,
        dealership_id: dealershipId,
        email: s.email,
        password_hash: hash,
        first_name: s.key,
        last_name: 'Tester',
        role: s.role,
        is_active: s.is_active ?? true,
        deleted: s.deleted ?? false,
      });
      out[s.key] = { id, email: s.email, role: s.role, dealership_id: dealershipId };
    }
  }
  return { ...(out as Omit<Fixture, 'alpha' | 'beta'>), alpha, beta };
}

export interface JsonResponse {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** Sends JSON (or a raw string) and reads the JSON answer; an empty answer reads as `{}`. */
export async function call(baseUrl: string, method: string, path: string, opts: { body?: unknown; raw?: string; token?: string } = {}): Promise<JsonResponse> {
  const headers: Record<string, string> = {};
  if (opts.body !== undefined || opts.raw !== undefined) headers['content-type'] = 'application/json';
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(opts.raw !== undefined ? { body: opts.raw } : opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/**
 * POSTs JSON from a chosen loopback source address (127.0.0.x), so a test can act as several
 * clients with distinct IPs against the real server.
 */
export function postFrom(localAddress: string, baseUrl: string, path: string, body: unknown): Promise<{ status: number; retryAfter?: string; body: Record<string, unknown> }> {
  const url = new URL(path, baseUrl);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (data += chunk));
        res.on('end', () => {
          const retry = res.headers['retry-after'];
          resolve({ status: res.statusCode ?? 0, ...(typeof retry === 'string' ? { retryAfter: retry } : {}), body: data ? (JSON.parse(data) as Record<string, unknown>) : {} });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

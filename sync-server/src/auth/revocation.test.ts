import { eq, sql } from 'drizzle-orm';
import { sign } from 'hono/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../db/schema.ts';
import { startTestServer, type TestServer } from '../test/harness.ts';
import { normalizeEmail } from './email.ts';
import { hashPassword } from './passwords.ts';
import { RevocationCache } from './revocation.ts';
import { call, PASSWORD, postFrom, seedAuthFixture, type Fixture, type FixtureUser } from './test-fixtures.ts';

/**
 * Revocation within seconds (issue 8, item 14), the login email normalization (item 13) and
 * token edge cases (item 16), on a real server. The cache window is 0 here so a revocation shows
 * on the very next request; the window itself is tested with an injected clock below.
 */
let server: TestServer;
let fx: Fixture;
beforeAll(async () => {
  server = await startTestServer({ env: { AUTH_REVOCATION_CACHE_MS: '0', LOGIN_RATE_LIMIT: '10' }, seed: async (db) => (fx = await seedAuthFixture(db)) });
});
afterAll(() => server?.stop());

interface Pair {
  access_token: string;
  refresh_token: string;
}
const loginAs = async (u: FixtureUser, password = PASSWORD): Promise<Pair> => {
  const res = await call(server.url, 'POST', '/api/v1/auth/login', { body: { email: u.email, password } });
  expect(res.status).toBe(200);
  return res.body as unknown as Pair;
};
const refresh = (token: string) => call(server.url, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: token } });

/** Every kind of authenticated request: REST, sync pull, sync push and the SSE stream opening. */
async function statuses(token: string): Promise<Record<string, string | number>> {
  const out: Record<string, string | number> = {};
  const probe = async (name: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const isStream = res.headers.get('content-type')?.includes('event-stream');
    if (isStream) {
      await res.body?.cancel();
      out[name] = res.status;
    } else {
      const json = (await res.json().catch(() => ({}))) as { error?: string };
      out[name] = res.status === 401 ? `401 ${json.error}` : res.status;
    }
  };
  await probe('me', 'GET', '/api/v1/auth/me');
  await probe('vehicles', 'GET', '/api/v1/vehicles');
  await probe('pull', 'GET', '/sync/v1/vehicles/pull?seq=0&limit=1');
  await probe('push', 'POST', '/sync/v1/leads/push', []);
  await probe('stream', 'GET', '/sync/v1/stream');
  return out;
}

const ALL_OK = { me: 200, vehicles: 200, pull: 200, push: 200, stream: 200 };
const ALL_REVOKED = { me: '401 session_revoked', vehicles: '401 session_revoked', pull: '401 session_revoked', push: '401 session_revoked', stream: '401 session_revoked' };

describe('revocation', () => {
  it('a deactivated user loses every kind of access on the next request, and cannot refresh', async () => {
    const s = await loginAs(fx.sales);
    expect(await statuses(s.access_token)).toEqual(ALL_OK);
    await server.ctx.db.orm.update(users).set({ is_active: false }).where(eq(users.id, fx.sales.id));
    expect(await statuses(s.access_token)).toEqual(ALL_REVOKED);
    const r = await refresh(s.refresh_token);
    expect([r.status, r.body.error]).toEqual([401, 'session_revoked']);
    // Reactivated: old tokens stay dead, a new login works.
    await server.ctx.db.orm.update(users).set({ is_active: true }).where(eq(users.id, fx.sales.id));
    expect((await statuses(s.access_token)).me).toBe('401 session_revoked');
    expect(await statuses((await loginAs(fx.sales)).access_token)).toEqual(ALL_OK);
  });

  it('a soft-deleted user loses access', async () => {
    const s = await loginAs(fx.viewer);
    await server.ctx.db.orm.update(users).set({ deleted: true }).where(eq(users.id, fx.viewer.id));
    expect((await statuses(s.access_token)).vehicles).toBe('401 session_revoked');
    await server.ctx.db.orm.update(users).set({ deleted: false }).where(eq(users.id, fx.viewer.id));
  });

  it('a password change ends the other sessions; the changing session carries on with fresh tokens', async () => {
    const phone = await loginAs(fx.manager);
    const tablet = await loginAs(fx.manager);
    const res = await call(server.url, 'POST', '/api/v1/auth/change-password', {
      token: phone.access_token,
      body: { current_password: PASSWORD, new_password: 'another-good-password' },
    });
    expect(res.status).toBe(200);
    const fresh = res.body as unknown as Pair;
    expect(await statuses(tablet.access_token)).toEqual(ALL_REVOKED);
    expect(await statuses(phone.access_token)).toEqual(ALL_REVOKED);
    expect(await statuses(fresh.access_token)).toEqual(ALL_OK);
    for (const old of [phone, tablet]) expect((await refresh(old.refresh_token)).body.error).toBe('session_revoked');
    const next = await refresh(fresh.refresh_token);
    expect(next.status).toBe(200);
    expect(await statuses((next.body as unknown as Pair).access_token)).toEqual(ALL_OK);
  });

  it('a password reset in SQL (an admin, a reset flow) ends every session too', async () => {
    const s = await loginAs(fx.otherManager);
    await server.ctx.db.orm.update(users).set({ password_hash: await hashPassword('reset-by-admin-1') }).where(eq(users.id, fx.otherManager.id));
    expect((await statuses(s.access_token)).pull).toBe('401 session_revoked');
    expect((await refresh(s.refresh_token)).body.error).toBe('session_revoked');
    const live = await server.ctx.db.rows<{ n: number }>(sql`select count(*)::int as n from refresh_tokens where user_id = ${fx.otherManager.id} and revoked_at is null`);
    expect(live[0]?.n).toBe(0);
  });

  it('a role change makes the client refresh (token_expired), and the refreshed token carries the new role', async () => {
    const s = await loginAs(fx.otherSales);
    await server.ctx.db.orm.update(users).set({ role: 'viewer' }).where(eq(users.id, fx.otherSales.id));
    const res = await call(server.url, 'GET', '/api/v1/vehicles', { token: s.access_token });
    expect([res.status, res.body.error]).toEqual([401, 'token_expired']);
    const r = await refresh(s.refresh_token);
    expect((r.body as { user: { role: string } }).user.role).toBe('viewer');
    await server.ctx.db.orm.update(users).set({ role: 'sales' }).where(eq(users.id, fx.otherSales.id));
  });

  it('the cache trusts its copy for the window only (injected clock)', async () => {
    let now = 1_000_000;
    const cache = new RevocationCache(server.ctx.db, 5_000, () => now);
    const before = await cache.get(fx.admin.id);
    expect(before?.active).toBe(true);
    await server.ctx.db.orm.update(users).set({ is_active: false }).where(eq(users.id, fx.admin.id));
    now += 4_999;
    expect((await cache.get(fx.admin.id))?.active).toBe(true); // still inside the window
    now += 1;
    expect((await cache.get(fx.admin.id))?.active).toBe(false); // the window is over: re-read
    await server.ctx.db.orm.update(users).set({ is_active: true }).where(eq(users.id, fx.admin.id));
    cache.forget(fx.admin.id);
    expect((await cache.get(fx.admin.id))?.active).toBe(true);
  });
});

const secret = () => server.ctx.jwtSecret;
const now = () => Math.floor(Date.now() / 1000);
const base = () => ({ sub: fx.admin.id, dlr: fx.alpha, role: 'admin', typ: 'access', iat: now(), exp: now() + 600 });

describe('access token edge cases (correctly signed, malformed claims)', () => {
  const cases: Array<[string, () => Record<string, unknown>]> = [
    ['no exp', () => ({ ...base(), exp: undefined })],
    ['exp as a string', () => ({ ...base(), exp: String(now() + 600) })],
    ['no iat', () => ({ ...base(), iat: undefined })],
    ['a non-UUID sub', () => ({ ...base(), sub: 'admin' })],
    ['a sub with NUL', () => ({ ...base(), sub: `${fx.admin.id}\u0000` })],
    ['a numeric sub', () => ({ ...base(), sub: 42 })],
    ['a non-UUID dealership', () => ({ ...base(), dlr: "x' or 1=1" })],
    ['an unknown user', () => ({ ...base(), sub: '00000000-0000-4000-8000-000000000000' })],
    ['the right user in another dealership', () => ({ ...base(), dlr: fx.beta })],
    ['an unknown role', () => ({ ...base(), role: 'root' })],
    ['a refresh typ', () => ({ ...base(), typ: 'refresh' })],
  ];
  for (const [name, payload] of cases) {
    it(`refuses a token with ${name}: 401, never 200 or 500`, async () => {
      const p = Object.fromEntries(Object.entries(payload()).filter(([, v]) => v !== undefined));
      const token = await sign(p, secret(), 'HS256');
      for (const path of ['/api/v1/auth/me', '/api/v1/vehicles', '/sync/v1/vehicles/pull', '/sync/v1/stream']) {
        const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
        expect(res.status, `${name} on ${path}`).toBe(401);
        expect(['invalid_token', 'token_expired', 'session_revoked']).toContain(((await res.json()) as { error: string }).error);
      }
    });
  }
});

describe('login email normalization (one key for the throttle and the lookup)', () => {
  it('after the 10-failure lock, no spelling of the address logs in: case, spaces, full-width, U+0130', async () => {
    const email = 'admin@alpha.example'; // stored as Admin@Alpha.example
    for (let i = 0; i < 10; i++) {
      const r = await postFrom(`127.0.0.${10 + i}`, server.url, '/api/v1/auth/login', { email, password: 'wrong-guess' });
      expect(r.status).toBe(401);
    }
    const variants = ['ADMIN@ALPHA.EXAMPLE', ' admin@alpha.example ', 'ａｄｍｉｎ@alpha.example', 'ＡＤＭＩＮ@ＡＬＰＨＡ.example', 'Admin@Alpha.Example'];
    for (const [i, v] of variants.entries()) {
      const r = await postFrom(`127.0.0.${40 + i}`, server.url, '/api/v1/auth/login', { email: v, password: PASSWORD });
      expect([v, r.status]).toEqual([v, 429]);
    }
    // İ (U+0130) lower-cases differently in JS and in Postgres; it must not reach the account.
    for (const [i, v] of ['admİn@alpha.example', 'ADMİN@ALPHA.EXAMPLE', 'adm\u0130n@alpha.example'].entries()) {
      const r = await postFrom(`127.0.0.${60 + i}`, server.url, '/api/v1/auth/login', { email: v, password: PASSWORD });
      expect([v, r.status]).toEqual([v, 401]);
    }
  });

  it('full-width letters and the Kelvin sign find the plain-letter account (same key)', async () => {
    const r = await postFrom('127.0.0.80', server.url, '/api/v1/auth/login', { email: 'sales@alpha.example'.replace('a', '\uff41'), password: PASSWORD });
    expect(r.status).toBe(200);
    expect(normalizeEmail('\u212a@x.example')).toBe('k@x.example');
    expect(normalizeEmail('STRASSE@x.example')).not.toBe(normalizeEmail('straße@x.example'));
  });
});

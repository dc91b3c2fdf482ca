import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { refreshTokens, users } from '../db/schema.ts';
import { startTestServer, type TestServer } from '../test/harness.ts';
import { hashRefreshToken, newRefreshToken, purgeExpiredRefreshTokens } from './refresh-tokens.ts';
import { call, PASSWORD, seedAuthFixture, type Fixture, type FixtureUser } from './test-fixtures.ts';

let server: TestServer;
let fx: Fixture;
beforeAll(async () => {
  server = await startTestServer({ env: { LOGIN_RATE_LIMIT: '1000' }, seed: async (db) => (fx = await seedAuthFixture(db)) });
});
afterAll(() => server?.stop());

type Pair = { access_token: string; refresh_token: string };
async function loginAs(u: FixtureUser): Promise<Pair> {
  const res = await call(server.url, 'POST', '/api/v1/auth/login', { body: { email: u.email, password: PASSWORD } });
  expect(res.status).toBe(200);
  return res.body as Pair;
}
const refresh = (token: string) => call(server.url, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: token } });

describe('POST /api/v1/auth/refresh', () => {
  it('rotates: the new pair works and the family stays the same', async () => {
    const first = await loginAs(fx.sales);
    const res = await refresh(first.refresh_token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token_type: 'Bearer', user: { id: fx.sales.id }, dealership: { id: fx.alpha } });
    const second = res.body as Pair;
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect((await call(server.url, 'GET', '/api/v1/auth/me', { token: second.access_token })).status).toBe(200);

    const rows = await server.ctx.db.orm.select().from(refreshTokens).where(eq(refreshTokens.user_id, fx.sales.id));
    const old = rows.find((r) => r.token_hash === hashRefreshToken(first.refresh_token));
    const next = rows.find((r) => r.token_hash === hashRefreshToken(second.refresh_token));
    expect(old?.revoked_at).toBeInstanceOf(Date);
    expect(old?.replaced_by).toBe(next?.id);
    expect(next?.family_id).toBe(old?.family_id);
    expect(next?.revoked_at).toBeNull();
    // Nothing but hashes is stored.
    expect(JSON.stringify(rows)).not.toContain(first.refresh_token);
  });

  it('detects reuse of a rotated token and revokes the whole family, the newest token included', async () => {
    const first = await loginAs(fx.manager);
    const other = await loginAs(fx.manager); // another device: a different family
    const second = (await refresh(first.refresh_token)).body as Pair;
    const replay = await refresh(first.refresh_token);
    expect(replay.status).toBe(401);
    expect(replay.body.error).toBe('refresh_token_reused');
    const afterReplay = await refresh(second.refresh_token);
    expect(afterReplay.status).toBe(401);
    expect(afterReplay.body.error).toBe('refresh_token_reused');
    // The other device's family is untouched.
    expect((await refresh(other.refresh_token)).status).toBe(200);
  });

  it('lets exactly one of two simultaneous refreshes with the same token win', async () => {
    const { refresh_token } = await loginAs(fx.admin);
    const results = await Promise.all([refresh(refresh_token), refresh(refresh_token)]);
    const statuses = results.map((r) => r.status).toSorted();
    expect(statuses).toEqual([200, 401]);
    expect(results.find((r) => r.status === 401)?.body.error).toBe('refresh_token_reused');
    const live = await server.ctx.db.rows<{ n: number }>(
      sql`select count(*)::int as n from refresh_tokens where user_id = ${fx.admin.id} and revoked_at is null`,
    );
    expect(live[0]?.n).toBe(0);
  });

  it('answers 401 refresh_token_expired for an expired token', async () => {
    const token = newRefreshToken();
    await server.ctx.db.orm.insert(refreshTokens).values({
      id: uuidv7(),
      user_id: fx.viewer.id,
      family_id: uuidv7(),
      token_hash: hashRefreshToken(token),
      expires_at: sql`now() - interval '1 minute'`,
    });
    const res = await refresh(token);
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('refresh_token_expired');
  });

  it('answers 401 invalid_refresh_token for an unknown token and 400 for a missing one', async () => {
    const res = await refresh(newRefreshToken());
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('invalid_refresh_token');
    const missing = await call(server.url, 'POST', '/api/v1/auth/refresh', { body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe('validation_error');
  });

  it('stops refreshing once the user is deactivated, and picks up a changed role', async () => {
    const pair = await loginAs(fx.otherSales);
    await server.ctx.db.orm.update(users).set({ role: 'manager' }).where(eq(users.id, fx.otherSales.id));
    const promoted = await refresh(pair.refresh_token);
    expect(promoted.status).toBe(200);
    expect(promoted.body.user).toMatchObject({ role: 'manager' });
    await server.ctx.db.orm.update(users).set({ is_active: false }).where(eq(users.id, fx.otherSales.id));
    const res = await refresh((promoted.body as Pair).refresh_token);
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('session_revoked');
  });

  it('purges only tokens expired longer ago than the grace period', async () => {
    const family = uuidv7();
    const insert = (age: string) =>
      server.ctx.db.orm.insert(refreshTokens).values({
        id: uuidv7(),
        user_id: fx.viewer.id,
        family_id: family,
        token_hash: hashRefreshToken(newRefreshToken()),
        expires_at: sql`now() - ${age}::interval`,
      });
    await insert('10 days');
    await insert('1 day');
    expect(await purgeExpiredRefreshTokens(server.ctx.db, 7)).toBe(1);
    const left = await server.ctx.db.orm.select().from(refreshTokens).where(eq(refreshTokens.family_id, family));
    expect(left).toHaveLength(1);
  });
});

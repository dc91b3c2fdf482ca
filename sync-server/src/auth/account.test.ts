import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.ts';
import { call, PASSWORD, seedAuthFixture, type Fixture, type FixtureUser } from './test-fixtures.ts';

let server: TestServer;
let fx: Fixture;
beforeAll(async () => {
  server = await startTestServer({ env: { LOGIN_RATE_LIMIT: '1000' }, seed: async (db) => (fx = await seedAuthFixture(db)) });
});
afterAll(() => server?.stop());

type Pair = { access_token: string; refresh_token: string };
const login = (email: string, password = PASSWORD) => call(server.url, 'POST', '/api/v1/auth/login', { body: { email, password } });
async function loginAs(u: FixtureUser, password = PASSWORD): Promise<Pair> {
  const res = await login(u.email, password);
  expect(res.status).toBe(200);
  return res.body as Pair;
}
const refresh = (token: string) => call(server.url, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: token } });
const change = (token: string, body: unknown) => call(server.url, 'POST', '/api/v1/auth/change-password', { token, body });
const liveTokens = async (userId: string) =>
  (await server.ctx.db.rows<{ n: number }>(sql`select count(*)::int as n from refresh_tokens where user_id = ${userId} and revoked_at is null`))[0]?.n;

describe('POST /api/v1/auth/logout', () => {
  it('revokes the family of the given refresh token only', async () => {
    const phone = await loginAs(fx.sales);
    const tablet = await loginAs(fx.sales);
    const res = await call(server.url, 'POST', '/api/v1/auth/logout', { token: phone.access_token, body: { refresh_token: phone.refresh_token } });
    expect(res.status).toBe(204);
    expect((await refresh(phone.refresh_token)).status).toBe(401);
    expect((await refresh(tablet.refresh_token)).status).toBe(200);
  });

  it('revokes every session with {all: true}, and accepts an empty body', async () => {
    const a = await loginAs(fx.viewer);
    await loginAs(fx.viewer);
    expect((await call(server.url, 'POST', '/api/v1/auth/logout', { token: a.access_token })).status).toBe(204);
    expect(await liveTokens(fx.viewer.id)).toBe(2);
    expect((await call(server.url, 'POST', '/api/v1/auth/logout', { token: a.access_token, body: { all: true } })).status).toBe(204);
    expect(await liveTokens(fx.viewer.id)).toBe(0);
  });

  it("cannot revoke another user's token", async () => {
    const victim = await loginAs(fx.otherManager);
    const attacker = await loginAs(fx.admin);
    const res = await call(server.url, 'POST', '/api/v1/auth/logout', { token: attacker.access_token, body: { refresh_token: victim.refresh_token } });
    expect(res.status).toBe(204);
    expect((await refresh(victim.refresh_token)).status).toBe(200);
  });

  it('requires a bearer token and a well-formed body', async () => {
    expect((await call(server.url, 'POST', '/api/v1/auth/logout', { body: {} })).status).toBe(401);
    const pair = await loginAs(fx.admin);
    const bad = await call(server.url, 'POST', '/api/v1/auth/logout', { token: pair.access_token, body: { all: 'yes' } });
    expect(bad.status).toBe(400);
  });
});

describe('POST /api/v1/auth/change-password', () => {

  it('refuses a wrong current password and a short new one', async () => {
    const pair = await loginAs(fx.manager);
    const wrong = await change(pair.access_token, { current_password: 'nope-nope', new_password: 'brand-new-pass' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toBe('invalid_credentials');
    const short = await change(pair.access_token, { current_password: PASSWORD, new_password: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.error).toBe('validation_error');
    expect((await login(fx.manager.email)).status).toBe(200);
  });

  it('changes the password, closes every other session and answers a fresh one for this device', async () => {
    const a = await loginAs(fx.otherSales);
    const b = await loginAs(fx.otherSales);
    const res = await change(a.access_token, { current_password: PASSWORD, new_password: 'a-much-better-one' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const fresh = res.body as { access_token: string; refresh_token: string };
    expect((await login(fx.otherSales.email)).status).toBe(401);
    expect((await login(fx.otherSales.email, 'a-much-better-one')).status).toBe(200);
    for (const old of [a, b]) expect((await refresh(old.refresh_token)).status).toBe(401);
    expect((await call(server.url, 'GET', '/api/v1/auth/me', { token: fresh.access_token })).status).toBe(200);
    expect((await refresh(fresh.refresh_token)).status).toBe(200);
    const trail = await server.ctx.db.rows<{ action: string; after: unknown }>(
      sql`select action, after from audit_log where user_id = ${fx.otherSales.id} and action = 'password_change'`,
    );
    expect(trail).toHaveLength(1);
    expect(JSON.stringify(trail)).not.toContain('a-much-better-one');
  });
});

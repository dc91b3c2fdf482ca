import { sign } from 'hono/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.ts';
import { signAccessToken } from './tokens.ts';
import { call, seedAuthFixture, type Fixture, type FixtureUser } from './test-fixtures.ts';

let server: TestServer;
let fx: Fixture;
beforeAll(async () => {
  server = await startTestServer({ seed: async (db) => (fx = await seedAuthFixture(db)) });
});
afterAll(() => server?.stop());

const tokenFor = (u: FixtureUser, ttl = 900, now = Date.now()) => signAccessToken(u, server.ctx.jwtSecret, ttl, now);
const me = (token: string) => call(server.url, 'GET', '/api/v1/auth/me', { token });

/** Replaces the character at `i` of a JWT segment with a different base64url character. */
function flip(token: string, segment: 1 | 2): string {
  const parts = token.split('.');
  const s = parts[segment] ?? '';
  const i = Math.floor(s.length / 2);
  parts[segment] = s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
  return parts.join('.');
}

describe('access tokens', () => {
  it('accepts a fresh token', async () => {
    expect((await me(await tokenFor(fx.sales))).status).toBe(200);
  });

  it('answers 401 token_expired for an expired token', async () => {
    const res = await me(await tokenFor(fx.sales, 60, Date.now() - 3600_000));
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('token_expired');
  });

  it('answers 401 invalid_token for a tampered payload or signature', async () => {
    const good = await tokenFor(fx.sales);
    for (const bad of [flip(good, 1), flip(good, 2)]) {
      expect(bad).not.toBe(good);
      const res = await me(bad);
      expect(res.status).toBe(401);
      expect(res.body.error).toBe('invalid_token');
    }
  });

  it('answers 401 invalid_token for a token signed with another secret or with alg none', async () => {
    const forged = await signAccessToken(fx.sales, 'another-secret-another-secret-0123456', 900);
    expect((await me(forged)).body.error).toBe('invalid_token');
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = (await tokenFor(fx.admin)).split('.')[1];
    expect((await me(`${header}.${payload}.`)).body.error).toBe('invalid_token');
  });

  it('answers 401 invalid_token for a token that is not an access token', async () => {
    const iat = Math.floor(Date.now() / 1000);
    const refreshLike = await sign({ sub: fx.sales.id, dlr: fx.alpha, role: 'sales', typ: 'refresh', iat, exp: iat + 600 }, server.ctx.jwtSecret, 'HS256');
    expect((await me(refreshLike)).body.error).toBe('invalid_token');
  });

  it('answers 401 unauthorized without a token', async () => {
    const res = await call(server.url, 'GET', '/api/v1/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('unauthorized');
  });

  it('answers 401 on /me once the account is deactivated, even with a valid token', async () => {
    const res = await me(await tokenFor(fx.inactive));
    expect(res.status).toBe(401);
  });

  it('answers 403 when the role is not allowed (viewer and sales on a manager route)', async () => {
    for (const u of [fx.viewer, fx.sales]) {
      const res = await call(server.url, 'GET', '/api/v1/audit', { token: await tokenFor(u) });
      expect(res.status).toBe(403);
      expect(res.body.error).toBe('forbidden');
    }
    expect((await call(server.url, 'GET', '/api/v1/audit', { token: await tokenFor(fx.manager) })).status).toBe(200);
  });
});

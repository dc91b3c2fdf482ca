import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.ts';
import { LoginThrottle } from './login-throttle.ts';
import { SlidingWindowLimiter } from './rate-limit.ts';
import { PASSWORD, postFrom, seedAuthFixture, type Fixture } from './test-fixtures.ts';

describe('SlidingWindowLimiter (injected clock)', () => {
  it('allows `limit` hits per sliding window and says how long to wait', () => {
    let now = 0;
    const l = new SlidingWindowLimiter({ limit: 2, windowMs: 10_000, now: () => now });
    l.hit('k');
    now = 4_000;
    l.hit('k');
    expect(l.retryAfter('k')).toBe(6); // the first hit leaves the window at t=10s
    now = 10_000;
    expect(l.retryAfter('k')).toBe(0);
    l.hit('k');
    expect(l.retryAfter('k')).toBe(4);
    l.forgive('k');
    expect(l.retryAfter('k')).toBe(0);
    expect(l.retryAfter('other')).toBe(0);
  });

  it('keeps at most maxKeys keys', () => {
    const l = new SlidingWindowLimiter({ limit: 1, windowMs: 60_000, maxKeys: 3, now: () => 0 });
    for (const k of ['a', 'b', 'c', 'd']) l.hit(k);
    expect(l.retryAfter('a')).toBe(0); // evicted, the oldest
    expect(l.retryAfter('d')).toBe(60);
  });

  it('counts an attempt before the check finishes, so a parallel burst cannot slip through', () => {
    const t = new LoginThrottle(2, 60, () => 0);
    t.begin({ email: 'x@y.z', ip: '1' });
    t.begin({ email: 'x@y.z', ip: '1' });
    expect(() => t.begin({ email: 'X@Y.Z', ip: '2' })).toThrow(/Too many/);
  });
});

describe('login rate limit over HTTP', () => {
  let server: TestServer;
  let fx: Fixture;
  beforeAll(async () => {
    server = await startTestServer({ env: { LOGIN_RATE_LIMIT: '3' }, seed: async (db) => (fx = await seedAuthFixture(db)) });
  });
  afterAll(() => server?.stop());

  const attempt = (ip: string, email: string, password: string) => postFrom(ip, server.url, '/api/v1/auth/login', { email, password });

  it('blocks an email after 3 failures, from any address, even with the right password', async () => {
    for (let i = 0; i < 3; i++) expect((await attempt('127.0.0.2', fx.sales.email, 'bad-guess')).status).toBe(401);
    const blocked = await attempt('127.0.0.3', fx.sales.email.toUpperCase(), PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error).toBe('rate_limited');
    expect(Number(blocked.retryAfter)).toBeGreaterThan(0);
  });

  it('blocks an address after 3 failures, whatever the email', async () => {
    for (const email of ['a@nowhere.example', 'b@nowhere.example', 'c@nowhere.example']) {
      expect((await attempt('127.0.0.4', email, 'bad-guess')).status).toBe(401);
    }
    const blocked = await attempt('127.0.0.4', fx.viewer.email, PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.retryAfter).toBeDefined();
    // Another address is unaffected.
    expect((await attempt('127.0.0.5', fx.viewer.email, PASSWORD)).status).toBe(200);
  });

  it("a success resets the email's bucket but not the address's", async () => {
    const ip = '127.0.0.6';
    expect((await attempt(ip, fx.manager.email, 'bad-guess')).status).toBe(401);
    expect((await attempt(ip, fx.manager.email, 'bad-guess')).status).toBe(401);
    expect((await attempt(ip, fx.manager.email, PASSWORD)).status).toBe(200);
    // The email starts over: two more failures from elsewhere do not block it.
    expect((await attempt('127.0.0.7', fx.manager.email, 'bad-guess')).status).toBe(401);
    expect((await attempt('127.0.0.7', fx.manager.email, 'bad-guess')).status).toBe(401);
    expect((await attempt('127.0.0.8', fx.manager.email, PASSWORD)).status).toBe(200);
    // The address keeps its two failures: one more and it is blocked.
    expect((await attempt(ip, 'someone@nowhere.example', 'bad-guess')).status).toBe(401);
    expect((await attempt(ip, fx.admin.email, PASSWORD)).status).toBe(429);
  });

  it('does not count malformed requests as attempts', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt('127.0.0.9', fx.admin.email, '')).status).toBe(400);
    expect((await attempt('127.0.0.9', fx.admin.email, PASSWORD)).status).toBe(200);
  });
});

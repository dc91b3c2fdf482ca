import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.ts';
import { call, PASSWORD, seedAuthFixture, type Fixture } from '../auth/test-fixtures.ts';

/** CORS, security headers, no-store on auth answers and what /health shows (issue 8, items 15-16). */
let plain: TestServer;
let allowed: TestServer;
let fx: Fixture;
beforeAll(async () => {
  plain = await startTestServer({ seed: async (db) => (fx = await seedAuthFixture(db)) });
  allowed = await startTestServer({ env: { CORS_ORIGINS: 'https://crm.example.com' } });
});
afterAll(async () => {
  await plain?.stop();
  await allowed?.stop();
});

const PATHS = ['/api/v1/auth/login', '/api/v1/vehicles', '/sync/v1/vehicles/pull', '/api/openapi.json'];
const ORIGINS = ['https://evil.example', 'null', 'https://crm.example.com', 'http://127.0.0.1:1'];

async function corsOf(base: string, path: string, origin: string) {
  const simple = await fetch(`${base}${path}`, { headers: { origin } });
  await simple.body?.cancel();
  const pre = await fetch(`${base}${path}`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
  });
  await pre.body?.cancel();
  return {
    simple: simple.headers.get('access-control-allow-origin'),
    preflight: pre.headers.get('access-control-allow-origin'),
    credentials: simple.headers.get('access-control-allow-credentials') ?? pre.headers.get('access-control-allow-credentials'),
  };
}

describe('CORS', () => {
  it('with CORS_ORIGINS unset, no origin is ever allowed (same-origin only), null included', async () => {
    for (const path of PATHS) {
      for (const origin of ORIGINS) {
        expect(await corsOf(plain.url, path, origin), `${path} ${origin}`).toEqual({ simple: null, preflight: null, credentials: null });
      }
    }
  });

  it('with CORS_ORIGINS set, only the listed origin is echoed; never *, null or credentials', async () => {
    for (const path of PATHS) {
      for (const origin of ORIGINS) {
        const got = await corsOf(allowed.url, path, origin);
        const expected = origin === 'https://crm.example.com' ? origin : null;
        expect(got, `${path} ${origin}`).toEqual({ simple: expected, preflight: expected, credentials: null });
      }
    }
  });
});

describe('security headers', () => {
  it('the CSP forbids framing, foreign base URIs and plugins', async () => {
    for (const path of ['/', '/health/live', '/api/v1/vehicles']) {
      const res = await fetch(`${plain.url}${path}`);
      await res.body?.cancel();
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("base-uri 'self'");
      expect(csp, path).toContain("object-src 'none'");
    }
  });

  it('every auth answer says Cache-Control: no-store, successes and errors alike', async () => {
    const login = await call(plain.url, 'POST', '/api/v1/auth/login', { body: { email: fx.admin.email, password: PASSWORD } });
    expect(login.status).toBe(200);
    const tokens = login.body as { access_token: string; refresh_token: string };
    const answers = [
      login,
      await call(plain.url, 'POST', '/api/v1/auth/login', { body: { email: fx.admin.email, password: 'wrong' } }),
      await call(plain.url, 'POST', '/api/v1/auth/login', { raw: '{' }),
      await call(plain.url, 'GET', '/api/v1/auth/me', { token: tokens.access_token }),
      await call(plain.url, 'GET', '/api/v1/auth/me'),
      await call(plain.url, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: tokens.refresh_token } }),
      await call(plain.url, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: 'nope' } }),
      await call(plain.url, 'POST', '/api/v1/auth/logout', { token: tokens.access_token }),
    ];
    for (const [i, a] of answers.entries()) expect(a.headers.get('cache-control'), `answer ${i} (${a.status})`).toBe('no-store');
  });
});

describe('/health', () => {
  it('the public part says only whether the service is up; details are for an admin of the dealership', async () => {
    const pub = await call(plain.url, 'GET', '/health');
    expect(pub.status).toBe(200);
    expect(pub.body).toEqual({ status: 'ok' });
    expect((await call(plain.url, 'GET', '/health/ready')).status).toBe(200);
    expect((await call(plain.url, 'GET', '/health/details')).status).toBe(401);
    const login = async (email: string) =>
      ((await call(plain.url, 'POST', '/api/v1/auth/login', { body: { email, password: PASSWORD } })).body as { access_token: string }).access_token;
    expect((await call(plain.url, 'GET', '/health/details', { token: await login(fx.manager.email) })).status).toBe(403);
    const details = await call(plain.url, 'GET', '/health/details', { token: await login(fx.admin.email) });
    expect(details.status).toBe(200);
    expect(details.body).toMatchObject({ status: 'ok', database: { status: 'ok' }, sync: { status: 'ok', devices: 0 } });
    expect(JSON.stringify(details.body)).not.toContain('seq');
  });
});

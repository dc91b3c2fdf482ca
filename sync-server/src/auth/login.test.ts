import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.ts';
import { call, PASSWORD, seedAuthFixture, type Fixture } from './test-fixtures.ts';

let server: TestServer;
let fx: Fixture;
beforeAll(async () => {
  // A small body limit so the 413 case needs no megabytes; every other body here is far below it.
  server = await startTestServer({ env: { BODY_LIMIT_BYTES: '4096', LOGIN_RATE_LIMIT: '1000' }, seed: async (db) => (fx = await seedAuthFixture(db)) });
});
afterAll(() => server?.stop());

const login = (body: unknown) => call(server.url, 'POST', '/api/v1/auth/login', { body });

describe('POST /api/v1/auth/login', () => {
  it('logs in with any casing of the email and returns tokens, user and dealership', async () => {
    const res = await login({ email: '  ADMIN@alpha.EXAMPLE ', password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 900,
      user: { id: fx.admin.id, email: 'Admin@Alpha.example', role: 'admin', first_name: 'admin', last_name: 'Tester', dealership_id: fx.alpha },
      dealership: { id: fx.alpha, name: 'Alpha Motors', currency: 'EUR', locale: 'es-ES', timezone: 'Europe/Madrid' },
    });
    expect(res.body.refresh_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(res.body)).not.toContain('password');
    const me = await call(server.url, 'GET', '/api/v1/auth/me', { token: res.body.access_token as string });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { id: fx.admin.id, role: 'admin' }, dealership: { id: fx.alpha } });
  });

  it('answers the same 401 for a wrong password and an unknown email', async () => {
    const wrong = await login({ email: fx.sales.email, password: 'not-the-password' });
    const unknown = await login({ email: 'nobody@alpha.example', password: PASSWORD });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual({ error: 'invalid_credentials', message: expect.any(String) });
    expect(unknown.body).toEqual(wrong.body);
  });

  it('refuses inactive and soft-deleted users even with the right password', async () => {
    for (const u of [fx.inactive, fx.deleted]) {
      const res = await login({ email: u.email, password: PASSWORD });
      expect(res.status).toBe(401);
      expect(res.body.error).toBe('invalid_credentials');
    }
  });

  it('rejects malformed JSON, missing fields and wrong types with 400', async () => {
    const bad = await call(server.url, 'POST', '/api/v1/auth/login', { raw: '{"email": "a@b.c", ' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('invalid_json');
    const missing = await login({ email: fx.admin.email });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: 'validation_error', details: { issues: [expect.objectContaining({ path: 'password' })] } });
    const types = await login({ email: 42, password: ['x'] });
    expect(types.status).toBe(400);
    expect(types.body.error).toBe('validation_error');
    const notObject = await call(server.url, 'POST', '/api/v1/auth/login', { raw: '"just a string"' });
    expect(notObject.status).toBe(400);
  });

  it('rejects an oversized body with 413', async () => {
    const res = await login({ email: fx.admin.email, password: 'x'.repeat(10_000) });
    expect(res.status).toBe(413);
    expect(res.body.error).toBe('payload_too_large');
  });

  it('records successful and failed logins in the audit log without secrets', async () => {
    await login({ email: fx.manager.email, password: PASSWORD });
    await login({ email: fx.manager.email, password: 'wrong-password-here' });
    const { access_token } = (await login({ email: fx.admin.email, password: PASSWORD })).body as { access_token: string };
    const audit = await call(server.url, 'GET', `/api/v1/audit?entity=user&entity_id=${fx.manager.id}`, { token: access_token });
    expect(audit.status).toBe(200);
    const actions = (audit.body.results as { action: string }[]).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['login', 'login_failed']));
    expect(JSON.stringify(audit.body)).not.toMatch(/wrong-password-here|password_hash|refresh_token/);
  });
});

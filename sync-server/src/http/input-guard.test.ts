import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.ts';
import { call, PASSWORD, seedAuthFixture, type Fixture } from '../auth/test-fixtures.ts';
import { badText, jsonDepth, LIMITS } from './input-guard.ts';

describe('input guard helpers', () => {
  it('finds NUL, lone surrogates and over-long text, and accepts proper pairs', () => {
    expect(badText('a\u0000b', 10)?.code).toBe('nul_character');
    expect(badText('x\ud800', 10)?.code).toBe('invalid_unicode');
    expect(badText('\udc00x', 10)?.code).toBe('invalid_unicode');
    expect(badText('\udc00\ud800', 10)?.code).toBe('invalid_unicode');
    expect(badText('🚗 ok', 10)).toBeNull();
    expect(badText('abcdef', 5)?.code).toBe('too_long');
  });

  it('measures JSON depth outside strings', () => {
    expect(jsonDepth('{"a":[1,{"b":"[[[[{{{{"}]}', 64)).toBe(3);
    expect(jsonDepth('"\\"[["', 64)).toBe(0);
    expect(jsonDepth('['.repeat(100_000), LIMITS.depth)).toBe(LIMITS.depth + 1);
  });
});

/** Issue 8, item 9: these used to answer 500. */
describe('the inputs the probe found', () => {
  let server: TestServer;
  let fx: Fixture;
  let admin = '';
  beforeAll(async () => {
    server = await startTestServer({ seed: async (db) => (fx = await seedAuthFixture(db)) });
    admin = ((await call(server.url, 'POST', '/api/v1/auth/login', { body: { email: fx.admin.email, password: PASSWORD } })).body as { access_token: string }).access_token;
  });
  afterAll(() => server?.stop());

  it('a NUL in the login email is a 400 with the error shape', async () => {
    for (const email of ['admin\u0000@alpha.example', '\u0000', `${fx.admin.email}\u0000`]) {
      const res = await call(server.url, 'POST', '/api/v1/auth/login', { body: { email, password: PASSWORD } });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: 'validation_error', message: expect.any(String), details: { issues: [{ path: 'email', code: 'nul_character' }] } });
    }
  });

  it('a NUL in any audit query parameter is a 400 naming the parameter', async () => {
    for (const p of ['entity', 'entity_id', 'action', 'user_id', 'page']) {
      const res = await call(server.url, 'GET', `/api/v1/audit?${p}=a%00b`, { token: admin });
      expect(res.status, p).toBe(400);
      expect(res.body, p).toMatchObject({ error: 'validation_error', details: { issues: [{ path: p }] } });
    }
  });

  it('a lone surrogate in a refresh token and deep JSON in a login are 400s', async () => {
    expect((await call(server.url, 'POST', '/api/v1/auth/refresh', { raw: '{"refresh_token":"\\ud800"}' })).body).toMatchObject({ error: 'validation_error' });
    const deep = await call(server.url, 'POST', '/api/v1/auth/login', { raw: `${'['.repeat(10_000)}${']'.repeat(10_000)}` });
    expect([deep.status, deep.body.error]).toEqual([400, 'validation_error']);
  });
});

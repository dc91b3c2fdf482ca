import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, PASSWORD, seedAuthFixture, type Fixture } from '../auth/test-fixtures.ts';
import { startTestServer, type TestServer } from '../test/harness.ts';

let server: TestServer;
let fx: Fixture;
const tok: Record<string, string> = {};
beforeAll(async () => {
  server = await startTestServer({ env: { LOGIN_RATE_LIMIT: '1000' }, seed: async (db) => (fx = await seedAuthFixture(db)) });
  for (const k of ['admin', 'manager', 'otherManager'] as const) {
    tok[k] = (await call(server.url, 'POST', '/api/v1/auth/login', { body: { email: fx[k].email, password: PASSWORD } })).body.access_token as string;
  }
});
afterAll(() => server?.stop());

describe('dealership settings', () => {
  it('admins change them; others read; other keys in settings are kept', async () => {
    await server.ctx.db.rows(sql`update dealerships set settings = '{"commission":{"rate":2}}'::jsonb where id = ${fx.alpha}`);
    const patch = { name: 'Alpha Motor S.L.', currency: 'usd', timezone: 'Atlantic/Canary', address: 'Calle Mayor 1', business_hours: { '1': [['09:00', '20:00']] }, holidays: ['2026-12-25'] };
    expect((await call(server.url, 'PATCH', '/api/v1/dealership', { token: tok.manager, body: patch })).status).toBe(403);
    const res = await call(server.url, 'PATCH', '/api/v1/dealership', { token: tok.admin, body: patch });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Alpha Motor S.L.', currency: 'USD', timezone: 'Atlantic/Canary', address: 'Calle Mayor 1', holidays: ['2026-12-25'] });
    const row = (await server.ctx.db.rows<{ settings: Record<string, unknown> }>(sql`select settings from dealerships where id = ${fx.alpha}`))[0];
    expect(row?.settings.commission).toEqual({ rate: 2 });
    expect((await call(server.url, 'GET', '/api/v1/dealership', { token: tok.manager })).body.name).toBe('Alpha Motor S.L.');
    // The other dealership is untouched.
    expect((await call(server.url, 'GET', '/api/v1/dealership', { token: tok.otherManager })).body.name).toBe('Beta Cars');
  });

  it('refuses bad values with 400', async () => {
    for (const body of [{ timezone: 'Mars/Olympus' }, { holidays: ['25/12/2026'] }, { business_hours: { '8': [['09:00', '10:00']] } }, { currency: 'EURO' }, {}]) {
      const res = await call(server.url, 'PATCH', '/api/v1/dealership', { token: tok.admin, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
  });
});

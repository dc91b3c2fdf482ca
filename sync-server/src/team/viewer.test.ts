import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUSHABLE_COLLECTIONS } from '@lotbook/shared';
import { call, PASSWORD, seedAuthFixture, type Fixture } from '../auth/test-fixtures.ts';
import { startTestServer, type TestServer } from '../test/harness.ts';

let server: TestServer;
let fx: Fixture;
let viewer: string;
let adminToken: string;
beforeAll(async () => {
  server = await startTestServer({ env: { LOGIN_RATE_LIMIT: '1000' }, seed: async (db) => (fx = await seedAuthFixture(db)) });
  const login = async (email: string) => (await call(server.url, 'POST', '/api/v1/auth/login', { body: { email, password: PASSWORD } })).body.access_token as string;
  viewer = await login(fx.viewer.email);
  adminToken = await login(fx.admin.email);
});
afterAll(() => server?.stop());

const count = async (table: string) => (await server.ctx.db.rows<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n;

describe('a viewer reads only', () => {
  it('reads the sync collections, the team and the dealership', async () => {
    for (const collection of [...PUSHABLE_COLLECTIONS, 'team']) {
      expect((await call(server.url, 'GET', `/sync/v1/${collection}/pull?seq=0&limit=5`, { token: viewer })).status, collection).toBe(200);
    }
    expect((await call(server.url, 'GET', '/api/v1/team', { token: viewer })).status).toBe(200);
    expect((await call(server.url, 'GET', '/api/v1/dealership', { token: viewer })).status).toBe(200);
  });

  it('is refused every push, on every collection, and nothing is stored', async () => {
    for (const collection of PUSHABLE_COLLECTIONS) {
      const before = await count(collection);
      const doc = { id: uuidv7(), dealership_id: fx.alpha, updated_at: new Date().toISOString(), deleted: false };
      const res = await call(server.url, 'POST', `/sync/v1/${collection}/push`, { token: viewer, body: [{ newDocumentState: doc, assumedMasterState: null }] });
      expect(res.status, collection).toBe(403);
      expect(res.body.error, collection).toBe('forbidden');
      expect(await count(collection), collection).toBe(before);
    }
  });

  it('is refused every REST write on the team, the dealership, targets and imports, and nothing changes', async () => {
    const before = (await call(server.url, 'GET', '/api/v1/dealership', { token: adminToken })).body;
    const team = await count('users');
    const writes: [string, string, unknown][] = [
      ['POST', '/api/v1/team', { first_name: 'X', last_name: 'Y', email: 'x@alpha.example', role: 'sales' }],
      ['PATCH', `/api/v1/team/${fx.sales.id}`, { first_name: 'Cambiado' }],
      ['POST', `/api/v1/team/${fx.sales.id}/deactivate`, {}],
      ['POST', `/api/v1/team/${fx.inactive.id}/reactivate`, {}],
      ['POST', `/api/v1/team/${fx.sales.id}/reset-password`, {}],
      ['PATCH', '/api/v1/dealership', { name: 'Hacked Motors' }],
      ['PUT', '/api/v1/analytics/targets', { targets: [] }],
      ['PUT', '/api/v1/analytics/commission', { rules: [] }],
      ['POST', '/api/v1/imports/entity', {}],
    ];
    for (const [method, path, body] of writes) {
      const res = await call(server.url, method, path, { token: viewer, body });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error, `${method} ${path}`).toBe('forbidden');
    }
    expect(await count('users')).toBe(team);
    const sales = await call(server.url, 'GET', '/api/v1/team', { token: adminToken });
    const member = (sales.body.items as { id: string; first_name: string; is_active: boolean }[]).find((m) => m.id === fx.sales.id);
    expect(member).toMatchObject({ first_name: 'sales', is_active: true });
    expect((await call(server.url, 'GET', '/api/v1/dealership', { token: adminToken })).body).toEqual(before);
  });
});

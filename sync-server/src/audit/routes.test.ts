import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.ts';
import { signAccessToken } from '../auth/tokens.ts';
import { call, seedAuthFixture, type Fixture, type FixtureUser } from '../auth/test-fixtures.ts';
import { recordAudit } from './log.ts';

let server: TestServer;
let fx: Fixture;
beforeAll(async () => {
  server = await startTestServer({ seed: async (db) => (fx = await seedAuthFixture(db)) });
  const db = server.ctx.db;
  // Five vehicle updates in Alpha, one in Beta, on the same entity id to prove the dealership filter.
  for (let i = 0; i < 5; i++) {
    await recordAudit(db, { dealershipId: fx.alpha, userId: fx.manager.id, action: 'update', entity: 'vehicles', entityId: 'v-1', after: { price: 1000 + i } });
  }
  await recordAudit(db, { dealershipId: fx.beta, userId: fx.otherManager.id, action: 'update', entity: 'vehicles', entityId: 'v-1', after: { price: 1 } });
});
afterAll(() => server?.stop());

const token = (u: FixtureUser) => signAccessToken(u, server.ctx.jwtSecret, 900);
const list = async (u: FixtureUser, query = '') => call(server.url, 'GET', `/api/v1/audit${query}`, { token: await token(u) });

type Row = { dealership_id: string; action: string; after: { price: number }; created_at: string };

describe('GET /api/v1/audit', () => {
  it("shows a manager only their own dealership's entries", async () => {
    const alpha = await list(fx.manager, '?entity=vehicles&entity_id=v-1');
    expect(alpha.status).toBe(200);
    expect(alpha.body.count).toBe(5);
    expect((alpha.body.results as Row[]).every((r) => r.dealership_id === fx.alpha)).toBe(true);
    const beta = await list(fx.otherManager, '?entity=vehicles&entity_id=v-1');
    expect(beta.body.count).toBe(1);
    expect((beta.body.results as Row[])[0]?.after).toEqual({ price: 1 });
    // Beta's manager asking about Alpha's users sees nothing.
    const probe = await list(fx.otherManager, `?user_id=${fx.manager.id}`);
    expect(probe.body).toMatchObject({ count: 0, results: [] });
  });

  it('pages newest first with next/previous links', async () => {
    const p1 = await list(fx.admin, '?entity=vehicles&page_size=2');
    expect(p1.body).toMatchObject({ count: 5, previous: null });
    expect((p1.body.results as Row[]).map((r) => r.after.price)).toEqual([1004, 1003]);
    const next = new URL(p1.body.next as string);
    expect(next.searchParams.get('page')).toBe('2');
    expect(next.searchParams.get('entity')).toBe('vehicles');
    const p3 = await list(fx.admin, '?entity=vehicles&page_size=2&page=3');
    expect(p3.body.next).toBeNull();
    expect(new URL(p3.body.previous as string).searchParams.get('page')).toBe('2');
    expect((p3.body.results as Row[]).map((r) => r.after.price)).toEqual([1000]);
    expect((p3.body.results as Row[])[0]?.created_at).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
  });

  it('rejects bad query parameters with 400 and other roles with 403', async () => {
    expect((await list(fx.admin, '?page_size=1000')).status).toBe(400);
    expect((await list(fx.admin, '?page=0')).status).toBe(400);
    expect((await list(fx.admin, '?user_id=not-a-uuid')).status).toBe(400);
    expect((await list(fx.viewer)).status).toBe(403);
    expect((await call(server.url, 'GET', '/api/v1/audit')).status).toBe(401);
  });
});

describe('recordAudit', () => {
  it('never stores passwords, hashes or tokens, at any depth', async () => {
    await recordAudit(server.ctx.db, {
      dealershipId: fx.alpha,
      userId: fx.admin.id,
      action: 'update',
      entity: 'users',
      entityId: fx.sales.id,
      before: { email: 'a@b.c', password_hash: '$argon2id$secret', nested: { refresh_token: 'rt', Access_Token: 'at', keep: 1 } },
      after: [{ password: 'p', when: new Date('2025-01-02T03:04:05.000Z') }],
      requestId: 'req-1',
    });
    const [row] = await server.ctx.db.rows<{ before: unknown; after: unknown; request_id: string }>(
      sql`select before, after, request_id from audit_log where request_id = 'req-1'`,
    );
    expect(row?.before).toEqual({ email: 'a@b.c', nested: { keep: 1 } });
    expect(row?.after).toEqual([{ when: '2025-01-02T03:04:05.000Z' }]);
  });
});

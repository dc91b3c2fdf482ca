import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client.ts';
import { createTestDatabase, startTestServer, TEST_DB, type TestDatabase, type TestServer } from '../test/harness.ts';
import { createFixture, tokenFor, type Fixture } from '../test/fixtures.ts';
import { openSse } from '../test/sse.ts';
import { StreamRevocations } from './stream-revocation.ts';
import { issueRefreshToken } from '../auth/refresh-tokens.ts';
import { signAccessToken } from '../auth/tokens.ts';

let database: TestDatabase;
let a: TestServer;
let b: TestServer;
let fx: Fixture;

beforeAll(async () => {
  database = await createTestDatabase();
  a = await startTestServer({ database });
  // Instance B re-checks its streams every second; on Postgres it has its own pool: a real second instance.
  const env = { AUTH_REVOCATION_CACHE_MS: '1000' };
  b = TEST_DB === 'postgres'
    ? await startTestServer({ env, database: { ...database, db: await openDatabase({ databaseUrl: database.url! }) } })
    : await startTestServer({ env, database });
  fx = await createFixture(a.ctx.db);
});
afterAll(async () => {
  await a?.stop();
  await b?.stop();
  if (TEST_DB === 'postgres') await b?.database.db.close().catch(() => undefined);
  await database?.drop();
});

const stream = async (server: TestServer, token: string) => {
  const s = await openSse(`${server.url}/sync/v1/stream`, token);
  expect(s.status).toBe(200);
  await s.next((e) => e.event === 'resync');
  return s;
};

const post = (server: TestServer, path: string, token: string, body: unknown = {}) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('a revocation closes the open change streams (SECURITY.md)', () => {
  it('deactivation on this instance ends the user’s streams before the answer, with a `revoked` event; others stay open', async () => {
    const fixture = await createFixture(a.ctx.db, 'Cierre Motors');
    const mine = await stream(a, await tokenFor(fixture.users.luis, a.ctx.jwtSecret));
    const twice = await stream(a, await tokenFor(fixture.users.luis, a.ctx.jwtSecret));
    const colleague = await stream(a, await tokenFor(fixture.users.ana, a.ctx.jwtSecret));
    const registry = StreamRevocations.for(a.ctx);
    const before = registry.size;

    const res = await post(a, `/api/v1/team/${fixture.users.luis.id}/deactivate`, await tokenFor(fixture.users.manager, a.ctx.jwtSecret));
    expect(res.status).toBe(200);
    // Closed by the deactivation itself, not by a timer: no wait on instance A.
    expect(registry.size).toBe(before - 2);
    await Promise.all([mine.ended, twice.ended]);
    expect(mine.events.at(-1)).toEqual({ event: 'revoked', data: { error: 'session_revoked' } });
    expect(twice.events.at(-1)?.event).toBe('revoked');
    // The colleague's stream is untouched, and a reconnect of the revoked one is refused.
    expect(colleague.events.some((e) => e.event === 'revoked')).toBe(false);
    const again = await fetch(`${a.url}/sync/v1/stream`, { headers: { authorization: `Bearer ${await tokenFor(fixture.users.luis, a.ctx.jwtSecret, 3600, Date.now() - 60_000)}` } });
    expect(again.status).toBe(401);
    expect(((await again.json()) as { error: string }).error).toBe('session_revoked');
    colleague.close();
  });

  it('a password change on instance A closes the stream held on instance B by its periodic re-check', async () => {
    const onB = await stream(b, await tokenFor(fx.users.ana, a.ctx.jwtSecret));
    // B never hears of it directly: only the database changed (the trigger of migration 0004 moves the cutoff).
    await a.ctx.db.rows(sql`UPDATE users SET password_hash = 'changed-elsewhere' WHERE id = ${fx.users.ana.id}::uuid`);
    await onB.ended;
    expect(onB.events.at(-1)?.event).toBe('revoked');
  });

  it('recheck() closes exactly the streams whose token the cutoff ended', async () => {
    const registry = StreamRevocations.for(a.ctx);
    const old = await stream(a, await tokenFor(fx.users.viewer, a.ctx.jwtSecret));
    expect(await registry.recheck()).toBe(0);
    await a.ctx.db.rows(sql`UPDATE users SET password_hash = 'changed-by-sql' WHERE id = ${fx.users.viewer.id}::uuid`);
    // A token issued after the cutoff (a new login) keeps its stream.
    await new Promise((r) => setTimeout(r, 5));
    const fresh = await stream(a, await tokenFor(fx.users.viewer, a.ctx.jwtSecret));
    expect(await registry.recheck([fx.users.viewer.id])).toBe(1);
    await old.ended;
    expect(old.events.at(-1)?.event).toBe('revoked');
    expect(fresh.events.some((e) => e.event === 'revoked')).toBe(false);
    fresh.close();
  });

  it('signing out one session (by plain SQL on instance A) closes only that session’s stream on instance B', async () => {
    const fixture = await createFixture(a.ctx.db, 'Sesiones Motors');
    const luis = fixture.users.luis;
    const claims = { id: luis.id, dealership_id: luis.dealership_id, role: luis.role, email: luis.email };
    const phone = await issueRefreshToken(a.ctx.db, luis.id, 3600);
    const laptop = await issueRefreshToken(a.ctx.db, luis.id, 3600);
    const onPhone = await stream(b, await signAccessToken(claims, a.ctx.jwtSecret, 3600, Date.now(), Date.now(), phone.familyId));
    const onLaptop = await stream(b, await signAccessToken(claims, a.ctx.jwtSecret, 3600, Date.now(), Date.now(), laptop.familyId));
    await a.ctx.db.rows(sql`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = ${phone.familyId}::uuid`);
    await onPhone.ended;
    expect(onPhone.events.at(-1)?.event).toBe('revoked');
    expect(await StreamRevocations.for(b.ctx).recheck([luis.id])).toBe(0);
    expect(onLaptop.events.some((e) => e.event === 'revoked')).toBe(false);
    onLaptop.close();
  });
});

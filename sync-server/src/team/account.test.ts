import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, PASSWORD, seedAuthFixture, type Fixture } from '../auth/test-fixtures.ts';
import { startTestServer, type TestServer } from '../test/harness.ts';
import { openSse } from '../test/sse.ts';

let server: TestServer;
let fx: Fixture;
beforeAll(async () => {
  server = await startTestServer({ env: { LOGIN_RATE_LIMIT: '1000' }, seed: async (db) => (fx = await seedAuthFixture(db)) });
});
afterAll(() => server?.stop());

const login = async (email: string) => (await call(server.url, 'POST', '/api/v1/auth/login', { body: { email, password: PASSWORD } })).body as { access_token: string; refresh_token: string };

describe('my account', () => {
  it('edits my name and phone, lists my sessions and signs one out (its refresh token dies)', async () => {
    const phone = await login(fx.viewer.email);
    const laptop = await login(fx.viewer.email);
    const edited = await call(server.url, 'PATCH', '/api/v1/account', { token: laptop.access_token, body: { first_name: 'Víctor', phone: '+34 600 000 000' } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ first_name: 'Víctor', phone: '+34 600 000 000' });
    expect((await call(server.url, 'PATCH', '/api/v1/account', { token: laptop.access_token, body: { role: 'admin' } })).status).toBe(400);

    const list = await call(server.url, 'GET', '/api/v1/account/sessions', { token: laptop.access_token });
    const sessions = list.body.sessions as { family_id: string; current: boolean }[];
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    // Sign out the phone: find its family by trying each (but the laptop's own, which would end
    // the laptop's access) until the phone's refresh fails.
    let signedOut = false;
    for (const s of sessions.filter((x) => !x.current)) {
      expect((await call(server.url, 'POST', `/api/v1/account/sessions/${s.family_id}/sign-out`, { token: laptop.access_token })).status).toBe(204);
      if ((await call(server.url, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: phone.refresh_token } })).status === 401) {
        signedOut = true;
        break;
      }
    }
    expect(signedOut).toBe(true);
    // Another user's session id is not found.
    const other = await login(fx.otherSales.email);
    const theirs = (await call(server.url, 'GET', '/api/v1/account/sessions', { token: other.access_token })).body.sessions as { family_id: string }[];
    expect((await call(server.url, 'POST', `/api/v1/account/sessions/${theirs[0]!.family_id}/sign-out`, { token: laptop.access_token })).status).toBe(404);
    expect((await call(server.url, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: other.refresh_token } })).status).toBe(200);
  });

  it('"sign out this device" ends that device at once (access refused, refresh refused, stream closed); the other device keeps working', async () => {
    const phone = await login(fx.sales.email);
    const laptop = await login(fx.sales.email);
    const phoneStream = await openSse(`${server.url}/sync/v1/stream`, phone.access_token);
    expect(phoneStream.status).toBe(200);
    await phoneStream.next((e) => e.event === 'resync');
    const laptopStream = await openSse(`${server.url}/sync/v1/stream`, laptop.access_token);
    expect(laptopStream.status).toBe(200);
    await laptopStream.next((e) => e.event === 'resync');

    // Each device sees which session is its own.
    const fromPhone = (await call(server.url, 'GET', '/api/v1/account/sessions', { token: phone.access_token })).body.sessions as { family_id: string; current: boolean }[];
    const phoneFamily = fromPhone.find((s) => s.current)?.family_id;
    expect(phoneFamily).toBeDefined();
    expect(fromPhone.filter((s) => s.current)).toHaveLength(1);

    // From the laptop, sign the phone out.
    expect((await call(server.url, 'POST', `/api/v1/account/sessions/${phoneFamily}/sign-out`, { token: laptop.access_token })).status).toBe(204);
    // Its stream was told before the answer; its access token is refused on the next request; its refresh token is dead.
    await phoneStream.ended;
    expect(phoneStream.events.at(-1)).toEqual({ event: 'revoked', data: { error: 'session_revoked' } });
    const me = await call(server.url, 'GET', '/api/v1/auth/me', { token: phone.access_token });
    expect(me.status).toBe(401);
    expect(me.body.error).toBe('session_revoked');
    const pull = await call(server.url, 'GET', '/sync/v1/leads/pull?seq=0&limit=1', { token: phone.access_token });
    expect(pull.status).toBe(401);
    expect((await call(server.url, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: phone.refresh_token } })).status).toBe(401);
    const reopened = await openSse(`${server.url}/sync/v1/stream`, phone.access_token);
    expect(reopened.status).toBe(401);
    reopened.close();

    // The laptop keeps working: its stream, its requests, its refresh, and the new access token.
    expect(laptopStream.events.some((e) => e.event === 'revoked')).toBe(false);
    expect((await call(server.url, 'GET', '/api/v1/auth/me', { token: laptop.access_token })).status).toBe(200);
    const refreshed = await call(server.url, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: laptop.refresh_token } });
    expect(refreshed.status).toBe(200);
    expect((await call(server.url, 'GET', '/api/v1/auth/me', { token: (refreshed.body as { access_token: string }).access_token })).status).toBe(200);
    laptopStream.close();
  });

  it('a logout ends the access token of the session it signs out, not the others', async () => {
    const phone = await login(fx.manager.email);
    const laptop = await login(fx.manager.email);
    expect((await call(server.url, 'POST', '/api/v1/auth/logout', { token: phone.access_token, body: { refresh_token: phone.refresh_token } })).status).toBe(204);
    expect((await call(server.url, 'GET', '/api/v1/auth/me', { token: phone.access_token })).body.error).toBe('session_revoked');
    expect((await call(server.url, 'GET', '/api/v1/auth/me', { token: laptop.access_token })).status).toBe(200);
  });
});

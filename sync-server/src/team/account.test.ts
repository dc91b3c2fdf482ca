import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, PASSWORD, seedAuthFixture, type Fixture } from '../auth/test-fixtures.ts';
import { startTestServer, type TestServer } from '../test/harness.ts';

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
    const sessions = list.body.sessions as { family_id: string }[];
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    // Sign out the phone: find its family by trying each until the phone's refresh fails.
    let signedOut = false;
    for (const s of sessions) {
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
});

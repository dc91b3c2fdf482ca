import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSeededServer, tokenFor, type TestServer } from '../db/testing/server.ts';
import { TestNetwork } from '../db/testing/network.ts';
import { ApiFailure, SESSION_KEY, createApiClient, createSessionStore, loginRequest, memoryStorage } from './session.ts';

describe('session store', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startSeededServer({ ACCESS_TOKEN_TTL_SECONDS: '2' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  test('a login is persisted and read back by the next app start', async () => {
    const storage = memoryStorage();
    const store = createSessionStore({ baseUrl: server.url, storage });
    store.set(await loginRequest(server.url, 'ana@demo.example', 'demo1234'));
    expect(JSON.parse(storage.getItem(SESSION_KEY) ?? 'null')).toMatchObject({ user: { email: 'ana@demo.example', role: 'sales' }, dealership: { currency: 'EUR' } });
    const reopened = createSessionStore({ baseUrl: server.url, storage });
    expect(reopened.get()?.user.email).toBe('ana@demo.example');
    expect(reopened.authRequired).toBe(false);
  });

  test('a wrong password is an ApiFailure; no network is status 0', async () => {
    await expect(loginRequest(server.url, 'ana@demo.example', 'nope')).rejects.toMatchObject({ status: 401 });
    const net = new TestNetwork();
    net.offline = true;
    await expect(loginRequest(server.url, 'ana@demo.example', 'demo1234', net.fetch)).rejects.toEqual(expect.objectContaining({ status: 0, error: 'network_error' }));
    expect(new ApiFailure(400, 'x', 'y')).toBeInstanceOf(Error);
  });

  test('concurrent refreshes share one request and rotate the tokens', async () => {
    const net = new TestNetwork();
    const store = createSessionStore({ baseUrl: server.url, storage: memoryStorage(), fetch: net.fetch });
    store.set(await loginRequest(server.url, 'luis@demo.example', 'demo1234'));
    const before = store.get()!;
    const [a, b, c] = await Promise.all([store.refresh(), store.refresh(), store.refresh()]);
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(a!.refresh_token).not.toBe(before.refresh_token);
    expect(net.count((e) => e.url.endsWith('/auth/refresh'))).toBe(1);
    expect(store.get()).toEqual(a);
  });

  test('a dead refresh token resolves null, sets authRequired and keeps the user; offline refresh throws', async () => {
    const net = new TestNetwork();
    const store = createSessionStore({ baseUrl: server.url, storage: memoryStorage(), fetch: net.fetch });
    store.set(await loginRequest(server.url, 'marta@demo.example', 'demo1234'));
    const changes: unknown[] = [];
    store.onChange((s) => changes.push(s));
    net.offline = true;
    await expect(store.refresh()).rejects.toBeInstanceOf(TypeError);
    expect(store.authRequired).toBe(false);
    net.offline = false;
    await fetch(`${server.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenFor(server.url, 'marta@demo.example')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ all: true }),
    });
    expect(await store.refresh()).toBeNull();
    expect(store.authRequired).toBe(true);
    expect(store.get()?.user.email).toBe('marta@demo.example');
    expect(changes.length).toBeGreaterThan(0);
    store.set(await loginRequest(server.url, 'marta@demo.example', 'demo1234'));
    expect(store.authRequired).toBe(false);
  });

  test('the API client refreshes once on token_expired and retries', async () => {
    const net = new TestNetwork();
    const store = createSessionStore({ baseUrl: server.url, storage: memoryStorage(), fetch: net.fetch });
    store.set(await loginRequest(server.url, 'gerente@demo.example', 'demo1234'));
    const api = createApiClient(store, server.url, net.fetch);
    const token = store.get()!.access_token;
    const exp = (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { exp: number }).exp * 1000;
    while (Date.now() < exp + 1000) await new Promise((r) => setTimeout(r, 100));
    const me = await api.get<{ user: { email: string } }>('/api/v1/auth/me');
    expect(me.user.email).toBe('gerente@demo.example');
    expect(net.count((e) => e.status === 401)).toBe(1);
    expect(store.get()!.access_token).not.toBe(token);
    await expect(api.get('/api/v1/nope')).rejects.toMatchObject({ status: 404, error: 'not_found' });
  });

  test('a session ended on the server (password changed elsewhere) is marked session_revoked; the user stays', async () => {
    const store = createSessionStore({ baseUrl: server.url, storage: memoryStorage() });
    store.set(await loginRequest(server.url, 'visor@demo.example', 'demo1234'));
    const api = createApiClient(store, server.url);
    expect((await api.get<{ user: { email: string } }>('/api/v1/auth/me')).user.email).toBe('visor@demo.example');
    const other = await loginRequest(server.url, 'visor@demo.example', 'demo1234');
    const changed = await fetch(`${server.url}/api/v1/auth/change-password`, {
      method: 'POST',
      headers: { authorization: `Bearer ${other.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ current_password: 'demo1234', new_password: 'visor-new-pass' }),
    });
    expect(changed.status).toBe(200);
    await expect(api.get('/api/v1/auth/me')).rejects.toMatchObject({ status: 401, error: 'session_revoked' });
    expect(store.authRequired).toBe(true);
    expect(store.authReason).toBe('session_revoked');
    expect(store.get()?.user.email).toBe('visor@demo.example');
    // The refresh token is dead too, for the same reason.
    const again = createSessionStore({ baseUrl: server.url, storage: memoryStorage() });
    again.set({ ...store.get()! });
    expect(await again.refresh()).toBeNull();
    expect(again.authReason).toBe('session_revoked');
    store.set(await loginRequest(server.url, 'visor@demo.example', 'visor-new-pass'));
    expect([store.authRequired, store.authReason]).toEqual([false, null]);
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { converged } from './testing/converge.ts';
import { openDevice, waitFor, type Device } from './testing/device.ts';
import { leadOf } from './testing/fixtures.ts';
import { currentSeq, serverDocs, startSeededServer, type TestServer, tokenFor } from './testing/server.ts';

/** The access token's own expiry claim: lets the test wait until it is really dead. */
function expiry(token: string): number {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { exp: number };
  return payload.exp * 1000;
}

async function waitUntilExpired(d: Device): Promise<void> {
  const token = d.session.get()!.access_token;
  await waitFor(() => Date.now() > expiry(token) + 1000, 'the access token to expire');
}

describe('auth that survives on a syncing device', () => {
  let server: TestServer;
  let gerente: Device;
  beforeAll(async () => {
    server = await startSeededServer({ ACCESS_TOKEN_TTL_SECONDS: '2' });
    gerente = await openDevice(server.url, 'gerente@demo.example');
    await gerente.sync.awaitInitialSync();
  });
  afterAll(async () => {
    await gerente?.close();
    await server?.stop();
  });

  test('an access token that expires mid-session is refreshed and the push goes through', async () => {
    const ana = await openDevice(server.url, 'ana@demo.example');
    try {
      await ana.sync.awaitInitialSync();
      const seq0 = await currentSeq(server.url, await tokenFor(server.url, 'gerente@demo.example'), ['leads']);
      const first = ana.session.get()!;
      await waitUntilExpired(ana);
      const lead = await leadOf(ana, ana.userId);
      await lead.incrementalPatch({ notes: 'written after the token expired' });
      await converged(server.url, [ana], ['leads'], seq0);

      expect(ana.net.count((e) => e.status === 401)).toBeGreaterThan(0);
      expect(ana.net.count((e) => e.url.endsWith('/api/v1/auth/refresh') && e.status === 200)).toBeGreaterThan(0);
      expect(ana.session.get()!.refresh_token).not.toBe(first.refresh_token);
      expect(ana.status()).toMatchObject({ authRequired: false, paused: false, pending: 0 });
      const onServer = (await serverDocs(server.url, await tokenFor(server.url, 'ana@demo.example'), 'leads')).get(lead.primary);
      expect(onServer?.notes).toBe('written after the token expired');
    } finally {
      await ana.close();
    }
  });

  test('a dead refresh token pauses sync with the data kept; after a new login the queue syncs as that user', async () => {
    const luis = await openDevice(server.url, 'luis@demo.example');
    try {
      await luis.sync.awaitInitialSync();
      const seq0 = await currentSeq(server.url, await tokenFor(server.url, 'gerente@demo.example'), ['leads']);
      // Luis's refresh tokens die (they expire) while this device's access token is still good,
      // then the access token lapses: the device finds out only when it next needs a refresh.
      // (A sign-out from another device now ends the access token at once as well: that path is
      // revocation-sync.test.ts.)
      await server.ctx.db.orm.execute(`UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE user_id = '${luis.userId}'`);
      await waitUntilExpired(luis);

      const [a, b] = await luis.db.leads.find({ selector: { assigned_to: luis.userId }, sort: [{ id: 'asc' }], limit: 2 }).exec();
      expect(luis.status().authRequired).toBe(false);
      expect(b).toBeDefined();
      await a!.incrementalPatch({ notes: 'queued while the session was dead' });
      const paused = await luis.until((st) => st.authRequired && st.paused, 'auth required');
      expect(paused.error?.code).toBe('auth_required');
      await b!.incrementalPatch({ notes: 'also queued' });
      await luis.until((st) => st.pending === 2, 'both writes queued');
      expect(luis.session.authRequired).toBe(true);
      expect(luis.session.get()!.user.id).toBe(luis.userId);
      expect((await luis.db.leads.findOne(a!.primary).exec())!.notes).toBe('queued while the session was dead');

      luis.session.set(await luis.api.loginRequest(server.url, 'luis@demo.example', 'demo1234', luis.net.fetch));
      luis.sync.resume();
      await converged(server.url, [luis], ['leads'], seq0);
      expect(luis.status()).toMatchObject({ authRequired: false, paused: false, pending: 0, error: null });
      const leads = await serverDocs(server.url, await tokenFor(server.url, 'gerente@demo.example'), 'leads');
      expect(leads.get(a!.primary)?.notes).toBe('queued while the session was dead');
      expect(leads.get(b!.primary)?.notes).toBe('also queued');
    } finally {
      await luis.close();
    }
  });
});

describe('app lifecycle', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startSeededServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  test('writes queued offline survive an app restart and sync afterwards', async () => {
    const first = await openDevice(server.url, 'ana@demo.example');
    await first.sync.awaitInitialSync();
    const seq0 = await currentSeq(server.url, await tokenFor(server.url, 'gerente@demo.example'), ['leads']);
    first.net.offline = true;
    const lead = await leadOf(first, first.userId);
    await lead.incrementalPatch({ notes: 'before the restart' });
    await first.until((s) => s.pending === 1, 'queued');
    await first.close();

    const again = await openDevice(server.url, 'ana@demo.example', { restart: first.restart });
    try {
      await again.until((s) => s.pending === 1 && !s.online, 'the queue found again after the restart');
      again.net.offline = false;
      await converged(server.url, [again], ['leads'], seq0);
      expect((await serverDocs(server.url, await tokenFor(server.url, 'ana@demo.example'), 'leads')).get(lead.primary)?.notes).toBe('before the restart');
    } finally {
      await again.close();
    }
  });

  test('the device remembers, for its owner only, a finished first sync and the unsent writes', async () => {
    const g = globalThis as { localStorage?: unknown };
    const saved = g.localStorage;
    const store = new Map<string, string>();
    g.localStorage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) };
    try {
      const first = await openDevice(server.url, 'ana@demo.example');
      first.api.claimDevice({ id: first.userId, email: 'ana@demo.example' });
      await first.sync.awaitInitialSync();
      await first.until((s) => s.initial.done, 'first sync');
      expect(first.api.readDeviceOwner()?.first_sync_done_at).not.toBeNull();
      first.net.offline = true;
      const lead = await leadOf(first, first.userId);
      await lead.incrementalPatch({ notes: 'counted for the owner' });
      await first.until((s) => s.pending === 1, 'queued');
      expect(first.api.readDeviceOwner()?.pending).toBe(1);
      expect(first.api.ownershipFor(first.userId)).toEqual({ kind: 'same' });
      expect(first.api.ownershipFor('00000000-0000-7000-8000-000000000000')).toMatchObject({ kind: 'other', owner: { pending: 1 } });
      await first.close();

      // A restart (offline: nothing can be pulled) starts as "first sync done", not as a download.
      const again = await openDevice(server.url, 'ana@demo.example', { restart: first.restart });
      try {
        expect(again.status().initial.done).toBe(true);
        await again.until((s) => s.pending === 1, 'the queue found again after the restart');
        again.net.offline = false;
        await again.until((s) => s.pending === 0 && s.online, 'the queue pushed');
        expect(again.api.readDeviceOwner()?.pending).toBe(0);
      } finally {
        await again.close();
      }
    } finally {
      g.localStorage = saved;
    }
  });

  test('an outdated app gets 426: sync stops and offers the update, writes stay local', async () => {
    const d = await openDevice(server.url, 'gerente@demo.example');
    try {
      await d.sync.awaitInitialSync();
      d.net.rewrite = (url) => url.replace('/sync/v1/', '/sync/v0/');
      const [v] = await d.db.vehicles.find({ sort: [{ id: 'asc' }], limit: 1 }).exec();
      await v!.incrementalPatch({ lot_location: 'U-01' });
      const s = await d.until((st) => st.updateRequired, 'update required');
      expect(s).toMatchObject({ paused: true, pending: 1, error: { code: 'upgrade_required' } });
      const requests = d.net.log.length;
      await new Promise((r) => setTimeout(r, 500));
      expect(d.net.count((e) => e.status === 426)).toBeGreaterThan(0);
      expect(d.net.log.length - requests).toBeLessThanOrEqual(1);
    } finally {
      await d.close();
    }
  });
});

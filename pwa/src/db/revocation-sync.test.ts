import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDevice, waitFor } from './testing/device.ts';
import { leadOf } from './testing/fixtures.ts';
import { serverDocs, startSeededServer, type TestServer, tokenFor } from './testing/server.ts';

async function deactivate(baseUrl: string, userId: string): Promise<void> {
  const res = await fetch(`${baseUrl}/api/v1/team/${userId}/deactivate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await tokenFor(baseUrl, 'gerente@demo.example')}`, 'content-type': 'application/json' },
    body: '{}',
  });
  expect(res.status).toBe(200);
}

describe('a session the server ends (deactivation) ends on the device, whatever learns it first', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startSeededServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  test('an idle device is told by its change stream: sync halts with session_revoked, a later write stays local', async () => {
    const ana = await openDevice(server.url, 'ana@demo.example');
    try {
      await ana.sync.awaitInitialSync();
      await ana.until((s) => s.connected, 'the change stream open');
      const pushesBefore = ana.net.count((e) => e.url.includes('/push'));
      await deactivate(server.url, ana.userId);
      // Nothing on the device makes a request: the server closes the stream with `revoked`.
      const st = await ana.until((s) => s.authRequired && s.paused, 'the session ended');
      expect(st.connected).toBe(false);
      expect(ana.session.authReason).toBe('session_revoked');
      expect(ana.session.get()?.user.id).toBe(ana.userId);
      // A write made now stays on the device, visible and counted, and is never sent.
      const lead = await leadOf(ana, ana.userId);
      await lead.incrementalPatch({ notes: 'written after the deactivation' });
      await ana.until((s) => s.pending === 1, 'the write queued');
      expect((await ana.db.leads.findOne(lead.primary).exec())?.notes).toBe('written after the deactivation');
      expect(ana.net.count((e) => e.url.includes('/push'))).toBe(pushesBefore);
    } finally {
      await ana.close();
    }
  });

  test('any API call (here the dashboard’s) that answers session_revoked halts sync and asks for a login', async () => {
    const luis = await openDevice(server.url, 'luis@demo.example');
    try {
      await luis.sync.awaitInitialSync();
      // The stream is off (paused by the user), so only the screen's request can learn of it.
      luis.sync.pause();
      await deactivate(server.url, luis.userId);
      const api = luis.api.createApiClient(luis.session, server.url, luis.net.fetch);
      await expect(api.get('/api/v1/analytics/dashboard')).rejects.toMatchObject({ status: 401, error: 'session_revoked' });
      await waitFor(() => luis.session.authRequired, 'the session marked revoked');
      expect(luis.session.authReason).toBe('session_revoked');
      expect(luis.status()).toMatchObject({ authRequired: true, paused: true, error: { code: 'auth_required' } });
      // Resuming does not sync a revoked session: it stays halted.
      luis.sync.resume();
      await luis.until((s) => s.authRequired, 'still halted');
      const docs = await serverDocs(server.url, await tokenFor(server.url, 'gerente@demo.example'), 'leads');
      expect(docs.size).toBeGreaterThan(0);
    } finally {
      await luis.close();
    }
  });
});

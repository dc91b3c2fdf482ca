import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { preferenceErrors, preferencesDocId, savePreferencesLocally } from '../features/notifications/preferences.ts';
import { openDevice, waitFor, type Device } from './testing/device.ts';
import { rawPush, serverDocs, startSeededServer, tokenFor, type TestServer } from './testing/server.ts';

/**
 * Issue 10: notification preferences and quiet hours are the user's replicated
 * `notification_preferences` document (its id derived from the user id). Edited offline on one device, they reach the
 * server and the user's other device; nobody else ever receives them; an invalid time is refused
 * on the device and on the server.
 */
describe('notification preferences replicate like any other document', () => {
  let server: TestServer;
  let anaA: Device;
  let anaB: Device;
  let luis: Device;
  const anaDoc = () => preferencesDocId(anaA.userId);
  beforeAll(async () => {
    server = await startSeededServer();
    anaA = await openDevice(server.url, 'ana@demo.example');
    anaB = await openDevice(server.url, 'ana@demo.example');
    luis = await openDevice(server.url, 'luis@demo.example');
    await Promise.all([anaA, anaB, luis].map((d) => d.sync.awaitInitialSync()));
    await Promise.all([anaA, anaB, luis].map((d) => d.until((s) => s.connected, 'stream connected')));
  });
  afterAll(async () => {
    await Promise.all([anaA, anaB, luis].map((d) => d?.close()));
    await server?.stop();
  });

  test('quiet hours edited offline on device A reach the server and device B; luis never receives them', async () => {
    anaA.net.offline = true;
    const prefs = { channels: { hot_lead: ['in_app', 'email'] as ('in_app' | 'email')[] }, quiet_start: '22:00', quiet_end: '07:00', time_zone: 'Europe/Madrid' };
    expect(await savePreferencesLocally(anaA.db, { id: anaA.userId, dealership_id: anaA.dealershipId }, prefs)).toEqual({ ok: true });
    await anaA.until((s) => !s.online && s.pending === 1, 'offline with the preferences pending');

    anaA.net.offline = false;
    await anaA.until((s) => s.online && s.pending === 0, 'device A pushed');
    const onServer = (await serverDocs(server.url, await tokenFor(server.url, 'ana@demo.example'), 'notification_preferences')).get(anaDoc());
    expect(onServer).toMatchObject({ id: anaDoc(), user_id: anaA.userId, ...prefs, version: 1, _deleted: false });

    await waitFor(async () => (await anaB.db.notification_preferences.findOne(anaDoc()).exec())?.quiet_start === '22:00', 'the preferences on device B');
    expect((await anaB.db.notification_preferences.findOne(anaDoc()).exec())!.toJSON()).toMatchObject({ ...prefs, user_id: anaA.userId });

    // An edit on B goes back to A the same way.
    expect(await savePreferencesLocally(anaB.db, { id: anaB.userId, dealership_id: anaB.dealershipId }, { ...prefs, quiet_start: '21:30' })).toEqual({ ok: true });
    await waitFor(async () => (await anaA.db.notification_preferences.findOne(anaDoc()).exec())?.quiet_start === '21:30', 'the edit from B on device A');

    // luis: never ana's document, not on his device and not in a pull from 0.
    await luis.sync.syncNow();
    expect(await luis.db.notification_preferences.findOne(anaDoc()).exec()).toBeNull();
    const luisPull = await serverDocs(server.url, await tokenFor(server.url, 'luis@demo.example'), 'notification_preferences');
    expect(luisPull.has(anaDoc())).toBe(false);
  });

  test('an invalid time is refused on the device and on the server, and nothing is stored', async () => {
    const bad = { channels: {}, quiet_start: '25:00', quiet_end: '07:00', time_zone: null };
    expect(preferenceErrors(luis.userId, bad).map((e) => e.field)).toEqual(['quiet_start']);
    const r = await savePreferencesLocally(luis.db, { id: luis.userId, dealership_id: luis.dealershipId }, bad);
    expect(r.ok).toBe(false);
    expect(await luis.db.notification_preferences.findOne(preferencesDocId(luis.userId)).exec()).toBeNull();
    expect((await savePreferencesLocally(luis.db, { id: luis.userId, dealership_id: luis.dealershipId }, { ...bad, quiet_start: '22:00', quiet_end: null })).ok).toBe(false);

    // The server refuses the same document pushed straight (a device that skipped the check).
    const token = await tokenFor(server.url, 'luis@demo.example');
    const now = new Date().toISOString();
    const doc = { id: preferencesDocId(luis.userId), dealership_id: luis.dealershipId, created_at: now, updated_at: now, version: 0, seq: 0, _deleted: false, user_id: luis.userId, ...bad };
    const pushed = await rawPush(server.url, token, 'notification_preferences', [{ assumedMasterState: null, newDocumentState: doc }]);
    expect(pushed.status).toBe(200);
    expect(pushed.body).toEqual([expect.objectContaining({ id: preferencesDocId(luis.userId), _deleted: true, _rejection: expect.objectContaining({ reason: 'invalid_document', message: expect.stringContaining('quiet_start') }) })]);
    expect((await serverDocs(server.url, token, 'notification_preferences')).has(preferencesDocId(luis.userId))).toBe(false);

    // And over REST: 400 with the error shape, nothing stored.
    const res = await fetch(`${server.url}/api/v1/notifications/preferences`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(bad) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: expect.any(String), message: expect.any(String) });
    expect((await serverDocs(server.url, token, 'notification_preferences')).has(preferencesDocId(luis.userId))).toBe(false);

    // luis writing ana's document (her id) is refused as not his.
    const hers = { ...doc, id: anaDoc(), user_id: anaA.userId, quiet_start: '01:00' };
    const stolen = await rawPush(server.url, token, 'notification_preferences', [{ assumedMasterState: null, newDocumentState: hers }]);
    expect(stolen.body).toEqual([expect.objectContaining({ id: anaDoc(), _deleted: true, _rejection: expect.objectContaining({ reason: 'forbidden' }) })]);
  });
});

import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { FakeClock } from '../jobs/clock.ts';
import { createLogger } from '../log.ts';
import { createFixture, tokenFor, type Fixture } from '../test/fixtures.ts';
import { startTestServer, testEnv, type TestServer } from '../test/harness.ts';
import { configureDelivery } from './delivery.ts';
import { renderEmail } from './email.ts';
import { FakePushService } from './fake-push-service.ts';
import { notify } from './notify.ts';
import { WebPushChannel } from './push.ts';
import { RawSyncClient } from '../test/sync-client.ts';
import { preferencesDocId } from './preferences-id.ts';
import type { NotifyInput } from './types.ts';

// Push through the real web-push package to a local push service that checks VAPID and decrypts
// the payload; email through nodemailer to a local SMTP server; preferences and quiet hours.
const vapid = webpush.generateVAPIDKeys();
const clock = new FakeClock('2026-12-07T10:00:00Z'); // 11:00 in Madrid
const mails: { to: string[]; raw: string }[] = [];
let smtp: SMTPServer;
let push: FakePushService;
let server: TestServer;
let fx: Fixture;
let env: ReturnType<typeof testEnv>;

const api = async (path: string, who: keyof Fixture['users'], init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${await tokenFor(fx.users[who], env.JWT_SECRET!)}`, 'content-type': 'application/json', ...init.headers } });
const subsOf = async (userId: string) => (await server.database.db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM push_subscriptions WHERE user_id = ${userId}::uuid`))[0]!.n;
const hot = (over: Partial<NotifyInput> = {}): NotifyInput => ({
  dealershipId: fx.dealershipId, userId: fx.users.ana.id, type: 'hot_lead', priority: 'high', dedupKey: `hot:${randomUUID()}`,
  title: { es: 'Lead caliente', en: 'Hot lead' }, body: { es: 'Marta García (puntuación 90)', en: 'Marta García (score 90)' },
  link: `/leads/${fx.leadIds.ana}`, entityType: 'lead', entityId: fx.leadIds.ana, ...over,
});

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, cb) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString()));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  const smtpPort = (smtp.server.address() as { port: number }).port;
  push = await new FakePushService().start();
  const vars = { VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey, VAPID_SUBJECT: 'mailto:ops@lotbook.test', SMTP_URL: `smtp://127.0.0.1:${smtpPort}` };
  env = testEnv(vars);
  server = await startTestServer({ env: vars, clock, seed: async (d) => { fx = await createFixture(d); } });
  // The local push service's certificate is self-signed: trust it for this channel only.
  configureDelivery({ push: new WebPushChannel({ ...vapid, subject: 'mailto:ops@lotbook.test' }, createLogger('silent'), { agent: push.agent }) });
});
afterAll(async () => {
  await server?.stop();
  await push?.stop();
  await new Promise<void>((r) => smtp.close(() => r()));
});

describe('Web Push', () => {
  let endpoint = '';

  it('stores a device subscription; a malformed one is a 400 and stores nothing', async () => {
    const key = (await (await api('/api/v1/notifications/push/public-key', 'ana')).json()) as { public_key: string };
    expect(key.public_key).toBe(vapid.publicKey);
    const sub = push.subscribe(key.public_key);
    endpoint = sub.endpoint;
    for (const bad of [
      { ...sub, endpoint: 'not a url' },
      { ...sub, endpoint: 'javascript:alert(1)' },
      { ...sub, keys: { p256dh: 'short', auth: sub.keys.auth } },
      { ...sub, keys: { p256dh: sub.keys.p256dh } },
      { ...sub, extra: true },
    ]) {
      const res = await api('/api/v1/notifications/push/subscriptions', 'ana', { method: 'POST', body: JSON.stringify(bad) });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'validation_error' });
    }
    expect(await subsOf(fx.users.ana.id)).toBe(0);
    const ok = await api('/api/v1/notifications/push/subscriptions', 'ana', { method: 'POST', body: JSON.stringify({ ...sub, device_id: 'phone-1' }) });
    expect(ok.status).toBe(201);
    expect(await subsOf(fx.users.ana.id)).toBe(1);
  });

  it('delivers a notification as an encrypted push with a valid VAPID JWT and the deep link', async () => {
    expect(await notify(server.database.db, hot())).toBe(true);
    expect(push.refused).toEqual([]);
    expect(push.received).toHaveLength(1);
    const got = push.received[0]!;
    expect(got.payload).toMatchObject({ type: 'hot_lead', title: 'Lead caliente', body: 'Marta García (puntuación 90)', url: `/leads/${fx.leadIds.ana}` });
    expect(got.claims).toMatchObject({ aud: push.url, sub: 'mailto:ops@lotbook.test' });
    expect(got.urgency).toBe('high');
  });

  it('holds push during quiet hours (in-app still lands) and lets urgent through', async () => {
    const put = await api('/api/v1/notifications/preferences', 'ana', {
      method: 'PUT',
      body: JSON.stringify({ channels: { hot_lead: ['in_app', 'push'] }, quiet_start: '22:00', quiet_end: '07:00', time_zone: 'Europe/Madrid' }),
    });
    expect(put.status).toBe(200);
    clock.set('2026-12-07T02:00:00Z'); // 03:00 in Madrid
    const before = push.received.length;
    const quiet = hot();
    expect(await notify(server.database.db, quiet)).toBe(true);
    expect(push.received).toHaveLength(before);
    const rows = await server.database.db.rows(sql`SELECT id FROM notifications WHERE dedup_key = ${quiet.dedupKey}`);
    expect(rows).toHaveLength(1);
    expect(await notify(server.database.db, hot({ priority: 'urgent' }))).toBe(true);
    expect(push.received).toHaveLength(before + 1);
    clock.set('2026-12-07T10:00:00Z');
  });

  it('refuses preferences with an invalid time and stores nothing', async () => {
    for (const bad of [
      { channels: {}, quiet_start: '25:00', quiet_end: '07:00', time_zone: 'Europe/Madrid' },
      { channels: {}, quiet_start: '22:00', quiet_end: null, time_zone: 'Europe/Madrid' },
      { channels: {}, quiet_start: null, quiet_end: null, time_zone: 'Nowhere/City' },
      { channels: { hot_lead: ['fax'] }, quiet_start: null, quiet_end: null, time_zone: null },
    ]) {
      const res = await api('/api/v1/notifications/preferences', 'ana', { method: 'PUT', body: JSON.stringify(bad) });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'validation_error' });
    }
    const now = (await (await api('/api/v1/notifications/preferences', 'ana')).json()) as { quiet_start: string };
    expect(now).toMatchObject({ quiet_start: '22:00', quiet_end: '07:00', time_zone: 'Europe/Madrid' });
  });

  it('reads the replicated preferences document: quiet hours pushed through sync hold push; the REST view is the same row', async () => {
    const ana = new RawSyncClient(server.url, await tokenFor(fx.users.ana, env.JWT_SECRET!), 'delivery-ana');
    const id = preferencesDocId(fx.users.ana.id);
    const mine = (await ana.get('notification_preferences', id))!;
    expect(mine).toMatchObject({ id, user_id: fx.users.ana.id, quiet_start: '22:00', quiet_end: '07:00' });
    const next = { ...mine, quiet_start: '10:30', quiet_end: '11:30' };
    expect(await ana.push('notification_preferences', [{ assumedMasterState: mine, newDocumentState: next }])).toEqual([]);
    expect(await (await api('/api/v1/notifications/preferences', 'ana')).json()).toMatchObject({ quiet_start: '10:30', quiet_end: '11:30' });
    const before = push.received.length;
    expect(await notify(server.database.db, hot())).toBe(true); // 11:00 in Madrid: inside
    expect(push.received).toHaveLength(before);
    // A viewer never pushes; their preferences are saved online through REST and replicate to them.
    const viewer = new RawSyncClient(server.url, await tokenFor(fx.users.viewer, env.JWT_SECRET!), 'delivery-viewer');
    const vid = preferencesDocId(fx.users.viewer.id);
    const doc = { ...next, id: vid, user_id: fx.users.viewer.id, version: 0, seq: 0 };
    expect((await viewer.pushRaw('notification_preferences', [{ assumedMasterState: null, newDocumentState: doc }])).status).toBe(403);
    const put = await api('/api/v1/notifications/preferences', 'viewer', { method: 'PUT', body: JSON.stringify({ channels: {}, quiet_start: '20:00', quiet_end: '08:00', time_zone: 'Europe/Madrid' }) });
    expect(put.status).toBe(200);
    expect(await viewer.get('notification_preferences', vid)).toMatchObject({ id: vid, user_id: fx.users.viewer.id, quiet_start: '20:00', version: 1 });
    // Each sees only their own document.
    expect([...(await viewer.pullAll('notification_preferences')).docs.keys()]).toEqual([vid]);
    expect([...(await ana.pullAll('notification_preferences')).docs.keys()]).toEqual([id]);
    // Back to the night-time quiet hours for the tests that follow.
    const now = (await ana.get('notification_preferences', id))!;
    expect(await ana.push('notification_preferences', [{ assumedMasterState: now, newDocumentState: { ...now, quiet_start: '22:00', quiet_end: '07:00' } }])).toEqual([]);
  });

  it('pushes the lead_assigned notification the database trigger writes, once', async () => {
    const before = push.received.length;
    // Luis's lead goes to ana: the 0006 trigger writes her notification; the change hint sends it.
    await server.database.db.rows(sql`UPDATE leads SET assigned_to = ${fx.users.ana.id}::uuid WHERE id = ${fx.leadIds.luis}::uuid`);
    await expect.poll(() => push.received.length, { timeout: 20_000 }).toBe(before + 1);
    expect(push.received.at(-1)!.payload).toMatchObject({ type: 'lead_assigned', title: 'Te han asignado un lead', url: `/leads/${fx.leadIds.luis}` });
    // Later changes to notifications do not send it again.
    await server.database.db.rows(sql`UPDATE notifications SET read_at = now() WHERE user_id = ${fx.users.ana.id}::uuid AND type = 'hot_lead'`);
    await new Promise((r) => setTimeout(r, 500));
    expect(push.received).toHaveLength(before + 1);
  });

  it('removes a subscription the push service answers 410 (or 404)', async () => {
    push.setStatus(endpoint, 410);
    await notify(server.database.db, hot({ priority: 'urgent' }));
    expect(await subsOf(fx.users.ana.id)).toBe(0);
  });

  it('unsubscribes a device; a second time is a 404', async () => {
    const sub = push.subscribe(vapid.publicKey);
    expect((await api('/api/v1/notifications/push/subscriptions', 'luis', { method: 'POST', body: JSON.stringify(sub) })).status).toBe(201);
    // Another user cannot remove it.
    expect((await api('/api/v1/notifications/push/subscriptions', 'ana', { method: 'DELETE', body: JSON.stringify({ endpoint: sub.endpoint }) })).status).toBe(404);
    expect((await api('/api/v1/notifications/push/subscriptions', 'luis', { method: 'DELETE', body: JSON.stringify({ endpoint: sub.endpoint }) })).status).toBe(204);
    expect((await api('/api/v1/notifications/push/subscriptions', 'luis', { method: 'DELETE', body: JSON.stringify({ endpoint: sub.endpoint }) })).status).toBe(404);
    expect(await subsOf(fx.users.luis.id)).toBe(0);
  });
});

describe('Email', () => {
  it('mails the daily report to each manager (email is on by default for it) through SMTP', async () => {
    const health = (await (await api('/health', 'manager')).json()) as { email: { enabled: boolean } };
    expect(health.email).toEqual({ enabled: true });
    const res = await api('/api/v1/jobs/daily-report/run', 'manager', { method: 'POST' });
    expect(res.status).toBe(200);
    const mine = mails.filter((m) => m.to.includes(fx.users.manager.email));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.raw).toMatch(/Subject: Informe diario del \d{4}-\d{2}-\d{2}/);
    expect(mine[0]!.raw).toContain('text/plain');
    expect(mine[0]!.raw).toContain('text/html');
    // A rep whose preferences leave email off gets none.
    expect(mails.filter((m) => m.to.includes(fx.users.ana.email))).toHaveLength(0);
  });

  it('renders both languages as plain text and HTML, escaping the text', () => {
    const base = { type: 'daily_report' as const, title: 'Daily report for 2026-12-06', body: '<b>3 sales</b>', link: '/notifications/daily-report', data: { figures: { sales: 3, new_leads: 7 } } };
    const en = renderEmail({ ...base, lang: 'en' }, 'https://crm.example.com');
    expect(en.text).toContain('Sales: 3');
    expect(en.text).toContain('Open in Lotbook: https://crm.example.com/notifications/daily-report');
    expect(en.html).toContain('&lt;b&gt;3 sales&lt;/b&gt;');
    const es = renderEmail({ ...base, lang: 'es', title: 'Informe diario del 2026-12-06' });
    expect(es.text).toContain('Ventas: 3');
    expect(es.text).toContain('Leads nuevos: 7');
    expect(es.html).toContain('lang="es"');
  });
});

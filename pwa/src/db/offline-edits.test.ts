import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { syncPaths } from '@lotbook/shared';
import { converged } from './testing/converge.ts';
import { openDevice, waitFor, type Device } from './testing/device.ts';
import { newActivity, newCustomer, newLead } from './testing/factories.ts';
import { availableVehicles, leadOf } from './testing/fixtures.ts';
import { currentSeq, serverDocs, startSeededServer, type TestServer, tokenFor } from './testing/server.ts';

const SYNCED = ['vehicles', 'customers', 'leads', 'lead_activities'] as const;

describe('offline edits on several devices', () => {
  let server: TestServer;
  let gerente: Device;
  let admin: Device;
  let ana: Device;
  const since = async () => currentSeq(server.url, await tokenFor(server.url, 'gerente@demo.example'), SYNCED);
  beforeAll(async () => {
    server = await startSeededServer();
    gerente = await openDevice(server.url, 'gerente@demo.example');
    admin = await openDevice(server.url, 'admin@demo.example');
    ana = await openDevice(server.url, 'ana@demo.example');
    await Promise.all([gerente, admin, ana].map((d) => d.sync.awaitInitialSync()));
    await Promise.all([gerente, admin, ana].map((d) => d.until((s) => s.connected, 'stream connected')));
  });
  afterAll(async () => {
    await Promise.all([gerente, admin, ana].map((d) => d?.close()));
    await server?.stop();
  });

  test('an online write reaches another device through the change stream', async () => {
    const [v] = await availableVehicles(gerente, 1);
    await v!.incrementalPatch({ lot_location: 'Z-01' });
    await waitFor(async () => (await admin.db.vehicles.findOne(v!.primary).exec())?.lot_location === 'Z-01', 'the change on the admin device');
  });

  test('(1) two devices work offline, reconnect and converge to the server state', async () => {
    const seq0 = await since();
    const [, v1, v2] = await availableVehicles(gerente, 3);
    gerente.net.offline = true;
    admin.net.offline = true;

    await (await gerente.db.vehicles.findOne(v1!.primary).exec())!.incrementalPatch({ price: 12_345 });
    const customer = await gerente.db.customers.insert(newCustomer(gerente, 'Offline'));
    const lead = await gerente.db.leads.insert(newLead(gerente, customer.primary, null));
    await gerente.db.lead_activities.insert(newActivity(gerente, lead.primary, 'walk-in while offline'));
    await (await admin.db.vehicles.findOne(v1!.primary).exec())!.incrementalPatch({ mileage: 54_321 });
    await (await admin.db.vehicles.findOne(v2!.primary).exec())!.incrementalPatch({ color: 'Verde' });

    const offline = await gerente.until((s) => !s.online && s.pending === 4, 'offline with 4 pending writes');
    expect(offline.error?.code).toBe('offline');
    await admin.until((s) => !s.online && s.pending === 2, 'offline with 2 pending writes');

    gerente.net.offline = false;
    admin.net.offline = false;
    await converged(server.url, [gerente, admin], SYNCED, seq0);

    const token = await tokenFor(server.url, 'gerente@demo.example');
    const vehicles = await serverDocs(server.url, token, 'vehicles');
    expect(vehicles.get(v1!.primary)).toMatchObject({ price: 12_345, mileage: 54_321 });
    expect(vehicles.get(v2!.primary)).toMatchObject({ color: 'Verde' });
    expect((await admin.db.lead_activities.find({ selector: { lead_id: lead.primary } }).exec()).map((a) => a.description)).toEqual(['walk-in while offline']);
    expect(await gerente.db.conflicts.find().exec()).toHaveLength(0);
    expect(await admin.db.conflicts.find().exec()).toHaveLength(0);
    expect(gerente.status()).toMatchObject({ online: true, error: null, pending: 0 });
  });

  test('(2) edits to different fields of a lead merge; the same field: server wins, mine goes to the inbox', async () => {
    const seq0 = await since();
    const lead = await leadOf(ana, ana.userId, (l) => l.status !== 'closed_won' && l.status !== 'closed_lost');
    const id = lead.primary;
    const priorities = (['low', 'medium', 'high', 'urgent'] as const).filter((p) => p !== lead.priority);
    const budgetMax = (lead.budget_min ?? 0) + 7_000;
    ana.net.offline = true;
    gerente.net.offline = true;
    await (await ana.db.leads.findOne(id).exec())!.incrementalPatch({ notes: 'ana: llamar el lunes', priority: priorities[0] });
    await (await gerente.db.leads.findOne(id).exec())!.incrementalPatch({ budget_max: budgetMax, priority: priorities[1] });

    gerente.net.offline = false;
    await gerente.until((s) => s.online && s.pending === 0, 'manager pushed');
    ana.net.offline = false;
    await converged(server.url, [ana, gerente], ['leads'], seq0);

    const merged = (await ana.db.leads.findOne(id).exec())!.toJSON();
    expect(merged).toMatchObject({ notes: 'ana: llamar el lunes', budget_max: budgetMax, priority: priorities[1] });
    const inbox = await ana.db.conflicts.find({ selector: { doc_id: id } }).exec();
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.toJSON()).toMatchObject({
      collection_name: 'leads',
      reason: 'stale_version',
      fields: ['priority'],
      status: 'open',
      mine: expect.objectContaining({ priority: priorities[0] }),
      theirs: expect.objectContaining({ priority: priorities[1] }),
    });
    expect(inbox[0]!.message).toMatch(/while you were offline/);
    expect(await gerente.db.conflicts.find().exec()).toHaveLength(0);

    // Keep mine: a new local write that replicates everywhere.
    await ana.api.resolveConflict(ana.db, inbox[0]!.primary, 'mine');
    await converged(server.url, [ana, gerente], ['leads'], seq0);
    expect((await gerente.db.leads.findOne(id).exec())!.priority).toBe(priorities[0]);
    expect((await ana.db.conflicts.findOne(inbox[0]!.primary).exec())!.toJSON()).toMatchObject({ status: 'resolved', resolution: 'mine' });
  });

  test('(9) the connection drops after the server applied a push: the retry converges without duplicates', async () => {
    const seq0 = await since();
    const [, , , v] = await availableVehicles(gerente, 4);
    gerente.net.drop = { match: (url, init) => init?.method === 'POST' && url.includes('/push'), times: 2 };
    const customer = await gerente.db.customers.insert(newCustomer(gerente, 'Dropped'));
    await gerente.db.lead_activities.insert(newActivity(gerente, (await leadOf(gerente, ana.userId)).primary, 'dropped response'));
    await (await gerente.db.vehicles.findOne(v!.primary).exec())!.incrementalPatch({ lot_location: 'D-99' });

    await converged(server.url, [gerente, admin], SYNCED, seq0);
    expect(gerente.net.drop.times).toBe(0);
    const token = await tokenFor(server.url, 'gerente@demo.example');
    const customers = [...(await serverDocs(server.url, token, 'customers')).values()].filter((c) => c.first_name === 'Dropped');
    expect(customers.map((c) => c.id)).toEqual([customer.primary]);
    const notes = [...(await serverDocs(server.url, token, 'lead_activities')).values()].filter((a) => a.description === 'dropped response');
    expect(notes).toHaveLength(1);
    expect(await gerente.db.conflicts.find().exec()).toHaveLength(0);
  });

  test('restarted with an unsent edit: the pull at start that already brings the pushed version does not leave the device behind', async () => {
    const seq0 = await since();
    const first = await openDevice(server.url, 'ana@demo.example');
    await first.sync.awaitInitialSync();
    const [lead] = await first.db.leads.find({ sort: [{ id: 'asc' }], limit: 1 }).exec();
    const token = await tokenFor(server.url, 'ana@demo.example');
    const before = Number((await serverDocs(server.url, token, 'leads')).get(lead!.primary)!.version);
    first.net.offline = true;
    await first.until((s) => !s.online, 'offline');
    await lead!.incrementalPatch({ notes: 'sin enviar al cerrar' });
    await first.close();
    // At start RxDB pushes the edit and pulls at the same time. The pull goes out once the server
    // holds the pushed version, and the push's answer comes back only after the pull's: the pull
    // brings the device's own change while RxDB still takes it for unsent.
    const net = first.restart.net;
    const pushPath = `${server.url}${syncPaths.push('leads')}`;
    const pullPath = `${server.url}${syncPaths.pull('leads')}`;
    let pulled = false;
    let heldPushes = 0;
    net.hold = async (url) => {
      if (url.startsWith(pullPath)) await waitFor(async () => Number((await serverDocs(server.url, token, 'leads')).get(lead!.primary)?.version) > before, 'the push applied on the server');
    };
    net.holdAnswer = async (url) => {
      if (url.startsWith(pullPath)) pulled = true;
      if (!url.startsWith(pushPath)) return;
      heldPushes += 1;
      await waitFor(() => pulled, 'the pull answered');
      await new Promise((r) => setTimeout(r, 300));
    };
    net.offline = false;
    const second = await openDevice(server.url, 'ana@demo.example', { restart: first.restart });
    try {
      await waitFor(async () => (await serverDocs(server.url, token, 'leads')).get(lead!.primary)?.notes === 'sin enviar al cerrar', 'the edit on the server');
      await waitFor(() => heldPushes === 1 && second.status().pending === 0, 'the push answered');
      await converged(server.url, [second], ['leads'], seq0);
      const after = await second.db.leads.findOne(lead!.primary).exec();
      expect([after?.notes, after?.version]).toEqual(['sin enviar al cerrar', before + 1]);
    } finally {
      net.hold = null;
      net.holdAnswer = null;
      await second.close();
    }
  });

  test('a pull answered before a push it overlapped does not take the document back to its older state', async () => {
    const [lead] = await gerente.db.leads.find({ selector: { status: 'contacted' }, sort: [{ id: 'asc' }], limit: 1 }).exec();
    const token = await tokenFor(server.url, 'gerente@demo.example');
    const base = (await serverDocs(server.url, token, 'leads')).get(lead!.primary)!;
    const seen: (string | null | undefined)[] = [];
    const sub = gerente.db.leads.findOne(lead!.primary).$.subscribe((d) => seen.push(d?.notes));
    const net = gerente.net;
    const pullPath = `${server.url}${syncPaths.pull('leads')}`;
    const pushPath = `${server.url}${syncPaths.push('leads')}`;
    let pushSent = false;
    let stale = 0;
    net.observe = (url) => {
      if (url.startsWith(pushPath)) pushSent = true;
    };
    // The next pull's answer holds the lead as it was (the server answered before the push), and
    // reaches the device only once the push is under way.
    net.rewriteAnswer = (url, body) => {
      if (!url.startsWith(pullPath) || stale > 0) return null;
      stale += 1;
      const page = JSON.parse(body) as { documents: Record<string, unknown>[] };
      page.documents = [...page.documents.filter((d) => d.id !== lead!.primary), { ...base, notes: 'ESTADO ANTERIOR' }];
      return JSON.stringify(page);
    };
    net.holdAnswer = async (url) => {
      if (url.startsWith(pullPath) && stale === 1 && !pushSent) await waitFor(() => pushSent, 'the push under way');
    };
    try {
      const pulling = gerente.sync.syncNow();
      await waitFor(() => stale === 1, 'the pull asked');
      await lead!.incrementalPatch({ notes: 'editado mientras se descarga' });
      await pulling;
      await waitFor(async () => (await serverDocs(server.url, token, 'leads')).get(lead!.primary)?.notes === 'editado mientras se descarga', 'the edit on the server');
      await converged(server.url, [gerente], ['leads'], 0);
    } finally {
      net.observe = null;
      net.rewriteAnswer = null;
      net.holdAnswer = null;
      sub.unsubscribe();
    }
    expect(stale).toBe(1);
    expect(seen).not.toContain('ESTADO ANTERIOR');
    expect((await gerente.db.leads.findOne(lead!.primary).exec())?.notes).toBe('editado mientras se descarga');
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDevice, waitFor, type Device } from './testing/device.ts';
import { newActivity, newCustomer, newLead } from './testing/factories.ts';
import { serverDocs, startSeededServer, type TestServer, tokenFor } from './testing/server.ts';

const pushesOf = (d: Device, collection: string) => d.net.count((e) => e.method === 'POST' && e.url.includes(`/${collection}/push`));
const openEntries = async (d: Device) => (await d.db.conflicts.find({ selector: { status: 'open' } }).exec()).map((c) => c.toJSON());
/** Several full sync rounds: any write still considered unsent would be pushed in each. */
const rounds = async (d: Device, n = 3) => {
  for (let i = 0; i < n; i++) await d.sync.syncNow();
};

/**
 * Issue 9: a write the server refuses (here forced past the device's own checks) is parked once in
 * the inbox, is never pushed again, leaves nothing pending, and syncs once fixed there. Time is
 * never measured: the test counts pushes across several forced sync rounds.
 */
describe('a refused write is parked, never retried', () => {
  let server: TestServer;
  let ana: Device;
  beforeAll(async () => {
    server = await startSeededServer();
    ana = await openDevice(server.url, 'ana@demo.example');
    await ana.sync.awaitInitialSync();
  });
  afterAll(async () => {
    await ana?.close();
    await server?.stop();
  });

  test('a refused customer: one push, one inbox entry, nothing pending, no push after; fixed in the inbox it syncs', async () => {
    const before = pushesOf(ana, 'customers');
    const customer = await ana.db.customers.insert({ ...newCustomer(ana, 'Mal'), email: 'no-es-un-email' });
    await waitFor(async () => (await openEntries(ana)).length === 1, 'the refusal in the inbox');
    await ana.until((s) => s.pending === 0 && s.conflicts === 1, 'pending settled, one open conflict');
    await rounds(ana);
    expect(pushesOf(ana, 'customers') - before).toBe(1);
    const [entry] = await openEntries(ana);
    expect(entry).toMatchObject({ collection_name: 'customers', doc_id: customer.primary, reason: 'invalid_document', theirs: null });
    expect(await ana.db.customers.findOne(customer.primary).exec()).toBeNull();

    // A restart does not bring it back to the queue either.
    await ana.close();
    ana = await openDevice(server.url, 'ana@demo.example', { restart: ana.restart });
    await ana.sync.awaitInitialSync();
    await ana.until((s) => s.pending === 0 && s.conflicts === 1, 'still parked after a restart');
    const afterRestart = pushesOf(ana, 'customers');
    await rounds(ana);
    expect(pushesOf(ana, 'customers')).toBe(afterRestart);

    await ana.api.resolveConflict(ana.db, entry!.id, 'mine', { email: 'bien@example.com' });
    await ana.until((s) => s.pending === 0 && s.conflicts === 0, 'the fix synced');
    const onServer = (await serverDocs(server.url, await tokenFor(server.url, 'ana@demo.example'), 'customers')).get(customer.primary);
    expect(onServer).toMatchObject({ first_name: 'Mal', email: 'bien@example.com' });
  });

  test('a lead whose customer is refused is parked with it: no orphan on the server; both sync once the customer is fixed', async () => {
    const customer = await ana.db.customers.insert({ ...newCustomer(ana, 'Huérfano'), email: 'tampoco' });
    const lead = await ana.db.leads.insert(newLead(ana, customer.primary));
    const note = await ana.db.lead_activities.insert(newActivity(ana, lead.primary, 'vino a ver un SUV'));
    await waitFor(async () => (await openEntries(ana)).length === 3, 'customer, lead and note parked together');
    await ana.until((s) => s.pending === 0 && s.conflicts === 3, 'nothing pending');
    const token = await tokenFor(server.url, 'ana@demo.example');
    expect((await serverDocs(server.url, token, 'leads')).has(lead.primary)).toBe(false);
    expect((await serverDocs(server.url, token, 'lead_activities')).has(note.primary)).toBe(false);
    const entries = await openEntries(ana);
    expect(entries.filter((e) => e.reason === 'parent_refused').map((e) => e.doc_id).toSorted()).toEqual([lead.primary, note.primary].toSorted());

    const parent = entries.find((e) => e.doc_id === customer.primary)!;
    await ana.api.resolveConflict(ana.db, parent.id, 'mine', { email: 'huerfano@example.com' });
    await ana.until((s) => s.pending === 0 && s.conflicts === 0, 'all three synced');
    await waitFor(async () => (await serverDocs(server.url, token, 'lead_activities')).has(note.primary), 'the note on the server');
    expect((await serverDocs(server.url, token, 'leads')).get(lead.primary)).toMatchObject({ customer_id: customer.primary });
  });
});

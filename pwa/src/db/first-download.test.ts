import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { getChangedDocumentsSince, type RxStorageDefaultCheckpoint, type RxStorageInstance } from 'rxdb';
import { COLLECTION_NAMES, PULL_LIMIT_MAX, syncPaths, type CollectionName } from '@lotbook/shared';
import { converged } from './testing/converge.ts';
import { LOT_FIRST } from './sync/start.ts';
import { UPSTREAM_AFTER_BOOT } from './sync/bootstrap.ts';
import { openDevice, waitFor, type Device } from './testing/device.ts';
import { VehicleReadModel, type VehicleSource } from '../features/inventory/read-model.ts';
import { newActivity, newCustomer, newLead } from './testing/factories.ts';
import { availableVehicles, leadOf } from './testing/fixtures.ts';
import { rawPush, serverChanges, serverDocs, startSeededServer, tokenFor, type TestServer } from './testing/server.ts';

type Doc = Record<string, unknown> & { id: string };

/** The device holds exactly what the server gives its user: same ids, same versions, nothing more. */
async function sameAsServer(server: TestServer, device: Device, collections: readonly CollectionName[] = COLLECTION_NAMES): Promise<void> {
  await converged(server.url, [device], collections, 0);
  const token = await tokenFor(server.url, device.name);
  for (const c of collections) {
    const remote = await serverDocs(server.url, token, c);
    const local = (await device.db.collections[c].find().exec()).map((d) => d.primary).toSorted();
    expect(local, `${c} on ${device.name}`).toEqual([...remote.keys()].toSorted());
  }
}

/** How many times the device asked for a collection's first page at the first download's size. */
function firstPages(device: Device, c: CollectionName): number {
  return device.net.log.filter((e) => e.method === 'GET' && e.url.includes(`${syncPaths.pull(c)}?seq=0&limit=${PULL_LIMIT_MAX}&`)).length;
}

/** The result of an IndexedDB request. */
function done<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.addEventListener('success', () => resolve(req.result));
    req.addEventListener('error', () => reject(req.error));
  });
}

/** The `seq` of each pull request of a collection, in the order they went out. */
function pullSeqs(device: Device, collection: CollectionName): number[] {
  const path = syncPaths.pull(collection);
  return device.net.log.filter((e) => e.method === 'GET' && e.url.includes(`${path}?`)).map((e) => Number(new URL(e.url).searchParams.get('seq')));
}

/**
 * Issue 16: the first download writes documents straight to storage before RxDB's replication
 * starts (sync/bootstrap.ts). These are the guarantees it must keep, against the real server.
 */
describe('first download (fast path)', () => {
  let server: TestServer;
  let gerente: Device;
  const opened: Device[] = [];
  beforeAll(async () => {
    server = await startSeededServer();
    gerente = await openDevice(server.url, 'gerente@demo.example', { batchSize: 40 });
    await gerente.sync.awaitInitialSync();
    await gerente.until((s) => s.connected, 'stream connected');
  });
  afterAll(async () => {
    await Promise.all([gerente, ...opened].map((d) => d?.close().catch(() => undefined)));
    await server?.stop();
  });

  test('the manager\'s device holds exactly the server\'s documents, with the progress counting each collection', async () => {
    await sameAsServer(server, gerente);
    const s = gerente.status();
    expect(s.initial.done).toBe(true);
    expect(s.initial.total).toBe(s.initial.pulled);
    // Several pages per collection, none pulled twice.
    const seqs = pullSeqs(gerente, 'leads');
    expect(seqs.length).toBeGreaterThan(2);
    expect(new Set(seqs).size).toBe(seqs.length);
    // Stored without a write time (storage.ts): IndexedDB keeps no change-feed entry for them, and
    // the feed read from its start (as RxDB migrates a collection) still lists each one once.
    for (const c of ['leads', 'lead_activities'] as const) {
      const req = gerente.restart.indexedDB.open(`rxdb-dexie-${gerente.restart.dbName}--${gerente.db.collections[c].schema.version}--${c}`);
      const native = await done(req);
      const store = native.transaction('docs', 'readonly').objectStore('docs');
      const [stored, inFeedIndex] = [await done(store.count()), await done(native.transaction('docs', 'readonly').objectStore('docs').index('[_meta.lwt+id]').count())];
      native.close();
      expect(stored, c).toBeGreaterThan(0);
      expect(inFeedIndex, c).toBe(0);
      const feed = new Set<string>();
      let cp: RxStorageDefaultCheckpoint | undefined;
      for (;;) {
        const page = await getChangedDocumentsSince(gerente.db.collections[c].storageInstance as unknown as RxStorageInstance<Doc, unknown, unknown>, 500, cp);
        if (page.documents.length === 0) break;
        for (const d of page.documents) feed.add(String(d.id));
        cp = page.checkpoint as RxStorageDefaultCheckpoint;
      }
      expect(feed.size, c).toBe(stored);
    }
  });

  test('a downloaded document changed on the server reaches the device', async () => {
    const [v] = await availableVehicles(gerente, 1);
    const admin = await tokenFor(server.url, 'admin@demo.example');
    const before = (await serverDocs(server.url, admin, 'vehicles')).get(v!.primary) as Doc;
    const answer = await rawPush(server.url, admin, 'vehicles', [{ assumedMasterState: before, newDocumentState: { ...before, lot_location: 'FD-SRV' } }]);
    expect(answer).toEqual({ status: 200, body: [] });
    await waitFor(async () => (await gerente.db.vehicles.findOne(v!.primary).exec())?.lot_location === 'FD-SRV', 'the server change on the device');
    // ...and again: the second change lands on top of the first (the stored copy was updated too).
    const mid = (await serverDocs(server.url, admin, 'vehicles')).get(v!.primary) as Doc;
    await rawPush(server.url, admin, 'vehicles', [{ assumedMasterState: mid, newDocumentState: { ...mid, lot_location: 'FD-SRV-2' } }]);
    await waitFor(async () => (await gerente.db.vehicles.findOne(v!.primary).exec())?.lot_location === 'FD-SRV-2', 'the second server change on the device');
  });

  test('a downloaded document edited on the device is pushed and accepted', async () => {
    const [, v] = await availableVehicles(gerente, 2);
    const version = v!.version;
    await v!.incrementalPatch({ lot_location: 'FD-DEV' });
    await gerente.until((s) => s.pending === 0 && s.error === null, 'pushed');
    const token = await tokenFor(server.url, 'gerente@demo.example');
    await waitFor(async () => (await serverDocs(server.url, token, 'vehicles')).get(v!.primary)?.lot_location === 'FD-DEV', 'the edit on the server');
    const server1 = (await serverDocs(server.url, token, 'vehicles')).get(v!.primary) as Doc;
    expect(Number(server1.version)).toBeGreaterThan(version);
    await waitFor(async () => (await gerente.db.vehicles.findOne(v!.primary).exec())?.version === server1.version, 'the new version on the device');
    expect(await gerente.db.conflicts.find().exec()).toHaveLength(0);
  });

  test('a downloaded document is pushed with the server state it was based on, though the download stored no copy of it', async () => {
    // The first download stores no "assumed master" copies (sync/assumed-masters.ts): the first
    // edit must store the state it replaces, so the push says which version the edit was made on.
    const [, , , v] = await availableVehicles(gerente, 4);
    const before = v!.toJSON() as Doc;
    const sent: Record<string, unknown>[] = [];
    gerente.net.observe = (url, init) => {
      if (url.includes(`${syncPaths.push('vehicles')}?`) && typeof init?.body === 'string') sent.push(...(JSON.parse(init.body) as Record<string, unknown>[]));
    };
    try {
      await v!.incrementalPatch({ lot_location: 'FD-BASE' });
      await gerente.until((s) => s.pending === 0 && s.error === null, 'pushed');
    } finally {
      gerente.net.observe = null;
    }
    const row = sent.find((r) => (r.newDocumentState as Doc).id === v!.primary);
    expect(row?.assumedMasterState).toMatchObject({ id: v!.primary, version: before.version, lot_location: before.lot_location });
    expect(row?.newDocumentState).toMatchObject({ lot_location: 'FD-BASE' });
    expect(await gerente.db.conflicts.find().exec()).toHaveLength(0);
  });

  test('edited on both sides: different fields merge; the same field: the server wins and mine goes to the inbox', async () => {
    const [, , v] = await availableVehicles(gerente, 3);
    const admin = await tokenFor(server.url, 'admin@demo.example');
    gerente.net.offline = true;
    await v!.incrementalPatch({ color: 'Turquesa', lot_location: 'FD-MINE' });
    const before = (await serverDocs(server.url, admin, 'vehicles')).get(v!.primary) as Doc;
    const answer = await rawPush(server.url, admin, 'vehicles', [{ assumedMasterState: before, newDocumentState: { ...before, lot_location: 'FD-THEIRS', mileage: 77_777 } }]);
    expect(answer.status).toBe(200);
    gerente.net.offline = false;
    await waitFor(async () => (await gerente.db.conflicts.find({ selector: { doc_id: v!.primary } }).exec()).length === 1, 'the inbox entry');
    await gerente.until((s) => s.pending === 0, 'merged result pushed');
    const token = await tokenFor(server.url, 'gerente@demo.example');
    await waitFor(async () => (await serverDocs(server.url, token, 'vehicles')).get(v!.primary)?.color === 'Turquesa', 'the merge on the server');
    expect((await serverDocs(server.url, token, 'vehicles')).get(v!.primary)).toMatchObject({ color: 'Turquesa', lot_location: 'FD-THEIRS', mileage: 77_777 });
    const [entry] = await gerente.db.conflicts.find({ selector: { doc_id: v!.primary } }).exec();
    expect(entry!.reason).toBe('stale_version');
    expect(entry!.fields).toEqual(['lot_location']);
    await converged(server.url, [gerente], ['vehicles'], 0);
  });

  test('writes made during the first download are not lost (a downloaded lead edited, a customer, lead and note created)', async () => {
    const ana = await openDevice(server.url, 'ana@demo.example', { batchSize: 10 });
    opened.push(ana);
    // The notes come down slowly: the user works meanwhile.
    const activitiesPath = syncPaths.pull('lead_activities');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    ana.net.hold = async (url) => {
      if (url.includes(`${activitiesPath}?`) && pullSeqs(ana, 'lead_activities').length >= 1) await gate;
    };
    await waitFor(() => pullSeqs(ana, 'lead_activities').length >= 1, 'the notes download under way');
    expect(ana.status().initial.done).toBe(false);
    const lead = await leadOf(ana, ana.userId, (l) => l.status !== 'closed_won' && l.status !== 'closed_lost');
    await lead.incrementalPatch({ notes: 'editada durante la descarga' });
    const customer = await ana.db.customers.insert(newCustomer(ana, 'Descarga'));
    const created = await ana.db.leads.insert(newLead(ana, customer.primary));
    const note = await ana.db.lead_activities.insert(newActivity(ana, created.primary, 'nota durante la descarga'));
    release();
    ana.net.hold = null;
    await ana.sync.awaitInitialSync();
    await ana.until((s) => s.pending === 0 && s.error === null, 'everything pushed');
    const token = await tokenFor(server.url, 'ana@demo.example');
    expect((await serverDocs(server.url, token, 'leads')).get(lead.primary)).toMatchObject({ notes: 'editada durante la descarga' });
    expect((await serverDocs(server.url, token, 'customers')).has(customer.primary)).toBe(true);
    expect((await serverDocs(server.url, token, 'leads')).has(created.primary)).toBe(true);
    expect((await serverDocs(server.url, token, 'lead_activities')).get(note.primary)).toMatchObject({ description: 'nota durante la descarga' });
    expect(await ana.db.conflicts.find().exec()).toHaveLength(0);
    await sameAsServer(server, ana);
  });

  test('a reload in the middle of the first download resumes from the last stored batch: nothing twice, no gap', async () => {
    const first = await openDevice(server.url, 'luis@demo.example', { batchSize: 10 });
    // The app is closed after a few pages of leads.
    await waitFor(() => pullSeqs(first, 'leads').length >= 3, 'a few pages of leads');
    await first.close();
    const before = pullSeqs(first, 'leads');
    const second = await openDevice(server.url, 'luis@demo.example', { restart: first.restart, batchSize: 10 });
    opened.push(second);
    await second.sync.awaitInitialSync();
    const after = pullSeqs(second, 'leads').slice(before.length);
    // The restart continued at a page boundary it had stored, not from the beginning (pages
    // fetched ahead but not yet stored when the app closed are fetched again).
    expect(after[0]).toBeGreaterThan(0);
    expect(before).toContain(after[0]);
    // From there on, every page once, in order.
    expect(after).toEqual([...new Set(after)].toSorted((a, b) => a - b));
    // Each document once, none missing: exactly the server's set.
    await sameAsServer(server, second);
  });

  test('documents already stored when their batch comes again (stored, then the app closed before the checkpoint): untouched ones take the server\'s newer state, an unsent edit is kept and pushed', async () => {
    const first = await openDevice(server.url, 'ana@demo.example', { batchSize: 10 });
    await first.sync.awaitInitialSync();
    // Offline, a lead is edited (not sent); meanwhile a customer changes on the server.
    const [lead] = await first.db.leads.find({ sort: [{ id: 'asc' }], limit: 1 }).exec();
    const [customer] = await first.db.customers.find({ sort: [{ id: 'desc' }], limit: 1 }).exec();
    first.net.offline = true;
    await first.until((s) => !s.online, 'offline');
    await lead!.incrementalPatch({ notes: 'FD-AGAIN-LOCAL' });
    const gerenteToken = await tokenFor(server.url, 'gerente@demo.example');
    const cur = (await serverDocs(server.url, gerenteToken, 'customers')).get(customer!.primary) as Doc;
    expect(await rawPush(server.url, gerenteToken, 'customers', [{ assumedMasterState: cur, newDocumentState: { ...cur, address: 'FD-AGAIN-SRV' } }])).toEqual({ status: 200, body: [] });
    await first.close();
    // Every collection's down checkpoint back to "first download, from the start", as if each
    // batch had been stored and the app closed before the checkpoint after it was.
    const idb = first.restart.indexedDB;
    let reset = 0;
    for (const info of await idb.databases()) {
      const db = await done(idb.open(info.name as string));
      if (db.objectStoreNames.contains('docs')) {
        const tx = db.transaction('docs', 'readwrite');
        const store = tx.objectStore('docs');
        for (const row of (await done(store.getAll())) as Record<string, unknown>[]) {
          if (row.isCheckpoint !== '1' || row.itemId !== 'down') continue;
          store.put({ ...row, checkpointData: { seq: 0, first: true } });
          reset += 1;
        }
        await new Promise<void>((resolve, reject) => {
          tx.addEventListener('complete', () => resolve());
          tx.addEventListener('error', () => reject(tx.error));
        });
      }
      db.close();
    }
    expect(reset).toBe(COLLECTION_NAMES.length);
    first.net.offline = false;
    const pulledBefore = pullSeqs(first, 'customers').length;
    const second = await openDevice(server.url, 'ana@demo.example', { restart: first.restart, batchSize: 10 });
    opened.push(second);
    await second.sync.awaitInitialSync();
    // Downloaded again from the start: every document was already there.
    expect(pullSeqs(second, 'customers')[pulledBefore]).toBe(0);
    await waitFor(async () => (await second.db.customers.findOne(customer!.primary).exec())?.address === 'FD-AGAIN-SRV', 'the server\'s newer customer on the device');
    expect((await second.db.leads.findOne(lead!.primary).exec())?.notes).toBe('FD-AGAIN-LOCAL');
    await second.until((s) => s.pending === 0 && s.error === null, 'the unsent edit pushed');
    const anaToken = await tokenFor(server.url, 'ana@demo.example');
    await waitFor(async () => (await serverDocs(server.url, anaToken, 'leads')).get(lead!.primary)?.notes === 'FD-AGAIN-LOCAL', 'the edit on the server');
    await sameAsServer(server, second);
    expect(await second.db.conflicts.find().exec()).toHaveLength(0);
  });

  test('the download announces every page it fetched (db/sync/arriving.ts), then its end: every car the device stores was announced, and all were fetched before the first was stored', async () => {
    let model: VehicleReadModel | null = null;
    const announced: string[] = [];
    let ends = 0;
    /** How many cars had been announced when the collection stored its first one. */
    let announcedAtFirstWrite: number | null = null;
    // The inventory's read model, started as the app's warm-up starts it: before the sync.
    const dev = await openDevice(server.url, 'gerente@demo.example', {
      batchSize: 25,
      beforeSync: async (db, api, net) => {
        // A slow way back for the car pages: a download that wrote each page as it came would
        // store the first ones before the last is fetched.
        net.holdAnswer = (url) => (url.includes(`${syncPaths.pull('vehicles')}?`) ? new Promise((r) => setTimeout(r, 40)) : Promise.resolve());
        api.arrivingDocs(db.vehicles).subscribe((e) => {
          if ('end' in e) ends += 1;
          else for (const d of e.docs) if (d._deleted !== true) announced.push(String(d.id));
        });
        db.vehicles.$.subscribe(() => (announcedAtFirstWrite ??= announced.length));
        model = new VehicleReadModel(db.vehicles as unknown as VehicleSource, () => '', api.arrivingDocs(db.vehicles));
        await model.start();
      },
    });
    opened.push(dev);
    await dev.sync.awaitInitialSync();
    // The same query the read model ran before the download, kept current by RxDB from the
    // download's change events: exactly the server's live cars, none of its deleted ones.
    const stored = (await dev.db.vehicles.find().exec()).map((d) => d.primary);
    expect(stored.length).toBeGreaterThan(25);
    const live = await serverDocs(server.url, await tokenFor(server.url, dev.name), 'vehicles');
    expect(stored.toSorted()).toEqual([...live.keys()].toSorted());
    expect(new Set(announced)).toEqual(new Set(stored));
    expect(ends).toBe(1);
    // A collection a screen shows as it arrives is fetched to its end before its first write
    // (bootstrap.ts SHOWN_FIRST_DOCS): the last car is searchable as soon as it is fetched.
    expect(announcedAtFirstWrite).toBe(announced.length);
    // At the end the read model holds exactly the stored cars, none of them still "arriving".
    const m = model as unknown as VehicleReadModel;
    await waitFor(() => m.getSnapshot().items.length === stored.length, 'the read model at the stored cars');
    expect(m.getSnapshot().items.map((i) => i.v.id).toSorted()).toEqual(stored.toSorted());
    expect(stored.filter((id) => m.isArriving(id))).toEqual([]);
    m.stop();
  });

  test('the lot\'s first pages asked for while the database opens are used, not asked again; a failed early request changes nothing', async () => {
    const early = await openDevice(server.url, 'luis@demo.example', { early: 'ok' });
    opened.push(early);
    await early.sync.awaitInitialSync();
    await sameAsServer(server, early);
    for (const c of LOT_FIRST) expect(firstPages(early, c), c).toBe(1);
    // The early request fails (offline then, say): the download asks for the page itself.
    const failed = await openDevice(server.url, 'luis@demo.example', { early: 'fail' });
    opened.push(failed);
    await failed.sync.awaitInitialSync();
    await sameAsServer(server, failed);
    for (const c of LOT_FIRST) expect(firstPages(failed, c), c).toBe(1);
  });

  test('a collection downloaded without a push checkpoint (an older version of the app) gets one just after the downloaded documents, and an edit is still pushed', async () => {
    const dev = await openDevice(server.url, 'ana@demo.example');
    await dev.sync.awaitInitialSync();
    await dev.close();
    /** The replication meta stores' checkpoint rows of one direction, read (and removed) natively. */
    const checkpoints = async (itemId: 'up', remove: boolean) => {
      const found: Record<string, unknown>[] = [];
      for (const info of await dev.restart.indexedDB.databases()) {
        const db = await done(dev.restart.indexedDB.open(info.name as string));
        if (db.objectStoreNames.contains('docs')) {
          const tx = db.transaction('docs', remove ? 'readwrite' : 'readonly');
          const store = tx.objectStore('docs');
          for (const row of (await done(store.getAll())) as Record<string, unknown>[]) {
            if (row.isCheckpoint !== '1' || row.itemId !== itemId) continue;
            found.push(row);
            if (remove) store.delete(row.id as IDBValidKey);
          }
          await new Promise<void>((resolve, reject) => {
            tx.addEventListener('complete', () => resolve());
            tx.addEventListener('error', () => reject(tx.error));
          });
        }
        db.close();
      }
      return found;
    };
    const pushable = COLLECTION_NAMES.length; // the first download stores one for every collection
    expect(await checkpoints('up', true)).toHaveLength(pushable);
    const again = await openDevice(server.url, 'ana@demo.example', { restart: dev.restart });
    opened.push(again);
    await again.sync.awaitInitialSync();
    await waitFor(async () => (await checkpoints('up', false)).length === pushable, 'every push checkpoint stored again');
    expect((await checkpoints('up', false)).every((row) => JSON.stringify(row.checkpointData) === JSON.stringify(UPSTREAM_AFTER_BOOT))).toBe(true);
    const [lead] = await again.db.leads.find({ sort: [{ id: 'desc' }], limit: 1 }).exec();
    await lead!.incrementalPatch({ notes: 'FD-OLD-UP' });
    const token = await tokenFor(server.url, 'ana@demo.example');
    await waitFor(async () => (await serverDocs(server.url, token, 'leads')).get(lead!.primary)?.notes === 'FD-OLD-UP', 'the edit on the server');
  });

  test('a lost connection in the middle of the first download resumes and completes', async () => {
    const dev = await openDevice(server.url, 'ana@demo.example', { batchSize: 10 });
    opened.push(dev);
    await waitFor(() => pullSeqs(dev, 'customers').length >= 2, 'a few pages of customers');
    dev.net.offline = true;
    await dev.until((s) => !s.online, 'offline');
    dev.net.offline = false;
    await dev.sync.awaitInitialSync();
    const seqs = pullSeqs(dev, 'customers');
    // Pages after the cut continue from the last stored page (retries of the failed one aside).
    const distinct = [...new Set(seqs)];
    expect(distinct).toEqual(distinct.toSorted((a, b) => a - b));
    await sameAsServer(server, dev);
  });

  test('a rep\'s scope is the same as through the normal pull: reassigned leads leave, with their notes', async () => {
    const gerenteToken = await tokenFor(server.url, 'gerente@demo.example');
    const luisId = (await gerente.db.team.find().exec()).find((m) => m.toJSON().email === 'luis@demo.example')?.primary;
    expect(luisId).toBeTruthy();
    const anaLeads = [...(await serverDocs(server.url, await tokenFor(server.url, 'ana@demo.example'), 'leads')).values()].filter((l) => l.assigned_to !== null);
    // One lead reassigned before the download, one during it.
    const [l1, l2] = anaLeads.toSorted((a, b) => a.id.localeCompare(b.id));
    const reassign = async (lead: Doc) => {
      const cur = (await serverDocs(server.url, gerenteToken, 'leads')).get(lead.id) as Doc;
      expect(await rawPush(server.url, gerenteToken, 'leads', [{ assumedMasterState: cur, newDocumentState: { ...cur, assigned_to: luisId } }])).toEqual({ status: 200, body: [] });
    };
    await reassign(l1!);
    const dev = await openDevice(server.url, 'ana@demo.example', { batchSize: 10 });
    opened.push(dev);
    await waitFor(() => pullSeqs(dev, 'lead_activities').length >= 1, 'the notes download under way');
    await reassign(l2!);
    await dev.sync.awaitInitialSync();
    await dev.sync.syncNow();
    await sameAsServer(server, dev);
    expect(await dev.db.leads.findOne(l1!.id).exec()).toBeNull();
    await waitFor(async () => (await dev.db.leads.findOne(l2!.id).exec()) === null, 'the lead reassigned during the download gone');
    expect(await dev.db.lead_activities.find({ selector: { lead_id: { $in: [l1!.id, l2!.id] } } }).exec()).toHaveLength(0);
    // The same documents as the server's own pull for the rep, tombstones applied.
    const changes = await serverChanges(server.url, await tokenFor(server.url, 'ana@demo.example'), 'leads', 0);
    expect([...changes.values()].filter((d) => !d._deleted).length).toBe(await dev.db.leads.count().exec());
  });
});

import type { Lead, LeadActivity } from '@lotbook/shared';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLotbookDatabase, type LotbookDatabase } from '../../db/database.ts';
import { newDocFields } from '../../db/doc-fields.ts';
import { lotbookStorage } from '../../db/storage.ts';
import { DueStore, PERSIST_KEY, type DueSource } from './due-store.ts';

const DEALER = '0190a000-0000-7000-8000-000000000001';
const ANA = '0190a000-0000-7000-8000-0000000000a1';
const LUIS = '0190a000-0000-7000-8000-0000000000b2';

function memoryStorage(): Storage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get length() { return data.size; },
    clear: () => data.clear(),
    key: (i: number) => [...data.keys()][i] ?? null,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

function lead(assigned_to: string | null): Lead {
  return {
    ...newDocFields(DEALER),
    customer_id: newDocFields(DEALER).id,
    assigned_to,
    source: 'walk_in',
    status: 'contacted',
    priority: 'medium',
    budget_min: null,
    budget_max: null,
    preferences: { body_types: [], makes: [], fuel_types: [], vehicle_id: null },
    notes: null,
    score: 0,
    score_factors: [],
    last_contact_at: '2026-07-01T08:00:00.000Z',
    first_response_at: '2026-07-01T08:00:00.000Z',
  };
}

function activity(leadId: string, due_at: string | null, over: Partial<LeadActivity> = {}): LeadActivity {
  return {
    ...newDocFields(DEALER),
    lead_id: leadId,
    user_id: ANA,
    activity_type: due_at ? 'task' : 'note',
    description: 'Llamar',
    activity_date: '2026-07-01T08:00:00.000Z',
    due_at,
    done: false,
    metadata: {},
    ...over,
  };
}

/** Resolves when the store's snapshot satisfies `pred`. */
function until(store: DueStore, pred: () => boolean): Promise<void> {
  if (pred()) return Promise.resolve();
  return new Promise((resolve) => {
    const off = store.subscribe(() => {
      if (pred()) {
        off();
        resolve();
      }
    });
  });
}

const ids = (s: DueStore) => s.getSnapshot().entries.map((e) => e.id).toSorted();

describe('DueStore (real RxDB on Dexie over fake-indexeddb)', () => {
  let db: LotbookDatabase;
  const stores: DueStore[] = [];
  const open = (storage: Storage | null, source: DueSource = db) => {
    const s = new DueStore(source, storage);
    stores.push(s);
    return s;
  };
  beforeAll(async () => {
    db = await createLotbookDatabase({ name: 'today-store', storage: lotbookStorage({ indexedDB: new IDBFactory(), IDBKeyRange }), multiInstance: false, devMode: true });
  });
  afterAll(async () => {
    for (const s of stores) s.stop();
    await db.close();
  });

  it('loads pending follow-ups with their leads, follows writes, and restarts from its checkpoint', async () => {
    const mine = lead(ANA);
    const luis = lead(LUIS);
    await db.leads.bulkInsert([mine, luis]);
    const due = activity(mine.id, '2026-07-15T07:00:00.000Z');
    const other = activity(luis.id, '2026-07-14T07:00:00.000Z', { user_id: LUIS });
    await db.lead_activities.bulkInsert([
      due,
      other,
      activity(mine.id, null),
      activity(mine.id, '2026-07-10T07:00:00.000Z', { done: true }),
    ]);

    const storage = memoryStorage();
    const store = open(storage);
    await store.start();
    const snap = store.getSnapshot();
    expect(snap.ready).toBe(true);
    expect(ids(store)).toEqual([due.id, other.id].toSorted());
    expect(snap.leads.get(luis.id)).toMatchObject({ assigned_to: LUIS, customer_id: luis.customer_id, status: 'contacted' });
    expect(store.startRead).toBe(4);

    // "Hecho" and "Posponer" are local patches: the store sees them without a server.
    await (await db.lead_activities.findOne(due.id).exec())!.incrementalPatch({ done: true });
    await until(store, () => !ids(store).includes(due.id));
    await (await db.lead_activities.findOne(other.id).exec())!.incrementalPatch({ due_at: '2026-07-16T07:00:00.000Z' });
    await until(store, () => store.getSnapshot().entries.find((e) => e.id === other.id)?.due_at === '2026-07-16T07:00:00.000Z');

    // A follow-up on a lead the store has not seen brings its lead along; a reassignment follows.
    const fresh = lead(null);
    await db.leads.insert(fresh);
    const task = activity(fresh.id, '2026-07-15T10:00:00.000Z');
    await db.lead_activities.insert(task);
    await until(store, () => store.getSnapshot().leads.has(fresh.id));
    await (await db.leads.findOne(fresh.id).exec())!.incrementalPatch({ assigned_to: ANA });
    await until(store, () => store.getSnapshot().leads.get(fresh.id)?.assigned_to === ANA);

    await store.settled();
    store.persist();
    const saved = JSON.parse(storage.getItem(PERSIST_KEY) ?? '{}') as { rows: unknown[][] };
    expect(saved.rows).toHaveLength(2);
    expect(JSON.stringify(saved)).not.toContain('Llamar'); // ids and dates only

    // A restart reads only what was written since the checkpoint.
    const again = open(storage);
    await again.start();
    expect(again.startRead).toBe(0);
    expect(ids(again)).toEqual([other.id, task.id].toSorted());
    // Written while no store runs: a new follow-up and a reassignment; the next start catches both.
    again.stop();
    await db.lead_activities.insert(activity(mine.id, '2026-07-20T07:00:00.000Z'));
    await (await db.leads.findOne(fresh.id).exec())!.incrementalPatch({ assigned_to: LUIS });
    const third = open(storage);
    await third.start();
    expect(third.startRead).toBe(1);
    expect(third.getSnapshot().entries).toHaveLength(3);
    expect(third.getSnapshot().leads.get(fresh.id)?.assigned_to).toBe(LUIS);
  });

  it('pages through one bulk write larger than a page (one write time for all of it)', async () => {
    const l = lead(ANA);
    await db.leads.insert(l);
    const bulk = Array.from({ length: 2500 }, (_, i) => activity(l.id, i % 2 ? null : '2026-07-15T07:00:00.000Z'));
    await db.lead_activities.bulkInsert(bulk);
    const store = open(memoryStorage());
    await store.start();
    const mine = store.getSnapshot().entries.filter((e) => e.lead_id === l.id);
    expect(mine).toHaveLength(1250);
    expect(new Set(mine.map((e) => e.id)).size).toBe(1250);
  });

  it('starts over when the saved set belongs to another database', async () => {
    const storage = memoryStorage();
    storage.setItem(PERSIST_KEY, JSON.stringify({ v: 2, token: 'another-db', activities: { id: 'zzz', lwt: Date.now() + 1e9 }, leads: null, rows: [['ghost', 'l', ANA, '2026-07-15T07:00:00.000Z']], leadRows: [] }));
    const store = open(storage);
    await store.start();
    const entries = store.getSnapshot().entries.map((e) => e.id);
    expect(entries).not.toContain('ghost');
    expect(entries.length).toBeGreaterThan(0);
    expect(store.startRead).toBeGreaterThan(0);
  });

  it('survives a storage that refuses writes', async () => {
    const storage = memoryStorage();
    storage.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); };
    const store = open(storage);
    await store.start();
    expect(() => store.persist()).not.toThrow();
    expect(store.getSnapshot().ready).toBe(true);
  });
});

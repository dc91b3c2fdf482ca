import type { Lead, LeadActivity } from '@lotbook/shared';
import { type RxCollection, type RxStorageDefaultCheckpoint, type RxStorageInstance } from 'rxdb';
import type { Observable, Subscription } from 'rxjs';
import { applyActivities, type ActivityLike, type DueEntry, type LeadOwner } from './today.ts';
import { TODAY_CACHE_KEY } from '../../app/device-cache.ts';
import { changedSince } from '../../db/storage.ts';

/**
 * Every pending follow-up on the device (activities with a due date, not done), kept current.
 *
 * Why not an RxDB query: lead_activities has no index on done or due_at (RX_INDEXES has
 * [lead_id, activity_date] and activity_date, and RxDB cannot index the nullable due_at), so any
 * selector on them scans the whole collection: 93k activities on the large seed take seconds.
 * Instead the store follows the collection's change feed (the one replication uses, read from a
 * checkpoint: `readChanges`) and keeps the pending set, with its checkpoint, in localStorage. The first run on a device reads everything once, in pages, without
 * blocking the UI; every later start and every change reads only the documents written since.
 *
 * Each pending follow-up's lead (who it is assigned to, its customer) is kept beside it: loaded by
 * primary key the first time, then followed through the leads' change feed the same way.
 * Only ids, statuses and due dates are persisted: no names, phones or texts.
 */

export interface LeadInfo extends LeadOwner {
  id: string;
  customer_id: string;
  status: Lead['status'];
}

export interface DueSnapshot {
  version: number;
  /** False until the pending set and its leads are loaded. */
  ready: boolean;
  /** 0..1 while the first full read runs. */
  progress: number;
  entries: readonly DueEntry[];
  leads: ReadonlyMap<string, LeadInfo>;
}

interface StorageChangeEvent {
  operation: 'INSERT' | 'UPDATE' | 'DELETE';
  documentId: string;
  documentData: Record<string, unknown> & { _deleted?: boolean };
}

type ChangeFeed = { eventBulks$: Observable<{ events: StorageChangeEvent[] }> };

/** The slice of the database the store uses (narrow, so tests can hand it a plain RxDB). */
export interface DueSource {
  lead_activities: Pick<RxCollection<LeadActivity>, 'storageInstance' | 'count'> & ChangeFeed;
  leads: Pick<RxCollection<Lead>, 'storageInstance' | 'findByIds'> & ChangeFeed;
  storageToken: Promise<string>;
}

type Checkpoint = RxStorageDefaultCheckpoint;

/** Persisted form: pending rows [id, lead_id, user_id, due_at] and their leads [id, assigned_to, customer_id, status]. */
interface Persisted {
  v: 2;
  token: string;
  activities: Checkpoint | null;
  leads: Checkpoint | null;
  rows: [string, string, string, string][];
  leadRows: [string, string | null, string, string][];
}

export const PERSIST_KEY = TODAY_CACHE_KEY;
const PAGE = 1000;
const LEAD_BATCH = 500;
const PERSIST_EVERY_MS = 3000;
const CATCH_UP_DELAY_MS = 200;

const nextTask = () => new Promise<void>((r) => setTimeout(r, 0));

// oxlint-disable-next-line typescript/no-explicit-any -- any collection's storage instance
type AnyStorage = RxStorageInstance<any, any, any>;

/**
 * The next page of documents written after `cp` (tombstones included), in write order: the
 * collection's change feed, as the app's storage reads it (storage.ts `changedSince`: the first
 * download's documents, stored without a write time, come first).
 */
export async function readChanges(si: AnyStorage, cp: Checkpoint | null, limit = PAGE): Promise<{ docs: Record<string, unknown>[]; checkpoint: Checkpoint | null }> {
  const res = si.getChangedDocumentsSince ? await si.getChangedDocumentsSince(limit, cp ?? undefined) : await changedSince(si, limit, cp ?? undefined);
  const docs = res.documents as Record<string, unknown>[];
  return { docs, checkpoint: docs.length > 0 ? (res.checkpoint as Checkpoint) : cp };
}

function leadInfo(d: Record<string, unknown>): LeadInfo {
  return {
    id: String(d.id),
    assigned_to: (d.assigned_to as string | null) ?? null,
    customer_id: String(d.customer_id),
    status: d.status as Lead['status'],
  };
}

export class DueStore {
  private readonly pending = new Map<string, DueEntry>();
  private readonly leads = new Map<string, LeadInfo>();
  private activitiesCp: Checkpoint | null = null;
  private leadsCp: Checkpoint | null = null;
  private token = '';
  private snapshot: DueSnapshot = { version: 0, ready: false, progress: 0, entries: [], leads: new Map() };
  private readonly listeners = new Set<() => void>();
  private readonly subs: Subscription[] = [];
  private starting: Promise<void> | null = null;
  private chain: Promise<void> = Promise.resolve();
  private catchUpQueued = false;
  private persistTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private restored = false;
  /** Milliseconds of the last start (restore + catch-up + leads), for the benchmark. */
  startMs = 0;
  /** Activity documents read from the change feed since this store was created. */
  startRead = 0;
  /** Where the last start spent its time (ms): open, restore, activities, leads. */
  startParts: Record<string, number> = {};

  constructor(
    private readonly source: DueSource,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null = globalThis.localStorage ?? null,
  ) {}

  /** Loads and follows the feeds; idempotent. A failed read still ends the loading state with what is known. */
  start(): Promise<void> {
    this.starting ??= this.load().catch(() => {
      this.publish(true, 1);
    });
    return this.starting;
  }

  private async load(): Promise<void> {
    const t0 = performance.now();
    // Subscribe first: a write that lands while we read is applied at once and caught up after.
    this.subs.push(this.source.lead_activities.eventBulks$.subscribe((bulk) => this.onActivityEvents(bulk.events)));
    this.subs.push(this.source.leads.eventBulks$.subscribe((bulk) => this.onLeadEvents(bulk.events)));
    this.token = await this.source.storageToken;
    const t1 = performance.now();
    this.restore();
    this.restored = true;
    const t2 = performance.now();
    // A saved set shows at once; the catch-up below brings it up to date a moment later.
    if (this.activitiesCp) this.publish(true, 1);
    const total = this.activitiesCp ? 0 : await this.source.lead_activities.count().exec();
    await this.serial(() => this.catchUp((read) => {
      if (total > 0) this.publish(false, Math.min(0.99, read / total));
    }));
    this.startMs = performance.now() - t0;
    this.startParts = { open: t1 - t0, restore: t2 - t1, ...this.lastCatchUp };
    this.publish(true, 1);
    this.persistSoon();
  }

  /** Runs `fn` after the previous reads (one reader at a time keeps the checkpoints consistent). */
  private serial(fn: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(fn, fn);
    return this.chain;
  }

  private lastCatchUp: Record<string, number> = {};

  /** Reads both change feeds to their end, then loads the leads not known yet. */
  private async catchUp(onPage?: (read: number) => void): Promise<void> {
    const t0 = performance.now();
    let read = 0;
    for (;;) {
      if (this.stopped) return;
      const res = await readChanges(this.source.lead_activities.storageInstance, this.activitiesCp);
      applyActivities(this.pending, res.docs as unknown as ActivityLike[]);
      this.activitiesCp = res.checkpoint;
      read += res.docs.length;
      this.startRead += res.docs.length;
      onPage?.(read);
      if (res.docs.length < PAGE) break;
      await nextTask();
    }
    const t1 = performance.now();
    if (this.leadsCp) {
      for (;;) {
        if (this.stopped) return;
        const res = await readChanges(this.source.leads.storageInstance, this.leadsCp);
        this.applyLeads(res.docs.map((d) => ({ id: String(d.id), deleted: d._deleted === true, data: d })));
        this.leadsCp = res.checkpoint;
        if (res.docs.length < PAGE) break;
      }
    } else {
      // First run: every lead written from now on is followed; the ones we need are read by id.
      this.leadsCp = { id: '', lwt: Date.now() };
    }
    const t2 = performance.now();
    await this.loadLeads();
    this.lastCatchUp = { activities: t1 - t0, leads: t2 - t1, leadsById: performance.now() - t2 };
  }

  private onActivityEvents(events: readonly StorageChangeEvent[]): void {
    // Apply at once (a tap on "Hecho" shows without waiting), then move the checkpoint.
    const docs = events.map((e) => ({ ...(e.documentData as unknown as ActivityLike), id: e.documentId, _deleted: e.operation === 'DELETE' || e.documentData._deleted === true }));
    const changed = applyActivities(this.pending, docs);
    if (changed && this.snapshot.ready) this.publish(true, 1);
    this.scheduleCatchUp();
  }

  private onLeadEvents(events: readonly StorageChangeEvent[]): void {
    const changed = this.applyLeads(events.map((e) => ({ id: e.documentId, deleted: e.operation === 'DELETE' || e.documentData._deleted === true, data: e.documentData })));
    if (changed && this.snapshot.ready) this.publish(true, 1);
  }

  /** Updates the leads we keep (those of pending follow-ups); true when one changed. */
  private applyLeads(changes: readonly { id: string; deleted: boolean; data: Record<string, unknown> }[]): boolean {
    let changed = false;
    let wanted: Set<string> | null = null;
    for (const c of changes) {
      if (!this.leads.has(c.id)) {
        wanted ??= new Set([...this.pending.values()].map((p) => p.lead_id));
        if (!wanted.has(c.id)) continue;
      }
      if (c.deleted) this.leads.delete(c.id);
      else this.leads.set(c.id, leadInfo({ ...c.data, id: c.id }));
      changed = true;
    }
    return changed;
  }

  private scheduleCatchUp(): void {
    if (!this.restored || this.catchUpQueued || this.stopped) return;
    this.catchUpQueued = true;
    setTimeout(() => {
      this.catchUpQueued = false;
      // A failed read leaves the checkpoint where it was: the next write retries it.
      void this.serial(() => this.catchUp()).then(() => {
        if (this.snapshot.ready) this.publish(true, 1);
        this.persistSoon();
      }, () => undefined);
    }, CATCH_UP_DELAY_MS);
  }

  /** Loads the leads of pending follow-ups that are not known yet (by primary key, in batches). */
  private async loadLeads(): Promise<void> {
    const wanted = new Set<string>();
    for (const e of this.pending.values()) if (!this.leads.has(e.lead_id)) wanted.add(e.lead_id);
    const ids = [...wanted];
    for (let i = 0; i < ids.length; i += LEAD_BATCH) {
      const found = await this.source.leads.findByIds(ids.slice(i, i + LEAD_BATCH)).exec();
      // A change event that arrived meanwhile is newer than what we read: keep it.
      for (const [id, doc] of found) if (!this.leads.has(id)) this.leads.set(id, leadInfo(doc.toJSON() as unknown as Record<string, unknown>));
    }
  }

  private restore(): void {
    let saved: Persisted | null = null;
    try {
      const raw = this.storage?.getItem(PERSIST_KEY);
      saved = raw ? (JSON.parse(raw) as Persisted) : null;
    } catch {
      saved = null;
    }
    // Another database (a wipe, another user) starts over.
    if (!saved || saved.v !== 2 || saved.token !== this.token || !Array.isArray(saved.rows) || !Array.isArray(saved.leadRows)) return;
    this.activitiesCp = saved.activities;
    this.leadsCp = saved.leads;
    applyActivities(this.pending, saved.rows.map(([id, lead_id, user_id, due_at]) => ({ id, lead_id, user_id, due_at, done: false })));
    for (const [id, assigned_to, customer_id, status] of saved.leadRows) {
      if (!this.leads.has(id)) this.leads.set(id, { id, assigned_to, customer_id, status: status as Lead['status'] });
    }
  }

  private persistSoon(): void {
    if (!this.storage || this.persistTimer || this.stopped) return;
    this.persistTimer = setTimeout(() => {
      this.persistTimer = null;
      void this.chain.then(() => this.persist(), () => undefined);
    }, PERSIST_EVERY_MS);
  }

  /** Writes the pending set, its leads and the checkpoints; a full quota only costs the next start a re-read. */
  persist(): void {
    if (!this.storage || !this.token || this.stopped) return;
    const leadIds = new Set([...this.pending.values()].map((e) => e.lead_id));
    const data: Persisted = {
      v: 2,
      token: this.token,
      activities: this.activitiesCp,
      leads: this.leadsCp,
      rows: [...this.pending.values()].map((e) => [e.id, e.lead_id, e.user_id, e.due_at]),
      leadRows: [...this.leads.values()].filter((l) => leadIds.has(l.id)).map((l) => [l.id, l.assigned_to, l.customer_id, l.status]),
    };
    try {
      this.storage.setItem(PERSIST_KEY, JSON.stringify(data));
    } catch {
      try {
        this.storage.removeItem(PERSIST_KEY);
      } catch {
        // nothing to keep
      }
    }
  }

  private publish(ready: boolean, progress: number): void {
    this.snapshot = { version: this.snapshot.version + 1, ready, progress, entries: [...this.pending.values()], leads: new Map(this.leads) };
    for (const l of this.listeners) l();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): DueSnapshot => this.snapshot;

  /** Resolves once every write so far is in the pending set (tests). */
  async settled(): Promise<void> {
    await this.start();
    await this.serial(() => this.catchUp());
  }

  stop(): void {
    this.stopped = true;
    for (const s of this.subs) s.unsubscribe();
    this.subs.length = 0;
    if (this.persistTimer) clearTimeout(this.persistTimer);
  }
}

const stores = new WeakMap<object, DueStore>();

/** The one store per database (shared by the screen and the nav badge). */
export function dueStoreFor(db: DueSource): DueStore {
  let s = stores.get(db);
  if (!s) {
    s = new DueStore(db);
    stores.set(db, s);
  }
  return s;
}

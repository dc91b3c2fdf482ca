import type { Vehicle } from '@lotbook/shared';
import type { Observable, Subscription } from 'rxjs';
import type { ArrivingEvent } from '../../db/sync/arriving.ts';
import { fold } from './fold.ts';

/** A vehicle plus what filtering and sorting need, computed once per change. */
export interface IndexedVehicle {
  v: Vehicle;
  /** Folded make, model, trim, VIN, stock number, colour, lot location, year and enum labels. */
  search: string;
  /** The price a customer pays: the promo price while a promotion runs. */
  price: number;
  acquiredMs: number;
  /** Folded make and model, for exact facet matches. */
  makeKey: string;
  modelKey: string;
}

/** The part of an RxDB storage change event the read model needs. */
interface ChangeEvent {
  operation: 'INSERT' | 'UPDATE' | 'DELETE';
  documentId: string;
  documentData: Record<string, unknown> & { _deleted?: boolean };
}

/** The slice of an RxCollection the read model uses (kept narrow so tests and benches can feed it). */
export interface VehicleSource {
  find(): { exec(): Promise<{ toJSON(): unknown }[]> };
  eventBulks$: Observable<{ events: ChangeEvent[] }>;
}

/**
 * Cars the first download has fetched and is storing (db/sync/arriving.ts), then `end` when it
 * stopped. Shown until the collection has them, so the lot is searchable before IndexedDB is done.
 */
export type Arriving = ArrivingEvent;
export type ArrivingVehicles = Observable<Arriving>;

export interface ReadModelSnapshot {
  version: number;
  ready: boolean;
  items: readonly IndexedVehicle[];
}

/** Extra searchable words for a vehicle (translated body type and fuel, in every UI language). */
export type ExtraTerms = (v: Vehicle) => string;

const META = ['_meta', '_rev', '_attachments', '_deleted'];

export function indexVehicle(v: Vehicle, extra: ExtraTerms): IndexedVehicle {
  const text = [v.make, v.model, v.trim ?? '', v.vin, v.stock_number, v.color ?? '', v.lot_location ?? '', String(v.year), v.body_type, v.fuel_type, extra(v)];
  const price = v.is_promotion && v.promo_price !== null && v.promo_price > 0 ? v.promo_price : v.price;
  return { v, search: fold(text.join(' ')), price, acquiredMs: Date.parse(v.acquired_at) || 0, makeKey: fold(v.make), modelKey: fold(v.model) };
}

/**
 * The inventory kept in memory and current: loaded once from the local collection, then patched
 * from its change stream. Free-form filters (price + year + text) over the whole array take about
 * a millisecond, where an RxDB query without a matching index takes ~200 ms at 5k docs
 * (ARCHITECTURE.md, "Measured facts"). Invariant: after `start()` resolves, `items` equals the
 * collection's non-deleted documents, including writes that raced with the initial load.
 */
export class VehicleReadModel {
  private readonly byId = new Map<string, IndexedVehicle>();
  private snapshot: ReadModelSnapshot = { version: 0, ready: false, items: [] };
  private readonly listeners = new Set<() => void>();
  private sub: Subscription | null = null;
  private arrivingSub: Subscription | null = null;
  /** Ids shown from the first download's fetched pages and not yet in the collection. */
  private readonly provisional = new Set<string>();
  private starting: Promise<void> | null = null;
  /** Milliseconds the initial load took (find + indexing), and its two parts. */
  loadMs = 0;
  findMs = 0;
  indexMs = 0;

  constructor(
    private readonly source: VehicleSource,
    private readonly extra: ExtraTerms = () => '',
    private readonly arriving?: ArrivingVehicles,
  ) {}

  /** Loads the collection and follows its changes; idempotent. */
  start(): Promise<void> {
    this.starting ??= this.load();
    return this.starting;
  }

  private async load(): Promise<void> {
    const t0 = performance.now();
    // Subscribe before reading so no write between the read and the subscription is lost;
    // events that arrive meanwhile are replayed in order after the load.
    let buffered: ChangeEvent[] | null = [];
    this.sub = this.source.eventBulks$.subscribe((bulk) => {
      if (buffered) buffered.push(...bulk.events);
      else this.apply(bulk.events);
    });
    // Fetched-but-not-yet-stored cars wait for the load like the events do, and come after them.
    let arrivedEarly: Arriving[] | null = [];
    this.arrivingSub =
      this.arriving?.subscribe((e) => {
        if (arrivedEarly) arrivedEarly.push(e);
        else this.arrive(e);
      }) ?? null;
    const docs = await this.source.find().exec();
    const t1 = performance.now();
    this.findMs = t1 - t0;
    for (const d of docs) {
      const v = d.toJSON() as Vehicle;
      this.byId.set(v.id, indexVehicle(v, this.extra));
    }
    const pending = buffered;
    buffered = null;
    this.apply(pending, false);
    const early = arrivedEarly;
    arrivedEarly = null;
    for (const e of early) this.arrive(e, false);
    this.indexMs = performance.now() - t1;
    this.loadMs = performance.now() - t0;
    this.publish(true);
  }

  private apply(events: readonly ChangeEvent[], publish = true): void {
    if (events.length === 0) return;
    for (const e of events) {
      this.provisional.delete(e.documentId);
      if (e.operation === 'DELETE' || e.documentData._deleted === true) {
        this.byId.delete(e.documentId);
        continue;
      }
      this.byId.set(e.documentId, this.indexed(e.documentData));
    }
    if (publish) this.publish(this.snapshot.ready);
  }

  /**
   * A page the first download fetched: cars the collection does not have are shown until it does
   * (a change event then takes over); a car the collection has is left as it is (it may hold an
   * edit not yet sent). At the end of the download, what never reached the collection goes.
   */
  private arrive(e: Arriving, publish = true): void {
    if ('end' in e) {
      if (this.provisional.size === 0) return;
      for (const id of this.provisional) this.byId.delete(id);
      this.provisional.clear();
    } else {
      let changed = false;
      for (const doc of e.docs) {
        const id = String(doc.id);
        if (this.byId.has(id) && !this.provisional.has(id)) continue;
        changed = true;
        if (doc._deleted === true) {
          this.byId.delete(id);
          this.provisional.delete(id);
          continue;
        }
        this.byId.set(id, this.indexed(doc));
        this.provisional.add(id);
      }
      if (!changed) return;
    }
    if (publish) this.publish(this.snapshot.ready);
  }

  /** A stored or fetched document, without RxDB's fields, indexed for search. */
  private indexed(doc: Record<string, unknown>): IndexedVehicle {
    const data: Record<string, unknown> = { ...doc };
    for (const k of META) delete data[k];
    return indexVehicle(data as unknown as Vehicle, this.extra);
  }

  /** The car is shown from the first download and is not in the collection yet. */
  isArriving(id: string): boolean {
    return this.provisional.has(id);
  }

  private publish(ready: boolean): void {
    this.snapshot = { version: this.snapshot.version + 1, ready, items: [...this.byId.values()] };
    for (const l of this.listeners) l();
  }

  get(id: string): IndexedVehicle | undefined {
    return this.byId.get(id);
  }

  /** The vehicle with this VIN (normalized, upper case), if any. */
  findByVin(vin: string): IndexedVehicle | undefined {
    for (const item of this.byId.values()) if (item.v.vin === vin) return item;
    return undefined;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ReadModelSnapshot => this.snapshot;

  stop(): void {
    this.sub?.unsubscribe();
    this.sub = null;
    this.arrivingSub?.unsubscribe();
    this.arrivingSub = null;
  }
}

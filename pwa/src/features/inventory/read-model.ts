import type { Vehicle } from '@lotbook/shared';
import type { Observable, Subscription } from 'rxjs';
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
  private starting: Promise<void> | null = null;
  /** Milliseconds the initial load took (find + indexing), and its two parts. */
  loadMs = 0;
  findMs = 0;
  indexMs = 0;

  constructor(
    private readonly source: VehicleSource,
    private readonly extra: ExtraTerms = () => '',
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
    this.indexMs = performance.now() - t1;
    this.loadMs = performance.now() - t0;
    this.publish(true);
  }

  private apply(events: readonly ChangeEvent[], publish = true): void {
    if (events.length === 0) return;
    for (const e of events) {
      if (e.operation === 'DELETE' || e.documentData._deleted === true) {
        this.byId.delete(e.documentId);
        continue;
      }
      const data: Record<string, unknown> = { ...e.documentData };
      for (const k of META) delete data[k];
      this.byId.set(e.documentId, indexVehicle(data as unknown as Vehicle, this.extra));
    }
    if (publish) this.publish(this.snapshot.ready);
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
  }
}

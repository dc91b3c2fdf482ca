import type { Customer } from '@lotbook/shared';
import type { Observable, Subscription } from 'rxjs';
import { compareCustomers, indexCustomer, type IndexedCustomer } from './customer-index.ts';

interface ChangeEvent {
  operation: 'INSERT' | 'UPDATE' | 'DELETE';
  documentId: string;
  documentData: Record<string, unknown> & { _deleted?: boolean };
}

/** The slice of the customers RxCollection the store reads (narrow, like inventory's read model). */
export interface CustomerSource {
  find(): { exec(): Promise<{ toJSON(): unknown }[]> };
  eventBulks$: Observable<{ events: ChangeEvent[] }>;
}

export interface CustomerSnapshot {
  ready: boolean;
  /** Sorted by last name, then first name. */
  items: readonly IndexedCustomer[];
  byId: ReadonlyMap<string, IndexedCustomer>;
}

const META = ['_meta', '_rev', '_attachments', '_deleted'];

/**
 * Every local customer, indexed for search and kept in memory: loaded once, then patched from
 * the collection's change stream. With 20,000 customers a search over the array takes a few
 * milliseconds, where re-running an RxDB query on every keystroke would take hundreds. What is
 * here is exactly what replication delivered (a salesperson only receives their own scope).
 */
export class CustomerStore {
  private readonly byId = new Map<string, IndexedCustomer>();
  private snapshot: CustomerSnapshot = { ready: false, items: [], byId: new Map() };
  private readonly listeners = new Set<() => void>();
  private sub: Subscription | null = null;
  private starting: Promise<void> | null = null;

  constructor(private readonly source: CustomerSource) {}

  start(): Promise<void> {
    this.starting ??= this.load();
    return this.starting;
  }

  private async load(): Promise<void> {
    // Subscribe first so a write racing with the initial read is replayed afterwards.
    let buffered: ChangeEvent[] | null = [];
    this.sub = this.source.eventBulks$.subscribe((bulk) => {
      if (buffered) buffered.push(...bulk.events);
      else this.apply(bulk.events);
    });
    const docs = await this.source.find().exec();
    for (const d of docs) {
      const c = d.toJSON() as Customer;
      this.byId.set(c.id, indexCustomer(c));
    }
    const pending = buffered;
    buffered = null;
    this.apply(pending, false);
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
      this.byId.set(e.documentId, indexCustomer(data as unknown as Customer));
    }
    if (publish) this.publish(this.snapshot.ready);
  }

  private publish(ready: boolean): void {
    const items = [...this.byId.values()].toSorted(compareCustomers);
    this.snapshot = { ready, items, byId: new Map(this.byId) };
    for (const l of this.listeners) l();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): CustomerSnapshot => this.snapshot;

  stop(): void {
    this.sub?.unsubscribe();
    this.sub = null;
  }
}

import type { Customer, Lead } from '@lotbook/shared';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { RxDocument } from 'rxdb';
import { map, type Observable } from 'rxjs';
import { useData, useObservable } from '../../app/hooks.ts';
import type { LotbookDatabase } from '../../db/index.ts';
import { CustomerStore, type CustomerSnapshot, type CustomerSource } from './customer-store.ts';

const stores = new WeakMap<object, CustomerStore>();

/** One store per database: it outlives screens, so going back to the list is instant. */
export function customerStoreFor(db: LotbookDatabase): CustomerStore {
  let store = stores.get(db.customers);
  if (!store) {
    store = new CustomerStore(db.customers as unknown as CustomerSource);
    stores.set(db.customers, store);
  }
  return store;
}

/** Every local customer, indexed and sorted (starts loading on first use). */
export function useCustomerStore(): CustomerSnapshot {
  const { db } = useData();
  const store = customerStoreFor(db);
  useEffect(() => {
    void store.start();
  }, [store]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/** The live customer document: undefined while loading, null when there is none locally. */
export function useCustomerDoc(id: string | undefined): RxDocument<Customer> | null | undefined {
  const { db } = useData();
  const doc$ = useMemo(
    () => (id ? (db.customers.findOne(id).$ as unknown as Observable<RxDocument<Customer> | null>) : null),
    [db, id],
  );
  return useObservable<RxDocument<Customer> | null | undefined>(doc$, undefined);
}

/** The customer's leads, most recently updated first. */
export function useCustomerLeads(customerId: string | undefined): Lead[] {
  const { db } = useData();
  const obs = useMemo(
    () => (customerId
      ? (db.leads.find({ selector: { customer_id: customerId } }).$ as Observable<{ toJSON(): unknown }[]>).pipe(
        map((ds) => ds.map((d) => d.toJSON() as Lead).toSorted((a, b) => b.updated_at.localeCompare(a.updated_at))),
      )
      : null),
    [db, customerId],
  );
  return useObservable<Lead[]>(obs, []);
}

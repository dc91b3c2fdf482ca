import type { Customer, Lead, LeadActivity } from '@lotbook/shared';
import { useContext, useEffect, useMemo, useSyncExternalStore } from 'react';
import type { RxDocument } from 'rxdb';
import { map, type Observable } from 'rxjs';
import { useData, useNow, useObservable, useRequiredSession } from '../../app/hooks.ts';
import { FormatSettingsContext } from '../../i18n/format.ts';
import { dueStoreFor, type DueSnapshot } from './due-store.ts';
import { countDue, deviceTimeZone, unansweredLeads, type Scope } from './today.ts';

/** The zone that decides what "today" is: the dealership's (the one dates are shown in), else the device's. */
export function useTimeZone(): string {
  const { timeZone } = useContext(FormatSettingsContext);
  return timeZone ?? deviceTimeZone();
}

/** The live set of pending follow-ups on this device (starts the shared store on first use). */
export function useDueSnapshot(): DueSnapshot {
  const { db } = useData();
  const store = dueStoreFor(db);
  useEffect(() => {
    void store.start();
  }, [store]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/**
 * Overdue plus due-today follow-ups of the current user (theirs, or on leads assigned to them):
 * the number for the nav badge. 0 while the store loads.
 */
export function useDueCount(): number {
  const { user } = useRequiredSession();
  const snap = useDueSnapshot();
  const tz = useTimeZone();
  const now = useNow(60_000);
  return useMemo(
    () => (snap.ready ? countDue(snap.entries, snap.leads, { kind: 'user', userId: user.id }, now, tz) : 0),
    [snap, user.id, now, tz],
  );
}

/**
 * New leads without a first response in `scope`, oldest first. The selector `status: 'new'` uses
 * the leads index [status, updated_at]; the rest is filtered in memory (about a thousand leads on
 * the large seed). null while loading.
 */
export function useUnansweredLeads(scope: Scope): Lead[] | null {
  const { db } = useData();
  const leads$ = useMemo(
    () => (db.leads.find({ selector: { status: 'new' } }).$ as Observable<{ toJSON(): unknown }[]>).pipe(map((ds) => ds.map((d) => d.toJSON() as Lead))),
    [db],
  );
  const leads = useObservable<Lead[] | null>(leads$, null);
  const userId = scope.kind === 'all' ? null : scope.userId;
  return useMemo(() => (leads ? unansweredLeads(leads, userId === null ? { kind: 'all' } : { kind: 'user', userId }) : null), [leads, userId]);
}

/** Live documents by primary key (for the rows on screen only). */
function useByIds<T>(collection: { findByIds(ids: string[]): { $: Observable<Map<string, RxDocument<T>>> } }, ids: readonly string[]): ReadonlyMap<string, RxDocument<T>> {
  const key = ids.join(',');
  const docs$ = useMemo(
    () => (key ? collection.findByIds(key.split(',')).$ : null),
    [collection, key],
  );
  return useObservable<ReadonlyMap<string, RxDocument<T>>>(docs$, EMPTY);
}
const EMPTY: ReadonlyMap<string, never> = new Map<string, never>();

export function useActivityDocs(ids: readonly string[]): ReadonlyMap<string, RxDocument<LeadActivity>> {
  const { db } = useData();
  return useByIds<LeadActivity>(db.lead_activities, ids);
}

export function useCustomerDocs(ids: readonly string[]): ReadonlyMap<string, RxDocument<Customer>> {
  const { db } = useData();
  return useByIds<Customer>(db.customers, ids);
}

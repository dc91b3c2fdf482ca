import type { Customer, Lead, LeadActivity } from '@lotbook/shared';
import { useMemo } from 'react';
import type { RxDocument } from 'rxdb';
import { map, type Observable } from 'rxjs';
import { useData, useObservable } from '../../app/hooks.ts';

/** The live lead document: undefined while loading, null when there is none locally. */
export function useLeadDoc(id: string | undefined): RxDocument<Lead> | null | undefined {
  const { db } = useData();
  const doc$ = useMemo(
    () => (id ? (db.leads.findOne(id).$ as unknown as Observable<RxDocument<Lead> | null>) : null),
    [db, id],
  );
  return useObservable<RxDocument<Lead> | null | undefined>(doc$, undefined);
}

export function useCustomer(id: string | undefined): Customer | null {
  const { db } = useData();
  const obs = useMemo(
    () => (id ? (db.customers.findOne(id).$ as Observable<{ toJSON(): unknown } | null>).pipe(map((d) => (d ? (d.toJSON() as Customer) : null))) : null),
    [db, id],
  );
  return useObservable<Customer | null>(obs, null);
}

/** The lead's activities, newest first. */
export function useActivities(leadId: string | undefined): LeadActivity[] {
  const { db } = useData();
  const obs = useMemo(
    () => (leadId
      ? (db.lead_activities.find({ selector: { lead_id: leadId } }).$ as Observable<{ toJSON(): unknown }[]>).pipe(
        map((ds) => ds.map((d) => d.toJSON() as LeadActivity).toSorted((a, b) => b.activity_date.localeCompare(a.activity_date) || b.id.localeCompare(a.id))),
      )
      : null),
    [db, leadId],
  );
  return useObservable<LeadActivity[]>(obs, []);
}

import type { Customer, Lead } from '@lotbook/shared';
import { useMemo } from 'react';
import { map, type Observable } from 'rxjs';
import { useData, useObservable } from '../../app/hooks.ts';

/** Every local customer as plain JSON (a dealership has a few thousand at most). */
export function useCustomers(): Customer[] {
  const { db } = useData();
  const obs = useMemo(
    () => (db.customers.find().$ as Observable<{ toJSON(): unknown }[]>).pipe(map((ds) => ds.map((d) => d.toJSON() as Customer))),
    [db],
  );
  return useObservable(obs, []);
}

/** Every local lead as plain JSON. */
export function useLeads(): Lead[] | null {
  const { db } = useData();
  const obs = useMemo(
    () => (db.leads.find().$ as Observable<{ toJSON(): unknown }[]>).pipe(map((ds) => ds.map((d) => d.toJSON() as Lead))),
    [db],
  );
  return useObservable<Lead[] | null>(obs, null);
}

export function customerName(c: Pick<Customer, 'first_name' | 'last_name'> | undefined): string {
  return c ? `${c.first_name} ${c.last_name}`.trim() : '—';
}

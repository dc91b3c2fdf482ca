import type { Sale } from '@lotbook/shared';
import { useMemo } from 'react';
import { map, type Observable } from 'rxjs';
import { useData, useObservable } from '../../app/hooks.ts';
import { newestFirst } from './sales-summary.ts';

type Selector = Record<string, string>;

function useSalesWhere(selector: Selector | null): Sale[] | null {
  const { db } = useData();
  const key = selector ? JSON.stringify(selector) : null;
  const obs = useMemo(
    () => (key
      ? (db.sales.find({ selector: JSON.parse(key) as Selector }).$ as Observable<{ toJSON(): unknown }[]>).pipe(
        map((ds) => ds.map((d) => d.toJSON() as Sale).toSorted(newestFirst)),
      )
      : null),
    [db, key],
  );
  return useObservable<Sale[] | null>(obs, null);
}

/** Every sale on this device (a salesperson's device only holds their own), newest first. */
export function useAllSales(): Sale[] | null {
  return useSalesWhere({});
}

/** A customer's sales, newest first. */
export function useCustomerSales(customerId: string | undefined): Sale[] | null {
  return useSalesWhere(customerId ? { customer_id: customerId } : null);
}

/** The sales of one vehicle (to tell a car already sold on this device). */
export function useVehicleSales(vehicleId: string | null): Sale[] | null {
  return useSalesWhere(vehicleId ? { vehicle_id: vehicleId } : null);
}

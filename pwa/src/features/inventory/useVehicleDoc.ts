import type { Vehicle } from '@lotbook/shared';
import { useMemo } from 'react';
import type { RxDocument } from 'rxdb';
import type { Observable } from 'rxjs';
import { useData, useObservable } from '../../app/hooks.ts';

/** The live RxDocument for an id: undefined while loading, null when there is none locally. */
export function useVehicleDoc(id: string | undefined): RxDocument<Vehicle> | null | undefined {
  const { db } = useData();
  const doc$ = useMemo(
    () => (id ? (db.vehicles.findOne(id).$ as unknown as Observable<RxDocument<Vehicle> | null>) : null),
    [db, id],
  );
  return useObservable<RxDocument<Vehicle> | null | undefined>(doc$, undefined);
}

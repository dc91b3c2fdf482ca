import type { Vehicle } from '@lotbook/shared';
import { useMemo, useSyncExternalStore } from 'react';
import type { RxDocument } from 'rxdb';
import type { Observable } from 'rxjs';
import { useData, useObservable } from '../../app/hooks.ts';
import { readModelFor } from './useInventory.ts';

/**
 * The live RxDocument for an id: undefined while loading, null when there is none locally. A car
 * the first download has fetched but not stored yet (listed from the read model) is still loading:
 * it is opened as soon as it is stored, and is "not found" only if the download stops without it.
 */
export function useVehicleDoc(id: string | undefined): RxDocument<Vehicle> | null | undefined {
  const { db } = useData();
  const doc$ = useMemo(
    () => (id ? (db.vehicles.findOne(id).$ as unknown as Observable<RxDocument<Vehicle> | null>) : null),
    [db, id],
  );
  const doc = useObservable<RxDocument<Vehicle> | null | undefined>(doc$, undefined);
  const model = readModelFor(db);
  const arriving = useSyncExternalStore(model.subscribe, () => (id ? model.isArriving(id) : false));
  return doc === null && arriving ? undefined : doc;
}

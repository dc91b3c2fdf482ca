import type { Vehicle } from '@lotbook/shared';
import { useEffect, useSyncExternalStore } from 'react';
import { useData } from '../../app/hooks.ts';
import { i18n } from '../../i18n/index.ts';
import { LANGUAGES } from '../../i18n/language.ts';
import type { LotbookDatabase } from '../../db/index.ts';
// Imported directly, not through db/index.ts: it needs only rxjs, and the inventory must not pull
// the database code (RxDB, Dexie) into the shell's chunk.
import { arrivingDocs } from '../../db/sync/arriving.ts';
import { VehicleReadModel, type ReadModelSnapshot, type VehicleSource } from './read-model.ts';

const models = new WeakMap<object, VehicleReadModel>();

const termCache = new Map<string, string>();

/**
 * Body type and fuel in every UI language, so "híbrido" and "hybrid" both find a hybrid. Cached
 * per combination: i18next lookups cost microseconds each, which adds up over 10,000 cars.
 */
export function translatedTerms(v: Vehicle): string {
  const key = `${v.body_type}|${v.fuel_type}`;
  let terms = termCache.get(key);
  if (terms === undefined) {
    terms = LANGUAGES.flatMap((lng) => [i18n.t(`inventory:body.${v.body_type}`, { lng }), i18n.t(`inventory:fuel.${v.fuel_type}`, { lng })]).join(' ');
    termCache.set(key, terms);
  }
  return terms;
}

/** The one read model per database: it outlives screens, so going back to the list is instant. */
export function readModelFor(db: LotbookDatabase): VehicleReadModel {
  let model = models.get(db.vehicles);
  if (!model) {
    // The cars the first download has fetched are searchable before they are stored (issue 16).
    model = new VehicleReadModel(db.vehicles as unknown as VehicleSource, translatedTerms, arrivingDocs(db.vehicles));
    models.set(db.vehicles, model);
  }
  return model;
}

/** The live in-memory inventory (starts loading on first use). */
export function useInventory(): { model: VehicleReadModel; snapshot: ReadModelSnapshot } {
  const { db } = useData();
  const model = readModelFor(db);
  useEffect(() => {
    void model.start();
  }, [model]);
  const snapshot = useSyncExternalStore(model.subscribe, model.getSnapshot);
  return { model, snapshot };
}

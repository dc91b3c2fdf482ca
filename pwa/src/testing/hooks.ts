/**
 * Hooks for e2e tests and the PWA benchmark, loaded only when localStorage 'lotbook.testHooks'
 * is '1' (a separate chunk: never part of the normal app). Exposed as `window.__lotbook`.
 */
import { EMPTY_QUERY, filterVehicles, type VehicleQuery } from '../features/inventory/query.ts';
import { VehicleReadModel, type VehicleSource } from '../features/inventory/read-model.ts';
import { readModelFor, translatedTerms } from '../features/inventory/useInventory.ts';
import { openData } from '../app/runtime.ts';
import { syntheticVehicles } from './synthetic.ts';

function median(xs: number[]): number {
  const s = xs.toSorted((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

const BENCH_QUERIES: Record<string, Partial<VehicleQuery>> = {
  'all, default order': {},
  'text "toyota"': { q: 'toyota' },
  'accent-folded text "skoda octavia"': { q: 'skoda octavia' },
  'text "hibrido" (translated fuel)': { q: 'hibrido' },
  'make + year range + price range': { make: 'Peugeot', yearMin: 2018, yearMax: 2023, priceMin: 15000, priceMax: 35000 },
  'body + fuel + status, by price desc': { body: 'suv', fuel: 'hybrid', status: 'available', sort: '-price' },
};

type FilterTimes = Record<string, { medianMs: number; results: number }>;

function measureFilters(model: VehicleReadModel, reps: number): FilterTimes {
  const out: FilterTimes = {};
  for (const [name, patch] of Object.entries(BENCH_QUERIES)) {
    const times: number[] = [];
    let results = 0;
    for (let i = 0; i < reps; i++) {
      const s = performance.now();
      results = filterVehicles(model.getSnapshot().items, { ...EMPTY_QUERY, ...patch }).length;
      times.push(performance.now() - s);
    }
    out[name] = { medianMs: median(times), results };
  }
  return out;
}

/** The app's own read model (the synced inventory): its size, load time and filter times. */
async function appInventory(reps = 15): Promise<Record<string, unknown>> {
  const { db } = await openData();
  const model = readModelFor(db);
  await model.start();
  return { vehicles: model.getSnapshot().items.length, readModelLoadMs: model.loadMs, readModelFindMs: model.findMs, readModelIndexMs: model.indexMs, filters: measureFilters(model, reps) };
}

/**
 * Builds a throwaway database (no replication) with `n` synthetic vehicles and measures: bulk
 * insert, read-model load, each filter (median of `reps`), a change-event round trip, and the
 * same free-form filter as an RxDB query for comparison.
 */
async function benchInventory(n = 5000, reps = 15): Promise<Record<string, unknown>> {
  // Not openData(): RxDB's open-core build allows 16 collections per page, so run this in a page
  // that is logged out (the app database closed) and open only the bench database.
  const dbApi = await import('../db/index.ts');
  const db = await dbApi.createLotbookDatabase({ name: `lotbook-bench-${Date.now()}`, multiInstance: false });
  try {
    const dealership = crypto.randomUUID();
    const docs = syntheticVehicles(n).map((f) => ({ ...dbApi.newDocFields(dealership), ...f }));
    let t0 = performance.now();
    for (let i = 0; i < docs.length; i += 1000) await db.vehicles.bulkInsert(docs.slice(i, i + 1000));
    const insertMs = performance.now() - t0;

    const model = new VehicleReadModel(db.vehicles as unknown as VehicleSource, translatedTerms);
    await model.start();
    const filters = measureFilters(model, reps);

    const target = await db.vehicles.findOne(docs[0]?.id ?? '').exec();
    t0 = performance.now();
    const seen = new Promise<void>((resolve) => {
      const off = model.subscribe(() => {
        if (model.get(docs[0]?.id ?? '')?.v.price === 12345) {
          off();
          resolve();
        }
      });
    });
    await target?.incrementalPatch({ price: 12345 });
    await seen;
    const changeMs = performance.now() - t0;

    // A different price bound each time: RxDB caches the results of identical queries.
    const rxTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      await db.vehicles.find({ selector: { make: 'Peugeot', year: { $gte: 2018, $lte: 2023 }, price: { $gte: 15000 + i, $lte: 35000 } } }).exec();
      rxTimes.push(performance.now() - s);
    }
    model.stop();
    return {
      vehicles: n,
      bulkInsertMs: insertMs,
      readModelLoadMs: model.loadMs,
      readModelFindMs: model.findMs,
      readModelIndexMs: model.indexMs,
      filters,
      changeEventToReadModelMs: changeMs,
      rxdbQuerySameFilterMedianMs: median(rxTimes),
    };
  } finally {
    await db.remove();
  }
}

export function installTestHooks(): void {
  (globalThis as { __lotbook?: unknown }).__lotbook = {
    openData,
    benchInventory,
    appInventory,
    interactiveMark: () => performance.getEntriesByName('lotbook:interactive')[0]?.startTime ?? null,
  };
}

import { COLLECTION_NAMES, type CollectionName, type Customer, type InventoryMovement, type Lead, type LeadActivity, type Notification, type NotificationPreferenceDoc, type Sale, type TeamMember, type Vehicle } from '@lotbook/shared';
import { addRxPlugin, createRxDatabase, removeRxDatabase, type RxCollection, type RxCollectionCreator, type RxDatabase, type RxStorage } from 'rxdb';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { createConflictHandler } from './conflicts/handler.ts';
import { ConflictInbox } from './conflicts/inbox.ts';
import type { ConflictDoc } from './conflicts/types.ts';
import { conflictSchema, syncedSchemas } from './schema.ts';
import { lotbookStorage } from './storage.ts';

export interface LotbookCollections {
  vehicles: RxCollection<Vehicle>;
  customers: RxCollection<Customer>;
  leads: RxCollection<Lead>;
  lead_activities: RxCollection<LeadActivity>;
  sales: RxCollection<Sale>;
  inventory_movements: RxCollection<InventoryMovement>;
  notifications: RxCollection<Notification>;
  notification_preferences: RxCollection<NotificationPreferenceDoc>;
  team: RxCollection<TeamMember>;
  conflicts: RxCollection<ConflictDoc>;
}

export type LotbookDatabase = RxDatabase<LotbookCollections>;

const inboxes = new WeakMap<LotbookDatabase, ConflictInbox>();

/** The inbox glue of a database created by createLotbookDatabase. */
export function inboxOf(db: LotbookDatabase): ConflictInbox {
  const inbox = inboxes.get(db);
  if (!inbox) throw new Error('Not a Lotbook database: create it with createLotbookDatabase()');
  return inbox;
}

/**
 * Opens (or creates) the device's database: one collection per sync collection with the shared
 * schemas and our conflict handler, plus the local-only `conflicts` inbox. `devMode` (tests only)
 * adds RxDB's dev-mode checks and schema validation on every write.
 */
export async function createLotbookDatabase(
  // RxStorage's type parameters differ per storage (Dexie, memory, wrapped): any storage is accepted.
  // oxlint-disable-next-line typescript/no-explicit-any
  opts: { name?: string; storage?: RxStorage<any, any>; multiInstance?: boolean; devMode?: boolean } = {},
): Promise<LotbookDatabase> {
  addRxPlugin(RxDBLeaderElectionPlugin);
  let storage = opts.storage ?? lotbookStorage();
  if (opts.devMode) {
    const [{ RxDBDevModePlugin, disableWarnings }, { wrappedValidateAjvStorage }] = await Promise.all([
      import('rxdb/plugins/dev-mode'),
      import('rxdb/plugins/validate-ajv'),
    ]);
    disableWarnings();
    addRxPlugin(RxDBDevModePlugin);
    storage = wrappedValidateAjvStorage({ storage });
  }
  const db = await createRxDatabase<LotbookCollections>({
    name: opts.name ?? 'lotbook',
    storage,
    multiInstance: opts.multiInstance ?? true,
    eventReduce: true,
  });
  const inbox = new ConflictInbox();
  const schemas = syncedSchemas();
  const creators: Record<string, RxCollectionCreator> = { conflicts: { schema: conflictSchema } };
  for (const name of COLLECTION_NAMES) creators[name] = { schema: schemas[name], conflictHandler: createConflictHandler(name, inbox) };
  await db.addCollections(creators as Record<keyof LotbookCollections, RxCollectionCreator>);
  inbox.attach(db);
  inboxes.set(db, inbox);
  return db;
}

export function syncedCollection(db: LotbookDatabase, name: CollectionName): RxCollection<Record<string, unknown>> {
  return db.collections[name] as unknown as RxCollection<Record<string, unknown>>;
}

/**
 * Removes the device's database without opening it: used before opening when the data belongs to
 * another user (owner.ts). Every tab's copy goes, with its checkpoints and conflict inbox.
 */
export async function removeLotbookDatabase(name = 'lotbook'): Promise<void> {
  await removeRxDatabase(name, lotbookStorage(), true);
}

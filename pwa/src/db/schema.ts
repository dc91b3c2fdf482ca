import { COLLECTION_NAMES, rxSchemaFor, type CollectionName } from '@lotbook/shared';
import type { RxJsonSchema } from 'rxdb';
import type { ConflictDoc } from './conflicts/types.ts';

/** The RxDB schema of every synced collection, straight from @lotbook/shared. */
export function syncedSchemas(): Record<CollectionName, RxJsonSchema<Record<string, unknown>>> {
  const out = {} as Record<CollectionName, RxJsonSchema<Record<string, unknown>>>;
  // rxSchemaFor's shape is RxDB's JSON schema; the cast only bridges the two nominal types.
  for (const name of COLLECTION_NAMES) out[name] = rxSchemaFor(name) as unknown as RxJsonSchema<Record<string, unknown>>;
  return out;
}

/**
 * Indexes of the synced schemas (RX_INDEXES) that no query of the app needs, kept out of IndexedDB
 * on the device (storage.ts `indexesNotStored`). RxDB's query planner puts the app's queries on
 * `[status, make, model]` (vehicles), `last_name` (customers) and `[lead_id, activity_date]`
 * (lead_activities); only `lead_activities.count()` lands on `activity_date`, as a scan of the
 * whole index, which `[lead_id, activity_date]` serves the same way (`storage.test.ts` plans every
 * query the app makes). Each is one IndexedDB record per document written: 123,500 of about
 * 320,000 in the large demo dealership's first download. Removing them from the schemas instead
 * would be a schema version, an RxDB migration on every device; here the schemas, their hashes
 * and the wire stay as they are. A query planned on one of them is planned again without it
 * (another index, same results).
 */
export const UNQUERIED_INDEXES: Partial<Record<CollectionName, readonly string[]>> = {
  vehicles: ['acquired_at'],
  customers: ['updated_at'],
  lead_activities: ['activity_date'],
};

const text = (maxLength: number) => ({ type: 'string', maxLength }) as const;

/** The local-only conflict inbox. Never replicated. */
export const conflictSchema: RxJsonSchema<ConflictDoc> = {
  title: 'conflicts',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: text(200),
    collection_name: text(40),
    doc_id: text(40),
    reason: text(60),
    message: text(2000),
    mine: { type: 'object' },
    theirs: { type: ['object', 'null'] },
    fields: { type: 'array', items: { type: 'string' } },
    created_at: text(40),
    resolved_at: { type: ['string', 'null'], maxLength: 40 },
    resolution: { type: ['string', 'null'], maxLength: 10 },
    status: { type: 'string', enum: ['open', 'resolved'], maxLength: 10 },
  },
  required: ['id', 'collection_name', 'doc_id', 'reason', 'message', 'mine', 'theirs', 'fields', 'created_at', 'resolved_at', 'resolution', 'status'],
  indexes: [['status', 'created_at'], 'doc_id'],
};

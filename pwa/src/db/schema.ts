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

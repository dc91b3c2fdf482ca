/**
 * The Lotbook sync protocol: the one place where client and server agree on the wire.
 * Read ARCHITECTURE.md ("Sync") in the repo root for the lifecycle and the conflict policy.
 */

/** Bump when the wire format changes incompatibly. Travels in the URL: /sync/v{PROTOCOL_VERSION}/... */
export const PROTOCOL_VERSION = 1;

/** Per-collection schema versions. A client older than the server's minimum gets 426. */
export const COLLECTIONS = {
  vehicles: { schemaVersion: 0, minClientSchemaVersion: 0, pushable: true },
  customers: { schemaVersion: 0, minClientSchemaVersion: 0, pushable: true },
  leads: { schemaVersion: 0, minClientSchemaVersion: 0, pushable: true },
  lead_activities: { schemaVersion: 0, minClientSchemaVersion: 0, pushable: true },
  sales: { schemaVersion: 0, minClientSchemaVersion: 0, pushable: true },
  inventory_movements: { schemaVersion: 0, minClientSchemaVersion: 0, pushable: true },
  notifications: { schemaVersion: 0, minClientSchemaVersion: 0, pushable: true },
  notification_preferences: { schemaVersion: 0, minClientSchemaVersion: 0, pushable: true },
  team: { schemaVersion: 0, minClientSchemaVersion: 0, pushable: false },
} as const;

export type CollectionName = keyof typeof COLLECTIONS;
export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];
export type PushableCollection = Exclude<CollectionName, 'team'>;
export const PUSHABLE_COLLECTIONS = COLLECTION_NAMES.filter((c) => COLLECTIONS[c].pushable) as PushableCollection[];

export function isCollectionName(name: string): name is CollectionName {
  return Object.hasOwn(COLLECTIONS, name);
}

/** The pull checkpoint: the highest server change sequence the client has seen. */
export interface Checkpoint {
  seq: number;
}

/** A synced document on the wire: the entity fields plus `_deleted`. */
export type WireDoc<T = Record<string, unknown>> = T & { id: string; seq: number; version: number; _deleted: boolean };

export interface PullResponse<T = Record<string, unknown>> {
  documents: WireDoc<T>[];
  checkpoint: Checkpoint;
}

export interface PushRow<T = Record<string, unknown>> {
  assumedMasterState: WireDoc<T> | null;
  newDocumentState: WireDoc<T>;
}

/** Limits the server enforces; the client stays under them. */
export const PULL_LIMIT_MAX = 2000;
export const PUSH_BATCH_MAX = 500;

/**
 * Why a pushed write did not apply as sent. `stale_version` is the ordinary RxDB conflict (the
 * client's assumed master is outdated) and is merged field by field on the client; every other
 * reason is a rejection: the server keeps its state and the client's version goes to the inbox.
 */
export const CONFLICT_REASONS = [
  'stale_version',
  'vehicle_already_reserved',
  'vehicle_already_sold',
  'vehicle_not_found',
  'illegal_transition',
  'illegal_vehicle_transition',
  'invalid_document',
  'forbidden',
  'duplicate',
  'append_only',
  'lead_already_claimed',
] as const;
export type ConflictReason = (typeof CONFLICT_REASONS)[number];

/** The message of a `lead_already_claimed` refusal, and the name read back from it by the device. */
export const claimedMessage = (name: string) => `Claimed by ${name} while you were offline`;
export function claimerOf(message: string): string | null {
  return /^Claimed by (.+) while you were offline$/.exec(message)?.[1] ?? null;
}

/**
 * Conflicting server documents in a push response carry this extra property, so the client can
 * tell the user why. The client strips it before handing the document to RxDB.
 */
export const REJECTION_FIELD = '_rejection' as const;

export interface Rejection {
  reason: ConflictReason;
  message: string;
  /** The server's rejected-writes log id (readable at GET /sync/v1/rejections). */
  rejection_id?: string;
  details?: Record<string, unknown>;
}

/** An SSE `change` event: something in the caller's scope changed in this collection. */
export interface StreamHint {
  collection: CollectionName;
  /** The seq of the change: a pull from an earlier checkpoint brings it. */
  checkpoint: Checkpoint;
  /** The changes themselves, when they fit (issue 17): see StreamChanges. */
  changes?: StreamChanges;
}

/**
 * The answer a pull from `since` would get, carried by a change event so that a device need not
 * pull. A device whose checkpoint X is at least `since` (and below `to`) applies the documents
 * whose seq is above X, less the scope tombstones whose scope changed at or before X (their
 * `scope_seqs` entry; null for a document in scope), and moves its checkpoint to `to`. Any other
 * device, or one whose schema version differs, pulls as before.
 */
export interface StreamChanges {
  since: number;
  to: number;
  schema_version: number;
  documents: Record<string, unknown>[];
  seqs: number[];
  scope_seqs: (number | null)[];
}

/**
 * The pull's answer from checkpoint `at` out of several carried changes, oldest first, chained
 * (each applied from where the previous left the device; a later one holds a later version of a
 * document named twice), or null when they do not reach from `at` or do not cover `hint`, the seq
 * of the last change event: the device must pull then. Used by the PWA and the load bench.
 */
export function answerFromCarried(list: readonly StreamChanges[], at: number, hint: number): { documents: Record<string, unknown>[]; seq: number } | null {
  if (list.length === 0 || hint <= 0 || at <= 0) return null;
  let x = at;
  const byId = new Map<string, Record<string, unknown>>();
  for (const changes of list) {
    if (changes.to <= x) continue;
    const part = changesAfter(changes, x);
    if (!part) return null;
    for (const d of part.documents) byId.set(String(d.id), d);
    x = part.to;
  }
  return x < hint ? null : { documents: [...byId.values()], seq: x };
}

/**
 * The part of carried changes a device at checkpoint `at` applies, and where it then stands;
 * null when they cannot serve it (its checkpoint is before `since`, or malformed changes).
 */
export function changesAfter(changes: StreamChanges, at: number): { documents: Record<string, unknown>[]; to: number } | null {
  const { since, to, documents, seqs, scope_seqs: scopes } = changes;
  if (!(at >= since) || !Array.isArray(documents) || !Array.isArray(seqs) || !Array.isArray(scopes)) return null;
  if (seqs.length !== documents.length || scopes.length !== documents.length) return null;
  if (at >= to) return { documents: [], to: at };
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < documents.length; i++) {
    const scope = scopes[i];
    if (!(seqs[i]! > at) || (typeof scope === 'number' && scope <= at)) continue;
    out.push(documents[i]!);
  }
  return { documents: out, to };
}

/**
 * SSE event names on GET /sync/v1/stream. `revoked` is the last frame of a stream whose session
 * the server ended (deactivation, password change or reset): the device confirms with a request
 * (401 `session_revoked`) and asks for a new login.
 */
export const STREAM_EVENTS = { change: 'change', resync: 'resync', ping: 'ping', revoked: 'revoked' } as const;

/** Sync URL paths, relative to the server origin. */
export const syncPaths = {
  pull: (c: CollectionName) => `/sync/v${PROTOCOL_VERSION}/${c}/pull`,
  push: (c: CollectionName) => `/sync/v${PROTOCOL_VERSION}/${c}/push`,
  stream: () => `/sync/v${PROTOCOL_VERSION}/stream`,
  rejections: () => `/sync/v${PROTOCOL_VERSION}/rejections`,
};

/** Query parameter naming the client's schema version for the collection. */
export const SCHEMA_VERSION_PARAM = 'schema_version';

import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { FIELD_SCHEMAS, REJECTION_FIELD, type PushableCollection, type Rejection } from '@lotbook/shared';
import type { AuthUser } from '../context.ts';
import type { Database, Sql } from '../db/client.ts';
import { syncRejections } from '../db/schema.ts';
import { isUuid, storableCopy, unstorable } from '../security/input.ts';
import { restoreHidden, visibleDoc } from '../security/visibility.ts';
import { changedFields } from './compare.ts';
import { checkFacts } from './facts.ts';
import { lostClaim } from '../routing/claim.ts';
import { checkReferences } from './references.ts';
import { checkWrite, deferRepSale, type Doc } from './rules.ts';
import { staleReason } from './stale.ts';
import { scopePredicate } from './scope.ts';
import { bindUser } from './sql-params.ts';
import { TABLES } from './tables.ts';
import { RetryCarefully, writeDoc } from './write.ts';

export interface PushRowInput {
  assumedMasterState: Doc | null;
  /** Only its shape is known here: every field, the id included, is checked per document. */
  newDocumentState: Doc;
}

export interface PushInput {
  collection: PushableCollection;
  user: AuthUser;
  rows: PushRowInput[];
  deviceId: string | null;
  requestId?: string;
}

export interface PushOutcome {
  /** Server documents for rows that did not apply, each with its `_rejection`. */
  conflicts: Doc[];
  applied: number;
  /** Ids written by this push (created: inserted), for work that follows the commit (lead routing). */
  written: { id: string; created: boolean; before: Doc | null }[];
}

/** What the caller is told about a row it may not see: nothing but that it is gone for them. */
const NOT_YOURS: Rejection = { reason: 'forbidden', message: 'You cannot change this document' };

interface Current {
  doc: Doc;
  /** In the caller's dealership and pull scope: only then may any of it be revealed. */
  visible: boolean;
}

type Plan =
  | { kind: 'refuse'; entry: Current | null; rejection: Rejection }
  | { kind: 'skip' }
  /** The sale will sell the car (or already did): a new seq makes the device pull the truth. */
  | { kind: 'touch'; id: string }
  | { kind: 'write'; entry: Current | null; id: string; next: Doc; deleted: boolean; server: Doc | null };

/**
 * Applies a push batch (SECURITY.md, "The push path"). Per document, in this order:
 * 1. the id is a UUID and the document holds nothing the database cannot store;
 * 2. the row, if it exists, is in the caller's dealership and scope, else a bare tombstone;
 * 3. the fields validate, hidden fields are the server's, referenced ids are usable;
 * 4. only then idempotency (invariant 3), staleness (invariant 4), rules and facts (invariant 5).
 * Every refusal is kept in `sync_rejections` (invariant 6); one document never fails the batch.
 *
 * The dealership write lock (invariant 1) is held only while a row is written (issue 17,
 * ARCHITECTURE.md "Sync under load"): every row is decided without it, on committed rows; then
 * each row is written by ONE statement, its own transaction, that takes the lock, writes only if
 * the row is still as decided (its version for an update, absent for an insert), appends the
 * audit entry and commits, so no lock is ever held while the server waits for Node. A row that
 * moved in between, a sale (its facts need the lock), a touch, or a write the database refuses is
 * done alone the careful way. A batch that names a document twice is done the careful way whole.
 * The careful way is one transaction: lock first, every row decided and written in order, each
 * write in a savepoint.
 */
export async function pushChanges(db: Database, input: PushInput): Promise<PushOutcome> {
  const dupes = new Set(input.rows.map((r) => r.newDocumentState.id)).size !== input.rows.length;
  if (dupes) return db.tx((tx) => apply(tx, input, 'careful'));
  return apply(db, input, 'fast', db);
}

/** `tx`: a transaction (careful) or the database itself, each statement its own transaction (fast). */
async function apply(tx: Sql, input: PushInput, mode: 'fast' | 'careful', db?: Database): Promise<PushOutcome> {
  const { user, collection } = input;
  const t = TABLES[collection];
  const schema = FIELD_SCHEMAS[collection];
  const fieldNames = Object.keys(schema.shape);
  const ids = input.rows.map((r) => r.newDocumentState.id).filter(isUuid);
  if (mode === 'careful') await lockDealership(tx, user);
  const current = await loadCurrent(tx, collection, user, ids, mode === 'careful');
  const conflicts: Doc[] = [];
  const rejections: (typeof syncRejections.$inferInsert)[] = [];
  const writtenIds: PushOutcome['written'] = [];
  let applied = 0;

  const refuse = (row: PushRowInput, server: Current | null, r: Rejection) => {
    const rawId = row.newDocumentState.id;
    const shown = server?.visible ? visibleDoc(collection, server.doc, user.role) : null;
    const rejection_id = randomUUID();
    if (r.reason !== 'stale_version') {
      rejections.push({
        id: rejection_id,
        dealership_id: user.dealership_id,
        user_id: user.id,
        device_id: input.deviceId,
        collection,
        doc_id: isUuid(rawId) ? rawId : null,
        reason: r.reason,
        message: r.message.slice(0, 1000),
        document: storableCopy(row.newDocumentState) as Doc,
        server_document: shown,
      });
    }
    // A row the caller may not see, or never existed: a bare tombstone, no version or seq.
    const base = shown ?? { id: typeof rawId === 'string' ? rawId.slice(0, 100) : String(rawId).slice(0, 100), _deleted: true };
    conflicts.push({ ...base, [REJECTION_FIELD]: { ...r, rejection_id } });
  };

  /** Everything but the write: reads only, so it needs no lock unless the batch is careful. */
  const decide = async (row: PushRowInput): Promise<Plan> => {
    const id = row.newDocumentState.id;
    if (!isUuid(id)) return { kind: 'refuse', entry: null, rejection: { reason: 'invalid_document', message: 'The document id must be a UUID' } };
    const entry = current.get(id) ?? null;
    if (entry && !entry.visible) {
      // A pooled lead a colleague claimed first: say so (they both saw it in the pool).
      const claimed = collection === 'leads' ? await lostClaim(tx, user, row, entry.doc) : null;
      return { kind: 'refuse', entry: null, rejection: claimed ?? NOT_YOURS };
    }
    const server = entry?.doc ?? null;
    const bad = unstorable(row.newDocumentState) ?? unstorable(row.assumedMasterState);
    if (bad) return { kind: 'refuse', entry, rejection: { reason: 'invalid_document', message: `The document cannot be stored: ${bad}` } };
    const parsed = schema.safeParse(row.newDocumentState);
    if (!parsed.success) {
      const msg = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      return { kind: 'refuse', entry, rejection: { reason: 'invalid_document', message: `The document is invalid: ${msg}` } };
    }
    let next = restoreHidden(collection, parsed.data as Doc, server, user.role);
    const deleted = row.newDocumentState._deleted === true;
    const refs = await checkReferences(tx, collection, user, next, server);
    if (!refs.ok) return { kind: 'refuse', entry, rejection: { reason: refs.reason, message: refs.message } };
    let touch = false;
    if (server) {
      if (changedFields(t, fieldNames, server, next).length === 0 && deleted === (server._deleted === true)) return { kind: 'skip' }; // already applied
      const assumed = row.assumedMasterState;
      if (!assumed || Number(assumed.version) !== Number(server.version)) {
        return { kind: 'refuse', entry, rejection: await staleReason(tx, collection, assumed, server, next) };
      }
      const sale = collection === 'vehicles' ? deferRepSale(user, server, next) : null;
      if (sale && !sale.ok) return { kind: 'refuse', entry, rejection: { reason: sale.reason, message: sale.message } };
      if (sale?.deferred) {
        next = sale.next;
        touch = true;
      }
    } else if (deleted) {
      return { kind: 'skip' }; // created and deleted offline: nothing to keep
    }
    const changed = server ? changedFields(t, fieldNames, server, next) : fieldNames;
    if (server && touch && changed.length === 0 && deleted === (server._deleted === true)) return { kind: 'touch', id };
    const verdict = checkWrite({ collection, id, user, current: server, next, deleted, changed });
    const facts = verdict.ok ? await checkFacts(tx, collection, user.dealership_id, id, next, server) : verdict;
    if (!facts.ok) return { kind: 'refuse', entry, rejection: { reason: facts.reason, message: facts.message } };
    return { kind: 'write', entry, id, next, deleted, server };
  };

  /** A row done alone, the careful way, in a transaction of its own. */
  const alone = async (row: PushRowInput): Promise<void> => {
    const sub = await db!.tx((t2) => apply(t2, { ...input, rows: [row] }, 'careful'));
    conflicts.push(...sub.conflicts);
    applied += sub.applied;
    writtenIds.push(...sub.written);
  };

  const execute = async (row: PushRowInput, plan: Plan): Promise<void> => {
    if (plan.kind === 'refuse') return refuse(row, plan.entry, plan.rejection);
    if (plan.kind === 'skip') return;
    if (mode === 'fast' && (plan.kind === 'touch' || collection === 'sales')) return alone(row);
    if (plan.kind === 'touch') {
      await tx.rows(sql`UPDATE vehicles SET scope_seq = -1 WHERE id = ${plan.id}::uuid AND dealership_id = ${user.dealership_id}::uuid`);
      applied += 1;
      return;
    }
    const { entry, id, next, deleted, server } = plan;
    const w = { id, user, next, deleted, insert: !server, before: server, requestId: input.requestId ?? null };
    let written;
    try {
      written = await writeDoc(tx, t, mode === 'fast' ? { ...w, guard: { version: server ? Number(server.version) : null } } : w, mode === 'careful');
    } catch (err) {
      if (err instanceof RetryCarefully) return alone(row);
      throw err;
    }
    if (!written.ok) {
      if (written.moved) return alone(row);
      return refuse(row, entry, { reason: 'invalid_document', message: written.message });
    }
    // The caller's own write: the rules keep what they write in their scope (or it is a forward
    // reference of theirs), so a later row of the batch with the same id may see it.
    current.set(id, { doc: written.doc, visible: true });
    applied += 1;
    writtenIds.push({ id, created: !server, before: server });
  };

  for (const row of input.rows) await execute(row, await decide(row));
  if (rejections.length) await tx.orm.insert(syncRejections).values(rejections);
  return { conflicts, applied, written: writtenIds };
}

/** Takes the dealership write lock and says who writes, for triggers that tell a user's own change from someone else's (0006). */
async function lockDealership(tx: Sql, user: AuthUser): Promise<void> {
  await tx.rows(sql`SELECT lotbook_lock_dealership(${user.dealership_id}::uuid), set_config('lotbook.actor_id', ${user.id}, true)`);
}

/** The rows a push names; `FOR UPDATE` once the dealership lock is held (never before it). */
async function loadCurrent(tx: Sql, collection: PushableCollection, user: AuthUser, ids: string[], forUpdate: boolean): Promise<Map<string, Current>> {
  const t = TABLES[collection];
  const scope = bindUser(scopePredicate(collection, user), user.id);
  const rows = await tx.rows<{ doc: string; visible: boolean }>(sql`
    SELECT ${sql.raw(t.docExpr)}::text AS doc, (t.dealership_id = ${user.dealership_id}::uuid AND (${scope})) AS visible
    FROM ${sql.raw(t.sqlName)} t
    WHERE t.id = ANY(${`{${ids.join(',')}}`}::uuid[]) ${sql.raw(forUpdate ? 'FOR UPDATE OF t' : '')}`);
  const map = new Map<string, Current>();
  for (const r of rows) {
    const d = JSON.parse(r.doc) as Doc;
    map.set(String(d.id), { doc: d, visible: r.visible === true });
  }
  return map;
}

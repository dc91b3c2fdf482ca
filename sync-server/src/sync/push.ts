import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { FIELD_SCHEMAS, REJECTION_FIELD, type PushableCollection, type Rejection } from '@lotbook/shared';
import type { AuthUser } from '../context.ts';
import type { Database, Sql } from '../db/client.ts';
import { auditLog, syncRejections } from '../db/schema.ts';
import { changedFields } from './compare.ts';
import { checkFacts } from './facts.ts';
import { checkWrite, type Doc } from './rules.ts';
import { staleReason } from './stale.ts';
import { scopePredicate } from './scope.ts';
import { bindUser } from './sql-params.ts';
import { TABLES } from './tables.ts';
import { writeDoc } from './write.ts';

export interface PushRowInput {
  assumedMasterState: Doc | null;
  newDocumentState: Doc & { id: string };
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
}

/**
 * Applies a push batch in one transaction under the dealership lock (invariant 1).
 * - Server-owned fields in the pushed documents are ignored (invariant 2).
 * - A write whose fields already equal the server's is a no-op success (invariant 3).
 * - A stale assumed state returns the server's document with a reason (invariant 4).
 * - Permission and domain rules are enforced here too (invariant 5), and every refused write
 *   is kept in `sync_rejections` (invariant 6).
 */
export async function pushChanges(db: Database, input: PushInput): Promise<PushOutcome> {
  const t = TABLES[input.collection];
  const schema = FIELD_SCHEMAS[input.collection];
  const fieldNames = Object.keys(schema.shape);
  const { user } = input;
  return db.tx(async (tx) => {
    await tx.rows(sql`SELECT lotbook_lock_dealership(${user.dealership_id}::uuid)`);
    const current = await loadCurrent(tx, t.sqlName, t.docExpr, input.rows.map((r) => r.newDocumentState.id));
    const conflicts: Doc[] = [];
    const rejections: (typeof syncRejections.$inferInsert)[] = [];
    const audits: (typeof auditLog.$inferInsert)[] = [];
    let applied = 0;

    const refuse = async (row: PushRowInput, serverDoc: Doc | null, r: Rejection) => {
      // Never hand back a document the caller may not see (a lead reassigned away): a tombstone
      // tells the device to drop it, and the rejection still says why.
      const server = serverDoc && !(await visibleTo(tx, input.collection, user, row.newDocumentState.id)) ? null : serverDoc;
      const rejection_id = randomUUID();
      if (r.reason !== 'stale_version') {
        rejections.push({
          id: rejection_id,
          dealership_id: user.dealership_id,
          user_id: user.id,
          device_id: input.deviceId,
          collection: input.collection,
          doc_id: row.newDocumentState.id,
          reason: r.reason,
          message: r.message,
          document: row.newDocumentState,
          server_document: server,
        });
      }
      const base = server ?? (serverDoc ? { ...tombstoneOf(serverDoc), _deleted: true } : { ...row.newDocumentState, _deleted: true });
      conflicts.push({ ...base, [REJECTION_FIELD]: { ...r, rejection_id } });
    };

    for (const row of input.rows) {
      const id = row.newDocumentState.id;
      const server = current.get(id) ?? null;
      if (server && server.dealership_id !== user.dealership_id) {
        await refuse(row, null, { reason: 'forbidden', message: 'This document belongs to another dealership' });
        continue;
      }
      const parsed = schema.safeParse(row.newDocumentState);
      if (!parsed.success) {
        const msg = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
        await refuse(row, server, { reason: 'invalid_document', message: `The document is invalid: ${msg}` });
        continue;
      }
      const next = parsed.data as Doc;
      const deleted = row.newDocumentState._deleted === true;
      if (server) {
        const changed = changedFields(t, fieldNames, server, next);
        if (changed.length === 0 && deleted === (server._deleted === true)) continue; // already applied
        const assumed = row.assumedMasterState;
        if (!assumed || Number(assumed.version) !== Number(server.version)) {
          await refuse(row, server, await staleReason(tx, input.collection, assumed, server, next));
          continue;
        }
      } else if (deleted) {
        continue; // created and deleted offline: nothing to keep
      }
      const changed = server ? changedFields(t, fieldNames, server, next) : fieldNames;
      const verdict = checkWrite({ collection: input.collection, user, current: server, next, deleted, changed });
      const facts = verdict.ok ? await checkFacts(tx, input.collection, user.dealership_id, id, next, server) : verdict;
      if (!facts.ok) {
        await refuse(row, server, { reason: facts.reason, message: facts.message });
        continue;
      }
      const written = await writeDoc(tx, t, { id, user, next, deleted, insert: !server });
      if (!written.ok) {
        await refuse(row, server, { reason: 'invalid_document', message: written.message });
        continue;
      }
      current.set(id, written.doc);
      applied += 1;
      audits.push({
        dealership_id: user.dealership_id,
        user_id: user.id,
        action: server ? (deleted ? 'delete' : 'update') : 'create',
        entity: input.collection,
        entity_id: id,
        before: server,
        after: written.doc,
        request_id: input.requestId ?? null,
      });
    }
    if (rejections.length) await tx.orm.insert(syncRejections).values(rejections);
    if (audits.length) await tx.orm.insert(auditLog).values(audits);
    return { conflicts, applied };
  });
}

/** Whether the caller's pull scope includes this row (see scope.ts). */
async function visibleTo(tx: Sql, collection: PushableCollection, user: AuthUser, id: string): Promise<boolean> {
  const predicate = scopePredicate(collection, user);
  if (predicate === 'true') return true;
  const t = TABLES[collection];
  const rows = await tx.rows<{ ok: boolean }>(sql`SELECT (${bindUser(predicate, user.id)}) AS ok FROM ${sql.raw(t.sqlName)} t WHERE t.id = ${id}::uuid`);
  return rows[0]?.ok === true;
}

/** The sync fields of a document, without any business field. */
function tombstoneOf(doc: Doc): Doc {
  const { id, dealership_id, seq, version, created_at, updated_at } = doc;
  return { id, dealership_id, seq, version, created_at, updated_at };
}

async function loadCurrent(tx: Sql, table: string, docExpr: string, ids: string[]): Promise<Map<string, Doc>> {
  const rows = await tx.rows<{ doc: string }>(sql`
    SELECT ${sql.raw(docExpr)}::text AS doc FROM ${sql.raw(table)} t
    WHERE t.id = ANY(${`{${ids.join(',')}}`}::uuid[]) FOR UPDATE`);
  const map = new Map<string, Doc>();
  for (const r of rows) {
    const d = JSON.parse(r.doc) as Doc;
    map.set(String(d.id), d);
  }
  return map;
}

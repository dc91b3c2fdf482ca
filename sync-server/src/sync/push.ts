import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { FIELD_SCHEMAS, REJECTION_FIELD, type PushableCollection, type Rejection } from '@lotbook/shared';
import type { AuthUser } from '../context.ts';
import type { Database, Sql } from '../db/client.ts';
import { auditLog, syncRejections } from '../db/schema.ts';
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
import { writeDoc } from './write.ts';

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

/**
 * Applies a push batch in one transaction under the dealership lock (invariant 1). Per document,
 * in this order (SECURITY.md, "The push path"):
 * 1. the id is a UUID and the document holds nothing the database cannot store;
 * 2. the row, if it exists, is in the caller's dealership and scope, else a bare tombstone;
 * 3. the fields validate, hidden fields are the server's, referenced ids are usable;
 * 4. only then idempotency (invariant 3), staleness (invariant 4), rules and facts (invariant 5).
 * Every refusal is kept in `sync_rejections` (invariant 6); one document never fails the batch.
 */
export async function pushChanges(db: Database, input: PushInput): Promise<PushOutcome> {
  const { user, collection } = input;
  const t = TABLES[collection];
  const schema = FIELD_SCHEMAS[collection];
  const fieldNames = Object.keys(schema.shape);
  return db.tx(async (tx) => {
    await tx.rows(sql`SELECT lotbook_lock_dealership(${user.dealership_id}::uuid)`);
    // Who writes, for triggers that must tell a user's own change from someone else's (0006).
    await tx.rows(sql`SELECT set_config('lotbook.actor_id', ${user.id}, true)`);
    const ids = input.rows.map((r) => r.newDocumentState.id).filter(isUuid);
    const current = await loadCurrent(tx, collection, user, ids);
    const conflicts: Doc[] = [];
    const rejections: (typeof syncRejections.$inferInsert)[] = [];
    const audits: (typeof auditLog.$inferInsert)[] = [];
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

    for (const row of input.rows) {
      const id = row.newDocumentState.id;
      if (!isUuid(id)) {
        refuse(row, null, { reason: 'invalid_document', message: 'The document id must be a UUID' });
        continue;
      }
      const entry = current.get(id) ?? null;
      if (entry && !entry.visible) {
        // A pooled lead a colleague claimed first: say so (they both saw it in the pool).
        const claimed = collection === 'leads' ? await lostClaim(tx, user, row, entry.doc) : null;
        refuse(row, null, claimed ?? NOT_YOURS);
        continue;
      }
      const server = entry?.doc ?? null;
      const bad = unstorable(row.newDocumentState) ?? unstorable(row.assumedMasterState);
      if (bad) {
        refuse(row, entry, { reason: 'invalid_document', message: `The document cannot be stored: ${bad}` });
        continue;
      }
      const parsed = schema.safeParse(row.newDocumentState);
      if (!parsed.success) {
        const msg = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
        refuse(row, entry, { reason: 'invalid_document', message: `The document is invalid: ${msg}` });
        continue;
      }
      let next = restoreHidden(collection, parsed.data as Doc, server, user.role);
      const deleted = row.newDocumentState._deleted === true;
      const refs = await checkReferences(tx, collection, user, next, server);
      if (!refs.ok) {
        refuse(row, entry, { reason: refs.reason, message: refs.message });
        continue;
      }
      let touch = false;
      if (server) {
        if (changedFields(t, fieldNames, server, next).length === 0 && deleted === (server._deleted === true)) continue; // already applied
        const assumed = row.assumedMasterState;
        if (!assumed || Number(assumed.version) !== Number(server.version)) {
          refuse(row, entry, await staleReason(tx, collection, assumed, server, next));
          continue;
        }
        const sale = collection === 'vehicles' ? deferRepSale(user, server, next) : null;
        if (sale && !sale.ok) {
          refuse(row, entry, { reason: sale.reason, message: sale.message });
          continue;
        }
        if (sale?.deferred) {
          next = sale.next;
          touch = true;
        }
      } else if (deleted) {
        continue; // created and deleted offline: nothing to keep
      }
      const changed = server ? changedFields(t, fieldNames, server, next) : fieldNames;
      if (server && touch && changed.length === 0 && deleted === (server._deleted === true)) {
        // The sale will sell the car (or already did); a new seq makes the device pull the truth.
        await tx.rows(sql`UPDATE vehicles SET scope_seq = -1 WHERE id = ${id}::uuid AND dealership_id = ${user.dealership_id}::uuid`);
        applied += 1;
        continue;
      }
      const verdict = checkWrite({ collection, id, user, current: server, next, deleted, changed });
      const facts = verdict.ok ? await checkFacts(tx, collection, user.dealership_id, id, next, server) : verdict;
      if (!facts.ok) {
        refuse(row, entry, { reason: facts.reason, message: facts.message });
        continue;
      }
      const written = await writeDoc(tx, t, { id, user, next, deleted, insert: !server });
      if (!written.ok) {
        refuse(row, entry, { reason: 'invalid_document', message: written.message });
        continue;
      }
      // The caller's own write: the rules keep what they write in their scope (or it is a forward
      // reference of theirs), so a later row of the batch with the same id may see it.
      current.set(id, { doc: written.doc, visible: true });
      applied += 1;
      writtenIds.push({ id, created: !server, before: server });
      audits.push({
        dealership_id: user.dealership_id,
        user_id: user.id,
        action: server ? (deleted ? 'delete' : 'update') : 'create',
        entity: collection,
        entity_id: id,
        before: server,
        after: written.doc,
        request_id: input.requestId ?? null,
      });
    }
    if (rejections.length) await tx.orm.insert(syncRejections).values(rejections);
    if (audits.length) await tx.orm.insert(auditLog).values(audits);
    return { conflicts, applied, written: writtenIds };
  });
}

async function loadCurrent(tx: Sql, collection: PushableCollection, user: AuthUser, ids: string[]): Promise<Map<string, Current>> {
  const t = TABLES[collection];
  const scope = bindUser(scopePredicate(collection, user), user.id);
  const rows = await tx.rows<{ doc: string; visible: boolean }>(sql`
    SELECT ${sql.raw(t.docExpr)}::text AS doc, (t.dealership_id = ${user.dealership_id}::uuid AND (${scope})) AS visible
    FROM ${sql.raw(t.sqlName)} t
    WHERE t.id = ANY(${`{${ids.join(',')}}`}::uuid[]) FOR UPDATE OF t`);
  const map = new Map<string, Current>();
  for (const r of rows) {
    const d = JSON.parse(r.doc) as Doc;
    map.set(String(d.id), { doc: d, visible: r.visible === true });
  }
  return map;
}

import { sql } from 'drizzle-orm';
import { PULL_LIMIT_MAX, type CollectionName } from '@lotbook/shared';
import type { AuthUser } from '../context.ts';
import type { Sql } from '../db/client.ts';
import { scopePredicate } from './scope.ts';
import { bindUser } from './sql-params.ts';
import { TABLES } from './tables.ts';

export interface PullInput {
  collection: CollectionName;
  user: AuthUser;
  seq: number;
  limit: number;
}

export interface PullResult {
  /** The response body as JSON text: documents are built by Postgres, not re-serialized here. */
  body: string;
  count: number;
  checkpoint: number;
  /** Each document's JSON text and its seq, in seq order (pull-cache.ts answers later pulls from them). */
  docs: string[];
  seqs: number[];
  /** Per document: null when in the caller's scope; for a scope tombstone, the seq its scope changed at. */
  tombs: (number | null)[];
}

/** The response body of a page. */
export function pullBody(docs: string[], checkpoint: number, total = ''): string {
  return `{"documents":[${docs.join(',')}],"checkpoint":{"seq":${checkpoint}}${total}}`;
}

/**
 * Rows of the caller's dealership with `seq > checkpoint`, in seq order (invariant 1: writes are
 * serialized per dealership by the stamp trigger, so a later commit never has a lower seq).
 * Rows outside the caller's scope are returned as tombstones only when their scope changed after
 * the checkpoint, and never to a fresh device (checkpoint 0: it had nothing to drop); otherwise
 * they are skipped. Tombstones are bare: `{id, _deleted}`. Fields the caller's role may not see
 * (security/visibility.ts) are null.
 */
export async function pullChanges(db: Sql, input: PullInput): Promise<PullResult> {
  const t = TABLES[input.collection];
  const limit = Math.min(Math.max(1, input.limit), PULL_LIMIT_MAX);
  const scope = bindUser(scopePredicate(input.collection, input.user), input.user.id);
  const rows = await db.rows<{ doc: string | null; id: string; seq: number; in_scope: boolean; scope_seq: number }>(sql`
    SELECT CASE WHEN x.in_scope THEN ${sql.raw(t.pullExprFor(input.user.role))}::text END AS doc,
           t.id::text AS id, t.seq::float8 AS seq, x.in_scope, coalesce(t.scope_seq, 0)::float8 AS scope_seq
    FROM ${sql.raw(t.sqlName)} t
    -- The scope predicate may hold subqueries: evaluate it once per row.
    CROSS JOIN LATERAL (SELECT (${scope}) AS in_scope) x
    WHERE t.dealership_id = ${input.user.dealership_id}::uuid
      AND t.seq > ${input.seq}
      AND (x.in_scope OR (${input.seq} > 0 AND t.scope_seq > ${input.seq}))
    ORDER BY t.seq
    LIMIT ${limit}`);
  const docs: string[] = [];
  const seqs: number[] = [];
  const tombs: (number | null)[] = [];
  let checkpoint = input.seq;
  for (const r of rows) {
    checkpoint = r.seq;
    seqs.push(r.seq);
    tombs.push(r.in_scope && r.doc ? null : r.scope_seq);
    // Out of scope: a bare tombstone. Its version, seq or timestamps would describe a row the
    // caller may no longer see (SECURITY.md); the device completes it from its own copy.
    docs.push(r.in_scope && r.doc ? r.doc : JSON.stringify({ id: r.id, _deleted: true }));
  }
  let total = '';
  if (input.seq === 0) {
    const n = await db.rows<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM ${sql.raw(t.sqlName)} t
      WHERE t.dealership_id = ${input.user.dealership_id}::uuid AND NOT t.deleted AND (${scope})`);
    total = `,"total":${n[0]?.n ?? 0}`;
  }
  return { body: pullBody(docs, checkpoint, total), count: docs.length, checkpoint, docs, seqs, tombs };
}

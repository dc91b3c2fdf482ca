import { and, eq, sql } from 'drizzle-orm';
import type { AuthUser } from '../context.ts';
import type { Sql } from '../db/client.ts';
import type { Doc } from './rules.ts';
import type { CollectionTable } from './tables.ts';

export type WriteResult = { ok: true; doc: Doc } | { ok: false; moved?: false; message: string } | { ok: false; moved: true };

export interface RowWrite {
  id: string;
  user: AuthUser;
  next: Doc;
  deleted: boolean;
  insert: boolean;
  /** The server's document before this write, for the audit log. */
  before: Doc | null;
  requestId: string | null;
  /**
   * Decided without the dealership lock: the statement takes it first (a one-time filter, before
   * any row lock) and writes only if the row is still as decided: at `version` for an update, absent
   * for an insert (the stamp trigger takes the lock there). Otherwise nothing is written: `moved`.
   */
  guard?: { version: number | null } | null;
}

/** A write the database refused on the fast path: the row is done again the careful way. */
export class RetryCarefully extends Error {
  constructor(cause: unknown) {
    super('a write was refused by the database; redo the push row by row', { cause });
  }
}

/**
 * Inserts or updates one document and appends its audit entry in ONE statement (a data-modifying
 * CTE), returning the stored wire document. Server-owned fields are not written: the stamp
 * trigger sets them.
 *
 * `careful` wraps it in a savepoint of the caller's transaction, so that a database-level refusal
 * (a check or uniqueness constraint we did not foresee) rejects this write only. On the fast path
 * (`guard`, run as a transaction of its own) a refusal is thrown as RetryCarefully.
 */
export async function writeDoc(tx: Sql, t: CollectionTable, w: RowWrite, careful: boolean): Promise<WriteResult> {
  const statement = (on: Sql) => {
    const values: Record<string, unknown> = { deleted: w.deleted };
    for (const [k, v] of Object.entries(w.next)) values[k] = t.timestamps.has(k) && typeof v === 'string' ? new Date(v) : v;
    const table = t.table as never as { id: never; dealership_id: never };
    const returning = { doc: sql<unknown>`${sql.raw(t.returningExpr)}`.as('doc') };
    const extra = w.insert && t.name === 'customers' ? { created_by: w.user.id } : {};
    // Who writes, for triggers that tell a user's own change from someone else's (0006): set by
    // the careful path's lock statement, here inside this statement, evaluated before its triggers
    // (in the one-time filter of an update, in the values of an insert).
    const actor = sql`set_config('lotbook.actor_id', ${w.user.id}, true)`;
    if (w.guard && w.insert) values.deleted = sql`(SELECT ${w.deleted}::boolean FROM (SELECT ${actor}) a)`;
    const insert = on.orm.insert(t.table).values({ ...values, ...extra, id: w.id, dealership_id: w.user.dealership_id } as never);
    const where = and(eq(table.id, w.id as never), eq(table.dealership_id, w.user.dealership_id as never));
    const guarded = w.guard
      ? and(
          sql`(SELECT true FROM (SELECT lotbook_lock_dealership(${w.user.dealership_id}::uuid), ${actor}) l)`,
          where,
          sql`version = ${w.guard.version}`,
        )
      : where;
    const write = w.insert
      ? (w.guard ? insert.onConflictDoNothing({ target: table.id }) : insert).returning(returning)
      : on.orm.update(t.table).set(values as never).where(guarded).returning(returning);
    const action = w.insert ? 'create' : w.deleted ? 'delete' : 'update';
    return sql`
      WITH w AS (${write.getSQL()}),
      a AS (
        INSERT INTO audit_log (dealership_id, user_id, action, entity, entity_id, before, after, request_id)
        SELECT ${w.user.dealership_id}::uuid, ${w.user.id}::uuid, ${action}, ${t.name}, ${w.id}, ${w.before ? JSON.stringify(w.before) : null}::jsonb, w.doc, ${w.requestId}
        FROM w)
      SELECT w.doc::text AS doc FROM w`;
  };
  const run = async (on: Sql): Promise<WriteResult> => {
    const [row] = await on.rows<{ doc: string }>(statement(on));
    if (!row && w.guard) return { ok: false, moved: true };
    if (!row) throw new Error('written row vanished');
    return { ok: true, doc: JSON.parse(row.doc) as Doc };
  };
  if (!careful) {
    try {
      return await run(tx);
    } catch (err) {
      throw new RetryCarefully(err);
    }
  }
  try {
    return await tx.orm.transaction((sp) => run({ orm: sp as never, rows: async (q) => ((await sp.execute(q)) as unknown as { rows: never[] }).rows }));
  } catch (err) {
    const code = (err as { code?: string; cause?: { code?: string } }).code ?? (err as { cause?: { code?: string } }).cause?.code;
    const message = code === '23505' ? 'A document with the same unique value already exists' : 'The database refused this document';
    return { ok: false, message };
  }
}

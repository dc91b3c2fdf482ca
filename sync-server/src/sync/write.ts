import { and, eq, sql } from 'drizzle-orm';
import type { AuthUser } from '../context.ts';
import type { Sql } from '../db/client.ts';
import type { Doc } from './rules.ts';
import type { CollectionTable } from './tables.ts';

export type WriteResult = { ok: true; doc: Doc } | { ok: false; message: string };

/**
 * Inserts or updates one document inside a savepoint, so that a database-level refusal (a check
 * or uniqueness constraint we did not foresee) rejects this write only, never the whole batch.
 * Server-owned fields are not written: the stamp trigger sets them.
 */
export async function writeDoc(tx: Sql, t: CollectionTable, w: { id: string; user: AuthUser; next: Doc; deleted: boolean; insert: boolean }): Promise<WriteResult> {
  const values: Record<string, unknown> = { deleted: w.deleted };
  for (const [k, v] of Object.entries(w.next)) values[k] = t.timestamps.has(k) && typeof v === 'string' ? new Date(v) : v;
  const table = t.table as never as { id: never; dealership_id: never };
  try {
    return await tx.orm.transaction(async (sp) => {
      if (w.insert) {
        const extra = t.name === 'customers' ? { created_by: w.user.id } : {};
        await sp.insert(t.table).values({ ...values, ...extra, id: w.id, dealership_id: w.user.dealership_id } as never);
      } else {
        await sp
          .update(t.table)
          .set(values as never)
          .where(and(eq(table.id, w.id as never), eq(table.dealership_id, w.user.dealership_id as never)));
      }
      const rows = (await sp.execute(sql`SELECT ${sql.raw(t.docExpr)}::text AS doc FROM ${sql.raw(t.sqlName)} t WHERE t.id = ${w.id}::uuid`)) as unknown as {
        rows: { doc: string }[];
      };
      const doc = rows.rows[0]?.doc;
      if (!doc) throw new Error('written row vanished');
      return { ok: true as const, doc: JSON.parse(doc) as Doc };
    });
  } catch (err) {
    const code = (err as { code?: string; cause?: { code?: string } }).code ?? (err as { cause?: { code?: string } }).cause?.code;
    const message = code === '23505' ? 'A document with the same unique value already exists' : 'The database refused this document';
    return { ok: false, message };
  }
}

import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { AuthUser } from '../context.ts';
import type { Sql } from '../db/client.ts';
import { importRuns } from '../db/schema.ts';

export interface ImportRun {
  id: string;
  kind: string;
  file_name: string | null;
  file_hash: string;
  user_id: string;
  created_at: string;
  counts: Record<string, number>;
  /** When the same file was imported before: that earlier import. */
  same_file_imported_at: string | null;
}

/** Records one import (who, when, file name and hash, counts, report) inside its transaction. */
export async function recordRun(
  tx: Sql,
  user: AuthUser,
  r: { kind: string; fileName: string | null; fileHash: string; counts: Record<string, number>; report: unknown[] },
): Promise<ImportRun> {
  const [before] = await tx.orm
    .select({ at: importRuns.created_at })
    .from(importRuns)
    .where(and(eq(importRuns.dealership_id, user.dealership_id), eq(importRuns.file_hash, r.fileHash)))
    .orderBy(desc(importRuns.created_at))
    .limit(1);
  const id = randomUUID();
  const [row] = await tx.orm
    .insert(importRuns)
    .values({ id, dealership_id: user.dealership_id, user_id: user.id, kind: r.kind, file_name: r.fileName, file_hash: r.fileHash, counts: r.counts, report: r.report })
    .returning();
  if (!row) throw new Error('import run not recorded');
  return {
    id,
    kind: row.kind,
    file_name: row.file_name,
    file_hash: row.file_hash,
    user_id: row.user_id,
    created_at: row.created_at.toISOString(),
    counts: r.counts,
    same_file_imported_at: before ? before.at.toISOString() : null,
  };
}

/** The dealership's imports, newest first, for managers. */
export async function listRuns(db: Sql, dealershipId: string, limit = 100) {
  const rows = await db.orm
    .select({
      id: importRuns.id,
      kind: importRuns.kind,
      file_name: importRuns.file_name,
      file_hash: importRuns.file_hash,
      user_id: importRuns.user_id,
      counts: importRuns.counts,
      created_at: importRuns.created_at,
    })
    .from(importRuns)
    .where(eq(importRuns.dealership_id, dealershipId))
    .orderBy(desc(importRuns.created_at))
    .limit(limit);
  return rows.map((r) => ({ ...r, created_at: r.created_at.toISOString() }));
}

import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import { auditLog } from '../db/schema.ts';
import type { Sql } from '../db/client.ts';

export interface AuditFilter {
  entity?: string;
  entity_id?: string;
  user_id?: string;
  action?: string;
  page: number;
  page_size: number;
}

export interface AuditRow {
  id: number;
  dealership_id: string | null;
  user_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
  created_at: string;
}

/**
 * One page of a dealership's audit trail, newest first. Only rows of `dealershipId` are ever
 * visible; rows without a dealership (e.g. failed logins of unknown emails) are never listed.
 */
export async function listAudit(sql: Sql, dealershipId: string, f: AuditFilter): Promise<{ count: number; results: AuditRow[] }> {
  const where: SQL[] = [eq(auditLog.dealership_id, dealershipId)];
  if (f.entity) where.push(eq(auditLog.entity, f.entity));
  if (f.entity_id) where.push(eq(auditLog.entity_id, f.entity_id));
  if (f.user_id) where.push(eq(auditLog.user_id, f.user_id));
  if (f.action) where.push(eq(auditLog.action, f.action));
  const cond = and(...where);
  const [total] = await sql.orm.select({ n: count() }).from(auditLog).where(cond);
  const rows = await sql.orm
    .select()
    .from(auditLog)
    .where(cond)
    .orderBy(desc(auditLog.id))
    .limit(f.page_size)
    .offset((f.page - 1) * f.page_size);
  return {
    count: Number(total?.n ?? 0),
    results: rows.map((r) => ({ ...r, created_at: r.created_at.toISOString() })),
  };
}

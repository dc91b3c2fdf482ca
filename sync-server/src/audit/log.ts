import { auditLog } from '../db/schema.ts';
import type { Sql } from '../db/client.ts';

export type AuditAction = 'create' | 'update' | 'delete' | 'login' | 'login_failed' | 'logout' | 'password_change' | (string & {});

export interface AuditEntry {
  dealershipId: string | null;
  userId: string | null;
  action: AuditAction;
  /** The table or concept the action was about, e.g. `vehicles` or `user`. */
  entity: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
  requestId?: string;
}

/** Keys whose values are secrets: they are dropped from before/after at any depth. */
const SECRET_KEYS = new Set([
  'password',
  'password_hash',
  'current_password',
  'new_password',
  'token',
  'token_hash',
  'access_token',
  'refresh_token',
]);
const MAX_DEPTH = 8;

/** A JSON-safe copy without secret keys; deeper than MAX_DEPTH is cut rather than risking a cycle. */
export function redact(value: unknown, depth = 0): unknown {
  if (value === undefined) return null;
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString();
  if (depth >= MAX_DEPTH) return '[truncated]';
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (SECRET_KEYS.has(k.toLowerCase()) || v === undefined) continue;
    out[k] = redact(v, depth + 1);
  }
  return out;
}

/**
 * Appends one row to `audit_log`. Run it on the same `Sql` (transaction) as the write it
 * describes, so the audit row commits or rolls back with it. Secrets are never stored: password
 * hashes, passwords and tokens are stripped from `before`/`after` at any depth.
 */
export async function recordAudit(sql: Sql, entry: AuditEntry): Promise<void> {
  await sql.orm.insert(auditLog).values({
    dealership_id: entry.dealershipId,
    user_id: entry.userId,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId,
    before: entry.before === undefined ? null : redact(entry.before),
    after: entry.after === undefined ? null : redact(entry.after),
    request_id: entry.requestId ?? null,
  });
}

import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { CollectionName } from '@lotbook/shared';
import type { AppContext, AuthUser } from '../context.ts';
import { syncRejections } from '../db/schema.ts';
import { storableCopy } from '../security/input.ts';

/** How much of an unparseable push body is kept: a prefix and a hash of the whole. */
export const MALFORMED_PREFIX_CHARS = 2_000;
/** Unparseable bodies stored per user per minute; beyond that they are counted, not stored. */
export const MALFORMED_PER_MINUTE = 10;

const recent = new Map<string, { minute: number; n: number; dropped: number }>();

function allow(userId: string): { ok: boolean; dropped: number } {
  const minute = Math.floor(Date.now() / 60_000);
  let e = recent.get(userId);
  if (!e || e.minute !== minute) {
    if (recent.size > 10_000) recent.clear();
    e = { minute, n: 0, dropped: e && e.minute === minute ? e.dropped : 0 };
    recent.set(userId, e);
  }
  e.n += 1;
  if (e.n > MALFORMED_PER_MINUTE) e.dropped += 1;
  return { ok: e.n <= MALFORMED_PER_MINUTE, dropped: e.dropped };
}

/**
 * Even a push we cannot parse is kept, so that nothing a device sent is silently lost; but only
 * its first characters and a SHA-256 of the whole (issue 8: five 5 MB bodies must not add 25 MB),
 * and at most MALFORMED_PER_MINUTE per user (the rest are counted in the log line).
 */
export async function logMalformedPush(ctx: AppContext, user: AuthUser, collection: CollectionName, deviceId: string | null, rawText: string, message: string): Promise<void> {
  const gate = allow(user.id);
  if (!gate.ok) {
    ctx.log.warn({ user: user.id, dropped: gate.dropped }, 'malformed push not stored: rate limit');
    return;
  }
  const document = {
    raw_prefix: storableCopy(rawText.slice(0, MALFORMED_PREFIX_CHARS)),
    bytes: Buffer.byteLength(rawText),
    sha256: createHash('sha256').update(rawText).digest('hex'),
    truncated: rawText.length > MALFORMED_PREFIX_CHARS,
  };
  await ctx.db.orm
    .insert(syncRejections)
    .values({ id: randomUUID(), dealership_id: user.dealership_id, user_id: user.id, device_id: deviceId, collection, doc_id: null, reason: 'invalid_document', message, document })
    .catch((err: unknown) => ctx.log.warn({ err }, 'could not log a malformed push'));
}

/** Largest page of GET /rejections, in rows and in bytes of stored documents. */
export const REJECTIONS_PAGE_MAX = 200;
export const REJECTIONS_PAGE_BYTES = 2_000_000;

/**
 * One page of rejected writes, newest first, for the caller (or the whole dealership for a
 * manager with `all`). Pages end at `limit` rows or when the documents pass REJECTIONS_PAGE_BYTES
 * (at least one row per page); `next` is the cursor for the following page.
 */
export async function listRejections(ctx: AppContext, user: AuthUser, opts: { all: boolean; limit: number; before: { at: string; id: string } | null }) {
  const rows = await ctx.db.rows<{ id: string; created_at: string; size: number }>(sql`
    SELECT id::text AS id, lotbook_iso(created_at) AS created_at,
           (octet_length(document::text) + coalesce(octet_length(server_document::text), 0))::int AS size
    FROM sync_rejections
    WHERE dealership_id = ${user.dealership_id}::uuid ${opts.all ? sql`` : sql`AND user_id = ${user.id}::uuid`}
      ${opts.before ? sql`AND (created_at, id) < (${opts.before.at}::timestamptz, ${opts.before.id}::uuid)` : sql``}
    ORDER BY created_at DESC, id DESC LIMIT ${opts.limit + 1}`);
  const picked: string[] = [];
  let bytes = 0;
  for (const r of rows.slice(0, opts.limit)) {
    if (picked.length > 0 && bytes + r.size > REJECTIONS_PAGE_BYTES) break;
    picked.push(r.id);
    bytes += r.size;
  }
  const more = picked.length < rows.length;
  const last = rows[picked.length - 1];
  const results = picked.length
    ? await ctx.db.rows(sql`
        SELECT id, user_id, device_id, collection, doc_id, reason, message, document, server_document, lotbook_iso(created_at) AS created_at
        FROM sync_rejections WHERE id = ANY(${`{${picked.join(',')}}`}::uuid[])
        ORDER BY created_at DESC, id DESC`)
    : [];
  return { results, next: more && last ? `${last.created_at}|${last.id}` : null };
}

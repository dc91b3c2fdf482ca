import { randomUUID } from 'node:crypto';
import type { CollectionName } from '@lotbook/shared';
import type { AppContext, AuthUser } from '../context.ts';
import { syncRejections } from '../db/schema.ts';

/** Even a push we cannot parse is kept, so that nothing a device sent is silently lost. */
export async function logMalformedPush(ctx: AppContext, user: AuthUser, collection: CollectionName, deviceId: string | null, body: unknown, message: string): Promise<void> {
  const document = typeof body === 'string' ? { raw: body.slice(0, 100_000) } : { raw: body };
  await ctx.db.orm
    .insert(syncRejections)
    .values({ id: randomUUID(), dealership_id: user.dealership_id, user_id: user.id, device_id: deviceId, collection, doc_id: null, reason: 'invalid_document', message, document })
    .catch((err: unknown) => ctx.log.warn({ err }, 'could not log a malformed push'));
}

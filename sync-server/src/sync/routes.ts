import { Hono, type Context } from 'hono';
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { decode } from 'hono/jwt';
import { z } from 'zod';
import {
  COLLECTIONS,
  PROTOCOL_VERSION,
  PULL_LIMIT_MAX,
  PUSH_BATCH_MAX,
  SCHEMA_VERSION_PARAM,
  isCollectionName,
  type CollectionName,
  type PushableCollection,
} from '@lotbook/shared';
import type { AppContext } from '../context.ts';
import { requireAuth, requireRole, MANAGER_ROLES } from '../auth/middleware.ts';
import { tokenIssuedAtMs } from '../auth/tokens.ts';
import { ApiError, errorBody, readQuery, zodDetails } from '../http/errors.ts';
import { afterPush } from '../routing/after-push.ts';
import { pullChanges } from './pull.ts';
import { pullCacheFor } from './pull-cache.ts';
import { pushChanges, type PushRowInput } from './push.ts';
import { listRejections, logMalformedPush, REJECTIONS_PAGE_MAX } from './rejections.ts';
import { deviceStats, touchDevice } from './stats.ts';
import { SseHub } from './stream.ts';
import { StreamRevocations } from './stream-revocation.ts';

const pullQuery = z.object({
  seq: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(PULL_LIMIT_MAX).default(500),
  /** The seq of the change event that made the device pull: such a pull may get a shared answer (pull-cache.ts). */
  hint: z.coerce.number().int().min(0).optional(),
  [SCHEMA_VERSION_PARAM]: z.coerce.number().optional(),
});

/** The envelope only: each document, its id included, is checked on its own in push.ts. */
const pushRow = z.object({
  assumedMasterState: z.looseObject({}).nullable().optional(),
  newDocumentState: z.looseObject({ id: z.unknown() }),
});

const rejectionsQuery = z.object({
  all: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(REJECTIONS_PAGE_MAX).default(50),
  before: z
    .string()
    .max(80)
    .regex(/^\d{4}-\d\d-\d\dT[\d:.]+Z\|[0-9a-f-]{36}$/i, 'must be the `next` value of the previous page')
    .optional(),
});

/** `/sync/v{PROTOCOL_VERSION}/...`: RxDB pull, push and the change stream. See shared/src/sync/protocol.ts. */
export function syncRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  const pullCache = pullCacheFor(ctx);

  // Invariant 8: an outdated client is told to update rather than corrupting data.
  app.use('/:version/*', async (c, next) => {
    if (c.req.param('version') !== `v${PROTOCOL_VERSION}`) {
      throw new ApiError(426, 'upgrade_required', `This server speaks sync protocol v${PROTOCOL_VERSION}; please update the app`, {
        protocol_version: PROTOCOL_VERSION,
      });
    }
    await next();
  });
  const v = `/v${PROTOCOL_VERSION}`;
  app.use(`${v}/*`, requireAuth(ctx));

  app.get(`${v}/rejections`, async (c) => {
    const user = c.get('user');
    const q = readQuery(c, rejectionsQuery);
    const all = (user.role === 'admin' || user.role === 'manager') && q.all === 'true';
    const [at, id] = q.before?.split('|') ?? [];
    return c.json(await listRejections(ctx, user, { all, limit: q.limit, before: at && id ? { at, id } : null }));
  });

  app.get(`${v}/devices`, requireRole(...MANAGER_ROLES), async (c) => c.json({ results: await deviceStats(ctx, c.get('user').dealership_id) }));

  app.get(`${v}/:collection/pull`, async (c) => {
    const collection = collectionParam(c.req.param('collection'));
    const q = readQuery(c, pullQuery);
    checkSchemaVersion(collection, q[SCHEMA_VERSION_PARAM]);
    const user = c.get('user');
    const input = { collection, user, seq: q.seq, limit: q.limit };
    const load = () => pullChanges(ctx.db.reads, input);
    // A first download (seq 0) carries its total and is never shared; a pull without a hint neither.
    const result =
      q.hint === undefined || q.seq === 0
        ? await load()
        : await pullCache.get(input, q.hint, SseHub.for(ctx).knownCommitted(user.dealership_id, collection), load);
    touchDevice(ctx, user, deviceId(c), { pull: { collection, seq: result.checkpoint }, userAgent: c.req.header('user-agent') });
    return c.body(result.body, 200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  });

  app.post(`${v}/:collection/push`, async (c) => {
    const collection = collectionParam(c.req.param('collection'));
    checkSchemaVersion(collection, c.req.query(SCHEMA_VERSION_PARAM));
    if (!COLLECTIONS[collection].pushable) throw new ApiError(405, 'read_only_collection', `${collection} is pull-only`);
    const user = c.get('user');
    if (user.role === 'viewer') throw new ApiError(403, 'forbidden', 'Viewers have read-only access');
    const rows = await readPushBody(c, collection);
    const outcome = await pushChanges(ctx.db, {
      collection: collection as PushableCollection,
      user,
      rows,
      deviceId: deviceId(c),
      requestId: c.get('requestId'),
    });
    await afterPush(ctx, user, collection, outcome);
    touchDevice(ctx, user, deviceId(c), { push: { docs: outcome.applied, conflicts: outcome.conflicts.length } });
    return c.json(outcome.conflicts);
  });

  async function readPushBody(c: Context, collection: CollectionName): Promise<PushRowInput[]> {
    const text = await c.req.text();
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      // Not JSON, or nested deeper than the parser goes: a 400, never a 500.
      await logMalformedPush(ctx, c.get('user'), collection, deviceId(c), text, 'The request body is not valid JSON');
      throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON');
    }
    if (Array.isArray(raw) && raw.length > PUSH_BATCH_MAX) {
      throw new ApiError(413, 'batch_too_large', `A push may carry at most ${PUSH_BATCH_MAX} documents`, { max: PUSH_BATCH_MAX, got: raw.length });
    }
    const parsed = z.array(pushRow).safeParse(raw);
    if (!parsed.success) {
      await logMalformedPush(ctx, c.get('user'), collection, deviceId(c), text, 'Malformed push rows');
      throw new ApiError(400, 'invalid_push', 'The push body must be an array of {assumedMasterState, newDocumentState}', zodDetails(parsed.error));
    }
    return parsed.data.map((r) => ({ assumedMasterState: r.assumedMasterState ?? null, newDocumentState: r.newDocumentState as PushRowInput['newDocumentState'] }));
  }

  return app;
}

/**
 * GET /sync/v1/stream. Registered ahead of every middleware in app.ts: it hands the bare Node
 * response to the SSE hub, and middleware that rewrites headers afterwards would break that.
 */
export function streamHandler(ctx: AppContext) {
  const auth = requireAuth(ctx);
  return async (c: Context<{ Bindings: HttpBindings }>) => {
    try {
      await auth(c, async () => undefined);
    } catch (err) {
      if (err instanceof ApiError) return c.json(errorBody(err.code, err.message), err.status);
      throw err;
    }
    const token = c.req.header('authorization')?.replace(/^Bearer\s+/i, '') ?? c.req.query('access_token') ?? '';
    const payload = decode(token).payload;
    const exp = Number(payload.exp ?? 0);
    const hub = SseHub.for(ctx);
    const since = await hub.currentSeq();
    // Checked and counted with no await in between, so concurrent connects cannot overshoot.
    if (!hub.hasRoomFor(c.get('user'))) {
      const max = hub.maxPerUser;
      return c.json(errorBody('too_many_streams', `At most ${max} change streams per user are open at once; close one and retry`, { max }), 429, { 'retry-after': '30' });
    }
    hub.add(c.get('user'), exp, c.env.outgoing, since, { deviceId: deviceId(c), carries: c.req.query('changes') === '1' });
    // A revocation (here or on another instance) closes it: see stream-revocation.ts.
    StreamRevocations.for(ctx).track(c.get('user'), tokenIssuedAtMs(payload), c.env.outgoing, typeof payload.sid === 'string' ? payload.sid : null);
    return RESPONSE_ALREADY_SENT;
  };
}

function collectionParam(name: string): CollectionName {
  if (!isCollectionName(name)) throw new ApiError(404, 'unknown_collection', `There is no collection named ${name.slice(0, 60)}`);
  return name;
}

function checkSchemaVersion(collection: CollectionName, raw: string | number | undefined): void {
  if (raw === undefined) return;
  const version = Number(raw);
  const meta = COLLECTIONS[collection];
  if (!Number.isInteger(version) || version < meta.minClientSchemaVersion) {
    throw new ApiError(426, 'upgrade_required', `The app's ${collection} schema is outdated; please update the app`, {
      schema_version: meta.schemaVersion,
    });
  }
  if (version > meta.schemaVersion) {
    throw new ApiError(400, 'unsupported_schema_version', `This server knows ${collection} schema v${meta.schemaVersion} only`);
  }
}

/** `x-device-id`, or `?device_id=` on the change stream (EventSource cannot send headers). */
function deviceId(c: Context): string | null {
  const id = c.req.header('x-device-id') ?? c.req.query('device_id');
  return id && /^[\w.:-]{1,100}$/.test(id) ? id : null;
}

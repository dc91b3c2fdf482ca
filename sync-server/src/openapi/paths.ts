import { BODY_TYPES, COLLECTION_NAMES, FUEL_TYPES, PULL_LIMIT_MAX, PUSH_BATCH_MAX, SCHEMA_VERSION_PARAM, VEHICLE_STATUSES } from '@lotbook/shared';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, ORDERING_FIELDS } from '../inventory/query.ts';
import type { JsonSchema } from './schemas.ts';
import { analyticsPaths } from '../analytics/openapi.ts';
import { chatPaths } from '../chat/openapi.ts';
import { teamPaths } from '../team/openapi.ts';
import { importPaths } from '../imports/openapi.ts';
import { notificationPaths } from '../notifications/openapi.ts';
import { routingPaths } from '../routing/openapi.ts';

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
const error = (description: string) => ({ description, content: json(ref('Error')) });
const ok = (description: string, schema: JsonSchema) => ({ description, content: json(schema) });
const PUBLIC: JsonSchema[] = [];
const AUTH_ERRORS = {
  '401': error('Missing, invalid or expired access token (`token_expired` means: refresh; `session_revoked` means: the account was deactivated or its password changed, log in again).'),
};

const query = (name: string, description: string, schema: JsonSchema, example?: unknown) => ({
  name, in: 'query', required: false, description, schema, ...(example === undefined ? {} : { example }),
});
const csvOf = (values: readonly string[]) => ({ type: 'string', description: `Comma-separated: ${values.join(', ')}`, example: values[0] });

const vehicleParams = [
  query('make', 'Make, case-insensitive exact match; comma-separated for several.', { type: 'string' }, 'Toyota'),
  query('model', 'Model, case-insensitive exact match.', { type: 'string' }, 'Corolla'),
  query('year_min', 'Lowest model year.', { type: 'integer', minimum: 1900 }),
  query('year_max', 'Highest model year (must be ≥ year_min).', { type: 'integer', minimum: 1900 }),
  query('price_min', 'Lowest list price in the dealership currency.', { type: 'number', minimum: 0 }),
  query('price_max', 'Highest list price (must be ≥ price_min).', { type: 'number', minimum: 0 }, 35000),
  query('status', `One status or several, comma-separated (${VEHICLE_STATUSES.join(', ')}).`, csvOf(VEHICLE_STATUSES), 'available'),
  query('body_type', `One body type or several, comma-separated (${BODY_TYPES.join(', ')}).`, csvOf(BODY_TYPES)),
  query('fuel_type', `One fuel type or several, comma-separated (${FUEL_TYPES.join(', ')}).`, csvOf(FUEL_TYPES)),
  query('search', 'Full-text search over make, model, trim, color, body type, fuel and description; accent- and case-insensitive, every word must match (as a prefix).', { type: 'string', maxLength: 200 }, 'cámara trasera'),
  query('ordering', `Comma-separated fields, \`-\` for descending: ${ORDERING_FIELDS.join(', ')}. Default: -acquired_at (newest arrivals first). days_in_stock sorts by arrival time. Ties are broken by id.`, { type: 'string' }, 'price,-year'),
  query('page', 'Page number, from 1.', { type: 'integer', minimum: 1, default: 1 }),
  query('page_size', 'Results per page.', { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE }),
];

const collectionParam = { name: 'collection', in: 'path', required: true, schema: { type: 'string', enum: [...COLLECTION_NAMES] } };

/** The `paths` object of the OpenAPI document. */
export function paths(): Record<string, unknown> {
  return {
    '/health/live': { get: { tags: ['health'], summary: 'Liveness', security: PUBLIC, responses: { '200': { description: 'The process is up.' } } } },
    '/health/ready': {
      get: { tags: ['health'], summary: 'Readiness', security: PUBLIC, responses: { '200': { description: 'The database is reachable and migrated.' }, '503': error('Not ready.') } },
    },
    '/health': { get: { tags: ['health'], summary: 'Overall status (ok or degraded); nothing per dealership. With a manager\'s or admin\'s token, also every scheduled job\'s status and whether email is on', security: PUBLIC, responses: { '200': { description: 'Status.' } } } },
    '/health/details': {
      get: {
        tags: ['health'], summary: 'Details for an admin: database, memory, and the sync counts of the admin\'s own dealership',
        responses: { '200': { description: 'Health details.' }, '403': error('Admins only.'), ...AUTH_ERRORS },
      },
    },
    '/api/openapi.json': { get: { tags: ['meta'], summary: 'This document', security: PUBLIC, responses: { '200': { description: 'OpenAPI 3.1 document.' } } } },

    '/api/v1/auth/login': {
      post: {
        tags: ['auth'], summary: 'Log in with email and password', security: PUBLIC,
        requestBody: { required: true, content: json(ref('LoginRequest')) },
        responses: { '200': ok('Tokens and the user.', ref('TokenResponse')), '400': error('Invalid body.'), '401': error('Wrong email or password.'), '429': error('Too many attempts; see Retry-After.') },
      },
    },
    '/api/v1/auth/refresh': {
      post: {
        tags: ['auth'], summary: 'Rotate a refresh token for a new token pair', security: PUBLIC,
        requestBody: { required: true, content: json(ref('RefreshRequest')) },
        responses: { '200': ok('A new token pair.', ref('TokenResponse')), '400': error('Invalid body.'), '401': error('Refresh token invalid, expired or reused.') },
      },
    },
    '/api/v1/auth/logout': {
      post: {
        tags: ['auth'], summary: 'Revoke the refresh token\'s session (or all of the user\'s sessions with `all: true`): their access tokens are refused from then on and their change streams close',
        requestBody: { required: false, content: json(ref('LogoutRequest')) },
        responses: { '204': { description: 'Logged out.' }, ...AUTH_ERRORS },
      },
    },
    '/api/v1/auth/me': {
      get: {
        tags: ['auth'], summary: 'The caller and their dealership',
        responses: { '200': ok('The account.', { type: 'object', properties: { user: ref('PublicUser'), dealership: ref('Dealership') } }), ...AUTH_ERRORS },
      },
    },
    '/api/v1/auth/change-password': {
      post: {
        tags: ['auth'], summary: 'Change the caller\'s password',
        requestBody: { required: true, content: json(ref('ChangePasswordRequest')) },
        description: 'Every other session of the user ends (refresh tokens revoked, access tokens refused within seconds); the answer is a fresh session for this device.',
        responses: { '200': ok('Changed; a fresh session for this device.', ref('TokenResponse')), '400': error('Invalid body or wrong current password.'), ...AUTH_ERRORS },
      },
    },

    '/api/v1/vehicles': {
      get: {
        tags: ['inventory'], summary: 'List vehicles with filters, search, ordering and pagination', operationId: 'listVehicles',
        description: 'Only the caller\'s dealership; soft-deleted vehicles never appear. A trailing slash (`/api/v1/vehicles/`) is accepted too.',
        parameters: vehicleParams,
        responses: { '200': ok('A page of vehicles.', ref('VehiclePage')), '400': error('A parameter is invalid (`validation_error`, details.issues name it).'), ...AUTH_ERRORS },
      },
    },
    '/api/v1/vehicles/{id}': {
      get: {
        tags: ['inventory'], summary: 'One vehicle', operationId: 'getVehicle',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: { '200': ok('The vehicle.', ref('Vehicle')), '400': error('The id is not a UUID.'), '404': error('No such vehicle in the caller\'s dealership.'), ...AUTH_ERRORS },
      },
    },

    '/sync/v1/{collection}/pull': {
      get: {
        tags: ['sync'], summary: 'Pull changes after a checkpoint (RxDB replication)',
        parameters: [
          collectionParam,
          query('seq', 'Checkpoint: the highest seq already seen.', { type: 'integer', minimum: 0, default: 0 }),
          query('limit', 'Maximum documents.', { type: 'integer', minimum: 1, maximum: PULL_LIMIT_MAX, default: 500 }),
          query('hint', 'The checkpoint seq of the change event that caused this pull. The answer then covers that change, and may be shared with other devices asking the same question.', { type: 'integer', minimum: 0 }),
          query(SCHEMA_VERSION_PARAM, 'The client\'s schema version for the collection.', { type: 'integer', minimum: 0 }),
        ],
        responses: { '200': ok('Documents in seq order and the new checkpoint.', ref('PullResponse')), '404': error('Unknown collection.'), '426': error('Protocol or schema too old: update the app.'), ...AUTH_ERRORS },
      },
    },
    '/sync/v1/{collection}/push': {
      post: {
        tags: ['sync'], summary: 'Push local writes; returns the server documents that conflicted',
        parameters: [collectionParam],
        requestBody: { required: true, content: json({ type: 'array', maxItems: PUSH_BATCH_MAX, items: ref('PushRow') }) },
        responses: {
          '200': ok('Conflicting server documents (empty: all applied). A rejected write carries `_rejection`.', { type: 'array', items: { allOf: [ref('SyncDocument'), { type: 'object', properties: { _rejection: ref('Rejection') } }] } }),
          '400': error('Malformed body.'), '403': error('Viewers are read-only.'), '405': error('Pull-only collection.'), '413': error('Too many documents.'), '426': error('Update the app.'), ...AUTH_ERRORS,
        },
      },
    },
    '/sync/v1/stream': {
      get: {
        tags: ['sync'], summary: 'Server-sent change hints',
        description: 'Events: `change` with `{collection, checkpoint}` (only for changes in the caller\'s scope), `resync` after reconnects, `ping`. A `change` may also carry `changes: {since, to, schema_version, documents, seqs, scope_seqs}`: the pull\'s answer from `since`, which a device whose checkpoint X is at least `since` applies (the documents with a seq above X, less the scope tombstones whose `scope_seqs` entry is at most X) and then moves its checkpoint to `to`, without pulling. EventSource may pass the token as `?access_token=`, and the device as `?device_id=` (its statistics).',
        responses: { '200': { description: 'An SSE stream.', content: { 'text/event-stream': { schema: { type: 'string' } } } }, '429': { description: '`too_many_streams`: the per-user limit of open streams is reached.' }, ...AUTH_ERRORS },
      },
    },
    '/sync/v1/rejections': {
      get: { tags: ['sync'], summary: 'The caller\'s rejected writes, newest first (managers: `?all=true`); `?limit=` (≤ 200) and `?before=<next>` page them', responses: { '200': { description: '`{results, next}`: at most `limit` rows and about 2 MB of documents per page; `next` is null on the last page.' }, ...AUTH_ERRORS } },
    },
    ...chatPaths(),
    ...teamPaths(),
    ...analyticsPaths(),
    ...importPaths(),
    ...notificationPaths(),
    ...routingPaths(),
  };
}

import { z } from 'zod';
import {
  activityDoc, customerDoc, dealership, leadDoc, movementDoc, notificationDoc, publicUser, saleDoc, teamMemberDoc, vehicleDoc,
  CONFLICT_REASONS,
} from '@lotbook/shared';
import { changePasswordBody, loginBody, logoutBody, refreshBody } from '../auth/schemas.ts';
import { chatSchemas } from '../chat/openapi.ts';
import { teamSchemas } from '../team/openapi.ts';

export type JsonSchema = Record<string, unknown>;

/** JSON Schema (2020-12, which OpenAPI 3.1 uses) from a shared zod schema, without `$schema`. */
function fromZod(schema: z.ZodType, io: 'input' | 'output' = 'output'): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

/** An object schema with more properties (zod's output schemas forbid additional properties, so allOf would not do). */
function extend(base: JsonSchema, properties: Record<string, JsonSchema>, required: string[], description: string): JsonSchema {
  return {
    ...base,
    description,
    properties: { ...(base.properties as Record<string, JsonSchema>), ...properties },
    required: [...((base.required as string[] | undefined) ?? []), ...required],
  };
}

/** A synced document on the wire also carries `_deleted`. */
const synced = (schema: z.ZodType, description: string): JsonSchema =>
  extend(fromZod(schema), { _deleted: { type: 'boolean', description: 'Tombstone flag.' } }, [], description);

const tokenPair = {
  type: 'object',
  required: ['access_token', 'refresh_token', 'user'],
  properties: {
    access_token: { type: 'string', description: 'Short-lived JWT for `Authorization: Bearer`.' },
    refresh_token: { type: 'string', description: 'Rotating refresh token; each use returns a new one.' },
    token_type: { type: 'string', const: 'Bearer' },
    expires_in: { type: 'integer', description: 'Access token lifetime in seconds.' },
    refresh_expires_in: { type: 'integer' },
    user: ref('PublicUser'),
    dealership: ref('Dealership'),
  },
};

/** components.schemas of the OpenAPI document. */
export function componentSchemas(): Record<string, JsonSchema> {
  return {
    Error: {
      type: 'object',
      required: ['error', 'message'],
      properties: {
        error: { type: 'string', description: 'Machine-readable code, e.g. validation_error, not_found, unauthorized.' },
        message: { type: 'string', description: 'Human-readable explanation.' },
        details: { type: 'object', additionalProperties: true, description: 'For validation errors: `issues: [{path, message, code}]`.' },
      },
    },
    Vehicle: extend(
      fromZod(vehicleDoc),
      {
        days_in_stock: { type: 'integer', minimum: 0, description: 'Whole UTC days since acquired_at.' },
        is_aged: { type: 'boolean', description: 'days_in_stock > 60.' },
      },
      ['days_in_stock', 'is_aged'],
      'A vehicle as the REST API returns it: the sync document (without `_deleted`) plus computed aging. `cost` is sent to admins and managers only; sales reps and viewers never receive it.',
    ),
    VehiclePage: {
      type: 'object',
      required: ['count', 'next', 'previous', 'results'],
      properties: {
        count: { type: 'integer', minimum: 0, example: 156 },
        next: { type: ['string', 'null'], format: 'uri', example: 'http://127.0.0.1:8787/api/v1/vehicles?page=2' },
        previous: { type: ['string', 'null'], format: 'uri' },
        results: { type: 'array', items: ref('Vehicle') },
      },
    },
    PublicUser: fromZod(publicUser),
    Dealership: fromZod(dealership),
    LoginRequest: fromZod(loginBody, 'input'),
    RefreshRequest: fromZod(refreshBody, 'input'),
    LogoutRequest: fromZod(logoutBody, 'input'),
    ChangePasswordRequest: fromZod(changePasswordBody, 'input'),
    TokenResponse: tokenPair,
    Customer: synced(customerDoc, 'customers collection'),
    Lead: synced(leadDoc, 'leads collection'),
    LeadActivity: synced(activityDoc, 'lead_activities collection (append-only)'),
    Sale: synced(saleDoc, 'sales collection'),
    InventoryMovement: synced(movementDoc, 'inventory_movements collection'),
    Notification: synced(notificationDoc, 'notifications collection'),
    TeamMember: synced(teamMemberDoc, 'team collection (pull-only)'),
    SyncDocument: {
      type: 'object',
      required: ['id', 'seq', 'version', '_deleted'],
      additionalProperties: true,
      description: 'Any collection\'s document: see Vehicle, Customer, Lead, LeadActivity, Sale, InventoryMovement, Notification, TeamMember.',
      properties: { id: { type: 'string', format: 'uuid' }, seq: { type: 'integer' }, version: { type: 'integer' }, _deleted: { type: 'boolean' } },
    },
    PullResponse: {
      type: 'object',
      required: ['documents', 'checkpoint'],
      properties: {
        documents: { type: 'array', items: ref('SyncDocument'), description: 'In seq order; documents that left the caller\'s scope come as `_deleted: true`.' },
        checkpoint: { type: 'object', required: ['seq'], properties: { seq: { type: 'integer' } } },
      },
    },
    PushRow: {
      type: 'object',
      required: ['newDocumentState'],
      properties: { assumedMasterState: { anyOf: [ref('SyncDocument'), { type: 'null' }] }, newDocumentState: ref('SyncDocument') },
    },
    Rejection: {
      type: 'object',
      required: ['reason', 'message'],
      description: 'Attached as `_rejection` to a conflicting server document in a push response.',
      properties: {
        reason: { type: 'string', enum: [...CONFLICT_REASONS] },
        message: { type: 'string' },
        rejection_id: { type: 'string' },
        details: { type: 'object', additionalProperties: true },
      },
    },
    ...chatSchemas(),
    ...teamSchemas(),
  };
}

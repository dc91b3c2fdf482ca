import { z } from 'zod';
import { notificationPreferences } from '@lotbook/shared';
import { subscriptionBody, unsubscribeBody } from './routes.ts';

/**
 * OpenAPI paths of issue 10 (merged by openapi/paths.ts): scheduled jobs, the job list on /health,
 * notification preferences and Web Push subscriptions. Bodies come from the zod schemas the routes use.
 */
type Json = Record<string, unknown>;
const err = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
const ok = (description: string, schema: Json = { type: 'object' }) => ({ description, content: { 'application/json': { schema } } });
const input = (schema: z.ZodType): Json => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Json;
  return rest;
};
const body = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema: input(schema) } } });
const AUTH = { '401': err('Missing, invalid or expired access token.') };
const BAD = { '400': err('`invalid_json` or `validation_error` (details name the field); nothing is stored.') };

const TASK: Json = {
  type: 'object',
  required: ['name', 'description', 'schedule', 'per_dealership_timezone', 'last_run', 'next_run', 'last_error', 'failure_count', 'run_count'],
  properties: {
    name: { type: 'string' },
    description: { type: 'string' },
    schedule: { type: 'string', description: 'croner pattern; in each dealership\'s time zone when per_dealership_timezone.' },
    per_dealership_timezone: { type: 'boolean' },
    last_run: { type: ['object', 'null'] },
    next_run: { type: ['string', 'null'], format: 'date-time' },
    last_error: { type: ['object', 'null'] },
    failure_count: { type: 'integer' },
    run_count: { type: 'integer' },
  },
};
const TASKS: Json = { type: 'object', required: ['enabled', 'tasks'], properties: { enabled: { type: 'boolean' }, tasks: { type: ['array', 'null'], items: TASK } } };

export function notificationPaths(): Record<string, Json> {
  return {
    '/health/tasks': {
      get: { tags: ['health'], summary: 'Every scheduled job: last run, next run, last error, failure count (managers and admins)', responses: { '200': ok('Jobs.', TASKS), '403': err('Managers and admins only.'), ...AUTH } },
    },
    '/api/v1/jobs': {
      get: { tags: ['jobs'], summary: 'Scheduled jobs and their status (managers and admins)', responses: { '200': ok('Jobs.', { type: 'object', properties: { enabled: { type: 'boolean' }, jobs: { type: 'array', items: TASK } } }), '403': err('Managers and admins only.'), ...AUTH } },
    },
    '/api/v1/jobs/{name}/run': {
      post: {
        tags: ['jobs'],
        summary: 'Run a job now, for the caller\'s dealership, through the same database lease as the schedule',
        parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z0-9-]+$' } }],
        responses: {
          '200': ok('The finished run.', { type: 'object', properties: { run: { type: 'object' } } }),
          '403': err('Managers and admins only.'),
          '404': err('`not_found`: no job with that name.'),
          '409': err('`job_running`: the job is running right now (on this or another instance).'),
          ...AUTH,
        },
      },
    },
    '/api/v1/notifications/preferences': {
      get: { tags: ['notifications'], summary: 'My notification channels per type and quiet hours', responses: { '200': ok('Preferences.', input(notificationPreferences)), ...AUTH } },
      put: { tags: ['notifications'], summary: 'Replace my notification preferences', requestBody: body(notificationPreferences), responses: { '200': ok('Stored.', input(notificationPreferences)), ...BAD, ...AUTH } },
    },
    '/api/v1/notifications/push/public-key': {
      get: { tags: ['notifications'], summary: 'The server\'s VAPID public key (applicationServerKey)', responses: { '200': ok('Key.', { type: 'object', properties: { public_key: { type: 'string' } } }), ...AUTH } },
    },
    '/api/v1/notifications/push/subscriptions': {
      post: { tags: ['notifications'], summary: 'Store this device\'s Web Push subscription for me', requestBody: body(subscriptionBody), responses: { '201': ok('Stored.', { type: 'object', properties: { id: { type: 'string', format: 'uuid' } } }), ...BAD, ...AUTH } },
      delete: { tags: ['notifications'], summary: 'Remove one of my push subscriptions', requestBody: body(unsubscribeBody), responses: { '204': { description: 'Removed.' }, '404': err('`not_found`: no such subscription of mine.'), ...BAD, ...AUTH } },
    },
  };
}

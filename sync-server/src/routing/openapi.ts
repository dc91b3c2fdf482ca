import { z } from 'zod';
import { routingSettingsBody } from './settings.ts';

/** OpenAPI paths of issue 14 (merged by openapi/paths.ts): lead routing and aged inventory. */
type Json = Record<string, unknown>;
const err = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
const AUTH = { '401': err('Missing, invalid or expired access token.'), '403': err('Managers and admins only.') };
const q = (name: string, description: string, schema: Json) => ({ name, in: 'query', required: false, description, schema });
const settings = (() => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(routingSettingsBody, { target: 'draft-2020-12', io: 'input' }) as Json;
  return rest;
})();
const json = (description: string, schema: Json = { type: 'object' }) => ({ description, content: { 'application/json': { schema } } });

export function routingPaths(): Record<string, unknown> {
  return {
    '/api/v1/routing/settings': {
      get: { tags: ['routing'], summary: 'Routing weights, hot-lead threshold and escalation delay (business minutes)', responses: { '200': json('The settings (defaults when never saved).', settings), ...AUTH } },
      put: {
        tags: ['routing'], summary: 'Save the routing settings (managers)',
        requestBody: { required: true, content: { 'application/json': { schema: settings } } },
        responses: { '200': json('The saved settings.', settings), '400': err('`validation_error`: details name the field.'), ...AUTH },
      },
    },
    '/api/v1/routing/summary': {
      get: {
        tags: ['routing'], summary: 'Leads per rep, speed to lead (median, p90 minutes) and escalations for leads created in [from, to)',
        parameters: [q('from', 'Date or instant; default 30 days before `to`.', { type: 'string' }), q('to', 'Date (inclusive day) or instant; default now. At most 366 days.', { type: 'string' })],
        responses: { '200': json('`{from, to, totals, reps}`.'), '400': err('Bad dates or range.'), ...AUTH },
      },
    },
    '/api/v1/routing/leads/{id}': {
      get: {
        tags: ['routing'], summary: 'Why a lead went where it went: every routing move with each candidate\'s factors and total',
        description: 'Managers see every lead; a salesperson their own and pooled leads.',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: { '200': json('`{lead_id, moves: [{kind, from_user, to_user, from_name, to_name, explanation, at}]}`.'), '400': err('Not a UUID.'), '404': err('No such lead the caller may see.'), '401': AUTH['401'] },
      },
    },
    '/api/v1/aging': {
      get: {
        tags: ['aging'], summary: 'Stock by days in stock: buckets, cars oldest first, and for cars over 60 days a price suggestion from the dealership\'s sales history (or a labelled fallback)',
        parameters: [q('min_days', 'Only cars with at least this many days in stock.', { type: 'integer', minimum: 0, default: 0 })],
        responses: { '200': json('`{as_of, aged_after_days, history_sales, buckets, aged, cars}`.'), '400': err('Bad query.'), ...AUTH },
      },
    },
  };
}

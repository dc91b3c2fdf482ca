import { z } from 'zod';
import { dealershipPatch } from '../dealership/settings.ts';
import { setPasswordBody, setupBody, tokenBody } from '../dealership/schemas.ts';
import { createMemberBody, deactivateBody, editMemberBody } from './schemas.ts';

/**
 * OpenAPI paths and schemas of issue 13 (merged into the document by openapi/paths.ts and
 * schemas.ts): first-run setup, one-time password links, the team, the dealership's settings,
 * My account and the audit log. Request bodies come from the zod schemas the routes validate with.
 */
type Json = Record<string, unknown>;
const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const err = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } });
const ok = (description: string, schema: Json = { type: 'object' }) => ({ description, content: { 'application/json': { schema } } });
const body = (name: string) => ({ required: true, content: { 'application/json': { schema: ref(name) } } });
const input = (schema: z.ZodType): Json => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Json;
  return rest;
};
const PUBLIC: unknown[] = [];
const AUTH = { '401': err('Missing, invalid or expired access token (`session_revoked`: log in again).') };
const BAD = { '400': err('`validation_error` (details name the field) or not a UUID.') };
const id = { name: 'id', in: 'path', required: true, description: 'A member of the caller\'s dealership.', schema: { type: 'string', format: 'uuid' } };
const LINK = { type: 'object', required: ['link'], properties: { link: { type: 'string', format: 'uri', description: 'One-time link (`…/set-password#token=…`); works once and expires.' } } };
const LINK_GONE = { '410': err('`link_invalid`: unknown, used or expired link.') };

export function teamSchemas(): Record<string, Json> {
  return {
    SetupRequest: input(setupBody),
    TokenRequest: input(tokenBody),
    SetPasswordRequest: input(setPasswordBody),
    CreateMemberRequest: input(createMemberBody),
    EditMemberRequest: input(editMemberBody),
    DeactivateRequest: input(deactivateBody),
    DealershipPatch: input(dealershipPatch),
    TeamMemberAdmin: {
      type: 'object',
      description: 'A team member as the team API shows it: the replicated public fields plus days off.',
      required: ['id', 'email', 'first_name', 'last_name', 'role', 'is_active', 'specializations', 'working_hours', 'days_off'],
      properties: {
        id: { type: 'string', format: 'uuid' },
        email: { type: 'string' },
        first_name: { type: 'string' },
        last_name: { type: 'string' },
        phone: { type: ['string', 'null'] },
        role: { type: 'string', enum: ['admin', 'manager', 'sales', 'viewer'] },
        is_active: { type: 'boolean' },
        specializations: { type: 'array', items: { type: 'string' } },
        working_hours: { type: 'object', description: 'ISO weekday ("1" = Monday) to [start, end) "HH:MM" intervals, dealership time zone.' },
        days_off: { type: 'array', items: { type: 'string', format: 'date' } },
        created_at: { type: 'string', format: 'date-time' },
        updated_at: { type: 'string', format: 'date-time' },
      },
    },
    DealershipSettings: {
      type: 'object',
      required: ['id', 'name', 'currency', 'locale', 'timezone', 'business_hours', 'holidays'],
      properties: {
        id: { type: 'string', format: 'uuid' },
        name: { type: 'string' },
        currency: { type: 'string', description: 'ISO 4217.' },
        locale: { type: 'string' },
        timezone: { type: 'string', description: 'IANA time zone.' },
        address: { type: ['string', 'null'] },
        phone: { type: ['string', 'null'] },
        business_hours: { type: 'object' },
        holidays: { type: 'array', items: { type: 'string', format: 'date' } },
        logo_url: { type: ['string', 'null'], description: 'The logo\'s address (`/api/v1/dealership-logos/{id}?v=…`), or null.' },
      },
    },
  };
}

export function teamPaths(): Record<string, unknown> {
  return {
    '/api/v1/setup/check': {
      post: { tags: ['setup'], summary: 'Is this first-run setup link still good?', security: PUBLIC, requestBody: body('TokenRequest'), responses: { '200': ok('Good.'), ...BAD, ...LINK_GONE, '409': err('`setup_done`: a dealership exists; setup is gone.') } },
    },
    '/api/v1/setup': {
      post: {
        tags: ['setup'], summary: 'First-run setup from the one-time link the server logs while no dealership exists', security: PUBLIC, requestBody: body('SetupRequest'),
        description: 'Creates the dealership and its first admin with a password. Works once; afterwards, or once any dealership exists, it answers 409/410. The CLI `pnpm lotbook setup` does the same from a shell.',
        responses: { '201': ok('Created.', { type: 'object', properties: { dealership_id: { type: 'string', format: 'uuid' }, user_id: { type: 'string', format: 'uuid' }, email: { type: 'string' } } }), ...BAD, ...LINK_GONE, '409': err('`setup_done`.') },
      },
    },
    '/api/v1/password-links/check': {
      post: { tags: ['team'], summary: 'Whose "set your password" link is this (first name and email)?', security: PUBLIC, requestBody: body('TokenRequest'), responses: { '200': ok('The person.'), ...BAD, ...LINK_GONE } },
    },
    '/api/v1/password-links/use': {
      post: { tags: ['team'], summary: 'Set the password from a one-time link; every earlier session of the account ends', security: PUBLIC, requestBody: body('SetPasswordRequest'), responses: { '200': ok('Set; log in with it.'), ...BAD, ...LINK_GONE } },
    },
    '/api/v1/team': {
      get: { tags: ['team'], summary: 'The caller\'s dealership\'s team (admins, managers; viewers read)', responses: { '200': ok('`{items}`.', { type: 'object', properties: { items: { type: 'array', items: ref('TeamMemberAdmin') } } }), ...AUTH, '403': err('Salespeople cannot see the team screen.') } },
      post: {
        tags: ['team'], summary: 'Add a person; answers a one-time "set your password" link to hand over', requestBody: body('CreateMemberRequest'),
        responses: { '201': ok('The member and the link.', { type: 'object', properties: { user: ref('TeamMemberAdmin'), link: LINK.properties.link } }), ...BAD, ...AUTH, '403': err('Admins and managers only; a manager cannot create admins.'), '409': err('`email_taken`.') },
      },
    },
    '/api/v1/team/{id}': {
      patch: { tags: ['team'], summary: 'Edit name, phone, role, specializations, working hours, days off', parameters: [id], requestBody: body('EditMemberRequest'), responses: { '200': ok('The member.', ref('TeamMemberAdmin')), ...BAD, ...AUTH, '403': err('A manager cannot touch admins.'), '404': err('Not in the caller\'s dealership.') } },
    },
    '/api/v1/team/{id}/deactivate': {
      post: {
        tags: ['team'], summary: 'Deactivate: their sessions and change streams end within seconds, their open leads go to a colleague or back to routing', parameters: [id], requestBody: body('DeactivateRequest'),
        responses: { '200': ok('The member and how many leads moved.', { type: 'object', properties: { user: ref('TeamMemberAdmin'), leads_moved: { type: 'integer' } } }), ...BAD, ...AUTH, '403': err('A manager cannot touch admins.'), '404': err('Not in the caller\'s dealership.') },
      },
    },
    '/api/v1/team/{id}/reactivate': {
      post: { tags: ['team'], summary: 'Reactivate', parameters: [id], responses: { '200': ok('The member.', ref('TeamMemberAdmin')), ...BAD, ...AUTH, '403': err('A manager cannot touch admins.'), '404': err('Not in the caller\'s dealership.') } },
    },
    '/api/v1/team/{id}/reset-password': {
      post: { tags: ['team'], summary: 'Reset a password: a new one-time link; the old password and every session end', parameters: [id], responses: { '200': ok('The link.', LINK), ...BAD, ...AUTH, '403': err('A manager cannot touch admins.'), '404': err('Not in the caller\'s dealership.'), '409': err('`inactive_user`: reactivate first.') } },
    },
    '/api/v1/dealership': {
      get: { tags: ['dealership'], summary: 'The caller\'s dealership and its settings', responses: { '200': ok('The settings.', ref('DealershipSettings')), ...AUTH } },
      patch: { tags: ['dealership'], summary: 'Change name, address, phone, currency, locale, time zone, business hours, holidays (admins)', requestBody: body('DealershipPatch'), responses: { '200': ok('The settings.', ref('DealershipSettings')), ...BAD, ...AUTH, '403': err('Admins only.') } },
    },
    '/api/v1/dealership/logo': {
      put: {
        tags: ['dealership'], summary: 'Upload (replace) the dealership\'s logo (admins): a PNG, JPEG or WebP of at most 256 KB; SVG is refused',
        requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } } } },
        responses: {
          '200': ok('Stored.', { type: 'object', required: ['logo_url', 'content_type', 'size'], properties: { logo_url: { type: 'string' }, content_type: { type: 'string', enum: ['image/png', 'image/jpeg', 'image/webp'] }, size: { type: 'integer' } } }),
          '400': err('`empty_upload` or `invalid_upload`.'), ...AUTH, '403': err('Admins only.'), '413': err('`logo_too_large`: over 256 KB.'),
          '415': err('`svg_not_allowed`, `unsupported_image` (not PNG, JPEG or WebP, read from the bytes) or `unsupported_media_type` (not multipart).'),
        },
      },
      delete: { tags: ['dealership'], summary: 'Remove the logo (admins)', responses: { '204': { description: 'Removed.' }, ...AUTH, '403': err('Admins only.'), '404': err('There is no logo.') } },
    },
    '/api/v1/dealership-logos/{dealership_id}': {
      get: {
        tags: ['dealership'], summary: 'A dealership\'s logo image (no token: an <img> and the login screen show it). `logo_url` in the settings and the session gives the address, versioned with `?v=`',
        security: PUBLIC,
        parameters: [{ name: 'dealership_id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }, { name: 'v', in: 'query', required: false, schema: { type: 'string' } }],
        responses: { '200': { description: 'The image (`image/png`, `image/jpeg` or `image/webp`).' }, '304': { description: 'Not modified (ETag).' }, '404': err('No logo, or not a UUID.') },
      },
    },
    '/api/v1/account': {
      patch: { tags: ['account'], summary: 'My name and phone', requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { first_name: { type: 'string' }, last_name: { type: 'string' }, phone: { type: ['string', 'null'] } } } } } }, responses: { '200': ok('Saved.'), ...BAD, ...AUTH } },
    },
    '/api/v1/account/sessions': {
      get: { tags: ['account'], summary: 'My signed-in sessions (one per login on a device; `current` marks the caller\'s) and my syncing devices', responses: { '200': ok('`{sessions, devices}`.'), ...AUTH } },
    },
    '/api/v1/account/sessions/{family}/sign-out': {
      post: {
        tags: ['account'], summary: 'Sign out one of my sessions: its refresh tokens end, its access tokens are refused and its change stream closes within seconds',
        parameters: [{ name: 'family', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: { '204': { description: 'Signed out.' }, ...AUTH, '404': err('No such live session of mine.') },
      },
    },
    '/api/v1/audit': {
      get: {
        tags: ['audit'], summary: 'The dealership\'s audit log, newest first (admins and managers)',
        parameters: ['entity', 'entity_id', 'user_id', 'action'].map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } })).concat(
          [{ name: 'page', in: 'query', required: false, schema: { type: 'integer', minimum: 1 } as never }, { name: 'page_size', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 200 } as never }],
        ),
        responses: { '200': ok('`{count, next, previous, results}`: who (user, device), what, when.'), ...BAD, ...AUTH, '403': err('Admins and managers only.') },
      },
    },
  };
}

import { LEAD_SOURCES, LEAD_STATUSES, SALE_STATUSES } from '@lotbook/shared';
import { EXPORT_ENTITIES } from '../exports/entities.ts';
import { TABLE_ENTITIES } from './table/fields.ts';

/**
 * OpenAPI paths of issue 15 (merged into the document by openapi/paths.ts): ADF/XML lead import,
 * CSV/Excel import with preview and progress, the import log, and the streamed exports.
 */
type Json = Record<string, unknown>;
const err = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
const ok = (description: string, schema: Json = { type: 'object' }) => ({ description, content: { 'application/json': { schema } } });
const AUTH = { '401': err('Missing, invalid or expired access token.') };
const MANAGERS = { '403': err('`forbidden`: managers and admins only.') };
const q = (name: string, description: string, schema: Json) => ({ name, in: 'query', required: false, description, schema });

const entity = { name: 'entity', in: 'path', required: true, description: 'What the file holds.', schema: { type: 'string', enum: [...TABLE_ENTITIES] } };
const upload = {
  required: true,
  content: {
    'multipart/form-data': {
      schema: {
        type: 'object',
        required: ['file'],
        properties: {
          file: { type: 'string', format: 'binary', description: '.csv (UTF-8 with or without BOM, or Windows-1252; `,` or `;`) or .xlsx (first sheet). Streamed to disk, no row limit; at most IMPORT_BODY_LIMIT_BYTES.' },
          mapping: { type: 'string', description: 'JSON array, one entry per column: a field name or null (ignore). Default: the guesses from the headers.' },
          skip_invalid: { type: 'string', enum: ['true', 'false'], description: 'Import the valid rows even when some are invalid (default: refuse with 422).' },
          progress_id: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,64}$', description: 'A random id; GET /api/v1/imports/progress/{id} then reports the import\'s progress.' },
        },
      },
    },
  },
};
const rowError = { type: 'object', properties: { row: { type: 'integer' }, field: { type: 'string' }, message: { type: 'string' } } };
const run = { type: 'object', properties: { id: { type: 'string', format: 'uuid' }, kind: { type: 'string' }, file_name: { type: ['string', 'null'] }, file_hash: { type: 'string' }, user_id: { type: 'string', format: 'uuid' }, created_at: { type: 'string', format: 'date-time' }, counts: { type: 'object' }, same_file_imported_at: { type: ['string', 'null'], format: 'date-time' } } };
const UPLOAD_ERRORS = {
  '400': err('`invalid_upload` (no `file` field, unreadable multipart) or `validation_error` (bad `mapping`).'),
  '413': err('`payload_too_large`: the file is larger than IMPORT_BODY_LIMIT_BYTES.'),
  '415': err('`unsupported_media_type` (not multipart) or `unsupported_file` (not .csv/.xlsx, binary, unreadable workbook).'),
  '422': err('`empty_file` (no header row) or `invalid_csv`.'),
};

export function importPaths(): Record<string, Json> {
  return {
    '/api/v1/leads/import/adf': {
      post: {
        tags: ['imports'], summary: 'Import ADF/XML leads (managers and admins)',
        description: 'Body: the ADF XML, an .xml or .eml upload (multipart `file`), or a pasted email (plain or quoted-printable, XML inline or attached). One transaction; a re-sent prospect is reported as a duplicate. Imported leads are unassigned.',
        parameters: [q('file_name', 'The file name to record, for a raw body.', { type: 'string', maxLength: 200 })],
        requestBody: { required: true, content: { 'application/xml': { schema: { type: 'string' } }, 'message/rfc822': { schema: { type: 'string' } }, 'text/plain': { schema: { type: 'string' } }, 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } } } },
        responses: { '200': ok('The import run and a report per prospect (created, merged, duplicate or skipped, with the reason).'), '400': err('`empty_body`, `invalid_upload` or `invalid_adf`.'), '413': err('`payload_too_large`.'), '415': err('`unsupported_file`.'), ...MANAGERS, ...AUTH },
      },
    },
    '/api/v1/imports': {
      get: { tags: ['imports'], summary: 'The dealership\'s imports, newest first (who, when, file name and hash, counts)', responses: { '200': ok('`{imports}`.', { type: 'object', properties: { imports: { type: 'array', items: run } } }), ...MANAGERS, ...AUTH } },
    },
    '/api/v1/imports/{entity}/preview': {
      post: {
        tags: ['imports'], summary: 'Preview a CSV/Excel import: column guesses and a row-by-row validation report; nothing is written',
        parameters: [entity], requestBody: upload,
        responses: {
          '200': ok('Encoding, separator, headers, guesses, mapping, fields, total/valid/invalid, the first 500 row errors and five sample rows.', { type: 'object', properties: { total: { type: 'integer' }, valid: { type: 'integer' }, invalid: { type: 'integer' }, errors: { type: 'array', items: rowError } } }),
          '404': err('Unknown entity.'), ...UPLOAD_ERRORS, ...MANAGERS, ...AUTH,
        },
      },
    },
    '/api/v1/imports/{entity}': {
      post: {
        tags: ['imports'], summary: 'Import a CSV/Excel file in one transaction (all or nothing; a re-import changes nothing and says so)',
        description: 'Vehicles match by VIN, customers by email, phone or national id, leads by customer and date (or source and vehicle); matches are updated, the rest created. Leads are created unassigned.',
        parameters: [entity], requestBody: upload,
        responses: {
          '200': ok('The import run, `unchanged`, counts (total, created, updated, unchanged, invalid) and the row errors.', { type: 'object', properties: { import: run, unchanged: { type: 'boolean' }, counts: { type: 'object' }, errors: { type: 'array', items: rowError } } }),
          '404': err('Unknown entity.'), '409': err('`import_failed`: the database refused a row (details.row); nothing was imported.'),
          ...UPLOAD_ERRORS, '422': err('`invalid_rows` (some rows are invalid and `skip_invalid` is not set; details list them), `empty_file` or `invalid_csv`.'), ...MANAGERS, ...AUTH,
        },
      },
    },
    '/api/v1/imports/progress/{id}': {
      get: {
        tags: ['imports'], summary: 'Progress of the caller\'s import started with this `progress_id`',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': ok('`{phase, done, total}`: phase is checking, applying, done or failed.', { type: 'object', properties: { phase: { type: 'string', enum: ['receiving', 'checking', 'applying', 'done', 'failed'] }, done: { type: 'integer' }, total: { type: ['integer', 'null'] } } }), '404': err('No import of the caller with that id.'), ...MANAGERS, ...AUTH },
      },
    },
    '/api/v1/exports/{entity}': {
      get: {
        tags: ['exports'], summary: 'Streamed export as CSV (UTF-8 with BOM, `;`, decimal commas) or Excel (typed cells, currency format, frozen header)',
        description: 'Every role may export what it may see: a salesperson\'s export follows their sync scope, and `cost` is left out for reps and viewers. Inventory takes the filters of GET /api/v1/vehicles (make, model, year_min, year_max, price_min, price_max, status, body_type, fuel_type, search).',
        parameters: [
          { name: 'entity', in: 'path', required: true, schema: { type: 'string', enum: [...EXPORT_ENTITIES] } },
          q('format', 'csv (default) or xlsx.', { type: 'string', enum: ['csv', 'xlsx'], default: 'csv' }),
          q('status', `Leads (${LEAD_STATUSES.join(', ')}) or sales (${SALE_STATUSES.join(', ')}) statuses, comma-separated; for inventory, vehicle statuses.`, { type: 'string' }),
          q('source', `Leads: sources, comma-separated (${LEAD_SOURCES.join(', ')}).`, { type: 'string' }),
          q('assigned', 'Leads: me, none or all.', { type: 'string', enum: ['me', 'none', 'all'] }),
          q('search', 'Leads: every word in the customer\'s name (accents and case ignored); customers: name, email or phone; inventory: full-text search.', { type: 'string', maxLength: 200 }),
          q('salesperson', 'Sales: one salesperson\'s.', { type: 'string', format: 'uuid' }),
          q('from', 'From this day (yyyy-mm-dd), by creation or sale date.', { type: 'string', format: 'date' }),
          q('to', 'Up to this day, inclusive.', { type: 'string', format: 'date' }),
        ],
        responses: {
          '200': { description: 'The file, streamed.', content: { 'text/csv': { schema: { type: 'string' } }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } } },
          '400': err('`validation_error`: a filter is invalid.'), '404': err('Unknown export.'), ...AUTH,
        },
      },
    },
  };
}

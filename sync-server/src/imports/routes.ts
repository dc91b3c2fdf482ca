import { Hono, type Context } from 'hono';
import type { AppContext } from '../context.ts';
import { MANAGER_ROLES, requireAuth, requireRole } from '../auth/middleware.ts';
import { ApiError } from '../http/errors.ts';
import { importAdf } from './adf/apply.ts';
import { routeImported } from '../routing/after-push.ts';
import { extractAdfXml, parseAdf } from './adf/parse.ts';
import { listRuns } from './runs.ts';
import { commitTable, preview } from './table/apply.ts';
import { TABLE_ENTITIES, type TableEntity } from './table/fields.ts';
import { readSheet } from './table/read.ts';

/** A CSV/Excel upload: the multipart `file`, plus an optional `mapping` (JSON array of field names or null per column). */
async function readTableUpload(c: Context) {
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('multipart/form-data')) throw new ApiError(415, 'unsupported_media_type', 'Upload the file as multipart/form-data in a field named "file"');
  let form: Record<string, unknown>;
  try {
    form = await c.req.parseBody();
  } catch {
    throw new ApiError(400, 'invalid_upload', 'The multipart body could not be read');
  }
  const file = form.file;
  if (!(file instanceof File)) throw new ApiError(400, 'invalid_upload', 'Send the file in a multipart field named "file"');
  const name = file.name || null;
  if (name && !/\.(csv|txt|xlsx)$/i.test(name)) throw new ApiError(415, 'unsupported_file', 'Upload a .csv or .xlsx file');
  const bytes = new Uint8Array(await file.arrayBuffer());
  let mapping: (string | null)[] | null = null;
  if (typeof form.mapping === 'string' && form.mapping.trim() !== '') {
    try {
      const parsed: unknown = JSON.parse(form.mapping);
      if (!Array.isArray(parsed) || !parsed.every((m) => m === null || typeof m === 'string')) throw new Error('shape');
      mapping = parsed as (string | null)[];
    } catch {
      throw new ApiError(400, 'validation_error', 'mapping must be a JSON array with a field name or null per column');
    }
  }
  return { bytes, name, mapping, skipInvalid: form.skip_invalid === 'true' };
}

function tableEntity(c: Context): TableEntity {
  const e = c.req.param('entity');
  if (!(TABLE_ENTITIES as readonly string[]).includes(e ?? '')) throw new ApiError(404, 'not_found', `No import for "${(e ?? '').slice(0, 40)}"; use ${TABLE_ENTITIES.join(', ')}`);
  return e as TableEntity;
}

/** Reads an upload: a multipart `file` field, or the raw body (XML, pasted email, .eml). */
async function readUpload(c: Context): Promise<{ text: string; fileName: string | null }> {
  const type = c.req.header('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    let form: Record<string, unknown>;
    try {
      form = await c.req.parseBody();
    } catch {
      throw new ApiError(400, 'invalid_upload', 'The multipart body could not be read');
    }
    const file = form.file;
    if (!(file instanceof File)) throw new ApiError(400, 'invalid_upload', 'Send the file in a multipart field named "file"');
    return { text: await file.text(), fileName: file.name || null };
  }
  const text = await c.req.text();
  const name = c.req.query('file_name');
  return { text, fileName: name ? name.slice(0, 200) : null };
}

/** ADF/XML lead import, mounted at /api/v1/leads/import (managers and admins). */
export function adfRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.use('*', requireAuth(ctx), requireRole(...MANAGER_ROLES));
  app.post('/adf', async (c) => {
    const { text, fileName } = await readUpload(c);
    if (text.trim() === '') throw new ApiError(400, 'empty_body', 'Send the ADF XML, an .xml file or the email that carries it');
    if (text.includes('\u0000')) throw new ApiError(415, 'unsupported_file', 'The file is binary, not XML or an email');
    const xml = await extractAdfXml(text);
    const prospects = parseAdf(xml);
    const result = await importAdf(ctx.db, c.get('user'), { prospects, raw: xml, fileName });
    await routeImported(ctx, c.get('user'), result.prospects.filter((p) => p.status === 'created' && p.lead_id).map((p) => p.lead_id as string));
    return c.json(result, 200);
  });
  return app;
}

/** The import log, mounted at /api/v1/imports (managers and admins). */
export function importRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.use('*', requireAuth(ctx), requireRole(...MANAGER_ROLES));
  app.get('/', async (c) => c.json({ imports: await listRuns(ctx.db, c.get('user').dealership_id) }));
  // CSV/Excel: preview (header guesses, row-by-row validation) and confirm (one transaction).
  app.post('/:entity/preview', async (c) => {
    const entity = tableEntity(c);
    const up = await readTableUpload(c);
    const sheet = await readSheet(up.bytes, up.name);
    return c.json(preview(entity, sheet, up.mapping, 'es-ES'));
  });
  app.post('/:entity', async (c) => {
    const entity = tableEntity(c);
    const up = await readTableUpload(c);
    const sheet = await readSheet(up.bytes, up.name);
    const result = await commitTable(ctx.db, c.get('user'), entity, sheet, { mapping: up.mapping, skipInvalid: up.skipInvalid, fileName: up.name, bytes: up.bytes, locale: 'es-ES' });
    return c.json(result);
  });
  return app;
}

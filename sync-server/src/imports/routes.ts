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
import { openSheet } from './table/read.ts';
import { receiveUpload } from './table/upload.ts';
import { getProgress, setProgress, type ImportProgress } from './progress.ts';

/** The optional `mapping` field: a JSON array with a field name or null per column. */
function readMapping(raw: string | undefined): (string | null)[] | null {
  if (raw === undefined || raw.trim() === '') return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed) || parsed.length > 500 || !parsed.every((m) => m === null || (typeof m === 'string' && m.length <= 60))) throw new Error('shape');
    return parsed as (string | null)[];
  } catch {
    throw new ApiError(400, 'validation_error', 'mapping must be a JSON array with a field name or null per column');
  }
}

/** Streams the upload to a temporary file and opens it as a sheet; `dispose` removes the file. */
async function tableUpload(ctx: AppContext, c: Context) {
  const up = await receiveUpload(c, ctx.env.IMPORT_BODY_LIMIT_BYTES);
  try {
    if (up.name && !/\.(csv|txt|xlsx)$/i.test(up.name)) throw new ApiError(415, 'unsupported_file', 'Upload a .csv or .xlsx file');
    if (up.size === 0) throw new ApiError(422, 'empty_file', 'The file is empty');
    const mapping = readMapping(up.fields.mapping);
    const sheet = await openSheet(up.path, up.name);
    return { up, sheet, mapping, skipInvalid: up.fields.skip_invalid === 'true', progressId: up.fields.progress_id };
  } catch (err) {
    await up.dispose();
    throw err;
  }
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
  app.get('/progress/:id', (c) => {
    const p = getProgress(c.req.param('id'), c.get('user').id);
    if (!p) throw new ApiError(404, 'not_found', 'No import under way with that id');
    return c.json(p);
  });
  app.post('/:entity/preview', async (c) => {
    const entity = tableEntity(c);
    const t = await tableUpload(ctx, c);
    try {
      return c.json(await preview(entity, t.sheet, t.mapping, 'es-ES'));
    } finally {
      await t.up.dispose();
    }
  });
  app.post('/:entity', async (c) => {
    const entity = tableEntity(c);
    const user = c.get('user');
    const t = await tableUpload(ctx, c);
    const report = (p: ImportProgress) => setProgress(t.progressId, user.id, p);
    try {
      const result = await commitTable(ctx.db, user, entity, t.sheet, {
        mapping: t.mapping,
        skipInvalid: t.skipInvalid,
        fileName: t.up.name,
        fileHash: t.up.hash,
        locale: 'es-ES',
        onProgress: report,
      });
      report({ phase: 'done', done: result.counts.total, total: result.counts.total });
      // Imported leads go through lead routing (issue 14) once the import committed; a large
      // file's leads are routed in the background (they wait in the pool meanwhile).
      const { createdLeadIds, ...body } = result;
      if (createdLeadIds.length > 500) void routeImported(ctx, user, createdLeadIds);
      else if (createdLeadIds.length) await routeImported(ctx, user, createdLeadIds);
      return c.json(body);
    } catch (err) {
      report({ phase: 'failed', done: 0, total: null });
      throw err;
    } finally {
      await t.up.dispose();
    }
  });
  return app;
}

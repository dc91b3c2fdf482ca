import { Hono, type Context } from 'hono';
import type { AppContext } from '../context.ts';
import { MANAGER_ROLES, requireAuth, requireRole } from '../auth/middleware.ts';
import { ApiError } from '../http/errors.ts';
import { importAdf } from './adf/apply.ts';
import { extractAdfXml, parseAdf } from './adf/parse.ts';
import { listRuns } from './runs.ts';

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
    return c.json(result, 200);
  });
  return app;
}

/** The import log, mounted at /api/v1/imports (managers and admins). */
export function importRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.use('*', requireAuth(ctx), requireRole(...MANAGER_ROLES));
  app.get('/', async (c) => c.json({ imports: await listRuns(ctx.db, c.get('user').dealership_id) }));
  return app;
}

import { eq } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import type { AppContext, AuthUser } from '../context.ts';
import { dealershipLogos } from '../db/schema.ts';
import { recordAudit } from '../audit/log.ts';
import { requireRole } from '../auth/middleware.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { isUuid } from '../security/input.ts';

/** The largest logo accepted, in bytes: a header image, not a photo (the database row stays small). */
export const LOGO_MAX_BYTES = 256 * 1024;

export type LogoType = 'image/png' | 'image/jpeg' | 'image/webp';

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

/**
 * What the bytes are, read from their signature (never from a file name or a client's header).
 * SVG is refused: it is a document that can carry scripts and links, not a picture; anything else
 * that is not PNG, JPEG or WebP is refused too.
 */
export function sniffLogo(bytes: Uint8Array): LogoType {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 2048)).replace(/^\ufeff/, '').trimStart().toLowerCase();
  if (head.startsWith('<') && head.includes('<svg')) {
    throw new ApiError(415, 'svg_not_allowed', 'SVG logos are not accepted (they can carry scripts): upload a PNG, JPEG or WebP image');
  }
  throw new ApiError(415, 'unsupported_image', 'The logo must be a PNG, JPEG or WebP image');
}

/** The logo's public address; `v` changes with every upload, so the image can be cached for good. */
export function logoUrl(dealershipId: string, updatedAt: Date | null): string | null {
  return updatedAt ? `/api/v1/dealership-logos/${dealershipId}?v=${updatedAt.getTime()}` : null;
}

/** The current logo's address, or null when the dealership has none. */
export async function readLogoUrl(ctx: AppContext, dealershipId: string): Promise<string | null> {
  const [row] = await ctx.db.orm.select({ updated_at: dealershipLogos.updated_at }).from(dealershipLogos).where(eq(dealershipLogos.dealership_id, dealershipId));
  return logoUrl(dealershipId, row?.updated_at ?? null);
}

/** Stores (replaces) the caller's dealership's logo. Admins only (checked by the route). */
export async function saveLogo(ctx: AppContext, me: AuthUser, bytes: Uint8Array, requestId?: string): Promise<{ logo_url: string; content_type: LogoType; size: number }> {
  if (bytes.length === 0) throw new ApiError(400, 'empty_upload', 'The uploaded file is empty');
  if (bytes.length > LOGO_MAX_BYTES) {
    throw new ApiError(413, 'logo_too_large', `The logo may be at most ${LOGO_MAX_BYTES / 1024} KB`, { max_bytes: LOGO_MAX_BYTES, got: bytes.length });
  }
  const contentType = sniffLogo(bytes);
  const values = { content_type: contentType, data: Buffer.from(bytes).toString('base64'), size: bytes.length, updated_at: new Date() };
  const [row] = await ctx.db.tx(async (tx) => {
    await recordAudit(tx, { dealershipId: me.dealership_id, userId: me.id, action: 'update', entity: 'dealerships', entityId: me.dealership_id, after: { logo: { content_type: contentType, size: bytes.length } }, requestId });
    return tx.orm
      .insert(dealershipLogos)
      .values({ dealership_id: me.dealership_id, ...values })
      .onConflictDoUpdate({ target: dealershipLogos.dealership_id, set: values })
      .returning({ updated_at: dealershipLogos.updated_at });
  });
  return { logo_url: logoUrl(me.dealership_id, row!.updated_at)!, content_type: contentType, size: bytes.length };
}

/** Removes the logo; 404 when there is none. */
export async function deleteLogo(ctx: AppContext, me: AuthUser, requestId?: string): Promise<void> {
  await ctx.db.tx(async (tx) => {
    const gone = await tx.orm.delete(dealershipLogos).where(eq(dealershipLogos.dealership_id, me.dealership_id)).returning({ id: dealershipLogos.dealership_id });
    if (gone.length === 0) throw notFound('Logo');
    await recordAudit(tx, { dealershipId: me.dealership_id, userId: me.id, action: 'update', entity: 'dealerships', entityId: me.dealership_id, after: { logo: null }, requestId });
  });
}

/** The upload: a multipart `file` field (a raw body would be read as JSON text by the input guard). */
async function readLogoUpload(c: Context): Promise<Uint8Array> {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (!type.startsWith('multipart/form-data')) throw new ApiError(415, 'unsupported_media_type', 'Upload the logo as multipart/form-data in a field named "file"');
  let form: Record<string, unknown>;
  try {
    form = await c.req.parseBody();
  } catch {
    throw new ApiError(400, 'invalid_upload', 'The multipart body could not be read');
  }
  const file = form.file;
  if (!(file instanceof File)) throw new ApiError(400, 'invalid_upload', 'Send the logo in a multipart field named "file"');
  if (file.size > LOGO_MAX_BYTES) {
    throw new ApiError(413, 'logo_too_large', `The logo may be at most ${LOGO_MAX_BYTES / 1024} KB`, { max_bytes: LOGO_MAX_BYTES, got: file.size });
  }
  return new Uint8Array(await file.arrayBuffer());
}

/** Mounted at /api/v1/dealership/logo, behind the dealership routes' authentication: admins change it. */
export function logoAdminRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.use('*', requireRole('admin'));
  app.put('/', async (c) => c.json(await saveLogo(ctx, c.get('user'), await readLogoUpload(c), c.get('requestId'))));
  app.delete('/', async (c) => {
    await deleteLogo(ctx, c.get('user'), c.get('requestId'));
    return c.body(null, 204);
  });
  return app;
}

/**
 * Mounted at /api/v1/dealership-logos, without authentication: an <img> cannot send a token, and
 * the login screen shows the logo before anyone logs in. A logo is public branding; the address
 * needs the dealership's id, which only its users' devices know.
 */
export function publicLogoRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.get('/:id', async (c) => {
    const id = c.req.param('id');
    if (!isUuid(id)) throw notFound('Logo');
    const [row] = await ctx.db.orm.select().from(dealershipLogos).where(eq(dealershipLogos.dealership_id, id));
    if (!row) throw notFound('Logo');
    const version = String(row.updated_at.getTime());
    const etag = `"${version}-${row.size}"`;
    // The versioned address (`?v=`) never changes content; the bare one is revalidated.
    const cache = c.req.query('v') === version ? 'public, max-age=31536000, immutable' : 'no-cache';
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, { etag, 'cache-control': cache });
    return c.body(Buffer.from(row.data, 'base64'), 200, {
      'content-type': row.content_type,
      'content-length': String(row.size),
      etag,
      'cache-control': cache,
      'content-security-policy': "default-src 'none'",
      'x-content-type-options': 'nosniff',
    });
  });
  return app;
}

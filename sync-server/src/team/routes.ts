import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import type { AppContext } from '../context.ts';
import { notFound, readJson } from '../http/errors.ts';
import { MANAGER_ROLES, requireAuth, requireRole } from '../auth/middleware.ts';
import { sessionsEnded } from '../auth/revocation.ts';
import { isUuid } from '../security/input.ts';
import { linkUrl } from './links.ts';
import { createMemberBody, deactivateBody, editMemberBody } from './schemas.ts';
import { createMember, deactivateMember, editMember, listTeam, reactivateMember, resetPassword } from './service.ts';
import { setPasswordBody, tokenBody } from '../dealership/schemas.ts';
import { checkPasswordLink, setPasswordFromLink } from './set-password.ts';

/** Public one-time "set your password" links, mounted at /api/v1/password-links. */
export function passwordLinkRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    c.header('cache-control', 'no-store');
  });
  app.post('/check', async (c) => {
    const { token } = await readJson(c, tokenBody);
    return c.json(await checkPasswordLink(ctx.db, token));
  });
  app.post('/use', async (c) => {
    const { token, password } = await readJson(c, setPasswordBody);
    const { email, userId } = await setPasswordFromLink(ctx.db, token, password);
    await sessionsEnded(ctx, userId);
    return c.json({ email });
  });
  return app;
}

/** The team, mounted at /api/v1/team: admins and managers manage it, viewers read it, salespeople cannot see it. */
export function teamRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.use('*', requireAuth(ctx));
  app.use('*', async (c, next) => {
    await next();
    c.header('cache-control', 'no-store');
  });
  const manage = requireRole(...MANAGER_ROLES);
  const linkFor = (c: Context, token: string) => linkUrl(ctx.env.PUBLIC_URL ?? new URL(c.req.url).origin, 'set_password', token);

  app.get('/', requireRole('admin', 'manager', 'viewer'), async (c) => c.json({ items: await listTeam(ctx, c.get('user')) }));

  app.post('/', manage, async (c) => {
    const input = await readJson(c, createMemberBody);
    const { user, token } = await createMember(ctx, c.get('user'), input, c.get('requestId'));
    return c.json({ user, link: linkFor(c, token) }, 201);
  });

  app.patch('/:id', manage, async (c) => c.json(await editMember(ctx, c.get('user'), idParam(c), await readJson(c, editMemberBody), c.get('requestId'))));

  app.post('/:id/deactivate', manage, async (c) => {
    const id = idParam(c);
    const { reassign_to } = await readOptional(c, deactivateBody);
    return c.json(await deactivateMember(ctx, c.get('user'), id, reassign_to, c.get('requestId')));
  });

  app.post('/:id/reactivate', manage, async (c) => c.json(await reactivateMember(ctx, c.get('user'), idParam(c), c.get('requestId'))));

  app.post('/:id/reset-password', manage, async (c) => {
    const { token } = await resetPassword(ctx, c.get('user'), idParam(c), c.get('requestId'));
    return c.json({ link: linkFor(c, token) });
  });
  return app;
}

function idParam(c: Context): string {
  const id = c.req.param('id') ?? '';
  if (!isUuid(id)) throw notFound('Team member');
  return id;
}

async function readOptional<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  if ((await c.req.text()).trim() === '') return schema.parse({});
  return readJson(c, schema);
}

import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { uuid } from '@lotbook/shared';
import type { AppContext } from '../context.ts';
import { requireAuth, requireRole, MANAGER_ROLES } from '../auth/middleware.ts';
import { ApiError, readJson } from '../http/errors.ts';
import { askBody, feedbackBody, MAX_MESSAGE_LENGTH, sessionBody } from './input.ts';
import { answerQuestion, createSession, deleteSession, giveFeedback, listFeedback, listMessages, listSessions, prepareQuestion } from './service.ts';
import { pickLang, suggestionsFor } from './suggestions.ts';

function idParam(c: Context, name: string): string {
  const id = c.req.param(name) ?? '';
  if (!uuid.safeParse(id).success) {
    throw new ApiError(400, 'validation_error', `The ${name} must be a UUID`, { issues: [{ path: name, message: 'must be a UUID', code: 'invalid_format' }] });
  }
  return id;
}

/** The assistant, mounted at /api/v1/chat (spec Endpoint 2). Every route needs a valid access token. */
export function chatRoutes(ctx: AppContext): Hono {
  const app = new Hono({ strict: false });
  app.use('*', requireAuth(ctx));

  app.post('/sessions', async (c) => {
    const raw = await c.req.text();
    const body = raw.trim() === '' ? {} : await readJson(c, sessionBody);
    return c.json(await createSession(ctx, c.get('user'), body.title ?? ''), 201);
  });
  app.get('/sessions', async (c) => c.json({ results: await listSessions(ctx, c.get('user')) }));
  app.delete('/sessions/:id', async (c) => {
    await deleteSession(ctx, c.get('user'), idParam(c, 'id'));
    return c.body(null, 204);
  });
  app.get('/sessions/:id/messages', async (c) => c.json({ results: await listMessages(ctx, c.get('user'), idParam(c, 'id')) }));

  app.post('/sessions/:id/messages', async (c) => {
    const user = c.get('user');
    const sessionId = idParam(c, 'id');
    const body = await readJson(c, askBody).catch((err: unknown) => {
      if (err instanceof ApiError && JSON.stringify(err.details ?? {}).includes(`at most ${MAX_MESSAGE_LENGTH}`)) {
        throw new ApiError(400, 'message_too_long', `The message must be at most ${MAX_MESSAGE_LENGTH} characters`, err.details);
      }
      if (err instanceof ApiError && JSON.stringify(err.details ?? {}).includes('must not be empty')) {
        throw new ApiError(400, 'empty_message', 'The message is empty', err.details);
      }
      throw err;
    });
    const lang = pickLang(c.req.query('lang'), c.req.header('accept-language'));
    const prepared = await prepareQuestion(ctx, user, sessionId, body);
    if (!(c.req.header('accept') ?? '').includes('text/event-stream')) {
      return c.json(await answerQuestion(ctx, user, prepared, lang));
    }
    return streamSSE(c, async (stream) => {
      let chain = Promise.resolve();
      const onToken = (text: string) => { chain = chain.then(() => stream.writeSSE({ event: 'token', data: JSON.stringify({ text }) })); };
      try {
        const answer = await answerQuestion(ctx, user, prepared, lang, onToken);
        await chain;
        await stream.writeSSE({ event: 'sources', data: JSON.stringify(answer.sources) });
        await stream.writeSSE({ event: 'done', data: JSON.stringify(answer) });
      } catch (err) {
        ctx.log.error({ err }, 'chat answer failed');
        await chain.catch(() => undefined);
        await stream.writeSSE({ event: 'error', data: JSON.stringify({ error: 'internal_error', message: 'The answer failed; it has been logged' }) });
      }
    });
  });

  app.post('/messages/:id/feedback', async (c) => {
    const body = await readJson(c, feedbackBody);
    await giveFeedback(ctx, c.get('user'), idParam(c, 'id'), body.rating, body.comment);
    return c.json({ ok: true });
  });
  app.get('/feedback', requireRole(...MANAGER_ROLES), async (c) => {
    const rating = c.req.query('rating');
    if (rating !== undefined && rating !== 'up' && rating !== 'down') throw new ApiError(400, 'validation_error', 'rating must be up or down');
    return c.json({ results: await listFeedback(ctx, c.get('user'), rating) });
  });

  app.get('/suggestions', (c) => {
    const lang = pickLang(c.req.query('lang'), c.req.header('accept-language'));
    return c.json({ lang, role: c.get('user').role, suggestions: suggestionsFor(c.get('user').role, lang) });
  });
  return app;
}

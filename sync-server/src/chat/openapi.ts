import { z } from 'zod';
import { askBody, feedbackBody, MAX_MESSAGE_LENGTH, QUESTIONS_PER_MINUTE, sessionBody } from './input.ts';

/** OpenAPI paths and schemas of /api/v1/chat (merged into the document by openapi/paths.ts and schemas.ts). */
type Json = Record<string, unknown>;
const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const err = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } });
const ok = (description: string, schema: Json) => ({ description, content: { 'application/json': { schema } } });
const body = (name: string, required = true) => ({ required, content: { 'application/json': { schema: ref(name) } } });
const input = (schema: z.ZodType): Json => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }) as Json;
  return rest;
};
const AUTH = { '401': err('Missing, invalid or expired access token.') };
const idParam = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string', format: 'uuid' } });
const lang = { name: 'lang', in: 'query', required: false, description: 'Answer language; default from Accept-Language, else Spanish.', schema: { type: 'string', enum: ['es', 'en'] } };
const page = (item: string) => ({ type: 'object', required: ['results'], properties: { results: { type: 'array', items: ref(item) } } });

export function chatSchemas(): Record<string, Json> {
  return {
    ChatAskRequest: { ...input(askBody), example: { message: '¿Qué Toyota Camry tenemos disponibles bajo 30.000 €?', context: { include_inventory: true, include_leads: false, max_results: 5 } } },
    ChatSessionRequest: input(sessionBody),
    ChatFeedbackRequest: input(feedbackBody),
    ChatSession: {
      type: 'object',
      required: ['id', 'title', 'created_at', 'updated_at'],
      properties: {
        id: { type: 'string', format: 'uuid' },
        title: { type: 'string', description: 'The first question (80 characters) unless given.' },
        created_at: { type: 'string', format: 'date-time' },
        updated_at: { type: 'string', format: 'date-time' },
      },
    },
    ChatSource: {
      type: 'object',
      required: ['type', 'id', 'relevance_score'],
      description: 'A record the answer names; every named record is listed.',
      properties: {
        type: { type: 'string', enum: ['vehicle', 'lead', 'sale'] },
        id: { type: 'string' },
        relevance_score: { type: 'number', minimum: 0, maximum: 1 },
      },
    },
    ChatAnswer: {
      type: 'object',
      required: ['message_id', 'content', 'sources', 'metadata'],
      description: 'The spec\'s Endpoint 2 response.',
      properties: {
        message_id: { type: 'string', format: 'uuid' },
        content: { type: 'string', example: 'Encontré 3 Toyota Camry disponibles bajo 30.000 €…' },
        sources: { type: 'array', items: ref('ChatSource') },
        metadata: {
          type: 'object',
          required: ['tokens_used', 'response_time', 'model_version'],
          properties: {
            tokens_used: { type: 'integer', minimum: 0 },
            response_time: { type: 'number', description: 'Seconds.' },
            model_version: { type: 'string', description: 'The chat model (or the local rule-based parser) and the embedding model, named.' },
            embedding_similarity: { type: ['number', 'null'], description: 'Best cosine similarity of the semantic search; null when it did not run.' },
            retrieval: { type: 'string', description: 'How free text was matched (full text, or full text fused with pgvector).' },
            semantic_search: { type: 'string', enum: ['available', 'unavailable'] },
            provider: { type: 'string', description: '`local` (rule-based, no LLM) or `openai`.' },
          },
        },
      },
    },
    ChatMessage: {
      type: 'object',
      required: ['id', 'role', 'content', 'sources', 'metadata', 'feedback', 'created_at'],
      properties: {
        id: { type: 'string', format: 'uuid' },
        role: { type: 'string', enum: ['user', 'assistant'] },
        content: { type: 'string' },
        sources: { type: 'array', items: ref('ChatSource') },
        metadata: { type: 'object', additionalProperties: true },
        feedback: { type: ['string', 'null'], enum: ['up', 'down', null] },
        created_at: { type: 'string', format: 'date-time' },
      },
    },
  };
}

export function chatPaths(): Record<string, unknown> {
  const session = idParam('session_id', 'A chat session of the caller.');
  return {
    '/api/v1/chat/sessions': {
      get: { tags: ['chat'], summary: 'The caller\'s chat sessions, newest first (history is private to each user)', responses: { '200': ok('The sessions.', page('ChatSession')), ...AUTH } },
      post: {
        tags: ['chat'], summary: 'Start a chat session', requestBody: body('ChatSessionRequest', false),
        responses: { '201': ok('The new session.', ref('ChatSession')), '400': err('Invalid body.'), ...AUTH },
      },
    },
    '/api/v1/chat/sessions/{session_id}': {
      delete: { tags: ['chat'], summary: 'Delete one of the caller\'s sessions and its messages', parameters: [session], responses: { '204': { description: 'Deleted.' }, '400': err('Not a UUID.'), '404': err('No such session of the caller.'), ...AUTH } },
    },
    '/api/v1/chat/sessions/{session_id}/messages': {
      get: { tags: ['chat'], summary: 'The session\'s messages, oldest first', parameters: [session], responses: { '200': ok('The messages.', page('ChatMessage')), '400': err('Not a UUID.'), '404': err('No such session of the caller.'), ...AUTH } },
      post: {
        tags: ['chat'], summary: 'Ask the assistant (spec Endpoint 2)', parameters: [session, lang], requestBody: body('ChatAskRequest'),
        description: [
          `Answers from the dealership's own records within the caller's scope (tools in SQL; answers are templates filled from tool results). At most ${MAX_MESSAGE_LENGTH} characters, ${QUESTIONS_PER_MINUTE} questions a minute per user.`,
          'With `Accept: text/event-stream` the answer streams as server-sent events: `token` (`{text}`, repeated), then `sources` (the ChatSource array), then `done` (the whole ChatAnswer); `error` (`{error, message}`) if it fails after the stream started. Refusals (400, 404, 429) come before the stream, as JSON.',
        ].join('\n\n'),
        responses: {
          '200': {
            description: 'The answer (JSON), or its SSE stream.',
            content: { 'application/json': { schema: ref('ChatAnswer') }, 'text/event-stream': { schema: { type: 'string', description: 'Events: token, sources, done, error.' } } },
          },
          '400': err('`validation_error`, `empty_message`, `message_too_long`, or not a UUID.'),
          '404': err('No such session of the caller.'),
          '429': err('`rate_limited`: too many questions this minute; `details.retry_after_seconds`.'),
          ...AUTH,
        },
      },
    },
    '/api/v1/chat/messages/{message_id}/feedback': {
      post: {
        tags: ['chat'], summary: 'Thumbs up or down (with an optional comment) on one of the caller\'s answers',
        parameters: [idParam('message_id', 'An assistant message of the caller.')], requestBody: body('ChatFeedbackRequest'),
        responses: { '200': ok('Stored.', { type: 'object', required: ['ok'], properties: { ok: { type: 'boolean', const: true } } }), '400': err('Invalid body or id.'), '404': err('No such answer of the caller.'), ...AUTH },
      },
    },
    '/api/v1/chat/feedback': {
      get: {
        tags: ['chat'], summary: 'Rated answers of the dealership with their question (managers and admins)',
        parameters: [{ name: 'rating', in: 'query', required: false, schema: { type: 'string', enum: ['up', 'down'] } }],
        responses: { '200': { description: '`{results}`: id, user_id, question, answer, feedback, feedback_comment, feedback_at, model_version.' }, '400': err('Bad rating.'), '403': err('Managers and admins only.'), ...AUTH },
      },
    },
    '/api/v1/chat/suggestions': {
      get: {
        tags: ['chat'], summary: 'Suggested questions for the caller\'s role', parameters: [lang],
        responses: { '200': ok('The suggestions.', { type: 'object', required: ['lang', 'role', 'suggestions'], properties: { lang: { type: 'string', enum: ['es', 'en'] }, role: { type: 'string' }, suggestions: { type: 'array', items: { type: 'string' } } } }), ...AUTH },
      },
    },
  };
}

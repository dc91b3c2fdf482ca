/**
 * Chat sessions and questions. History is private: every query is filtered by the caller's id,
 * and another user's session is simply not found. Each question is answered by the provider
 * through the scoped tools (tools.ts) and stored with its sources and metadata.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { ChatLang, ParsedQuestion, SourceRef } from '@lotbook/shared';
import type { AppContext, AuthUser } from '../context.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { QUESTIONS_PER_MINUTE, type AskBody } from './input.ts';
import { ToolRunner } from './tools.ts';
import { providerFor } from './providers/index.ts';
import type { ConversationState } from './providers/types.ts';

export interface SessionRow { id: string; title: string; created_at: string; updated_at: string }
export interface MessageRow {
  id: string; role: 'user' | 'assistant'; content: string; sources: SourceRef[]; metadata: Record<string, unknown>;
  feedback: 'up' | 'down' | null; created_at: string;
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

export async function createSession(ctx: AppContext, user: AuthUser, title = ''): Promise<SessionRow> {
  const [row] = await ctx.db.rows<SessionRow>(sql`
    insert into chat_sessions (id, dealership_id, user_id, title) values (${randomUUID()}, ${user.dealership_id}, ${user.id}, ${title})
    returning id, title, created_at, updated_at`);
  if (!row) throw new Error('session insert returned nothing');
  return { ...row, created_at: iso(row.created_at), updated_at: iso(row.updated_at) };
}

export async function listSessions(ctx: AppContext, user: AuthUser): Promise<SessionRow[]> {
  const rows = await ctx.db.rows<SessionRow>(sql`
    select id, title, created_at, updated_at from chat_sessions where user_id = ${user.id}::uuid
    order by updated_at desc, id limit 100`);
  return rows.map((r) => ({ ...r, created_at: iso(r.created_at), updated_at: iso(r.updated_at) }));
}

async function ownSession(ctx: AppContext, user: AuthUser, id: string): Promise<void> {
  const [row] = await ctx.db.rows<{ id: string }>(sql`select id from chat_sessions where id = ${id}::uuid and user_id = ${user.id}::uuid`);
  if (!row) throw notFound('Chat session');
}

export async function deleteSession(ctx: AppContext, user: AuthUser, id: string): Promise<void> {
  const rows = await ctx.db.rows(sql`delete from chat_sessions where id = ${id}::uuid and user_id = ${user.id}::uuid returning id`);
  if (rows.length === 0) throw notFound('Chat session');
}

export async function listMessages(ctx: AppContext, user: AuthUser, sessionId: string): Promise<MessageRow[]> {
  await ownSession(ctx, user, sessionId);
  const rows = await ctx.db.rows<Omit<MessageRow, 'feedback'> & { feedback: number | null }>(sql`
    select id, role, content, sources, metadata, feedback, created_at from chat_messages
    where session_id = ${sessionId}::uuid and user_id = ${user.id}::uuid order by created_at, role desc`);
  return rows.map((r) => ({ ...r, feedback: r.feedback === 1 ? 'up' : r.feedback === -1 ? 'down' : null, created_at: iso(r.created_at) }));
}

/** 429 once the user asked QUESTIONS_PER_MINUTE questions in the last minute (counted in the database, so it holds across instances). */
async function checkRate(ctx: AppContext, user: AuthUser): Promise<void> {
  const [row] = await ctx.db.rows<{ n: number; oldest: unknown }>(sql`
    select count(*)::int as n, min(created_at) as oldest from chat_messages
    where user_id = ${user.id}::uuid and role = 'user' and created_at > now() - interval '1 minute'`);
  if (Number(row?.n ?? 0) >= QUESTIONS_PER_MINUTE) {
    const retry = Math.max(1, Math.ceil((new Date(iso(row?.oldest)).getTime() + 60_000 - Date.now()) / 1000));
    throw new ApiError(429, 'rate_limited', `At most ${QUESTIONS_PER_MINUTE} questions a minute; try again in ${retry} s`, { retry_after_seconds: retry, limit: QUESTIONS_PER_MINUTE });
  }
}

export interface PreparedQuestion {
  sessionId: string;
  question: string;
  body: AskBody;
  previous: ConversationState | null;
  history: { role: 'user' | 'assistant'; content: string }[];
}

/** Everything that can refuse a question (404, 429), done before any answer streams. Stores the question. */
export async function prepareQuestion(ctx: AppContext, user: AuthUser, sessionId: string, body: AskBody): Promise<PreparedQuestion> {
  await ownSession(ctx, user, sessionId);
  await checkRate(ctx, user);
  const recent = await ctx.db.rows<{ role: 'user' | 'assistant'; content: string; parsed: ParsedQuestion | null; listed: string[] }>(sql`
    select role, content, parsed, listed from chat_messages where session_id = ${sessionId}::uuid
    order by created_at desc, role limit 10`);
  const lastAnswer = recent.find((m) => m.role === 'assistant');
  await ctx.db.rows(sql`
    insert into chat_messages (id, session_id, dealership_id, user_id, role, content)
    values (${randomUUID()}, ${sessionId}, ${user.dealership_id}, ${user.id}, 'user', ${body.message})`);
  return {
    sessionId, question: body.message, body,
    previous: lastAnswer ? { parsed: lastAnswer.parsed, listed: lastAnswer.listed ?? [] } : null,
    history: recent.toReversed().map((m) => ({ role: m.role, content: m.content })),
  };
}

export interface Answer {
  message_id: string;
  content: string;
  sources: SourceRef[];
  metadata: { tokens_used: number; response_time: number; model_version: string; embedding_similarity: number | null; retrieval: string; semantic_search: 'available' | 'unavailable'; provider: string };
}

/** Answers a prepared question, calling onToken as the text is produced, and stores the answer. */
export async function answerQuestion(ctx: AppContext, user: AuthUser, q: PreparedQuestion, lang: ChatLang, onToken: (t: string) => void = () => undefined): Promise<Answer> {
  const started = performance.now();
  const provider = providerFor(ctx);
  const tools = new ToolRunner(ctx.db, user, ctx.vector, provider.embedder, {
    includeInventory: q.body.context.include_inventory, includeLeads: q.body.context.include_leads, maxResults: q.body.context.max_results,
  });
  const result = await provider.answer({ question: q.question, lang, previous: q.previous, history: q.history, tools, onToken });
  const metadata: Answer['metadata'] = {
    tokens_used: result.tokens_used,
    response_time: Math.round(performance.now() - started) / 1000,
    model_version: result.model_version,
    embedding_similarity: tools.retrieval.similarity,
    retrieval: tools.retrieval.mode,
    semantic_search: ctx.vector ? 'available' : 'unavailable',
    provider: provider.name,
  };
  const id = randomUUID();
  await ctx.db.rows(sql`
    insert into chat_messages (id, session_id, dealership_id, user_id, role, content, parsed, listed, sources, metadata)
    values (${id}, ${q.sessionId}, ${user.dealership_id}, ${user.id}, 'assistant', ${result.content},
      ${JSON.stringify(result.state.parsed)}::jsonb, ${JSON.stringify(result.state.listed)}::jsonb, ${JSON.stringify(result.sources)}::jsonb, ${JSON.stringify(metadata)}::jsonb)`);
  await ctx.db.rows(sql`
    update chat_sessions set updated_at = now(), title = case when title = '' then ${q.question.slice(0, 80)} else title end
    where id = ${q.sessionId}::uuid`);
  return { message_id: id, content: result.content, sources: result.sources, metadata };
}

export async function giveFeedback(ctx: AppContext, user: AuthUser, messageId: string, rating: 'up' | 'down', comment?: string): Promise<void> {
  const rows = await ctx.db.rows(sql`
    update chat_messages set feedback = ${rating === 'up' ? 1 : -1}, feedback_comment = ${comment ?? null}, feedback_at = now()
    where id = ${messageId}::uuid and user_id = ${user.id}::uuid and role = 'assistant' returning id`);
  if (rows.length === 0) throw notFound('Chat answer');
}

/** Rated answers of the dealership with the question before each, for managers (what fails). */
export async function listFeedback(ctx: AppContext, user: AuthUser, rating?: 'up' | 'down') {
  const rows = await ctx.db.rows<{ id: string; user_id: string; question: string | null; answer: string; feedback: number; feedback_comment: string | null; feedback_at: unknown; model_version: string | null }>(sql`
    select m.id, m.user_id, q.content as question, m.content as answer, m.feedback, m.feedback_comment, m.feedback_at, m.metadata->>'model_version' as model_version
    from chat_messages m
    left join lateral (select content from chat_messages u where u.session_id = m.session_id and u.role = 'user' and u.created_at <= m.created_at
      order by u.created_at desc limit 1) q on true
    where m.dealership_id = ${user.dealership_id}::uuid and m.feedback is not null
      ${rating ? sql`and m.feedback = ${rating === 'up' ? 1 : -1}` : sql``}
    order by m.feedback_at desc limit 200`);
  return rows.map((r) => ({ ...r, rating: r.feedback === 1 ? 'up' : 'down', feedback_at: iso(r.feedback_at) }));
}

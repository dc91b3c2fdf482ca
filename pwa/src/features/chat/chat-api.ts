/** The server side of the assistant (/api/v1/chat): sessions, history, streaming answers, feedback. */
import type { SourceRef } from '@lotbook/shared';
import { readFailure } from '../../auth/api-failure.ts';
import { authedFetch } from '../../auth/authed-fetch.ts';
import { ApiFailure } from '../../auth/session.ts';
import { api, BASE_URL, sessionStore } from '../../app/runtime.ts';

export interface ChatSession { id: string; title: string; created_at: string; updated_at: string }
export interface ChatMessage {
  id: string; role: 'user' | 'assistant'; content: string; sources: SourceRef[];
  metadata: Record<string, unknown>; feedback: 'up' | 'down' | null; created_at: string;
}
export interface ChatAnswer { message_id: string; content: string; sources: SourceRef[]; metadata: Record<string, unknown> }

const BASE = '/api/v1/chat';

export const chatApi = {
  sessions: () => api.get<{ results: ChatSession[] }>(`${BASE}/sessions`).then((r) => r.results),
  createSession: () => api.post<ChatSession>(`${BASE}/sessions`, {}),
  deleteSession: (id: string) => send('DELETE', `${BASE}/sessions/${id}`),
  messages: (id: string) => api.get<{ results: ChatMessage[] }>(`${BASE}/sessions/${id}/messages`).then((r) => r.results),
  feedback: (messageId: string, rating: 'up' | 'down') => api.post<{ ok: true }>(`${BASE}/messages/${messageId}/feedback`, { rating }),
  suggestions: (lang: string) => api.get<{ suggestions: string[] }>(`${BASE}/suggestions?lang=${lang}`).then((r) => r.suggestions),
};

async function send(method: string, path: string, body?: unknown, accept = 'application/json'): Promise<Response> {
  const headers: Record<string, string> = { accept, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
  const res = await authedFetch(sessionStore, `${BASE_URL}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  if (!res.ok) throw await readFailure(res);
  return res;
}

/** Asks in a session, streaming: onToken for each piece of text; resolves with the stored answer. */
export async function askStreaming(sessionId: string, message: string, lang: string, onToken: (text: string) => void): Promise<ChatAnswer> {
  const res = await send('POST', `${BASE}/sessions/${sessionId}/messages?lang=${lang}`,
    { message, context: { include_inventory: true, include_leads: true, max_results: 10 } }, 'text/event-stream');
  const reader = res.body?.pipeThrough(new TextDecoderStream()).getReader();
  if (!reader) throw new ApiFailure(0, 'network_error', 'No answer stream');
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let idx: number;
    while ((idx = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, idx);
      buffer = buffer.slice(idx + 2);
      const event = /^event: (.*)$/m.exec(frame)?.[1];
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      if (!event || data === undefined) continue;
      const parsed = JSON.parse(data) as Record<string, unknown>;
      if (event === 'token') onToken(String(parsed.text ?? ''));
      else if (event === 'done') return parsed as unknown as ChatAnswer;
      else if (event === 'error') throw new ApiFailure(500, String(parsed.error), String(parsed.message));
    }
  }
  throw new ApiFailure(0, 'network_error', 'The answer stream ended early');
}

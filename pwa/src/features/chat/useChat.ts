/**
 * The chat screen's state: asks the server (streaming) when online, and the device when offline
 * or when the server cannot be reached; device answers are marked; questions that need the server
 * can be queued and are asked when the connection returns.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChatLang, SourceRef } from '@lotbook/shared';
import { useData, useRequiredSession } from '../../app/hooks.ts';
import { deviceTimeZone } from '../today/today.ts';
import { useOnline } from '../../ui/useOnline.ts';
import { askStreaming, chatApi, type ChatSession } from './chat-api.ts';
import { answerOnDevice, type DeviceState } from './device-answer.ts';
import { readLocalData } from './local-data.ts';
import { queueQuestion, takeQueued } from './queue.ts';

export interface UiMessage {
  key: string;
  role: 'user' | 'assistant';
  content: string;
  sources: SourceRef[];
  origin: 'server' | 'device';
  messageId?: string;
  feedback?: 'up' | 'down' | null;
  /** The device could not answer: the question needs the server. */
  needsServer?: string;
  streaming?: boolean;
  /** Queued to be asked when the connection returns. */
  queued?: boolean;
}

let keySeq = 0;
const key = () => `m${++keySeq}`;

export function useChat(lang: ChatLang) {
  const { db } = useData();
  const session = useRequiredSession();
  const online = useOnline();
  const [messages, setMessages] = useState<UiMessage[]>([]);
  const [sessions, setSessions] = useState<ChatSession[]>([]);
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const deviceState = useRef<DeviceState | null>(null);

  const refreshSessions = useCallback(() => {
    if (online) chatApi.sessions().then(setSessions, () => undefined);
  }, [online]);
  useEffect(() => {
    refreshSessions();
  }, [refreshSessions]);

  const patch = (k: string, p: Partial<UiMessage>) => setMessages((ms) => ms.map((m) => (m.key === k ? { ...m, ...p } : m)));

  const askDevice = useCallback(async (question: string, answerKey: string) => {
    const data = await readLocalData(db);
    const a = answerOnDevice(question, data, { id: session.user.id, role: session.user.role }, deviceState.current, {
      lang, timeZone: session.dealership?.timezone ?? deviceTimeZone(),
    });
    deviceState.current = a.state;
    patch(answerKey, a.content === null
      ? { content: '', needsServer: question, origin: 'device', streaming: false }
      : { content: a.content, sources: a.sources, origin: 'device', streaming: false });
  }, [db, lang, session]);

  const ask = useCallback(async (question: string) => {
    const q = question.trim();
    if (!q || busy) return;
    setBusy(true);
    setError(null);
    const answerKey = key();
    setMessages((ms) => [...ms, { key: key(), role: 'user', content: q, sources: [], origin: 'server' },
      { key: answerKey, role: 'assistant', content: '', sources: [], origin: online ? 'server' : 'device', streaming: true }]);
    try {
      if (!online) return await askDevice(q, answerKey);
      let id = sessionId;
      if (!id) {
        id = (await chatApi.createSession()).id;
        setSessionId(id);
      }
      let text = '';
      const answer = await askStreaming(id, q, lang, (t) => { text += t; patch(answerKey, { content: text }); });
      patch(answerKey, { content: answer.content, sources: answer.sources, messageId: answer.message_id, feedback: null, streaming: false });
      refreshSessions();
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (status === 0) await askDevice(q, answerKey);
      else {
        setMessages((ms) => ms.filter((m) => m.key !== answerKey));
        setError((err as Error).message);
      }
    } finally {
      setBusy(false);
    }
  }, [askDevice, busy, lang, online, refreshSessions, sessionId]);

  // Questions queued offline are asked when the connection returns.
  useEffect(() => {
    if (!online || busy) return;
    const next = takeQueued()[0];
    if (next) void ask(next);
  }, [online, busy, ask]);

  const queue = (question: string, k: string) => { queueQuestion(question); patch(k, { needsServer: undefined, queued: true }); };

  const open = async (id: string) => {
    const list = await chatApi.messages(id);
    deviceState.current = null;
    setSessionId(id);
    setMessages(list.map((m) => ({ key: key(), role: m.role, content: m.content, sources: m.sources, origin: 'server', messageId: m.id, feedback: m.feedback })));
  };
  const startNew = () => { setSessionId(null); setMessages([]); deviceState.current = null; };
  const remove = async (id: string) => {
    await chatApi.deleteSession(id);
    if (id === sessionId) startNew();
    refreshSessions();
  };
  const rate = async (k: string, messageId: string, rating: 'up' | 'down') => {
    await chatApi.feedback(messageId, rating);
    patch(k, { feedback: rating });
  };

  return { online, messages, sessions, sessionId, busy, error, ask, queue, open, startNew, remove, rate };
}

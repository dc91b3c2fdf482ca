import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatLang } from '@lotbook/shared';
import { Icon } from '../../ui/icons.tsx';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { chatApi } from './chat-api.ts';
import { SourceCards } from './SourceCards.tsx';
import { useChat, type UiMessage } from './useChat.ts';
import './chat.css';

const OFFLINE_SUGGESTIONS = { es: ['¿Qué SUVs Toyota tenemos bajo 40.000 €?', '¿Qué leads necesitan atención?'], en: ['Which Toyota SUVs do we have under €40,000?', 'Which leads need attention?'] };

export default function ChatScreen() {
  const { t, i18n } = useTranslation('chat');
  const lang: ChatLang = i18n.language.startsWith('en') ? 'en' : 'es';
  const chat = useChat(lang);
  const [draft, setDraft] = useState('');
  const [suggestions, setSuggestions] = useState<string[]>(OFFLINE_SUGGESTIONS[lang]);
  const [showHistory, setShowHistory] = useState(false);
  const end = useRef<HTMLDivElement>(null);
  usePageTitle(t('title'));

  useEffect(() => {
    if (chat.online) chatApi.suggestions(lang).then(setSuggestions, () => undefined);
    else setSuggestions(OFFLINE_SUGGESTIONS[lang]);
  }, [chat.online, lang]);
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [chat.messages]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const q = draft;
    setDraft('');
    void chat.ask(q);
  };

  return (
    <div className="page page-narrow chat">
      <div className="page-header">
        <h1>{t('title')}</h1>
        <div className="chat-actions">
          <button type="button" className="btn btn-sm" onClick={() => setShowHistory((v) => !v)} aria-expanded={showHistory} disabled={!chat.online}>
            <Icon name="clock" />{t('history')}
          </button>
          <button type="button" className="btn btn-sm" onClick={chat.startNew}><Icon name="plus" />{t('new')}</button>
        </div>
      </div>
      {!chat.online ? <p className="chat-offline" role="status"><Icon name="alert" />{t('offline')}</p> : null}
      {showHistory && chat.online ? (
        <ul className="chat-history" aria-label={t('history')}>
          {chat.sessions.length === 0 ? <li className="muted">{t('noHistory')}</li> : null}
          {chat.sessions.map((s) => (
            <li key={s.id} className={s.id === chat.sessionId ? 'chat-history-current' : ''}>
              <button type="button" className="btn btn-ghost chat-history-open" onClick={() => { void chat.open(s.id); setShowHistory(false); }}>
                {s.title || t('untitled')}
              </button>
              <button type="button" className="btn btn-ghost btn-icon" aria-label={t('deleteSession', { title: s.title || t('untitled') })} onClick={() => void chat.remove(s.id)}>
                <Icon name="trash" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="chat-log" aria-live="polite" aria-busy={chat.busy}>
        {chat.messages.length === 0 ? (
          <div className="chat-empty">
            <p>{t('intro')}</p>
            <ul className="chat-suggestions" aria-label={t('suggestions')}>
              {suggestions.map((s) => (
                <li key={s}><button type="button" className="btn chat-suggestion" onClick={() => void chat.ask(s)}>{s}</button></li>
              ))}
            </ul>
          </div>
        ) : chat.messages.map((m) => <Bubble key={m.key} m={m} onQueue={chat.queue} onRate={chat.rate} />)}
        <div ref={end} />
      </div>
      {chat.error ? <p className="field-error" role="alert">{chat.error}</p> : null}
      <form className="chat-composer" onSubmit={submit}>
        <label htmlFor="chat-input" className="visually-hidden">{t('ask')}</label>
        <input id="chat-input" className="input" value={draft} maxLength={1000} autoComplete="off" placeholder={t('placeholder')} onChange={(e) => setDraft(e.target.value)} />
        <button type="submit" className="btn btn-primary" disabled={chat.busy || draft.trim() === ''}>{t('send')}</button>
      </form>
    </div>
  );
}

function Bubble({ m, onQueue, onRate }: { m: UiMessage; onQueue: (q: string, k: string) => void; onRate: (k: string, id: string, r: 'up' | 'down') => Promise<void> }) {
  const { t } = useTranslation('chat');
  if (m.role === 'user') return <div className="chat-bubble chat-user"><span className="visually-hidden">{t('you')}: </span>{m.content}</div>;
  return (
    <div className="chat-bubble chat-assistant" data-testid="chat-answer" data-origin={m.origin}>
      {m.origin === 'device' ? <p className="chat-origin"><Icon name="info" />{t('fromDevice')}</p> : null}
      {m.needsServer ? (
        <div className="stack">
          <p>{t('needsServer')}</p>
          <button type="button" className="btn" onClick={() => onQueue(m.needsServer ?? '', m.key)}>{t('queue')}</button>
        </div>
      ) : m.queued ? <p>{t('queued')}</p> : <p className="chat-text">{m.content || (m.streaming ? '…' : '')}</p>}
      <SourceCards sources={m.sources} />
      {m.messageId && !m.streaming ? (
        <div className="chat-rate" role="group" aria-label={t('rate')}>
          <button type="button" className="btn btn-ghost btn-icon" aria-pressed={m.feedback === 'up'} aria-label={t('thumbsUp')} onClick={() => void onRate(m.key, m.messageId ?? '', 'up')}>👍</button>
          <button type="button" className="btn btn-ghost btn-icon" aria-pressed={m.feedback === 'down'} aria-label={t('thumbsDown')} onClick={() => void onRate(m.key, m.messageId ?? '', 'down')}>👎</button>
        </div>
      ) : null}
    </div>
  );
}

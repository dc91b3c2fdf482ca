/**
 * The assistant on the device: the same shared parser and tools run over the local data (the
 * inventory read model and the caller's own leads, with their customers, follow-ups and sales).
 * Questions that need the dealership's sales history say so instead of guessing.
 */
import {
  answerableOnDevice, listedIds, parseQuestion, renderAnswer, runLocalTool, sourcesOf, vocabularyOf,
  type ChatLang, type LocalData, type ParsedQuestion, type Role, type SourceRef,
} from '@lotbook/shared';

export interface DeviceState { parsed: ParsedQuestion | null; listed: string[] }

export interface DeviceAnswer {
  /** null when the question needs the server (the UI offers to queue it). */
  content: string | null;
  sources: SourceRef[];
  state: DeviceState;
  lang: ChatLang;
  ms: number;
}

export interface DeviceUser { id: string; role: Role }

export function answerOnDevice(question: string, data: LocalData, user: DeviceUser, previous: DeviceState | null, opts: { lang: ChatLang; timeZone: string; maxResults?: number; now?: Date }): DeviceAnswer {
  const started = performance.now();
  const parsed = parseQuestion(question, vocabularyOf(data.vehicles), previous?.parsed ?? null, opts.lang);
  if (!answerableOnDevice(parsed.intent, user.role)) {
    return { content: null, sources: [], state: previous ?? { parsed: null, listed: [] }, lang: parsed.lang, ms: performance.now() - started };
  }
  const result = runLocalTool(parsed.intent, data, {
    now: opts.now ?? new Date(), timeZone: opts.timeZone, userId: user.id, role: user.role, maxResults: opts.maxResults ?? 10, previousIds: previous?.listed ?? [],
  });
  const detail = parsed.intent.kind === 'vehicle_detail';
  return {
    content: renderAnswer(parsed.lang, result),
    sources: sourcesOf(result),
    state: { parsed: detail ? (previous?.parsed ?? parsed) : parsed, listed: detail ? (previous?.listed ?? []) : listedIds(result) },
    lang: parsed.lang,
    ms: performance.now() - started,
  };
}

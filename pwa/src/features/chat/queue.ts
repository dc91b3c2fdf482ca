/** Questions asked offline that need the server, kept on this device until the connection returns. */
const KEY = 'lotbook.chat.queue';

export function queuedQuestions(): string[] {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    const list = raw ? (JSON.parse(raw) as unknown) : [];
    return Array.isArray(list) ? list.filter((q): q is string => typeof q === 'string') : [];
  } catch {
    return [];
  }
}

export function queueQuestion(q: string): void {
  globalThis.localStorage?.setItem(KEY, JSON.stringify([...queuedQuestions(), q].slice(-20)));
}

/** Empties the queue and returns what it held. */
export function takeQueued(): string[] {
  const list = queuedQuestions();
  globalThis.localStorage?.removeItem(KEY);
  return list;
}

/**
 * Server-side progress of the CSV/Excel imports under way, for the PWA's progress bar. The client
 * names its import with a random `progress_id` field (sent before the file) and polls
 * GET /api/v1/imports/progress/:id. In memory, per process, a few bytes per import; an entry goes
 * a minute after its import ends. Only the user who started an import can read it.
 */
export interface ImportProgress {
  phase: 'receiving' | 'checking' | 'applying' | 'done' | 'failed';
  done: number;
  total: number | null;
}

interface Entry extends ImportProgress {
  userId: string;
}

const KEEP_MS = 60_000;
const MAX_ENTRIES = 1_000;
const entries = new Map<string, Entry>();

export const PROGRESS_ID = /^[A-Za-z0-9_-]{8,64}$/;

export function setProgress(id: string | undefined, userId: string, p: ImportProgress): void {
  if (!id || !PROGRESS_ID.test(id)) return;
  const known = entries.get(id);
  if (known && known.userId !== userId) return;
  if (!known && entries.size >= MAX_ENTRIES) return;
  entries.set(id, { ...p, userId });
  if (p.phase === 'done' || p.phase === 'failed') setTimeout(() => entries.delete(id), KEEP_MS).unref();
}

export function getProgress(id: string, userId: string): ImportProgress | null {
  const e = entries.get(id);
  if (!e || e.userId !== userId) return null;
  return { phase: e.phase, done: e.done, total: e.total };
}

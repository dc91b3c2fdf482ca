/**
 * The "Today" view's pure logic: which pending follow-ups are overdue, due today or due in the next
 * days (in the dealership's time zone), whose they are, and which new leads still wait for their
 * first human contact. No React and no database here, so the tests can pin the clock and the zone.
 */

/** A pending follow-up: an activity with a due date that is not done (the fields the view needs). */
export interface DueEntry {
  id: string;
  lead_id: string;
  user_id: string;
  /** ISO date-time. */
  due_at: string;
  /** `due_at` parsed once (ms since the epoch). */
  dueMs: number;
}

/** What the view needs from a lead to decide whose a follow-up is. */
export interface LeadOwner {
  assigned_to: string | null;
}

/** An activity as stored (or as a change event carries it): enough to tell whether it is pending. */
export interface ActivityLike {
  id: string;
  lead_id: string;
  user_id: string;
  due_at: string | null;
  done: boolean;
  _deleted?: boolean;
}

/** Whose follow-ups the view shows: everyone's (managers) or one person's. */
export type Scope = { kind: 'all' } | { kind: 'user'; userId: string };

export interface Buckets<T> {
  overdue: T[];
  today: T[];
  upcoming: T[];
}

export const UPCOMING_DAYS = 7;
/** Where "Posponer" moves a follow-up: tomorrow at this local hour. */
export const SNOOZE_HOUR = 9;

/** The device's own zone, used when the dealership has none. */
export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const partFormats = new Map<string, Intl.DateTimeFormat>();
function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let f = partFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    partFormats.set(timeZone, f);
  }
  return f;
}

interface WallTime { y: number; m: number; d: number; h: number; min: number; s: number }

/** The wall-clock date and time in `timeZone` at the instant `ms`. */
export function wallTime(ms: number, timeZone: string): WallTime {
  const out: Record<string, number> = {};
  for (const p of partsFormat(timeZone).formatToParts(ms)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return { y: out.year ?? 1970, m: out.month ?? 1, d: out.day ?? 1, h: (out.hour ?? 0) % 24, min: out.minute ?? 0, s: out.second ?? 0 };
}

/** How far `timeZone` is ahead of UTC at the instant `ms`. */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallTime(ms, timeZone);
  const asUtc = Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s);
  return asUtc - (ms - (ms % 1000 + 1000) % 1000);
}

/**
 * The instant of a wall-clock time in `timeZone` (month 1-12; days past the month's end roll over,
 * so `d + 1` is the next day). In a spring-forward gap it lands just after the gap.
 */
export function zonedTime(y: number, m: number, d: number, h: number, min: number, timeZone: string): number {
  const guess = Date.UTC(y, m - 1, d, h, min);
  const first = guess - offsetAt(guess, timeZone);
  const second = guess - offsetAt(first, timeZone);
  return first === second ? first : Math.max(first, second);
}

/** Midnight (the start of the local day) `days` days after the day of `ms`, in `timeZone`. */
export function startOfDay(ms: number, timeZone: string, days = 0): number {
  const w = wallTime(ms, timeZone);
  return zonedTime(w.y, w.m, w.d + days, 0, 0, timeZone);
}

/** Tomorrow at `hour`:00 local time, as an ISO string (where "Posponer" moves a follow-up). */
export function tomorrowAt(nowMs: number, timeZone: string, hour = SNOOZE_HOUR): string {
  const w = wallTime(nowMs, timeZone);
  return new Date(zonedTime(w.y, w.m, w.d + 1, hour, 0, timeZone)).toISOString();
}

/** The pending-follow-up entry of an activity, or null when it is done, deleted or has no valid due date. */
export function toDueEntry(a: ActivityLike): DueEntry | null {
  if (a._deleted || a.done || !a.due_at) return null;
  const dueMs = Date.parse(a.due_at);
  if (Number.isNaN(dueMs)) return null;
  return { id: a.id, lead_id: a.lead_id, user_id: a.user_id, due_at: a.due_at, dueMs };
}

/** Folds activity writes (in order) into the pending set; true when the set changed. */
export function applyActivities(pending: Map<string, DueEntry>, docs: Iterable<ActivityLike>): boolean {
  let changed = false;
  for (const a of docs) {
    const next = toDueEntry(a);
    const prev = pending.get(a.id);
    if (next) {
      if (!prev || prev.due_at !== next.due_at || prev.user_id !== next.user_id || prev.lead_id !== next.lead_id) {
        pending.set(a.id, next);
        changed = true;
      }
    } else if (prev) {
      pending.delete(a.id);
      changed = true;
    }
  }
  return changed;
}

/** A follow-up is someone's when they logged it or the lead is assigned to them. */
export function isTheirs(e: Pick<DueEntry, 'user_id'>, lead: LeadOwner | undefined, userId: string): boolean {
  return e.user_id === userId || lead?.assigned_to === userId;
}

export function inScope(e: Pick<DueEntry, 'user_id' | 'lead_id'>, leads: ReadonlyMap<string, LeadOwner>, scope: Scope): boolean {
  return scope.kind === 'all' || isTheirs(e, leads.get(e.lead_id), scope.userId);
}

/**
 * Splits follow-ups into overdue (due before today's local midnight), today, and the next
 * `upcomingDays` days; anything later is left out. Each bucket is sorted by due time, then id.
 */
export function bucketByDue<T extends Pick<DueEntry, 'dueMs' | 'id'>>(items: Iterable<T>, nowMs: number, timeZone: string, upcomingDays = UPCOMING_DAYS): Buckets<T> {
  const today = startOfDay(nowMs, timeZone);
  const tomorrow = startOfDay(nowMs, timeZone, 1);
  const end = startOfDay(nowMs, timeZone, 1 + upcomingDays);
  const out: Buckets<T> = { overdue: [], today: [], upcoming: [] };
  for (const e of items) {
    if (e.dueMs < today) out.overdue.push(e);
    else if (e.dueMs < tomorrow) out.today.push(e);
    else if (e.dueMs < end) out.upcoming.push(e);
  }
  const byDue = (a: T, b: T) => a.dueMs - b.dueMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return { overdue: out.overdue.toSorted(byDue), today: out.today.toSorted(byDue), upcoming: out.upcoming.toSorted(byDue) };
}

/** Overdue plus due today in `scope` (the nav badge). */
export function countDue(entries: Iterable<DueEntry>, leads: ReadonlyMap<string, LeadOwner>, scope: Scope, nowMs: number, timeZone: string): number {
  const tomorrow = startOfDay(nowMs, timeZone, 1);
  let n = 0;
  for (const e of entries) if (e.dueMs < tomorrow && inScope(e, leads, scope)) n++;
  return n;
}

export interface NewLeadLike {
  id: string;
  status: string;
  assigned_to: string | null;
  first_response_at: string | null;
  created_at: string;
}

/**
 * New leads nobody has answered yet, oldest first: speed to lead is the time of the first human
 * contact minus the time the lead arrived (DOMAIN.md). With a user scope, only theirs.
 */
export function unansweredLeads<L extends NewLeadLike>(leads: Iterable<L>, scope: Scope): L[] {
  const out: L[] = [];
  for (const l of leads) {
    if (l.status !== 'new' || l.first_response_at) continue;
    if (scope.kind === 'user' && l.assigned_to !== scope.userId) continue;
    out.push(l);
  }
  return out.toSorted((a, b) => (Date.parse(a.created_at) || 0) - (Date.parse(b.created_at) || 0) || (a.id < b.id ? -1 : 1));
}

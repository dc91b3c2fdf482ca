import { z } from 'zod';
import { localClock } from './availability.ts';

/**
 * Which channels a notification goes out on, for one user: their per-type preferences and their
 * quiet hours (in their time zone). In-app always lands (it is the replicated record itself);
 * inside quiet hours nothing is pushed or mailed unless the notification is `urgent`.
 * Pure: the server runs it for every notification, the Settings screen uses it for its preview.
 */
export const NOTIFICATION_CHANNELS = ['in_app', 'push', 'email'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** Every type a user can set channels for; also the server's list of notification types (sync-server notifications/types.ts). */
export const PREFERENCE_TYPES = [
  'lead_assigned',
  'lead_reassigned',
  'lead_unanswered',
  'hot_lead',
  'follow_up_due',
  'aged_inventory',
  'daily_report',
] as const;
export type PreferenceType = (typeof PREFERENCE_TYPES)[number];

/** What a user gets when they have chosen nothing. */
export const DEFAULT_CHANNELS: Record<PreferenceType, NotificationChannel[]> = {
  lead_assigned: ['in_app', 'push'],
  lead_reassigned: ['in_app', 'push'],
  lead_unanswered: ['in_app', 'push'],
  hot_lead: ['in_app', 'push'],
  follow_up_due: ['in_app', 'push'],
  aged_inventory: ['in_app'],
  daily_report: ['in_app', 'email'],
};

export const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM (00:00 to 23:59)');

export function isTimeZoneName(tz: string): boolean {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: tz }).resolvedOptions().timeZone.length > 0;
  } catch {
    return false;
  }
}

/** The preference fields, shared by the REST body and the replicated document (entities/notification-preferences.ts). */
export const preferenceShape = {
  channels: z.partialRecord(z.enum(PREFERENCE_TYPES), z.array(z.enum(NOTIFICATION_CHANNELS)).max(3)),
  quiet_start: hhmm.nullable(),
  quiet_end: hhmm.nullable(),
  time_zone: z.string().max(60).refine(isTimeZoneName, 'an IANA time zone such as Europe/Madrid').nullable(),
};

/** Quiet hours have both ends or none. */
export const quietHoursPaired = (p: { quiet_start: string | null; quiet_end: string | null }) => (p.quiet_start === null) === (p.quiet_end === null);
export const QUIET_HOURS_PAIRED = { message: 'quiet hours need both a start and an end', path: ['quiet_end'] };

/** A user's preferences as stored and as edited: strict, so a bad time or zone is refused. */
export const notificationPreferences = z.object(preferenceShape).strict().refine(quietHoursPaired, QUIET_HOURS_PAIRED);
export type NotificationPreferences = z.infer<typeof notificationPreferences>;

export const EMPTY_PREFERENCES: NotificationPreferences = { channels: {}, quiet_start: null, quiet_end: null, time_zone: null };

const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/**
 * Whether `at` falls inside quiet hours [start, end) in `timeZone`. An end before the start means
 * the hours cross midnight (22:00 to 07:00); equal start and end means no quiet hours.
 */
export function inQuietHours(at: Date, start: string | null, end: string | null, timeZone: string): boolean {
  if (!start || !end || start === end) return false;
  const now = minutes(localClock(at, timeZone).time);
  const s = minutes(start);
  const e = minutes(end);
  return s < e ? now >= s && now < e : now >= s || now < e;
}

export interface DeliveryDecision {
  in_app: true;
  push: boolean;
  email: boolean;
  /** Whether quiet hours held back a channel the user chose. */
  quiet: boolean;
}

export function channelsFor(type: string, prefs: Pick<NotificationPreferences, 'channels'> | null): NotificationChannel[] {
  const chosen = prefs?.channels[type as PreferenceType];
  return chosen ?? DEFAULT_CHANNELS[type as PreferenceType] ?? ['in_app'];
}

export function deliveryChannels(input: {
  type: string;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  prefs: NotificationPreferences | null;
  at: Date;
  /** The time zone when the user has none of their own: the dealership's. */
  defaultTimeZone: string;
}): DeliveryDecision {
  const chosen = channelsFor(input.type, input.prefs);
  const tz = input.prefs?.time_zone ?? input.defaultTimeZone;
  const quiet = input.priority !== 'urgent' && inQuietHours(input.at, input.prefs?.quiet_start ?? null, input.prefs?.quiet_end ?? null, tz);
  const wants = (c: NotificationChannel) => chosen.includes(c);
  return { in_app: true, push: wants('push') && !quiet, email: wants('email') && !quiet, quiet: quiet && (wants('push') || wants('email')) };
}

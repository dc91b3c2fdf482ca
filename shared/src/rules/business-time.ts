/** Time counted in a dealership's business hours (escalation delays, first-response KPIs). */
import { localClock, type AvailabilityDealership } from './availability.ts';

const MINUTE = 60_000;

/** Offset of `tz` from UTC at instant `t`, in ms (local wall clock − UTC). */
const formatters = new Map<string, Intl.DateTimeFormat>();
function offsetMs(t: number, tz: string): number {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(tz, f);
  }
  const p = f.formatToParts(new Date(t));
  const g = (k: string) => Number(p.find((x) => x.type === k)?.value ?? 0);
  return Date.UTC(g('year'), g('month') - 1, g('day'), g('hour'), g('minute'), g('second')) - Math.floor(t / 1000) * 1000;
}

/** The instant of local wall-clock `date` ("YYYY-MM-DD") + `time` ("HH:MM", "24:00" allowed) in `tz`. */
export function localInstant(date: string, time: string, tz: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  let t = wall - offsetMs(wall, tz);
  t = wall - offsetMs(t, tz); // second pass settles the offset across a DST change
  return t;
}

/** ISO weekday ("1" = Monday … "7" = Sunday) of a calendar date. */
function weekdayOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return String(((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1);
}

function nextDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/**
 * `start` plus `minutes` of business time: only minutes inside the dealership's business hours
 * (in its time zone) and outside its holidays count. Without business hours every minute counts.
 * A lead received at 19:55 on a Friday with hours until 20:00 and a 120-minute delay is due at
 * 10:55 on Monday (09:00 opening), not on Friday night. Gives up after 400 days (always closed).
 */
export function addBusinessMinutes(start: Date, minutes: number, dealership: AvailabilityDealership): Date | null {
  const hours = dealership.business_hours ?? {};
  if (Object.keys(hours).length === 0) return new Date(start.getTime() + minutes * MINUTE);
  let remaining = minutes * MINUTE;
  let cursor = start.getTime();
  let { date } = localClock(start, dealership.timezone);
  for (let day = 0; day < 400; day += 1) {
    if (!dealership.holidays?.includes(date)) {
      const weekday = weekdayOf(date);
      const intervals = (hours[weekday] ?? []).toSorted((a, b) => a[0].localeCompare(b[0]));
      for (const [s, e] of intervals) {
        const from = Math.max(localInstant(date, s, dealership.timezone), cursor);
        const end = localInstant(date, e, dealership.timezone);
        if (from >= end) continue;
        if (end - from >= remaining) return new Date(from + remaining);
        remaining -= end - from;
        cursor = end;
      }
    }
    date = nextDate(date);
    cursor = Math.max(cursor, localInstant(date, '00:00', dealership.timezone));
  }
  return null;
}

/** Business minutes between two instants (0 when `to` is before `from`); minute resolution. */
export function businessMinutesBetween(from: Date, to: Date, dealership: AvailabilityDealership): number {
  if (to <= from) return 0;
  const hours = dealership.business_hours ?? {};
  if (Object.keys(hours).length === 0) return Math.floor((to.getTime() - from.getTime()) / MINUTE);
  let total = 0;
  let cursor = from.getTime();
  let { date } = localClock(from, dealership.timezone);
  while (cursor < to.getTime()) {
    if (!dealership.holidays?.includes(date)) {
      for (const [s, e] of hours[weekdayOf(date)] ?? []) {
        const a = Math.max(localInstant(date, s, dealership.timezone), cursor);
        const b = Math.min(localInstant(date, e, dealership.timezone), to.getTime());
        if (b > a) total += b - a;
      }
    }
    date = nextDate(date);
    cursor = Math.max(cursor, localInstant(date, '00:00', dealership.timezone));
  }
  return Math.floor(total / MINUTE);
}

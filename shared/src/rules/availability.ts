/** Weekday ("1" = Monday … "7" = Sunday) to [start, end) "HH:MM" intervals, in the dealership's time zone. */
export type WeeklyHours = Record<string, readonly (readonly [string, string])[]>;

export interface AvailabilityUser {
  is_active: boolean;
  working_hours: WeeklyHours;
  /** Local dates ("YYYY-MM-DD") the person is off. */
  days_off?: readonly string[];
}

export interface AvailabilityDealership {
  timezone: string;
  /** Opening hours; an empty object means "no constraint beyond each person's hours". */
  business_hours?: WeeklyHours;
  /** Local dates ("YYYY-MM-DD") the dealership is closed. */
  holidays?: readonly string[];
}

const WEEKDAY: Record<string, string> = { Mon: '1', Tue: '2', Wed: '3', Thu: '4', Fri: '5', Sat: '6', Sun: '7' };

/** The wall-clock date, ISO weekday and "HH:MM" of an instant in a time zone (DST handled by Intl). */
export function localClock(at: Date, timeZone: string): { date: string; weekday: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit' }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, weekday: WEEKDAY[get('weekday')] ?? '', time: `${get('hour')}:${get('minute')}` };
}

const within = (hours: WeeklyHours | undefined, weekday: string, time: string) => (hours?.[weekday] ?? []).some(([start, end]) => start <= time && time < end);

/**
 * Whether a person can take a lead at `at`: active, not on a day off or a dealership holiday, inside
 * their working hours and (when the dealership sets them) its business hours, all read in the
 * dealership's time zone. Lead routing uses it; so can the device, offline.
 */
export function isAvailableNow(user: AvailabilityUser, dealership: AvailabilityDealership, at: Date): boolean {
  if (!user.is_active) return false;
  const { date, weekday, time } = localClock(at, dealership.timezone);
  if (dealership.holidays?.includes(date) || user.days_off?.includes(date)) return false;
  if (!within(user.working_hours, weekday, time)) return false;
  const business = dealership.business_hours;
  if (business && Object.keys(business).length > 0 && !within(business, weekday, time)) return false;
  return true;
}

/** Sales periods as instants, in the dealership's time zone (weeks start on Monday). Pure. */
import type { SalesPeriod } from './types.ts';

function wall(ms: number, timeZone: string): { y: number; m: number; d: number; wd: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'short' }).formatToParts(ms);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const wd = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday'));
  return { y: Number(get('year')), m: Number(get('month')), d: Number(get('day')), wd };
}

/** The instant of local midnight of y-m-d in `timeZone` (days and months past the end roll over). */
export function localMidnight(y: number, m: number, d: number, timeZone: string): number {
  const guess = Date.UTC(y, m - 1, d);
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' }).formatToParts(guess);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'));
  return guess - (asUtc - guess);
}

/** [from, to) of a period containing `now` (last_month / last_year: the whole previous one). */
export function periodRange(period: SalesPeriod, now: Date, timeZone = 'UTC'): { from: Date; to: Date } {
  const { y, m, d, wd } = wall(now.getTime(), timeZone);
  const at = (yy: number, mm: number, dd: number) => new Date(localMidnight(yy, mm, dd, timeZone));
  switch (period) {
    case 'today': return { from: at(y, m, d), to: at(y, m, d + 1) };
    case 'this_week': return { from: at(y, m, d - wd), to: at(y, m, d - wd + 7) };
    case 'this_month': return { from: at(y, m, 1), to: at(y, m + 1, 1) };
    case 'last_month': return { from: at(y, m - 1, 1), to: at(y, m, 1) };
    case 'this_year': return { from: at(y, 1, 1), to: at(y + 1, 1, 1) };
    case 'last_year': return { from: at(y - 1, 1, 1), to: at(y, 1, 1) };
  }
}

import { describe, expect, it } from 'vitest';
import { isAvailableNow, localClock } from './availability.ts';

const madrid = { timezone: 'Europe/Madrid', business_hours: { '1': [['09:00', '21:00']], '2': [['09:00', '21:00']], '7': [['10:00', '14:00']] } as const, holidays: ['2026-12-25'] };
const ana = { is_active: true, working_hours: { '1': [['09:00', '14:00'], ['16:00', '20:00']], '2': [['09:00', '14:00']], '7': [['08:00', '13:00']] } as const, days_off: ['2026-12-01'] };

describe('isAvailableNow', () => {
  it('reads hours in the dealership time zone, not UTC', () => {
    // Monday 2026-12-07 09:30 in Madrid (CET, UTC+1) is 08:30 UTC.
    expect(isAvailableNow(ana, madrid, new Date('2026-12-07T08:30:00Z'))).toBe(true);
    expect(isAvailableNow(ana, madrid, new Date('2026-12-07T07:30:00Z'))).toBe(false);
    // The lunch gap and the end of the interval (end is exclusive).
    expect(isAvailableNow(ana, madrid, new Date('2026-12-07T14:00:00Z'))).toBe(false);
    expect(isAvailableNow(ana, madrid, new Date('2026-12-07T18:59:00Z'))).toBe(true);
    expect(isAvailableNow(ana, madrid, new Date('2026-12-07T19:00:00Z'))).toBe(false);
  });

  it('is correct on both sides of a daylight-saving change', () => {
    // Europe/Madrid moves to CEST (UTC+2) on Sunday 2026-03-29 at 02:00.
    expect(localClock(new Date('2026-03-28T08:30:00Z'), 'Europe/Madrid')).toEqual({ date: '2026-03-28', weekday: '6', time: '09:30' });
    expect(localClock(new Date('2026-03-30T07:30:00Z'), 'Europe/Madrid')).toEqual({ date: '2026-03-30', weekday: '1', time: '09:30' });
    // Monday after the change: 09:30 local is 07:30 UTC (before the change it was 08:30 UTC).
    expect(isAvailableNow(ana, madrid, new Date('2026-03-30T07:30:00Z'))).toBe(true);
    expect(isAvailableNow(ana, madrid, new Date('2026-03-23T07:30:00Z'))).toBe(false);
    // The Sunday of the change: 10:30 CEST = 08:30 UTC, inside both Ana's and the business hours.
    expect(isAvailableNow(ana, madrid, new Date('2026-03-29T08:30:00Z'))).toBe(true);
    // And the autumn change (2026-10-25 back to UTC+1): 09:30 local on Monday 26th is 08:30 UTC.
    expect(isAvailableNow(ana, madrid, new Date('2026-10-26T08:30:00Z'))).toBe(true);
    expect(isAvailableNow(ana, madrid, new Date('2026-10-26T07:30:00Z'))).toBe(false);
  });

  it('respects business hours, holidays, days off and deactivation', () => {
    // Sunday 08:30 local: Ana works from 08:00 but the dealership opens at 10:00.
    expect(isAvailableNow(ana, madrid, new Date('2026-12-06T07:30:00Z'))).toBe(false);
    expect(isAvailableNow(ana, madrid, new Date('2026-12-06T09:30:00Z'))).toBe(true);
    // Friday 2026-12-25 is a holiday; Tuesday 2026-12-01 is her day off; the day after is not.
    expect(isAvailableNow({ ...ana, working_hours: { '5': [['00:00', '24:00']] } }, madrid, new Date('2026-12-25T10:00:00Z'))).toBe(false);
    expect(isAvailableNow(ana, madrid, new Date('2026-12-01T09:00:00Z'))).toBe(false);
    expect(isAvailableNow(ana, madrid, new Date('2026-12-08T09:00:00Z'))).toBe(true);
    expect(isAvailableNow({ ...ana, is_active: false }, madrid, new Date('2026-12-08T09:00:00Z'))).toBe(false);
    // No business hours set: only the person's hours count. A local date differs from the UTC one.
    expect(isAvailableNow(ana, { timezone: 'America/New_York' }, new Date('2026-12-08T14:30:00Z'))).toBe(true);
    expect(localClock(new Date('2026-12-08T02:00:00Z'), 'America/New_York').date).toBe('2026-12-07');
  });
});

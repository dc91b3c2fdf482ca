import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, businessMinutesBetween, localInstant } from './business-time.ts';

const weekdays = ['1', '2', '3', '4', '5'];
const madrid = { timezone: 'Europe/Madrid', business_hours: Object.fromEntries(weekdays.map((d) => [d, [['09:00', '14:00'], ['16:00', '20:00']] as [string, string][]])), holidays: ['2026-12-08'] };

describe('business time', () => {
  it('converts a local wall-clock time to an instant, across DST', () => {
    expect(new Date(localInstant('2026-12-04', '19:55', 'Europe/Madrid')).toISOString()).toBe('2026-12-04T18:55:00.000Z');
    expect(new Date(localInstant('2026-07-03', '09:00', 'Europe/Madrid')).toISOString()).toBe('2026-07-03T07:00:00.000Z');
  });

  it('a lead at 19:55 on Friday is due on Monday morning, not Friday night', () => {
    // Friday 2026-12-04 19:55 Madrid: 5 minutes on Friday, then 115 from Monday 09:00 = 10:55.
    const due = addBusinessMinutes(new Date('2026-12-04T18:55:00Z'), 120, madrid);
    expect(due?.toISOString()).toBe('2026-12-07T09:55:00.000Z');
  });

  it('skips the lunch gap, closed days and holidays', () => {
    expect(addBusinessMinutes(new Date('2026-12-07T12:30:00Z'), 60, madrid)?.toISOString()).toBe('2026-12-07T15:30:00.000Z');
    // Monday 7th 19:30 local: 30 minutes on Monday, Tuesday 8th is a holiday, Wednesday 09:00 + 90.
    expect(addBusinessMinutes(new Date('2026-12-07T18:30:00Z'), 120, madrid)?.toISOString()).toBe('2026-12-09T09:30:00.000Z');
    // Arriving on a Sunday starts counting at Monday's opening.
    expect(addBusinessMinutes(new Date('2026-12-06T10:00:00Z'), 30, madrid)?.toISOString()).toBe('2026-12-07T08:30:00.000Z');
  });

  it('counts every minute when no business hours are set, and null when always closed', () => {
    expect(addBusinessMinutes(new Date('2026-12-04T18:55:00Z'), 120, { timezone: 'UTC' })?.toISOString()).toBe('2026-12-04T20:55:00.000Z');
    expect(addBusinessMinutes(new Date('2026-12-04T18:55:00Z'), 120, { timezone: 'UTC', business_hours: { '1': [] } })).toBeNull();
  });

  it('measures business minutes between two instants, consistent with addBusinessMinutes', () => {
    const from = new Date('2026-12-04T18:55:00Z');
    expect(businessMinutesBetween(from, new Date('2026-12-07T09:55:00Z'), madrid)).toBe(120);
    expect(businessMinutesBetween(from, new Date('2026-12-05T12:00:00Z'), madrid)).toBe(5);
    expect(businessMinutesBetween(new Date('2026-12-07T10:00:00Z'), new Date('2026-12-07T09:00:00Z'), madrid)).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { deliveryChannels, inQuietHours, notificationPreferences, type NotificationPreferences } from './notification-delivery.ts';

const prefs = (p: Partial<NotificationPreferences>): NotificationPreferences => ({ channels: {}, quiet_start: null, quiet_end: null, time_zone: null, ...p });

describe('inQuietHours', () => {
  it('handles hours that cross midnight (22:00 to 07:00), end exclusive', () => {
    // Madrid is UTC+1 in December.
    expect(inQuietHours(new Date('2026-12-07T21:30:00Z'), '22:00', '07:00', 'Europe/Madrid')).toBe(true); // 22:30
    expect(inQuietHours(new Date('2026-12-07T02:00:00Z'), '22:00', '07:00', 'Europe/Madrid')).toBe(true); // 03:00
    expect(inQuietHours(new Date('2026-12-07T05:59:00Z'), '22:00', '07:00', 'Europe/Madrid')).toBe(true); // 06:59
    expect(inQuietHours(new Date('2026-12-07T06:00:00Z'), '22:00', '07:00', 'Europe/Madrid')).toBe(false); // 07:00
    expect(inQuietHours(new Date('2026-12-07T20:59:00Z'), '22:00', '07:00', 'Europe/Madrid')).toBe(false); // 21:59
  });

  it('handles hours within one day', () => {
    expect(inQuietHours(new Date('2026-12-07T13:30:00Z'), '14:00', '16:00', 'Europe/Madrid')).toBe(true); // 14:30
    expect(inQuietHours(new Date('2026-12-07T15:00:00Z'), '14:00', '16:00', 'Europe/Madrid')).toBe(false); // 16:00
  });

  it('reads the clock in the given time zone, not UTC', () => {
    const at = new Date('2026-12-07T04:00:00Z'); // 05:00 Madrid, 23:00 the day before in New York
    expect(inQuietHours(at, '22:00', '07:00', 'Europe/Madrid')).toBe(true);
    expect(inQuietHours(at, '00:00', '06:00', 'America/New_York')).toBe(false);
    expect(inQuietHours(at, '22:00', '23:30', 'America/New_York')).toBe(true);
  });

  it('has no quiet hours when unset or start equals end', () => {
    expect(inQuietHours(new Date('2026-12-07T02:00:00Z'), null, null, 'UTC')).toBe(false);
    expect(inQuietHours(new Date('2026-12-07T02:00:00Z'), '02:00', '02:00', 'UTC')).toBe(false);
  });
});

describe('deliveryChannels', () => {
  const night = new Date('2026-12-07T02:00:00Z'); // 03:00 Madrid
  const day = new Date('2026-12-07T10:00:00Z'); // 11:00 Madrid
  const ana = prefs({ quiet_start: '22:00', quiet_end: '07:00', channels: { hot_lead: ['in_app', 'push', 'email'] } });

  it('uses the chosen channels outside quiet hours', () => {
    expect(deliveryChannels({ type: 'hot_lead', priority: 'high', prefs: ana, at: day, defaultTimeZone: 'Europe/Madrid' })).toEqual({ in_app: true, push: true, email: true, quiet: false });
  });

  it('holds push and email inside quiet hours, but in-app always lands', () => {
    expect(deliveryChannels({ type: 'hot_lead', priority: 'high', prefs: ana, at: night, defaultTimeZone: 'Europe/Madrid' })).toEqual({ in_app: true, push: false, email: false, quiet: true });
  });

  it('lets urgent through quiet hours', () => {
    expect(deliveryChannels({ type: 'hot_lead', priority: 'urgent', prefs: ana, at: night, defaultTimeZone: 'Europe/Madrid' })).toEqual({ in_app: true, push: true, email: true, quiet: false });
  });

  it("uses the user's own time zone over the dealership's", () => {
    const ny = { ...ana, time_zone: 'America/New_York' }; // 03:00 Madrid is 21:00 in New York: not quiet
    expect(deliveryChannels({ type: 'hot_lead', priority: 'high', prefs: ny, at: night, defaultTimeZone: 'Europe/Madrid' }).push).toBe(true);
  });

  it('falls back to the defaults per type, and a type turned off sends in-app only', () => {
    expect(deliveryChannels({ type: 'daily_report', priority: 'normal', prefs: null, at: day, defaultTimeZone: 'UTC' })).toEqual({ in_app: true, push: false, email: true, quiet: false });
    const off = prefs({ channels: { hot_lead: [] } });
    expect(deliveryChannels({ type: 'hot_lead', priority: 'urgent', prefs: off, at: day, defaultTimeZone: 'UTC' })).toEqual({ in_app: true, push: false, email: false, quiet: false });
  });
});

describe('notificationPreferences', () => {
  it('refuses an invalid time, an unknown zone, half-set quiet hours and unknown fields', () => {
    expect(notificationPreferences.safeParse(prefs({ quiet_start: '25:00', quiet_end: '07:00' })).success).toBe(false);
    expect(notificationPreferences.safeParse(prefs({ time_zone: 'Mars/Olympus' })).success).toBe(false);
    expect(notificationPreferences.safeParse(prefs({ quiet_start: '22:00' })).success).toBe(false);
    expect(notificationPreferences.safeParse({ ...prefs({}), extra: 1 }).success).toBe(false);
    expect(notificationPreferences.safeParse({ ...prefs({}), channels: { hot_lead: ['sms'] } }).success).toBe(false);
    expect(notificationPreferences.safeParse(prefs({ quiet_start: '22:00', quiet_end: '07:00', time_zone: 'Europe/Madrid', channels: { hot_lead: ['push'] } })).success).toBe(true);
  });
});

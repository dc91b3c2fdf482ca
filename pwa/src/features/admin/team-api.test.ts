import { describe, expect, it } from 'vitest';
import { formatIntervals, parseIntervals } from './team-api.ts';

describe('working-hours text', () => {
  it('parses and formats intervals', () => {
    expect(parseIntervals('9:00-14:00, 16:00 - 20:00')).toEqual([['09:00', '14:00'], ['16:00', '20:00']]);
    expect(parseIntervals('')).toEqual([]);
    expect(formatIntervals([['09:00', '14:00'], ['16:00', '20:00']])).toBe('09:00-14:00, 16:00-20:00');
  });
  it('refuses what the server would refuse', () => {
    for (const bad of ['18:00-09:00', '9-14', '09:00-25:00', '09:00-14:00,, x']) expect(parseIntervals(bad), bad).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { formatIntervals, parseDateList, parseIntervals } from './team-api.ts';

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

describe('days off and holidays text', () => {
  it('parses comma-separated dates and refuses anything else', () => {
    expect(parseDateList('2026-12-24, 2026-12-31')).toEqual(['2026-12-24', '2026-12-31']);
    expect(parseDateList('  ')).toEqual([]);
    for (const bad of ['24/12/2026', '2026-13-01', '2026-12-24 2026-12-31']) expect(parseDateList(bad), bad).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { currentMonth, planFromDraft, serverFieldErrors, targetsFromDraft } from './plan-targets.ts';

describe('commission plan and targets drafts', () => {
  it('a plan: required value, a percentage at most 100, an optional minimum', () => {
    expect(planFromDraft({ type: 'percent_of_gross', value: '12.5', minimum: '' })).toEqual({ plan: { type: 'percent_of_gross', value: 12.5, minimum_per_unit: null } });
    expect(planFromDraft({ type: 'flat_per_unit', value: '300', minimum: '150' })).toEqual({ plan: { type: 'flat_per_unit', value: 300, minimum_per_unit: 150 } });
    expect(planFromDraft({ type: 'percent_of_gross', value: '150', minimum: '' })).toEqual({ errors: { value: 'maxPercent' } });
    expect(planFromDraft({ type: 'flat_per_unit', value: '150', minimum: '' })).toHaveProperty('plan');
    expect(planFromDraft({ type: 'flat_per_unit', value: '', minimum: 'NaN' })).toEqual({ errors: { value: 'required', minimum: 'notNumber' } });
    expect(planFromDraft({ type: 'flat_per_unit', value: '-1', minimum: '2000000' })).toEqual({ errors: { value: 'negative', minimum: 'tooLarge' } });
  });

  it('targets: whole units, empty means no target, errors keyed by rep and field', () => {
    expect(targetsFromDraft([{ user_id: 'a', units: '4', revenue: '' }])).toEqual({ targets: [{ user_id: 'a', units: 4, revenue: null }] });
    expect(targetsFromDraft([{ user_id: 'a', units: '1.5', revenue: '-3' }, { user_id: 'b', units: '2', revenue: '9' }]))
      .toEqual({ errors: { 'a.units': 'whole', 'a.revenue': 'negative' } });
  });

  it('maps the server\'s issue paths to the fields', () => {
    expect(serverFieldErrors({ issues: [{ path: 'value' }, { path: 'minimum_per_unit' }] })).toEqual({ value: 'server', minimum: 'server' });
    expect(serverFieldErrors({ issues: [{ path: 'targets.1.revenue' }, { path: 'targets.9.units' }, { path: 'month' }] }, ['a', 'b'])).toEqual({ 'b.revenue': 'server' });
    expect(serverFieldErrors(undefined)).toEqual({});
  });

  it('the current month is the dealership\'s local month', () => {
    const lastEvening = new Date('2026-03-31T22:30:00Z'); // 00:30 on 1 April in Madrid
    expect(currentMonth('Europe/Madrid', lastEvening)).toBe('2026-04');
    expect(currentMonth('America/New_York', lastEvening)).toBe('2026-03');
  });
});

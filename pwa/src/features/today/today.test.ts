import { describe, expect, it } from 'vitest';
import {
  applyActivities,
  bucketByDue,
  countDue,
  startOfDay,
  toDueEntry,
  tomorrowAt,
  unansweredLeads,
  zonedTime,
  type ActivityLike,
  type DueEntry,
  type LeadOwner,
} from './today.ts';

const MADRID = 'Europe/Madrid';
const ANA = 'ana';
const LUIS = 'luis';

function entry(id: string, due_at: string, user_id = ANA, lead_id = `lead-${id}`): DueEntry {
  return { id, lead_id, user_id, due_at, dueMs: Date.parse(due_at) };
}

describe('time zone helpers', () => {
  it('find local midnight in Madrid in winter (UTC+1) and summer (UTC+2)', () => {
    expect(new Date(startOfDay(Date.parse('2026-01-15T12:00:00Z'), MADRID)).toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(new Date(startOfDay(Date.parse('2026-07-15T12:00:00Z'), MADRID)).toISOString()).toBe('2026-07-14T22:00:00.000Z');
  });

  it('count the local date, not the UTC one, just after midnight', () => {
    // 00:30 in Madrid on 16 July is still 15 July in UTC.
    const now = Date.parse('2026-07-15T22:30:00Z');
    expect(new Date(startOfDay(now, MADRID)).toISOString()).toBe('2026-07-15T22:00:00.000Z');
    expect(new Date(startOfDay(now, 'UTC')).toISOString()).toBe('2026-07-15T00:00:00.000Z');
  });

  it('step over daylight-saving changes by calendar days', () => {
    // Spring forward on 29 March 2026: that day is 23 hours long in Madrid.
    const sat = Date.parse('2026-03-28T10:00:00Z');
    expect(new Date(startOfDay(sat, MADRID, 1)).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(new Date(startOfDay(sat, MADRID, 2)).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    // Fall back on 25 October 2026: 25 hours.
    const oct = Date.parse('2026-10-24T10:00:00Z');
    expect(new Date(startOfDay(oct, MADRID, 1)).toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(new Date(startOfDay(oct, MADRID, 2)).toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('lands after a spring-forward gap instead of before it', () => {
    // 02:30 does not exist in Madrid on 29 March 2026; 03:30 CEST is 01:30Z.
    expect(new Date(zonedTime(2026, 3, 29, 2, 30, MADRID)).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('snooze to tomorrow at 9:00 local time, across month ends and in other zones', () => {
    expect(tomorrowAt(Date.parse('2026-01-31T20:00:00Z'), MADRID)).toBe('2026-02-01T08:00:00.000Z');
    expect(tomorrowAt(Date.parse('2026-07-15T23:30:00Z'), MADRID)).toBe('2026-07-17T07:00:00.000Z');
    expect(tomorrowAt(Date.parse('2026-07-15T12:00:00Z'), 'America/Mexico_City')).toBe('2026-07-16T15:00:00.000Z');
  });
});

describe('bucketByDue', () => {
  // Wednesday 15 July 2026, 10:00 in Madrid.
  const now = Date.parse('2026-07-15T08:00:00Z');
  const items = [
    entry('late-old', '2026-07-01T08:00:00Z'),
    entry('late-last-night', '2026-07-14T21:59:00Z'), // 23:59 on the 14th, local
    entry('today-early', '2026-07-14T22:00:00Z'), // 00:00 on the 15th, local
    entry('today-past', '2026-07-15T07:00:00Z'), // 09:00 today: past but still today
    entry('today-late', '2026-07-15T21:59:59Z'),
    entry('tomorrow', '2026-07-15T22:00:00Z'),
    entry('day7', '2026-07-22T21:59:00Z'),
    entry('day8', '2026-07-22T22:00:00Z'),
  ];

  it('splits overdue (before local midnight), today and the next 7 days, and leaves later ones out', () => {
    const b = bucketByDue(items, now, MADRID);
    expect(b.overdue.map((e) => e.id)).toEqual(['late-old', 'late-last-night']);
    expect(b.today.map((e) => e.id)).toEqual(['today-early', 'today-past', 'today-late']);
    expect(b.upcoming.map((e) => e.id)).toEqual(['tomorrow', 'day7']);
  });

  it('sorts by due time whatever the input order, ties by id', () => {
    const b = bucketByDue(items.toReversed().concat(entry('a-tie', '2026-07-15T07:00:00Z')), now, MADRID);
    expect(b.today.map((e) => e.id)).toEqual(['today-early', 'a-tie', 'today-past', 'today-late']);
    expect(b.overdue.map((e) => e.id)).toEqual(['late-old', 'late-last-night']);
  });

  it('depends on the zone: the same instant is yesterday in New York', () => {
    const b = bucketByDue([entry('x', '2026-07-15T02:00:00Z')], Date.parse('2026-07-15T14:00:00Z'), 'America/New_York');
    expect(b.overdue.map((e) => e.id)).toEqual(['x']);
    expect(bucketByDue([entry('x', '2026-07-15T02:00:00Z')], Date.parse('2026-07-15T14:00:00Z'), MADRID).today).toHaveLength(1);
  });
});

const act = (over: Partial<ActivityLike> = {}): ActivityLike => ({ id: 'a1', lead_id: 'l1', user_id: ANA, due_at: '2026-07-15T07:00:00Z', done: false, ...over });

describe('the pending set', () => {
  it('keeps only activities with a valid due date that are not done or deleted', () => {
    expect(toDueEntry(act())).toMatchObject({ id: 'a1', dueMs: Date.parse('2026-07-15T07:00:00Z') });
    expect(toDueEntry(act({ done: true }))).toBeNull();
    expect(toDueEntry(act({ due_at: null }))).toBeNull();
    expect(toDueEntry(act({ due_at: 'soon' }))).toBeNull();
    expect(toDueEntry(act({ _deleted: true }))).toBeNull();
  });

  it('folds writes in order: add, snooze, done, tombstone', () => {
    const pending = new Map<string, DueEntry>();
    expect(applyActivities(pending, [act(), act({ id: 'a2' })])).toBe(true);
    expect([...pending.keys()]).toEqual(['a1', 'a2']);
    expect(applyActivities(pending, [act()])).toBe(false);
    applyActivities(pending, [act({ due_at: '2026-07-16T07:00:00Z' })]);
    expect(pending.get('a1')?.due_at).toBe('2026-07-16T07:00:00Z');
    applyActivities(pending, [act({ done: true }), act({ id: 'a2', _deleted: true })]);
    expect(pending.size).toBe(0);
  });
});

describe('whose follow-ups', () => {
  const now = Date.parse('2026-07-15T08:00:00Z');
  const leads = new Map<string, LeadOwner>([['l-ana', { assigned_to: ANA }], ['l-luis', { assigned_to: LUIS }], ['l-free', { assigned_to: null }]]);
  const entries = [
    entry('mine-on-mine', '2026-07-15T07:00:00Z', ANA, 'l-ana'),
    entry('luis-on-mine', '2026-07-14T07:00:00Z', LUIS, 'l-ana'),
    entry('mine-on-luis', '2026-07-15T09:00:00Z', ANA, 'l-luis'),
    entry('luis-on-luis', '2026-07-15T09:00:00Z', LUIS, 'l-luis'),
    entry('luis-on-free', '2026-07-15T09:00:00Z', LUIS, 'l-free'),
    entry('mine-tomorrow', '2026-07-16T09:00:00Z', ANA, 'l-ana'),
  ];

  it('counts overdue plus today that I logged or that are on my leads (the badge)', () => {
    expect(countDue(entries, leads, { kind: 'user', userId: ANA }, now, MADRID)).toBe(3);
    expect(countDue(entries, leads, { kind: 'user', userId: LUIS }, now, MADRID)).toBe(4);
    expect(countDue(entries, leads, { kind: 'all' }, now, MADRID)).toBe(5);
  });
});

const newLead = (id: string, over: Partial<{ status: string; assigned_to: string | null; first_response_at: string | null; created_at: string }> = {}) => ({
  id, status: 'new', assigned_to: ANA, first_response_at: null, created_at: '2026-07-15T08:00:00Z', ...over,
});

describe('unansweredLeads', () => {
  it('lists new leads without a first response, oldest first, only mine for a user', () => {
    const leads = [
      newLead('newest', { created_at: '2026-07-15T09:00:00Z' }),
      newLead('oldest', { created_at: '2026-07-13T09:00:00Z' }),
      newLead('answered', { first_response_at: '2026-07-15T08:05:00Z' }),
      newLead('contacted', { status: 'contacted' }),
      newLead('luis', { assigned_to: LUIS }),
      newLead('free', { assigned_to: null, created_at: '2026-07-14T09:00:00Z' }),
    ];
    expect(unansweredLeads(leads, { kind: 'user', userId: ANA }).map((l) => l.id)).toEqual(['oldest', 'newest']);
    expect(unansweredLeads(leads, { kind: 'all' }).map((l) => l.id)).toEqual(['oldest', 'free', 'luis', 'newest']);
  });
});

import { describe, expect, test } from 'vitest';
import { threeWayMerge } from './merge.ts';

const base = { id: 'l1', notes: 'a', priority: 'low', budget_max: 100, tags: ['x'], version: 3, seq: 10, updated_at: 't3', _deleted: false };

describe('threeWayMerge', () => {
  test('fields changed on one side keep that side; both sides: the server wins and the field is reported lost', () => {
    const mine = { ...base, notes: 'mine', priority: 'high' };
    const theirs = { ...base, budget_max: 200, priority: 'urgent', version: 4, seq: 12, updated_at: 't4' };
    expect(threeWayMerge(base, mine, theirs)).toEqual({
      doc: { ...base, notes: 'mine', budget_max: 200, priority: 'urgent', version: 4, seq: 12, updated_at: 't4' },
      lost: ['priority'],
    });
  });

  test('the same change on both sides is no conflict; nested values compare deeply', () => {
    const mine = { ...base, tags: ['x', 'y'], notes: 'same' };
    const theirs = { ...base, tags: ['x', 'y'], notes: 'same', version: 4 };
    expect(threeWayMerge(base, mine, theirs).lost).toEqual([]);
  });

  test('server-owned fields always come from the server', () => {
    const mine = { ...base, version: 99, seq: 99, updated_at: 'mine' };
    expect(threeWayMerge(base, mine, base).doc).toMatchObject({ version: 3, seq: 10, updated_at: 't3' });
  });

  test('a server-side delete wins; my local changes are reported lost', () => {
    const mine = { ...base, notes: 'mine' };
    const theirs = { id: 'l1', _deleted: true, seq: 11, version: 4 };
    const r = threeWayMerge(base, mine, theirs as unknown as typeof base);
    expect(r.doc._deleted).toBe(true);
    expect(r.lost).toEqual(['notes']);
  });

  test('a local delete of a document the server did not touch stays deleted', () => {
    expect(threeWayMerge(base, { ...base, _deleted: true }, { ...base, version: 4 }).doc._deleted).toBe(true);
  });

  test('without a base every differing field counts as changed on both sides', () => {
    const r = threeWayMerge(undefined, { ...base, notes: 'mine' }, base);
    expect(r).toEqual({ doc: base, lost: ['notes'] });
  });
  test('first_response_at set on both sides keeps the earlier one and loses nothing', () => {
    const b = { ...base, status: 'new', first_response_at: null as string | null };
    const mine = { ...b, first_response_at: '2026-12-03T09:06:00.000Z', status: 'contacted' };
    const theirs = { ...b, first_response_at: '2026-12-03T09:05:00.000Z' };
    const r = threeWayMerge(b, mine, theirs);
    expect(r.lost).toEqual([]);
    expect(r.doc).toMatchObject({ first_response_at: '2026-12-03T09:05:00.000Z', status: 'contacted' });
  });
});

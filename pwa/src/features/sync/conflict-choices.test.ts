import { describe, expect, test } from 'vitest';
import { fixableErrors, parseFix, recommendedChoice } from './conflict-choices.ts';

const customer = { first_name: 'Ana', last_name: 'Ruiz', email: 'no-es-un-email', phone: null, address: null, national_id: null, is_active: true };

describe('conflict choices', () => {
  test('a colleague holds the reservation: keep theirs is the highlighted choice', () => {
    expect(recommendedChoice({ reason: 'vehicle_already_reserved', collection_name: 'vehicles', mine: {} })).toBe('theirs');
    expect(recommendedChoice({ reason: 'vehicle_already_sold', collection_name: 'sales', mine: {} })).toBe('theirs');
  });
  test('an invalid document offers to fix the refused field', () => {
    const c = { reason: 'invalid_document', collection_name: 'customers', mine: customer };
    expect(recommendedChoice(c)).toBe('fix');
    expect(fixableErrors(c).map((e) => [e.field, e.code])).toEqual([['email', 'invalid_email']]);
  });
  test('a merge loss offers mine; a write parked behind its customer follows it', () => {
    expect(recommendedChoice({ reason: 'stale_version', collection_name: 'leads', mine: {} })).toBe('mine');
    expect(recommendedChoice({ reason: 'parent_refused', collection_name: 'leads', mine: {} })).toBe('follows');
  });
  test('a typed fix keeps the field type', () => {
    expect(parseFix(9_999_999, '45000')).toBe(45000);
    expect(parseFix('x', ' a@b.es ')).toBe('a@b.es');
    expect(parseFix('no-es-un-email', '')).toBeNull();
  });
});

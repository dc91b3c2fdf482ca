import { describe, expect, it } from 'vitest';
import { nameKey, normalizePhone } from './phone.ts';

describe('normalizePhone', () => {
  it('normalizes Spanish numbers typed by hand to E.164', () => {
    expect(normalizePhone('612 345 678')).toBe('+34612345678');
    expect(normalizePhone('+34 612-34-56-78')).toBe('+34612345678');
    expect(normalizePhone('+56 9 6123 4567')).toBe('+56961234567');
  });
  it('rejects what is not a valid number', () => {
    expect(normalizePhone('123')).toBeNull();
    expect(normalizePhone('abc')).toBeNull();
  });
});

describe('nameKey', () => {
  it('folds accents, case and spacing', () => {
    expect(nameKey(' Íñigo ', 'López  García')).toBe(nameKey('inigo', 'lopez garcia'));
  });
});

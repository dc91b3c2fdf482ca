import { describe, expect, it } from 'vitest';
import { formatPhone, localeRegion } from './phone.ts';

describe('formatPhone', () => {
  it('shows home-country numbers in national format', () => {
    expect(formatPhone('+34612345678', 'ES')).toBe('612 34 56 78');
    expect(formatPhone('+34912345678', 'ES')).toBe('912 34 56 78');
    expect(formatPhone('+447911123456', 'GB')).toBe('07911 123456');
  });
  it('shows other numbers in international format', () => {
    expect(formatPhone('+34612345678', 'GB')).toBe('+34 612 34 56 78');
    expect(formatPhone('+56961234567', 'ES')).toBe('+56 9 6123 4567');
    expect(formatPhone('+34612345678', undefined)).toBe('+34 612 34 56 78');
  });
  it('leaves what it cannot read as stored', () => {
    expect(formatPhone('ext. 12', 'ES')).toBe('ext. 12');
    expect(formatPhone(null, 'ES')).toBe('');
  });
});

describe('localeRegion', () => {
  it('reads the region of a locale', () => {
    expect(localeRegion('es-ES')).toBe('ES');
    expect(localeRegion('en-GB')).toBe('GB');
    expect(localeRegion('es')).toBeUndefined();
    expect(localeRegion(undefined)).toBeUndefined();
  });
});

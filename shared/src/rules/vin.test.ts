import { describe, expect, it } from 'vitest';
import { isNorthAmericanWmi, makeVin, normalizeVin, validateVin, vinCheckDigit } from './vin.ts';

const NOW = new Date('2026-06-15T12:00:00Z');
const region = (v: string) => validateVin(v, NOW).decoded?.region;
const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

describe('normalizeVin', () => {
  it('trims, strips spaces and dashes, upper-cases', () => {
    expect(normalizeVin('  1hg cm82-633a 004352 ')).toBe('1HGCM82633A004352');
  });
});

describe('vinCheckDigit', () => {
  it('computes the DOMAIN example', () => expect(vinCheckDigit('1HGCM82633A004352')).toBe('3'));
  it('returns X when the remainder is 10', () => expect(vinCheckDigit('1M8GDM9AXKP042788')).toBe('X'));
  it('ignores position 9 itself', () => expect(vinCheckDigit('1HGCM826Z3A004352')).toBe('3'));
  it('returns null for I, O, Q or bad length', () => {
    expect(vinCheckDigit('1HGCM82633A0O4352')).toBeNull();
    expect(vinCheckDigit('1HGCM82633A00435')).toBeNull();
  });
});

describe('validateVin', () => {
  it('accepts the valid North-American example and decodes it', () => {
    const r = validateVin('1HGCM82633A004352', NOW);
    expect(r).toMatchObject({ ok: true, errors: [], warnings: [] });
    expect(r.decoded).toEqual({
      wmi: '1HG', region: 'north_america', country: 'United States', manufacturer: 'Honda',
      northAmerican: true, checkDigitValid: true, modelYear: 2003,
    });
  });

  it('accepts lower case and separators, returning the normalized VIN', () => {
    const r = validateVin(' 1hgcm82633a-004352 ', NOW);
    expect(r.ok).toBe(true);
    expect(r.vin).toBe('1HGCM82633A004352');
  });

  it('accepts a check digit of X', () => {
    const r = validateVin('1M8GDM9AXKP042788', NOW);
    expect(r.ok).toBe(true);
    expect(r.decoded?.checkDigitValid).toBe(true);
  });

  it.each(['1HGCM82633A0O4352', '1HGCM8I633A004352', '1HGCM82633AQ04352'])('rejects forbidden letters in %s', (v) => {
    const r = validateVin(v, NOW);
    expect(r.ok).toBe(false);
    expect(codes(r.errors)).toEqual(['vin_forbidden_letters']);
    expect(r.decoded).toBeNull();
  });

  it('rejects wrong length and odd characters', () => {
    expect(codes(validateVin('1HGCM82633A00435', NOW).errors)).toEqual(['vin_length']);
    expect(codes(validateVin('', NOW).errors)).toEqual(['vin_length']);
    expect(codes(validateVin('1HGCM82633A0043_2', NOW).errors)).toEqual(['vin_characters']);
    expect(codes(validateVin('1HGCM82633A0043ñ2', NOW).errors)).toEqual(['vin_characters']);
  });

  it('treats a wrong check digit as an error for North-American WMIs', () => {
    const r = validateVin('1HGCM82643A004352', NOW);
    expect(r.ok).toBe(false);
    expect(codes(r.errors)).toEqual(['vin_check_digit']);
    expect(r.decoded?.checkDigitValid).toBe(false);
    expect(r.decoded?.manufacturer).toBe('Honda');
  });

  it('treats a wrong check digit as a warning for European VINs with Z fillers', () => {
    // Computed check digit for WVWZZZ1JZXW000001 is '0'; the filler 'Z' sits there instead.
    expect(vinCheckDigit('WVWZZZ1JZXW000001')).toBe('0');
    const r = validateVin('wvwzzz1jzxw000001', NOW);
    expect(r.ok).toBe(true);
    expect(r.errors).toEqual([]);
    expect(codes(r.warnings)).toEqual(['vin_check_digit']);
    expect(r.decoded).toEqual({
      wmi: 'WVW', region: 'europe', country: 'Germany', manufacturer: 'Volkswagen',
      northAmerican: false, checkDigitValid: false, modelYear: 1999,
    });
  });

  it('accepts a European VIN whose check digit happens to be right', () => {
    expect(validateVin('WVWZZZ1J0XW000001', NOW)).toMatchObject({ ok: true, warnings: [] });
  });

  it('warns (EU) but errors (NA) on an invalid model-year code', () => {
    const eu = validateVin('VF1AB000200000000', NOW);
    expect(eu.ok).toBe(true);
    expect(codes(eu.warnings)).toEqual(['vin_model_year']);
    expect(eu.decoded).toMatchObject({ modelYear: null, manufacturer: 'Renault', country: 'France' });
    const na = validateVin(makeVin('1HGCM826', 'Z', 'A', '004352'), NOW);
    expect(na.ok).toBe(false);
    expect(codes(na.errors)).toEqual(['vin_model_year']);
    expect(na.decoded?.modelYear).toBeNull();
  });

  it('reports a 6-character WMI for small manufacturers (third char 9)', () => {
    const vin = makeVin('1A9AB123', 'R', 'A', '123456');
    expect(validateVin(vin, NOW).decoded?.wmi).toBe('1A9123');
  });

  it('classifies regions by first character', () => {
    expect(region(makeVin('JTDBR32E', 'R', '0', '123456'))).toBe('asia');
    expect(region(makeVin('KMHCT41B', 'R', '0', '123456'))).toBe('asia');
    expect(region(makeVin('YV1RS58D', 'R', '0', '123456'))).toBe('europe');
    expect(region(makeVin('9BWZZZ37', 'R', '0', '123456'))).toBe('other');
    expect(region(makeVin('AAVZZZ6R', 'R', '0', '123456'))).toBe('other');
  });
});

describe('isNorthAmericanWmi', () => {
  it.each([['1HG', true], ['2HG', true], ['3VW', true], ['4T1', true], ['5YJ', true], ['6G1', false], ['JTD', false], ['WVW', false], ['', false]])(
    '%s → %s', (v, expected) => expect(isNorthAmericanWmi(v)).toBe(expected),
  );
});

describe('makeVin', () => {
  it('inserts the right check digit', () => {
    expect(makeVin('1HGCM826', '3', 'A', '004352')).toBe('1HGCM82633A004352');
    expect(makeVin('wvwzzz1j', 'x', 'w', '000001')).toBe('WVWZZZ1J0XW000001');
    for (let i = 0; i < 50; i++) {
      const vin = makeVin('VF3ABC12', 'T', String(i % 10), String(100000 + i * 7919));
      expect(validateVin(vin, NOW)).toMatchObject({ ok: true, warnings: [] });
    }
  });
  it('throws on bad parts', () => {
    expect(() => makeVin('1HGCM82', '3', 'A', '004352')).toThrow(RangeError);
    expect(() => makeVin('1HGCM82O', '3', 'A', '004352')).toThrow(RangeError);
    expect(() => makeVin('1HGCM826', 'I', 'A', '004352')).toThrow(RangeError);
  });
});

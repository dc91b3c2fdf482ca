import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatLocaleNumber, localeSeparators, parseLocaleNumber } from './numbers.ts';

const value = (text: string, locale: string, opts = {}) => {
  const r = parseLocaleNumber(text, locale, opts);
  return r.ok ? r.value : r.error;
};

describe('localeSeparators', () => {
  it('reads the marks from Intl', () => {
    expect(localeSeparators('es')).toEqual({ decimal: ',', group: '.' });
    expect(localeSeparators('es-ES')).toEqual({ decimal: ',', group: '.' });
    expect(localeSeparators('en-GB')).toEqual({ decimal: '.', group: ',' });
    expect(localeSeparators('de-DE')).toEqual({ decimal: ',', group: '.' });
  });
});

describe('parseLocaleNumber in Spanish', () => {
  const cases: [string, number | null | string][] = [
    ['', null], ['   ', null],
    ['28500', 28500], ['28.500', 28500], ['28.500,50', 28500.5], ['28.500,5', 28500.5], ['28500,50', 28500.5],
    ['45.000', 45000], ['1.234', 1234], ['1.234.567', 1234567], ['1.234.567,89', 1234567.89],
    ['28,5', 28.5], ['0,5', 0.5], [',5', 0.5], ['28.5', 28.5], ['5.4', 5.4], ['28.50', 28.5],
    ['28 500', 28500], ['28\u00a0500', 28500], ['28\u202f500 €', 28500], ['28.500 €', 28500], ['€ 28.500', 28500],
    ['45.000 km', 45000], ['45.000km', 45000], ['28.500 EUR', 28500], ['+3', 3],
    ['28,500.50', 28500.5], // both marks: the last one is decimal, in any locale
    ['1234.567', 'ambiguous'],
    ['1.23.456', 'invalid'], ['12.34', 12.34], ['1.2345', 1.2345 as number | string],
    ['abc', 'invalid'], ['12a', 'invalid'], ['1..2', 'invalid'], ['1,2,3', 'invalid'], ['5,', 'invalid'], ['.', 'invalid'],
    ['1e5', 'invalid'], ['12-3', 'invalid'], ['28,5,0', 'invalid'], ['1.234,5.6', 'invalid'],
    ['-5', 'negative'], ['0', 0], ['-0', 0], ['007', 7],
    ['28,505', 'ambiguous'], ['28.500,505', 'too_many_decimals'], ['28,500', 'ambiguous'], ['28,5055', 'too_many_decimals'],
    ['9999999999999999', 'too_large'],
  ];
  for (const [text, expected] of cases) {
    it(`"${text}" → ${String(expected)}`, () => {
      const opts = text === '1.2345' ? { maxDecimals: 4 } : {};
      expect(value(text, 'es-ES', opts)).toBe(expected);
    });
  }
  it('whole-number fields refuse decimals but accept zero decimals', () => {
    expect(value('45.000', 'es', { maxDecimals: 0 })).toBe(45000);
    expect(value('45.000,00', 'es', { maxDecimals: 0 })).toBe(45000);
    expect(value('45,5', 'es', { maxDecimals: 0 })).toBe('not_integer');
    expect(value('45.5', 'es', { maxDecimals: 0 })).toBe('not_integer');
  });
  it('negative numbers when the field allows them', () => {
    expect(value('-1.500', 'es', { allowNegative: true })).toBe(-1500);
    expect(value('\u22121.500,5', 'es', { allowNegative: true })).toBe(-1500.5);
  });
});

describe('parseLocaleNumber in English', () => {
  const cases: [string, number | null | string][] = [
    ['28500', 28500], ['28,500', 28500], ['28,500.50', 28500.5], ['28500.50', 28500.5], ['1,234,567.89', 1234567.89],
    ['1.23', 1.23], ['0.5', 0.5], ['.5', 0.5], ['28 500', 28500], ['£28,500', 28500], ['$ 28,500.5', 28500.5],
    ['28,5', 28.5], // a lone comma that cannot group thousands is a decimal mark
    ['28.500,50', 28500.5], // both marks: the last one is decimal
    ['1234,567', 'ambiguous'], ['1,23,456', 'invalid'], ['1.2.3', 'invalid'], ['twenty', 'invalid'],
    ['1.234', 'ambiguous'], ['1.2345', 'too_many_decimals'], ['45,000 km', 45000],
  ];
  for (const [text, expected] of cases) {
    it(`"${text}" → ${String(expected)}`, () => expect(value(text, 'en-GB')).toBe(expected));
  }
  it('three decimals where the field allows them', () => expect(value('1.234', 'en', { maxDecimals: 3 })).toBe(1.234));
});

describe('formatLocaleNumber', () => {
  it('groups and localises', () => {
    expect(formatLocaleNumber(28500, 'es-ES')).toBe('28.500');
    expect(formatLocaleNumber(28500.5, 'es-ES')).toBe('28.500,5');
    expect(formatLocaleNumber(28500.5, 'en-GB')).toBe('28,500.5');
    expect(formatLocaleNumber(2024, 'en-GB', { grouping: false })).toBe('2024');
    expect(formatLocaleNumber(null, 'es-ES')).toBe('');
  });
});

describe('format → parse round-trips', () => {
  const amounts = fc.integer({ min: 0, max: 10_000_000_000 }).map((cents) => cents / 100);
  for (const locale of ['es-ES', 'en-GB', 'es-MX', 'en-US', 'de-DE']) {
    it(`money in ${locale}`, () => {
      fc.assert(fc.property(amounts, (n) => {
        expect(value(formatLocaleNumber(n, locale), locale)).toBe(n);
      }));
    });
    it(`whole numbers without grouping in ${locale}`, () => {
      fc.assert(fc.property(fc.integer({ min: 0, max: 99_999_999 }), (n) => {
        expect(value(formatLocaleNumber(n, locale, { grouping: false, maxDecimals: 0 }), locale, { maxDecimals: 0 })).toBe(n);
      }));
    });
    it(`three decimals in ${locale}`, () => {
      fc.assert(fc.property(fc.integer({ min: 0, max: 100_000_000 }).map((m) => m / 1000), (n) => {
        expect(value(formatLocaleNumber(n, locale, { maxDecimals: 3 }), locale, { maxDecimals: 3 })).toBe(n);
      }));
    });
  }
  it('never throws on any text', () => {
    fc.assert(fc.property(fc.string(), fc.constantFrom('es-ES', 'en-GB'), (s, locale) => {
      const r = parseLocaleNumber(s, locale);
      if (r.ok && r.value !== null) expect(Number.isFinite(r.value)).toBe(true);
    }));
  });
});

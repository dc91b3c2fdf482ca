import { describe, expect, test } from 'vitest';
import { createFormatter } from './format.ts';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('money', () => {
  const es = createFormatter('es', { currency: 'EUR' });
  const en = createFormatter('en', { currency: 'EUR' });

  test('a whole amount shows no decimals', () => {
    expect(nbsp(es.money(28500))).toBe('28.500 €');
    expect(nbsp(en.money(28500))).toBe('€28,500');
    expect(nbsp(es.money(0))).toBe('0 €');
  });

  test('an amount with cents shows both digits, never rounded to the euro', () => {
    expect(nbsp(es.money(28500.5))).toBe('28.500,50 €');
    expect(nbsp(es.money(28500.05))).toBe('28.500,05 €');
    expect(nbsp(en.money(28500.5))).toBe('€28,500.50');
    expect(nbsp(es.money(-12.3))).toBe('-12,30 €');
  });

  test('less than half a cent of float noise is a whole amount', () => {
    expect(nbsp(es.money(0.1 + 0.2 - 0.3 + 100))).toBe('100 €');
    expect(nbsp(es.money(28500.001))).toBe('28.500 €');
  });

  test('nothing to show is a dash', () => {
    expect(es.money(null)).toBe('—');
    expect(es.money(Number.NaN)).toBe('—');
  });
});

describe('phone', () => {
  test('a stored E.164 phone is shown national at home, international otherwise, never raw', () => {
    const es = createFormatter('es', { currency: 'EUR', locale: 'es-ES' });
    expect(es.phone('+34612345678')).not.toBe('+34612345678');
    expect(es.phone('+34612345678').replace(/\D/g, '')).toBe('612345678');
    expect(es.phone('+447700900123')).toMatch(/^\+44 /);
    expect(es.phone(null)).toBe('—');
  });
});

import { describe, expect, it } from 'vitest';
import { parseBounds } from './numbers.ts';
import { fold } from './text.ts';

const b = (text: string, lang: 'es' | 'en' = 'es') => parseBounds(fold(text), lang).bounds;

describe('prices written every way', () => {
  it.each([
    ['bajo 40.000 €', { price_max: 40000 }],
    ['por debajo de 40000 euros', { price_max: 40000 }],
    ['menos de 25 mil', { price_max: 25000 }],
    ['menos de 25 mil euros', { price_max: 25000 }],
    ['hasta 18.500€', { price_max: 18500 }],
    ['entre 15.000 y 20.000', { price_min: 15000, price_max: 20000 }],
    ['entre 15 y 20 mil euros', { price_min: 15000, price_max: 20000 }],
    ['de 20.000 a 30.000 €', { price_min: 20000, price_max: 30000 }],
    ['más de 30.000 €', { price_min: 30000 }],
    ['desde 12 mil', { price_min: 12000 }],
  ] as const)('es: %s', (text, want) => expect(b(text)).toEqual(want));

  it.each([
    ['under $30k', { price_max: 30000 }],
    ['under 30k', { price_max: 30000 }],
    ['below €25,000', { price_max: 25000 }],
    ['less than 20,000 euros', { price_max: 20000 }],
    ['between 20 and 30 thousand', { price_min: 20000, price_max: 30000 }],
    ['between $20k and $30k', { price_min: 20000, price_max: 30000 }],
    ['between 15,000 and 20,000', { price_min: 15000, price_max: 20000 }],
    ['over 50k', { price_min: 50000 }],
    ['at least 10,000 dollars', { price_min: 10000 }],
    ['around 20k', { price_min: 18000, price_max: 22000 }],
  ] as const)('en: %s', (text, want) => expect(b(text, 'en')).toEqual(want));
});

describe('mileage, years and days', () => {
  it('reads kilometres and miles as mileage', () => {
    expect(b('con menos de 50.000 km')).toEqual({ mileage_max: 50000 });
    expect(b('under 60,000 miles', 'en')).toEqual({ mileage_max: 60000 });
  });
  it('reads years alone, from, before and "or newer"', () => {
    expect(b('del 2020')).toEqual({ year_min: 2020, year_max: 2020 });
    expect(b('desde 2019')).toEqual({ year_min: 2019 });
    expect(b('2019 or newer', 'en')).toEqual({ year_min: 2019 });
    expect(b('antes de 2018')).toEqual({ year_max: 2018 });
    expect(b('entre 2018 y 2021')).toEqual({ year_min: 2018, year_max: 2021 });
  });
  it('reads a year and a price in one sentence', () => {
    expect(b('del 2021 bajo 30.000 €')).toEqual({ year_min: 2021, year_max: 2021, price_max: 30000 });
  });
  it('reads days in stock', () => {
    expect(b('más de 90 días')).toEqual({ min_days: 90 });
    expect(b('over 120 days', 'en')).toEqual({ min_days: 120 });
  });
  it('ignores small bare numbers (model names, counts)', () => {
    expect(b('rav4 de 5 puertas')).toEqual({});
  });
});

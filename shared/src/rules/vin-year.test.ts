import { describe, expect, it } from 'vitest';
import { decodeVinModelYear, MODEL_YEAR_CODES } from './vin.ts';
import { countryForWmi, manufacturerForWmi, regionForWmi } from './wmi.ts';

const y2026 = new Date('2026-06-15T12:00:00Z');

describe('decodeVinModelYear', () => {
  it.each([
    ['A', 2010], ['R', 2024], ['S', 2025], ['T', 2026], ['V', 2027], ['W', 1998], ['Y', 2000],
    ['1', 2001], ['9', 2009], ['B', 2011], ['a', 2010],
  ])('code %s with now=2026 → %i', (code, year) => expect(decodeVinModelYear(code, y2026)).toBe(year));

  it.each(['I', 'O', 'Q', 'U', 'Z', '0', '', 'AB', '-'])('rejects %j', (code) => {
    expect(decodeVinModelYear(code, y2026)).toBeNull();
  });

  it('rolls over as time passes', () => {
    expect(decodeVinModelYear('W', new Date('2027-01-01T00:00:00Z'))).toBe(2028);
    expect(decodeVinModelYear('Y', new Date('2030-06-01T00:00:00Z'))).toBe(2030);
    expect(decodeVinModelYear('1', new Date('2030-06-01T00:00:00Z'))).toBe(2031);
    expect(decodeVinModelYear('2', new Date('2030-06-01T00:00:00Z'))).toBe(2002);
    expect(decodeVinModelYear('A', new Date('1990-01-01T00:00:00Z'))).toBe(1980);
  });

  it('never returns a year before 1980 or after next year', () => {
    expect(decodeVinModelYear('9', new Date('1990-01-01T00:00:00Z'))).toBeNull();
    for (const code of MODEL_YEAR_CODES) {
      const year = decodeVinModelYear(code, y2026);
      expect(year).not.toBeNull();
      expect(year).toBeGreaterThan(2027 - 30);
      expect(year).toBeLessThanOrEqual(2027);
    }
  });

  it('uses each year exactly once across a 30-year window', () => {
    const years = [...MODEL_YEAR_CODES].map((c) => decodeVinModelYear(c, y2026));
    expect(new Set(years).size).toBe(30);
  });

  it('returns null for an invalid date', () => expect(decodeVinModelYear('A', new Date('nope'))).toBeNull());
});

describe('WMI tables', () => {
  it('finds manufacturers by 3 chars then 2-char prefix', () => {
    expect(manufacturerForWmi('JTD')).toBe('Toyota');
    expect(manufacturerForWmi('JHM')).toBe('Honda');
    expect(manufacturerForWmi('JH4')).toBe('Acura');
    expect(manufacturerForWmi('w1k')).toBe('Mercedes-Benz');
    expect(manufacturerForWmi('VSS')).toBe('SEAT');
    expect(manufacturerForWmi('UU1')).toBe('Dacia');
    expect(manufacturerForWmi('5YJ')).toBe('Tesla');
    expect(manufacturerForWmi('XYZ')).toBeUndefined();
  });
  it('finds countries by ranges', () => {
    expect(countryForWmi('VSS')).toBe('Spain');
    expect(countryForWmi('VF7')).toBe('France');
    expect(countryForWmi('TMB')).toBe('Czech Republic');
    expect(countryForWmi('SJN')).toBe('United Kingdom');
    expect(countryForWmi('KNA')).toBe('South Korea');
    expect(countryForWmi('3VW')).toBe('Mexico');
    expect(countryForWmi('ZFA')).toBe('Italy');
    expect(countryForWmi('9BW')).toBeUndefined();
    expect(countryForWmi('KAA')).toBeUndefined();
  });
  it('maps regions', () => {
    expect(regionForWmi('5YJ')).toBe('north_america');
    expect(regionForWmi('LRW')).toBe('asia');
    expect(regionForWmi('ZFA')).toBe('europe');
    expect(regionForWmi('6G1')).toBe('other');
    expect(regionForWmi('')).toBe('other');
  });
});

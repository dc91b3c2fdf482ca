import { describe, expect, it } from 'vitest';
import { FUEL_TYPES } from '../entities/enums.ts';
import { consumptionUnit } from './units.ts';

describe('consumptionUnit', () => {
  it('gives kWh/100 km for electric cars and l/100 km for every other fuel, hybrids included', () => {
    expect(consumptionUnit('electric')).toBe('kwh_100km');
    expect(consumptionUnit('hybrid')).toBe('l_100km');
    expect(consumptionUnit('diesel')).toBe('l_100km');
    expect(consumptionUnit('gasoline')).toBe('l_100km');
    expect(FUEL_TYPES.filter((f) => consumptionUnit(f) === 'kwh_100km')).toEqual(['electric']);
  });
});

import type { FuelType } from '../entities/enums.ts';

/** The unit a car's consumption is given in: kWh/100 km for electric cars, litres/100 km otherwise (hybrids burn fuel). */
export type ConsumptionUnit = 'l_100km' | 'kwh_100km';

export function consumptionUnit(fuel: FuelType): ConsumptionUnit {
  return fuel === 'electric' ? 'kwh_100km' : 'l_100km';
}

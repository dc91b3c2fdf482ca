import type { FinancingType } from '@lotbook/shared';
import { DAY, HOUR } from './clock.ts';
import { promoPrice } from './stock.ts';
import { pickRep } from './team.ts';
import type { SaleRow, Team, UserRow, VehicleRow } from './types.ts';
import { newVehicle, type VehicleFactory } from './vehicles.ts';

const SALE_NOTES = [
  'Entrega con el depósito lleno.', 'Incluye revisión gratuita a los 6 meses.', 'Cliente recurrente.',
  'Se entrega con alfombrillas y kit de emergencia.', 'Vehículo de cambio tasado y descontado del precio.',
  'Transferencia gestionada por el concesionario.',
];

export interface SoldCar {
  vehicle: VehicleRow;
  sale: SaleRow;
  rep: UserRow;
}

function moneyTerms(f: VehicleFactory, listPrice: number): Pick<SaleRow, 'sale_price' | 'down_payment' | 'financing_type'> {
  const { rng } = f;
  const sale_price = Math.min(listPrice, Math.round((listPrice * rng.float(0.94, 1)) / 50) * 50);
  const financing_type: FinancingType = rng.weighted([['cash', 35], ['loan', 50], ['lease', 15]] as const);
  const share = financing_type === 'cash' ? 1 : financing_type === 'loan' ? rng.float(0.1, 0.4) : rng.float(0, 0.2);
  const down_payment = financing_type === 'cash' ? sale_price : Math.min(sale_price, Math.round((sale_price * share) / 100) * 100);
  return { sale_price, down_payment, financing_type };
}

function saleRow(f: VehicleFactory, vehicle: VehicleRow, rep: UserRow, saleDate: Date, status: SaleRow['status']): SaleRow {
  const { rng } = f;
  return {
    id: rng.uuid(),
    dealership_id: f.dealershipId,
    created_at: saleDate,
    deleted: false,
    customer_id: '', // set by the caller once customers are chosen
    vehicle_id: vehicle.id,
    salesperson_id: rep.id,
    ...moneyTerms(f, vehicle.promo_price ?? vehicle.price),
    status,
    sale_date: saleDate,
    delivery_date: null,
    notes: rng.chance(0.3) ? rng.pick(SALE_NOTES) : null,
  };
}

/**
 * A year of completed sales, one new sold vehicle each. Invariants (checkSale): 0 < sale_price ≤
 * the listed (or promo) price; 0 ≤ down_payment ≤ sale_price (cash pays in full); delivery, when
 * set, is on or after the sale date; the car was acquired before it was sold.
 */
export function buildCompletedSales(f: VehicleFactory, team: Team, count: number): SoldCar[] {
  const { rng, clock } = f;
  const sold: SoldCar[] = [];
  for (let i = 0; i < count; i++) {
    const saleDaysAgo = rng.int(0, 364);
    const saleDate = clock.businessTime(rng, saleDaysAgo);
    const daysToSell = rng.weighted([[rng.int(3, 30), 45], [rng.int(31, 60), 30], [rng.int(61, 120), 20], [rng.int(121, 200), 5]] as const);
    const vehicle = newVehicle(f, clock.businessTime(rng, saleDaysAgo + daysToSell));
    if (vehicle.acquired_at >= saleDate) vehicle.acquired_at = vehicle.created_at = new Date(saleDate.getTime() - 2 * DAY);
    vehicle.status = 'sold';
    if (daysToSell > 60 && rng.chance(0.4)) {
      vehicle.is_promotion = true;
      vehicle.promo_price = promoPrice(f, vehicle.price);
    }
    const rep = pickRep(rng, team);
    const sale = saleRow(f, vehicle, rep, saleDate, 'completed');
    if (!(saleDaysAgo < 10 && rng.chance(0.4))) sale.delivery_date = new Date(saleDate.getTime() + rng.int(1, 14) * DAY + rng.int(0, 4) * HOUR);
    sold.push({ vehicle, sale, rep });
  }
  return sold;
}

/** Pending deals on some reserved cars: the reserving rep, dated on the reservation. */
export function buildPendingSales(f: VehicleFactory, team: Team, stock: VehicleRow[]): SoldCar[] {
  const { rng, clock } = f;
  const reserved = stock.filter((v) => v.status === 'reserved' && !v.deleted);
  return reserved.filter(() => rng.chance(0.35)).map((vehicle) => {
    const rep = team.reps.find((r) => r.id === vehicle.reserved_by) ?? pickRep(rng, team);
    const date = clock.businessTime(rng, rng.int(0, 3));
    const saleDate = date < vehicle.acquired_at ? clock.past(vehicle.acquired_at.getTime() + HOUR) : date;
    return { vehicle, sale: saleRow(f, vehicle, rep, saleDate, 'pending'), rep };
  });
}

/** A few cancelled deals: the car went back on sale (it is still available). */
export function buildCancelledSales(f: VehicleFactory, team: Team, stock: VehicleRow[], count: number): SoldCar[] {
  const { rng, clock } = f;
  const candidates = stock.filter((v) => v.status === 'available' && !v.deleted && clock.daysAgo(v.acquired_at) >= 5);
  return rng.sample(candidates, count).map((vehicle) => {
    const rep = pickRep(rng, team);
    const saleDate = clock.businessTime(rng, rng.int(1, clock.daysAgo(vehicle.acquired_at) - 1));
    const sale = saleRow(f, vehicle, rep, saleDate, 'cancelled');
    sale.notes = rng.pick(['Financiación denegada por la entidad.', 'El cliente desistió de la compra.', 'El cliente encontró una oferta mejor.']);
    return { vehicle, sale, rep };
  });
}

import { DAY, type SeedClock } from './clock.ts';
import type { Rng } from './random.ts';
import type { SoldCar } from './sales.ts';
import type { MovementRow, Team, VehicleRow } from './types.ts';

const ORIGINS = [
  ['trade_in', 'Entrada en stock: vehículo de cambio.'],
  ['auction', 'Entrada en stock: compra en subasta.'],
  ['lease_return', 'Entrada en stock: devolución de renting.'],
  ['private', 'Entrada en stock: compra a particular.'],
  ['dealer', 'Entrada en stock: compra a otro concesionario.'],
] as const;
const WORKSHOP = ['Revisión pre-entrega.', 'Cambio de neumáticos y pastillas de freno.', 'Reparación de chapa y pintura.', 'Cambio de aceite y filtros.'];

/**
 * The audit trail of the lot: an entry per car at acquired_at, a price change when a car went on
 * promotion, moves between the yard and the showroom, workshop visits, reservations and an exit
 * per completed sale. All dated between the car's arrival and now.
 */
export function buildMovements(rng: Rng, clock: SeedClock, team: Team, vehicles: VehicleRow[], sold: SoldCar[]): MovementRow[] {
  const rows: MovementRow[] = [];
  const add = (v: VehicleRow, type: MovementRow['movement_type'], userId: string, at: Date, notes: string | null, metadata: Record<string, unknown> = {}) => {
    rows.push({
      id: rng.uuid(), dealership_id: v.dealership_id, created_at: at, deleted: false, vehicle_id: v.id,
      user_id: userId, movement_type: type, movement_date: at, notes, metadata,
    });
  };
  const between = (v: VehicleRow, end: Date) => {
    const from = v.acquired_at.getTime() + 3_600_000;
    return clock.past(rng.int(from, Math.max(from, end.getTime())));
  };
  const saleOf = new Map(sold.filter((s) => s.sale.status === 'completed').map((s) => [s.vehicle.id, s]));

  for (const v of vehicles) {
    if (v.deleted) continue;
    const [origin, text] = rng.pick(ORIGINS);
    add(v, 'entry', team.manager.id, v.acquired_at, text, { origin, cost: v.cost });
    const sale = saleOf.get(v.id);
    const end = sale ? sale.sale.sale_date : clock.now;
    if (v.is_promotion && v.promo_price !== null) {
      const at = clock.past(Math.min(end.getTime() - DAY, v.acquired_at.getTime() + rng.int(61, 75) * DAY));
      add(v, 'price_change', team.manager.id, at < v.acquired_at ? v.acquired_at : at, 'Promoción por antigüedad en stock.', { price: v.price, promo_price: v.promo_price });
    }
    if (!sale && v.lot_location?.match(/^[A-H]-/) && rng.chance(0.08)) {
      add(v, 'transfer', team.manager.id, between(v, clock.now), 'Traslado de la campa a exposición.', { from: `Campa-${rng.int(1, 3)}`, to: v.lot_location });
    }
    if (v.status === 'maintenance') {
      add(v, 'maintenance', team.manager.id, between(v, clock.now), rng.pick(WORKSHOP), { workshop: v.lot_location });
    }
    if (v.status === 'reserved' && v.reserved_by) {
      const at = clock.past(Math.max(v.acquired_at.getTime() + 3_600_000, clock.now.getTime() - rng.int(1, 72) * 3_600_000));
      add(v, 'reservation', v.reserved_by, at, 'Reserva con señal.', { reserved_until: v.reserved_until?.toISOString() ?? null });
    }
    if (sale) add(v, 'exit', sale.rep.id, sale.sale.sale_date, 'Salida por venta.', { sale_id: sale.sale.id });
  }
  return rows;
}

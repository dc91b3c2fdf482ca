import { checkVehicle, type Vehicle } from '@lotbook/shared';
import type { RxCollection } from 'rxdb';

/**
 * Marks a car as a promotion at `promoPrice` (the suggestion or an edited price): a local write
 * like any vehicle edit, so it works offline and reaches every device through replication.
 * Returns the shared rule's message when the price is not acceptable, else null.
 */
export async function promoteVehicle(vehicles: RxCollection<Vehicle>, id: string, promoPrice: number): Promise<string | null> {
  const doc = await vehicles.findOne(id).exec();
  if (!doc) return 'not_found';
  const next = { ...doc.toJSON(), is_promotion: true, promo_price: Math.round(promoPrice * 100) / 100 };
  const rule = checkVehicle(next);
  if (!rule.ok) return rule.message;
  await doc.incrementalPatch({ is_promotion: true, promo_price: next.promo_price });
  return null;
}

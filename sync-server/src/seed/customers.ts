import type { SeedClock } from './clock.ts';
import { address, emailFor, mobilePhone, nationalId, personName } from './people.ts';
import type { Rng } from './random.ts';
import type { CustomerRow } from './types.ts';

/**
 * Customers with Spanish names, E.164 mobiles, reserved-domain emails and DNI/NIE with a correct
 * check letter. Email and national id are unique within the dealership when present. The first
 * `buyers` customers always carry a national id (a sale needs one). created_at/created_by are
 * provisional: `settleCustomers` moves them to the customer's first lead.
 */
export function buildCustomers(rng: Rng, clock: SeedClock, dealershipId: string, count: number, buyers: number, repIds: readonly string[]): CustomerRow[] {
  const emails = new Set<string>();
  const ids = new Set<string>();
  const rows: CustomerRow[] = [];
  for (let i = 0; i < count; i++) {
    const name = personName(rng);
    const hasEmail = rng.chance(0.9);
    let national: string | null = null;
    if (i < buyers || rng.chance(0.7)) {
      do national = nationalId(rng);
      while (ids.has(national));
      ids.add(national);
    }
    rows.push({
      id: rng.uuid(),
      dealership_id: dealershipId,
      created_at: clock.businessTime(rng, rng.int(30, 400)),
      deleted: false,
      first_name: name.first_name,
      last_name: name.last_name,
      email: hasEmail ? emailFor(rng, name, emails) : null,
      phone: !hasEmail || rng.chance(0.95) ? mobilePhone(rng) : null,
      address: rng.chance(0.7) ? address(rng) : null,
      national_id: national,
      is_active: rng.chance(0.98),
      created_by: rng.pick(repIds),
    });
  }
  return rows;
}

/** A customer appears when their first lead does, entered by the rep who took it. */
export function settleCustomers(rng: Rng, customers: CustomerRow[], firstLead: Map<string, { at: Date; by: string | null }>): void {
  for (const c of customers) {
    const first = firstLead.get(c.id);
    if (!first) continue;
    c.created_at = new Date(first.at.getTime() - rng.int(0, 30) * 60_000);
    c.created_by = first.by;
  }
}

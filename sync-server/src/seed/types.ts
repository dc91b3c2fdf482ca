import type * as schema from '../db/schema.ts';

/** Columns the `lotbook_stamp` trigger owns; the seed never writes them. */
type ServerOwned = 'seq' | 'version' | 'updated_at' | 'scope_seq';

/**
 * A row exactly as the seed inserts it: every remaining column present (the bulk insert reads
 * rows with jsonb_populate_recordset, where a missing key would be NULL, not the column default).
 */
export type SeedRow<T extends { $inferInsert: object }> = Required<Omit<T['$inferInsert'], ServerOwned>>;

export type DealershipRow = Required<typeof schema.dealerships.$inferInsert>;
export type UserRow = Omit<SeedRow<typeof schema.users>, 'password_hash'>;
export type VehicleRow = SeedRow<typeof schema.vehicles>;
export type CustomerRow = SeedRow<typeof schema.customers>;
export type LeadRow = SeedRow<typeof schema.leads>;
export type ActivityRow = SeedRow<typeof schema.leadActivities>;
export type SaleRow = SeedRow<typeof schema.sales>;
export type MovementRow = SeedRow<typeof schema.inventoryMovements>;
export type NotificationRow = SeedRow<typeof schema.notifications>;

export interface Dataset {
  dealership: DealershipRow;
  users: UserRow[];
  vehicles: VehicleRow[];
  customers: CustomerRow[];
  leads: LeadRow[];
  activities: ActivityRow[];
  sales: SaleRow[];
  movements: MovementRow[];
  notifications: NotificationRow[];
}

export type SeedScale = 'tiny' | 'small' | 'large';

/** How many rows each scale aims for (activities and movements follow from these). */
export interface ScaleSpec {
  /** Vehicles on the lot now (available, reserved, maintenance). */
  stock: number;
  /** Completed sales over the past year; each sold car is a vehicle row too. */
  sold: number;
  customers: number;
  leads: number;
}

export const SCALES: Readonly<Record<SeedScale, ScaleSpec>> = {
  tiny: { stock: 20, sold: 10, customers: 40, leads: 40 },
  small: { stock: 150, sold: 150, customers: 400, leads: 500 },
  large: { stock: 5000, sold: 5000, customers: 20_000, leads: 20_000 },
};

/** The people the rest of the seed refers to. */
export interface Team {
  admin: UserRow;
  manager: UserRow;
  reps: UserRow[];
  viewer: UserRow;
}

import { z } from 'zod';

/** A UUID of any version (the server uses v4/v7, clients create v7 for activities). */
export const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a UUID').max(36);
/** ISO 8601 date-time with an offset or Z, as produced by Date#toISOString. */
export const isoDateTime = z.iso.datetime({ offset: true }).max(40);
/**
 * A non-negative amount with at most 2 decimals. More precision is refused, never rounded: the
 * database stores numeric(12,2), so 0.004 would come back as 0.00 and a replay of the same
 * document would then conflict (invariant 3). Tested with a tolerance because 19.99 * 100 is not
 * an integer in binary floating point.
 */
export const money = z
  .number()
  .finite()
  .min(0)
  .max(100_000_000)
  .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, { message: 'must have at most 2 decimals' });
export const shortText = z.string().trim().max(200);
export const longText = z.string().max(10_000);
export const jsonObject = z.record(z.string(), z.unknown());

/**
 * Fields every synced document carries. All but `id` are owned by the server: whatever a client
 * sends for them is ignored (client clocks lie), see ARCHITECTURE.md invariant 2.
 */
export const syncFields = {
  id: uuid,
  dealership_id: uuid,
  created_at: isoDateTime,
  updated_at: isoDateTime,
  version: z.number().int().min(0),
  seq: z.number().int().min(0),
};

export const SERVER_OWNED_FIELDS = ['dealership_id', 'created_at', 'updated_at', 'version', 'seq'] as const;

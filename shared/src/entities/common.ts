import { z } from 'zod';

/** A UUID of any version (the server uses v4/v7, clients create v7 for activities). */
export const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a UUID').max(36);
/** ISO 8601 date-time with an offset or Z, as produced by Date#toISOString. */
export const isoDateTime = z.iso.datetime({ offset: true }).max(40);
export const money = z.number().finite().min(0).max(100_000_000);
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

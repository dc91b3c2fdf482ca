import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext, AuthUser } from '../context.ts';
import { dealerships } from '../db/schema.ts';
import { recordAudit } from '../audit/log.ts';
import { notFound } from '../http/errors.ts';
import { dealershipFields } from './schemas.ts';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:MM');
const weekly = z.record(z.string().regex(/^[1-7]$/), z.array(z.tuple([hhmm, hhmm]).refine(([a, b]) => a < b, 'must start before it ends')).max(4));
const localDate = z.iso.date();

/** What lives in `dealerships.settings` next to other features' keys (commission, …), which are kept. */
const settingsPart = {
  address: z.string().trim().max(300).nullable(),
  phone: z.string().trim().max(30).nullable(),
  business_hours: weekly,
  holidays: z.array(localDate).max(366),
};

export const dealershipPatch = z
  .object({ ...dealershipFields, ...settingsPart })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type DealershipPatch = z.infer<typeof dealershipPatch>;

const SETTINGS_KEYS = Object.keys(settingsPart) as (keyof typeof settingsPart)[];

export async function readDealership(ctx: AppContext, me: AuthUser) {
  const [d] = await ctx.db.orm.select().from(dealerships).where(eq(dealerships.id, me.dealership_id));
  if (!d) throw notFound('Dealership');
  const s = (d.settings ?? {}) as Record<string, unknown>;
  return {
    id: d.id,
    name: d.name,
    currency: d.currency,
    locale: d.locale,
    timezone: d.timezone,
    address: (s.address as string | undefined) ?? null,
    phone: (s.phone as string | undefined) ?? null,
    business_hours: (s.business_hours as Record<string, unknown> | undefined) ?? {},
    holidays: (s.holidays as string[] | undefined) ?? [],
  };
}

/** Admins only (checked by the route). Columns for name/currency/locale/timezone; the rest merges into settings. */
export async function updateDealership(ctx: AppContext, me: AuthUser, patch: DealershipPatch, requestId?: string) {
  const before = await readDealership(ctx, me);
  const columns = Object.fromEntries(Object.entries({ name: patch.name, currency: patch.currency, locale: patch.locale, timezone: patch.timezone }).filter(([, v]) => v !== undefined));
  const merge = Object.fromEntries(SETTINGS_KEYS.filter((k) => patch[k] !== undefined).map((k) => [k, patch[k]]));
  await ctx.db.tx(async (tx) => {
    await tx.orm
      .update(dealerships)
      .set({ ...columns, settings: sql`${dealerships.settings} || ${JSON.stringify(merge)}::jsonb` })
      .where(eq(dealerships.id, me.dealership_id));
    await recordAudit(tx, { dealershipId: me.dealership_id, userId: me.id, action: 'update', entity: 'dealerships', entityId: me.dealership_id, before, after: patch, requestId });
  });
  return readDealership(ctx, me);
}

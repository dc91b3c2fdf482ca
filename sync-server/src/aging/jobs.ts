import { sql } from 'drizzle-orm';
import type { Env } from '../env.ts';
import type { JobDefinition } from '../jobs/types.ts';
import { sendAgingDigest } from './digest.ts';

/** Aged inventory's scheduled work, for issue 10's registry: the 08:00 digest in each dealership's time zone. */
export function agingJobs(_env: Env): JobDefinition[] {
  return [
    {
      name: 'aged-inventory-digest',
      description: 'Sends managers one daily digest of the cars over 60 days in stock with their suggested prices',
      schedule: '0 8 * * *',
      perDealershipTimezone: true,
      async run(ctx) {
        let items = 0;
        // A scheduled run covers the dealerships whose 08:00 this is; a manual run, its own dealership.
        const where = ctx.dealershipId ? sql`id = ${ctx.dealershipId}::uuid` : ctx.timezone ? sql`timezone = ${ctx.timezone}` : sql`true`;
        const ids = await ctx.db.rows<{ id: string }>(sql`SELECT id::text FROM dealerships WHERE ${where} ORDER BY id`);
        for (const { id } of ids) items += await sendAgingDigest(ctx.db, id, ctx.clock.now());
        return { items };
      },
    },
  ];
}

import { sql } from 'drizzle-orm';
import type { Env } from '../env.ts';
import type { JobContext, JobDefinition } from '../jobs/types.ts';
import { escalateDueLeads } from './escalate.ts';
import { recomputeScores } from './score.ts';

/** Every dealership, or only the one a manager ran the job for by hand. */
async function dealershipIds(ctx: JobContext): Promise<string[]> {
  if (ctx.dealershipId) return [ctx.dealershipId];
  return (await ctx.db.rows<{ id: string }>(sql`SELECT id::text FROM dealerships ORDER BY id`)).map((r) => r.id);
}

/** Lead routing's scheduled work, for issue 10's registry: escalation every 5 minutes, scores hourly. */
export function routingJobs(_env: Env): JobDefinition[] {
  return [
    {
      name: 'lead-escalation',
      description: 'Reassigns routed leads with no first human contact within the escalation delay (business hours) and notifies the old owner, the new owner and the managers',
      schedule: '*/5 * * * *',
      async run(ctx) {
        let items = 0;
        for (const id of await dealershipIds(ctx)) items += await escalateDueLeads(ctx.db, id, ctx.clock.now());
        return { items };
      },
    },
    {
      name: 'lead-score',
      description: 'Recomputes the explainable score of every open lead (recency and time without contact change with the clock)',
      schedule: '17 * * * *',
      async run(ctx) {
        let items = 0;
        for (const id of await dealershipIds(ctx)) {
          items += await ctx.db.tx(async (tx) => {
            await tx.rows(sql`SELECT lotbook_lock_dealership(${id}::uuid)`);
            return recomputeScores(tx, id, null, ctx.clock.now());
          });
        }
        return { items };
      },
    },
  ];
}

import { sql } from 'drizzle-orm';
import type { Database, Sql } from '../db/client.ts';
import type { Dataset } from './types.ts';

const BATCH_ROWS = 2_000;

/**
 * Inserts rows in large batches. Each batch travels as ONE jsonb parameter expanded by
 * jsonb_populate_recordset on the server: no bind-parameter limit, no per-row round trip, and
 * the values never touch the SQL text. Column names come from our own row objects.
 */
async function insertRows(tx: Sql, table: string, rows: readonly object[]): Promise<number> {
  const first = rows[0];
  if (!first) return 0;
  const columns = sql.join(Object.keys(first).map((c) => sql.identifier(c)), sql`, `);
  const t0 = performance.now();
  for (let i = 0; i < rows.length; i += BATCH_ROWS) {
    const chunk = JSON.stringify(rows.slice(i, i + BATCH_ROWS));
    await tx.rows(sql`insert into ${sql.identifier(table)} (${columns})
      select ${columns} from jsonb_populate_recordset(null::${sql.identifier(table)}, ${chunk}::jsonb)`);
  }
  return Math.round(performance.now() - t0);
}

/**
 * Writes a dataset in one transaction with `lotbook.bulk` on, so the cascade triggers (sale →
 * vehicle sold, lead → scope touches) stay out of the way: the dataset already carries the final
 * statuses. The stamp trigger still gives every row its seq and version. Tables are vacuumed and
 * analyzed afterwards, so the planner sees the new sizes and index-only scans work at once.
 * Returns milliseconds per table.
 */
export async function insertDataset(db: Database, data: Dataset, passwordHash: string): Promise<Record<string, number>> {
  const ms: Record<string, number> = {};
  await db.tx(async (tx) => {
    await tx.rows(sql`select set_config('lotbook.bulk', 'on', true)`);
    ms.dealerships = await insertRows(tx, 'dealerships', [data.dealership]);
    ms.users = await insertRows(tx, 'users', data.users.map((u) => ({ ...u, password_hash: passwordHash })));
    ms.vehicles = await insertRows(tx, 'vehicles', data.vehicles);
    ms.customers = await insertRows(tx, 'customers', data.customers);
    ms.leads = await insertRows(tx, 'leads', data.leads);
    ms.lead_activities = await insertRows(tx, 'lead_activities', data.activities);
    ms.sales = await insertRows(tx, 'sales', data.sales);
    ms.inventory_movements = await insertRows(tx, 'inventory_movements', data.movements);
    ms.notifications = await insertRows(tx, 'notifications', data.notifications);
  });
  const t0 = performance.now();
  await db.rows(sql`vacuum analyze users, vehicles, customers, leads, lead_activities, sales, inventory_movements, notifications`);
  ms.vacuum_analyze = Math.round(performance.now() - t0);
  return ms;
}

import { bigint, boolean, integer, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Columns every synced table has. `seq`, `version`, `updated_at` are stamped by the `lotbook_stamp` trigger. */
export const syncColumns = () => ({
  id: uuid('id').primaryKey(),
  dealership_id: uuid('dealership_id').notNull(),
  created_at: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  updated_at: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
  seq: bigint('seq', { mode: 'number' }).notNull().default(0),
  deleted: boolean('deleted').notNull().default(false),
  /** The change seq at which this row last moved in or out of someone's scope (see sync/scope.ts). */
  scope_seq: bigint('scope_seq', { mode: 'number' }).notNull().default(0),
});

export const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

import { sql, type SQL } from 'drizzle-orm';

/** Turns trusted SQL text containing `$u` placeholders into a chunk with the value bound as a parameter. */
export function bindUser(text: string, userId: string): SQL {
  const parts = text.split('$u');
  return sql.join(
    parts.map((p) => sql.raw(p)),
    sql`${userId}::uuid`,
  );
}

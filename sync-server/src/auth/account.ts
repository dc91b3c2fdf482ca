import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { PublicUser, Role } from '@lotbook/shared';
import type { Sql } from '../db/client.ts';
import { dealershipLogos, dealerships, userTokenCutoffs, users } from '../db/schema.ts';
import { logoUrl } from '../dealership/logo.ts';
import { normalizeEmail } from './email.ts';

export interface DealershipSummary {
  id: string;
  name: string;
  currency: string;
  locale: string;
  timezone: string;
  /** The dealership's logo (dealership/logo.ts), or null. */
  logo_url: string | null;
}

/** A user with their dealership, as auth needs it. `passwordHash` never leaves the auth folder. */
export interface Account {
  user: PublicUser;
  dealership: DealershipSummary;
  passwordHash: string;
  /** Active and not soft-deleted: the only accounts that may log in or refresh. */
  active: boolean;
  /** Access and refresh tokens issued at or before this instant (epoch ms) are revoked; 0 if never. */
  validAfterMs: number;
}

async function findAccount(db: Sql, where: SQL | undefined): Promise<Account | null> {
  const [row] = await db.orm
    .select({
      id: users.id,
      email: users.email,
      role: users.role,
      first_name: users.first_name,
      last_name: users.last_name,
      dealership_id: users.dealership_id,
      password_hash: users.password_hash,
      is_active: users.is_active,
      deleted: users.deleted,
      d_name: dealerships.name,
      d_currency: dealerships.currency,
      d_locale: dealerships.locale,
      d_timezone: dealerships.timezone,
      logo_at: dealershipLogos.updated_at,
      valid_after_ms: sql<number | null>`(extract(epoch from ${userTokenCutoffs.valid_after}) * 1000)::float8`,
    })
    .from(users)
    .innerJoin(dealerships, eq(dealerships.id, users.dealership_id))
    .leftJoin(userTokenCutoffs, eq(userTokenCutoffs.user_id, users.id))
    .leftJoin(dealershipLogos, eq(dealershipLogos.dealership_id, users.dealership_id))
    .where(where)
    .limit(1);
  if (!row) return null;
  return {
    user: {
      id: row.id,
      email: row.email,
      // The role column is checked on write; the cast only narrows text to the union.
      role: row.role as Role,
      first_name: row.first_name,
      last_name: row.last_name,
      dealership_id: row.dealership_id,
    },
    dealership: { id: row.dealership_id, name: row.d_name, currency: row.d_currency, locale: row.d_locale, timezone: row.d_timezone, logo_url: logoUrl(row.dealership_id, row.logo_at) },
    passwordHash: row.password_hash,
    active: row.is_active && !row.deleted,
    validAfterMs: row.valid_after_ms === null ? 0 : Number(row.valid_after_ms),
  };
}

/**
 * Looks an account up by email. `email` must already be normalized (normalizeEmail), which is
 * also the login throttle's key. The database narrows with `lower(email)` (its unique index),
 * then the stored address must normalize, in JS, to exactly that key: Postgres and JavaScript
 * lower-case some characters differently (U+0130 İ, for one), and an address that only matches
 * under Postgres's rules would otherwise log in under a throttle key of its own.
 */
export async function findAccountByEmail(db: Sql, email: string): Promise<Account | null> {
  const account = await findAccount(db, sql`lower(${users.email}) = lower(${email})`);
  return account && normalizeEmail(account.user.email) === email ? account : null;
}

/** Looks an account up by id, optionally only within one dealership. */
export function findAccountById(db: Sql, userId: string, dealershipId?: string): Promise<Account | null> {
  return findAccount(db, dealershipId ? and(eq(users.id, userId), eq(users.dealership_id, dealershipId)) : eq(users.id, userId));
}

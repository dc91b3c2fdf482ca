import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Database, Sql } from '../db/client.ts';
import { dealerships, users } from '../db/schema.ts';
import { ApiError } from '../http/errors.ts';
import { hashPassword } from '../auth/passwords.ts';
import { consumeLink, issueLink, peekLink } from '../team/links.ts';
import type { AdminBasics, DealershipBasics } from './schemas.ts';

/** A stored hash no password matches: the account works once its owner sets a password from a link. */
export const UNUSABLE_PASSWORD = () => `!unset:${randomBytes(16).toString('hex')}`;

export async function hasDealership(db: Sql): Promise<boolean> {
  const rows = await db.rows<{ any: boolean }>(sql`select exists(select 1 from dealerships) as any`);
  return rows[0]?.any === true;
}

export const setupDone = () => new ApiError(404, 'setup_done', 'This Lotbook already has a dealership; first-run setup is closed');
const linkInvalid = () => new ApiError(410, 'link_invalid', 'This link has already been used or has expired');

/**
 * At start-up: while no dealership exists, a fresh one-time setup link (the previous one stops
 * working). Returns null once a dealership exists.
 */
export async function startupSetupToken(db: Database): Promise<string | null> {
  return db.tx(async (tx) => {
    await tx.rows(sql`select pg_advisory_xact_lock(hashtext('lotbook:setup'))`);
    if (await hasDealership(tx)) return null;
    return issueLink(tx, 'setup', null);
  });
}

export interface SetupResult {
  dealership_id: string;
  user_id: string;
  /** Set when no password was given: the admin's one-time "set your password" token. */
  password_token?: string;
}

/**
 * Creates the dealership and its first admin, once: an advisory lock plus the emptiness check make a
 * second, concurrent or later setup fail with 404 `setup_done`. Without a password the admin gets a
 * one-time set-password token (the CLI path).
 */
export async function setupDealership(tx: Sql, d: DealershipBasics, admin: AdminBasics & { password?: string }): Promise<SetupResult> {
  await tx.rows(sql`select pg_advisory_xact_lock(hashtext('lotbook:setup'))`);
  if (await hasDealership(tx)) throw setupDone();
  const dealershipId = uuidv7();
  const userId = uuidv7();
  await tx.orm.insert(dealerships).values({ id: dealershipId, name: d.name, currency: d.currency, locale: d.locale, timezone: d.timezone });
  await tx.orm.insert(users).values({
    id: userId,
    dealership_id: dealershipId,
    email: admin.email,
    password_hash: admin.password ? await hashPassword(admin.password) : UNUSABLE_PASSWORD(),
    password_changed_at: admin.password ? sql`now()` : null,
    first_name: admin.first_name,
    last_name: admin.last_name,
    role: 'admin',
  });
  // Whatever setup links are still out there stop working now.
  await tx.rows(sql`update one_time_tokens set used_at = now() where purpose = 'setup' and used_at is null`);
  const password_token = admin.password ? undefined : await issueLink(tx, 'set_password', userId);
  return { dealership_id: dealershipId, user_id: userId, ...(password_token ? { password_token } : {}) };
}

/** The browser path: checks the link, then sets up, in one transaction (a failure keeps the link usable). */
export async function setupFromLink(db: Database, token: string, d: DealershipBasics, admin: AdminBasics & { password: string }): Promise<SetupResult> {
  return db.tx(async (tx) => {
    if (await hasDealership(tx)) throw setupDone();
    if (!(await consumeLink(tx, 'setup', token))) throw linkInvalid();
    return setupDealership(tx, d, admin);
  });
}

/** Whether a setup link can still be used (the screen asks before showing the form). */
export async function checkSetupLink(db: Database, token: string): Promise<void> {
  if (await hasDealership(db)) throw setupDone();
  if (!(await peekLink(db, 'setup', token))) throw linkInvalid();
}

export { linkInvalid };

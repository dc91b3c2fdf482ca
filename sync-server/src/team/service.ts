import { and, eq, inArray, ne, notInArray, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { AppContext, AuthUser } from '../context.ts';
import type { Sql } from '../db/client.ts';
import { leads, users } from '../db/schema.ts';
import { recordAudit } from '../audit/log.ts';
import { ApiError, badRequest, forbidden, notFound } from '../http/errors.ts';
import { UNUSABLE_PASSWORD } from '../dealership/setup.ts';
import { issueLink, revokeUserLinks } from './links.ts';
import { sessionsEnded } from '../auth/revocation.ts';
import type { CreateMember, EditMember } from './schemas.ts';

/** What the team API shows: the public fields (as the `team` collection replicates), the status and the days off. */
const PUBLIC = {
  id: users.id,
  email: users.email,
  first_name: users.first_name,
  last_name: users.last_name,
  phone: users.phone,
  role: users.role,
  is_active: users.is_active,
  specializations: users.specializations,
  working_hours: users.working_hours,
  days_off: users.days_off,
  created_at: users.created_at,
  updated_at: users.updated_at,
};

const CLOSED_STATUSES = ['closed_won', 'closed_lost'];

export async function listTeam(ctx: AppContext, me: AuthUser) {
  return ctx.db.orm
    .select(PUBLIC)
    .from(users)
    .where(and(eq(users.dealership_id, me.dealership_id), eq(users.deleted, false)))
    .orderBy(users.first_name, users.last_name);
}

/** A member of the caller's own dealership (another dealership's user is simply not found). */
async function member(db: Sql, me: AuthUser, id: string) {
  const [u] = await db.orm
    .select(PUBLIC)
    .from(users)
    .where(and(eq(users.id, id), eq(users.dealership_id, me.dealership_id), eq(users.deleted, false)));
  if (!u) throw notFound('Team member');
  return u;
}

/** Managers run the team but cannot create, promote to or touch admins. */
function guardRole(me: AuthUser, targetRole: string | undefined, newRole?: string) {
  if (me.role === 'admin') return;
  if (targetRole === 'admin' || newRole === 'admin') throw forbidden('Only an admin can create or change admins');
}

export async function createMember(ctx: AppContext, me: AuthUser, input: CreateMember, requestId?: string) {
  guardRole(me, undefined, input.role);
  return ctx.db.tx(async (tx) => {
    const taken = await tx.rows<{ n: number }>(sql`select count(*)::int as n from users where lower(email) = ${input.email}`);
    if ((taken[0]?.n ?? 0) > 0) throw new ApiError(409, 'email_taken', 'Someone already uses this email', { field: 'email' });
    const id = uuidv7();
    await tx.orm.insert(users).values({ id, dealership_id: me.dealership_id, password_hash: UNUSABLE_PASSWORD(), ...input });
    const token = await issueLink(tx, 'set_password', id);
    await recordAudit(tx, { dealershipId: me.dealership_id, userId: me.id, action: 'create', entity: 'users', entityId: id, after: input, requestId });
    return { user: await member(tx, me, id), token };
  });
}

export async function editMember(ctx: AppContext, me: AuthUser, id: string, input: EditMember, requestId?: string) {
  return ctx.db.tx(async (tx) => {
    const before = await member(tx, me, id);
    guardRole(me, before.role, input.role);
    if (id === me.id && input.role && input.role !== me.role) throw badRequest('You cannot change your own role', { field: 'role' });
    await tx.orm.update(users).set(input).where(eq(users.id, id));
    await recordAudit(tx, { dealershipId: me.dealership_id, userId: me.id, action: 'update', entity: 'users', entityId: id, before, after: input, requestId });
    return member(tx, me, id);
  });
}

/**
 * Deactivates a member: the revocation trigger (migration 0004) ends their sessions at once, their
 * links stop working, and their open leads go to the chosen colleague or back to unassigned, as
 * ordinary row updates that the sync triggers stamp and replicate.
 */
export async function deactivateMember(ctx: AppContext, me: AuthUser, id: string, reassignTo: string | null, requestId?: string) {
  if (id === me.id) throw badRequest('You cannot deactivate yourself');
  const done = await ctx.db.tx(async (tx) => {
    const target = await member(tx, me, id);
    guardRole(me, target.role);
    if (reassignTo) {
      if (reassignTo === id) throw badRequest('Choose someone else for their leads', { field: 'reassign_to' });
      const [to] = await tx.orm
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, reassignTo), eq(users.dealership_id, me.dealership_id), eq(users.is_active, true), eq(users.deleted, false), inArray(users.role, ['admin', 'manager', 'sales'])));
      if (!to) throw badRequest('reassign_to must be an active colleague who can own leads', { field: 'reassign_to' });
    }
    await tx.orm.update(users).set({ is_active: false }).where(eq(users.id, id));
    await revokeUserLinks(tx, id);
    const moved = await tx.orm
      .update(leads)
      .set({ assigned_to: reassignTo })
      .where(and(eq(leads.dealership_id, me.dealership_id), eq(leads.assigned_to, id), eq(leads.deleted, false), notInArray(leads.status, CLOSED_STATUSES)))
      .returning({ id: leads.id });
    await recordAudit(tx, { dealershipId: me.dealership_id, userId: me.id, action: 'deactivate', entity: 'users', entityId: id, after: { reassign_to: reassignTo, leads_moved: moved.length }, requestId });
    return { user: await member(tx, me, id), leads_moved: moved.length };
  });
  // Committed: their requests and open change streams on this instance end now.
  await sessionsEnded(ctx, id);
  return done;
}

export async function reactivateMember(ctx: AppContext, me: AuthUser, id: string, requestId?: string) {
  return ctx.db.tx(async (tx) => {
    const target = await member(tx, me, id);
    guardRole(me, target.role);
    await tx.orm.update(users).set({ is_active: true }).where(and(eq(users.id, id), ne(users.is_active, true)));
    await recordAudit(tx, { dealershipId: me.dealership_id, userId: me.id, action: 'reactivate', entity: 'users', entityId: id, requestId });
    return member(tx, me, id);
  });
}

/** A new one-time link; the old password stops working and every session ends (the trigger). */
export async function resetPassword(ctx: AppContext, me: AuthUser, id: string, requestId?: string) {
  const done = await ctx.db.tx(async (tx) => {
    const target = await member(tx, me, id);
    guardRole(me, target.role);
    if (!target.is_active) throw new ApiError(409, 'inactive_user', 'Reactivate this person first');
    await tx.orm.update(users).set({ password_hash: UNUSABLE_PASSWORD() }).where(eq(users.id, id));
    const token = await issueLink(tx, 'set_password', id);
    await recordAudit(tx, { dealershipId: me.dealership_id, userId: me.id, action: 'password_reset', entity: 'users', entityId: id, requestId });
    return { token };
  });
  await sessionsEnded(ctx, id);
  return done;
}

import { LEAD_STATUSES, LEAD_TRANSITIONS, type Customer, type Lead, type LeadStatus, type Role } from '@lotbook/shared';
import { fold, searchTokens } from '../inventory/fold.ts';

/** Cards rendered per column; the rest are counted and reachable from the list view. */
export const COLUMN_CAP = 50;

/** A sales rep sees their own leads and the unassigned ones; other roles see the whole dealership (as the server's scope). */
export function visibleLeads(leads: readonly Lead[], user: { id: string; role: Role }): Lead[] {
  if (user.role !== 'sales') return [...leads];
  return leads.filter((l) => l.assigned_to === user.id || l.assigned_to === null);
}

/** Viewers only look: they cannot move cards or log activity. */
export function canMoveLeads(role: Role): boolean {
  return role !== 'viewer';
}

/** Leads whose customer's name has every word of `query` (accent- and case-insensitive). */
export function filterByCustomer(
  leads: readonly Lead[], customers: ReadonlyMap<string, Pick<Customer, 'first_name' | 'last_name'>>, query: string,
): Lead[] {
  const words = searchTokens(query);
  if (words.length === 0) return [...leads];
  return leads.filter((l) => {
    const c = customers.get(l.customer_id);
    if (!c) return false;
    const name = fold(`${c.first_name} ${c.last_name}`);
    return words.every((w) => name.includes(w));
  });
}

/** Newest update first; the id breaks ties so the order is stable. */
export function byUpdatedDesc(a: Lead, b: Lead): number {
  return b.updated_at.localeCompare(a.updated_at) || b.id.localeCompare(a.id);
}

export interface KanbanColumn {
  status: LeadStatus;
  /** Every lead in this status (after visibility and filter). */
  total: number;
  /** The first `cap` of them, newest update first. */
  cards: Lead[];
}

/**
 * One column per status, in pipeline order, including empty ones. `overrides` places a lead in
 * another column while its move is being written (so a dropped card does not jump back).
 */
export function groupByStatus(
  leads: readonly Lead[], cap = COLUMN_CAP, overrides: ReadonlyMap<string, LeadStatus> = new Map(),
): KanbanColumn[] {
  const groups = new Map<LeadStatus, Lead[]>(LEAD_STATUSES.map((s) => [s, []]));
  for (const l of leads) groups.get(overrides.get(l.id) ?? l.status)?.push(l);
  return LEAD_STATUSES.map((status) => {
    const all = groups.get(status) ?? [];
    return { status, total: all.length, cards: all.toSorted(byUpdatedDesc).slice(0, cap) };
  });
}

/** How a column looks while a card from `from` is dragged: its own column, a legal target, or not allowed. */
export type DropState = 'origin' | 'legal' | 'illegal';

export function dropState(from: LeadStatus, to: LeadStatus): DropState {
  if (from === to) return 'origin';
  return LEAD_TRANSITIONS[from].includes(to) ? 'legal' : 'illegal';
}

/** A translate function as react-i18next's `t` for the `leads` namespace. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * Why a move is refused, in the user's language, built from LEAD_TRANSITIONS and the translated
 * status names (never from the rule's English message). Null when the move is allowed.
 * "No se puede pasar de Nuevo a Negociando: desde Nuevo solo se puede ir a Contactado o Perdido."
 */
export function refusalMessage(from: LeadStatus, to: LeadStatus, t: Translate, locale: string): string | null {
  if (dropState(from, to) !== 'illegal') return null;
  const name = (s: LeadStatus) => t(`status.${s}`);
  const allowed = LEAD_STATUSES.filter((s) => LEAD_TRANSITIONS[from].includes(s)).map(name);
  if (allowed.length === 0) return t('board.refusedFinal', { from: name(from), to: name(to) });
  const list = new Intl.ListFormat(locale, { style: 'long', type: 'disjunction' }).format(allowed);
  return t('board.refused', { from: name(from), to: name(to), allowed: list });
}

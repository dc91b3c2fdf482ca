/** Lead pipeline rules: status transitions and row constraints. */
import type { LeadStatus } from '../entities/enums.ts';
import { fail, OK, type RuleResult } from './result.ts';

/**
 * Allowed status moves (staying in the same status is always allowed and is not listed).
 * closed_won is terminal; closed_lost can be reopened to contacted.
 */
export const LEAD_TRANSITIONS: Readonly<Record<LeadStatus, readonly LeadStatus[]>> = {
  new: ['contacted', 'closed_lost'],
  contacted: ['qualified', 'closed_lost'],
  qualified: ['negotiating', 'closed_lost'],
  negotiating: ['closed_won', 'closed_lost'],
  closed_won: [],
  closed_lost: ['contacted'],
};

/** True iff `to === from` or `to` is in LEAD_TRANSITIONS[from]. */
export function canTransitionLead(from: LeadStatus, to: LeadStatus): boolean {
  return from === to || LEAD_TRANSITIONS[from].includes(to);
}

/** OK iff canTransitionLead(from, to); otherwise code `illegal_transition` naming the allowed targets. */
export function checkLeadTransition(from: LeadStatus, to: LeadStatus): RuleResult {
  if (canTransitionLead(from, to)) return OK;
  const allowed = LEAD_TRANSITIONS[from];
  const hint = allowed.length > 0 ? `allowed: ${allowed.join(', ')}` : `"${from}" is final`;
  return fail('illegal_transition', `A lead cannot move from "${from}" to "${to}" (${hint}).`, 'status');
}

export type LeadConstraintFields = {
  status: LeadStatus;
  last_contact_at: string | null;
  budget_min: number | null;
  budget_max: number | null;
};

/**
 * Row constraints, first failure wins:
 * - `last_contact_required`: any status other than `new` needs a non-empty last_contact_at;
 * - `budget_range`: budgets are finite and >= 0 when present, and min <= max when both are present.
 */
export function checkLead(lead: LeadConstraintFields): RuleResult {
  if (lead.status !== 'new' && (lead.last_contact_at === null || lead.last_contact_at.trim() === '')) {
    return fail('last_contact_required', `A lead in status "${lead.status}" needs a last contact date.`, 'last_contact_at');
  }
  for (const field of ['budget_min', 'budget_max'] as const) {
    const value = lead[field];
    if (value !== null && !(Number.isFinite(value) && value >= 0)) {
      return fail('budget_range', 'Budget amounts must be zero or positive numbers.', field);
    }
  }
  if (lead.budget_min !== null && lead.budget_max !== null && lead.budget_min > lead.budget_max) {
    return fail('budget_range', 'The minimum budget cannot be greater than the maximum budget.', 'budget_min');
  }
  return OK;
}

export type LeadStatusFields = {
  status: LeadStatus;
  last_contact_at: string | null;
  first_response_at: string | null;
};
export type RuleFailure = Extract<RuleResult, { ok: false }>;
export type LeadStatusChange = { ok: true; value: LeadStatusFields } | RuleFailure;

/**
 * Applies a status change. Illegal moves return the `illegal_transition` failure. Staying in the
 * same status changes nothing. Any real move to a status other than `new` sets last_contact_at to
 * nowIso and first_response_at to nowIso when it was null (it is never overwritten), so the
 * result always satisfies the `last_contact_required` rule.
 */
export function applyLeadStatusChange(lead: LeadStatusFields, to: LeadStatus, nowIso: string): LeadStatusChange {
  const check = checkLeadTransition(lead.status, to);
  if (!check.ok) return check;
  const current: LeadStatusFields = {
    status: lead.status,
    last_contact_at: lead.last_contact_at,
    first_response_at: lead.first_response_at,
  };
  if (to === lead.status) return { ok: true, value: current };
  if (to === 'new') return { ok: true, value: { ...current, status: to } };
  return {
    ok: true,
    value: { status: to, last_contact_at: nowIso, first_response_at: lead.first_response_at ?? nowIso },
  };
}

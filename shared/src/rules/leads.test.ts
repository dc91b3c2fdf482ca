import { describe, expect, it } from 'vitest';
import { LEAD_STATUSES, type LeadStatus } from '../entities/enums.ts';
import { applyLeadStatusChange, canTransitionLead, checkLead, checkLeadTransition, LEAD_TRANSITIONS } from './leads.ts';

const ALLOWED: Record<LeadStatus, LeadStatus[]> = {
  new: ['new', 'contacted', 'closed_lost'],
  contacted: ['contacted', 'qualified', 'closed_lost'],
  qualified: ['qualified', 'negotiating', 'closed_lost'],
  negotiating: ['negotiating', 'closed_won', 'closed_lost'],
  closed_won: ['closed_won'],
  closed_lost: ['closed_lost', 'contacted'],
};

describe('lead transitions', () => {
  const pairs = LEAD_STATUSES.flatMap((from) => LEAD_STATUSES.map((to) => [from, to] as const));

  it('covers all 36 pairs', () => expect(pairs).toHaveLength(36));

  it.each(pairs)('%s → %s matches the allowed set', (from, to) => {
    const expected = ALLOWED[from].includes(to);
    expect(canTransitionLead(from, to)).toBe(expected);
    const r = checkLeadTransition(from, to);
    expect(r.ok).toBe(expected);
    if (!r.ok) {
      expect(r.code).toBe('illegal_transition');
      expect(r.field).toBe('status');
    }
  });

  it('the table lists no self-transitions and closed_won is terminal', () => {
    for (const s of LEAD_STATUSES) expect(LEAD_TRANSITIONS[s]).not.toContain(s);
    expect(LEAD_TRANSITIONS.closed_won).toEqual([]);
  });

  it('names the allowed targets in the message', () => {
    const r = checkLeadTransition('new', 'closed_won');
    expect(!r.ok && r.message).toMatch(/contacted, closed_lost/);
    const won = checkLeadTransition('closed_won', 'contacted');
    expect(!won.ok && won.message).toMatch(/final/);
  });
});

describe('checkLead', () => {
  const base = { status: 'new' as LeadStatus, last_contact_at: null, budget_min: null, budget_max: null };

  it('accepts a new lead without contact or budget', () => expect(checkLead(base)).toEqual({ ok: true }));

  it.each(LEAD_STATUSES.filter((s) => s !== 'new'))('requires last_contact_at for %s', (status) => {
    expect(checkLead({ ...base, status })).toMatchObject({ ok: false, code: 'last_contact_required', field: 'last_contact_at' });
    expect(checkLead({ ...base, status, last_contact_at: '  ' })).toMatchObject({ code: 'last_contact_required' });
    expect(checkLead({ ...base, status, last_contact_at: '2026-03-01T10:00:00Z' })).toEqual({ ok: true });
  });

  it('checks the budget range', () => {
    expect(checkLead({ ...base, budget_min: 20000, budget_max: 10000 })).toMatchObject({ ok: false, code: 'budget_range' });
    expect(checkLead({ ...base, budget_min: 10000, budget_max: 10000 }).ok).toBe(true);
    expect(checkLead({ ...base, budget_min: 0, budget_max: 5000 }).ok).toBe(true);
    expect(checkLead({ ...base, budget_min: 15000 }).ok).toBe(true);
    expect(checkLead({ ...base, budget_max: 15000 }).ok).toBe(true);
    expect(checkLead({ ...base, budget_min: -1 })).toMatchObject({ code: 'budget_range', field: 'budget_min' });
    expect(checkLead({ ...base, budget_max: -5 })).toMatchObject({ code: 'budget_range', field: 'budget_max' });
    expect(checkLead({ ...base, budget_max: Number.NaN })).toMatchObject({ code: 'budget_range' });
  });
});

describe('applyLeadStatusChange', () => {
  const NOW = '2026-03-02T09:30:00.000Z';
  const fresh = { status: 'new' as LeadStatus, last_contact_at: null, first_response_at: null };

  it('stamps last contact and first response when leaving new', () => {
    const r = applyLeadStatusChange(fresh, 'contacted', NOW);
    expect(r).toEqual({ ok: true, value: { status: 'contacted', last_contact_at: NOW, first_response_at: NOW } });
  });

  it('keeps an existing first response and moves last contact', () => {
    const lead = { status: 'contacted' as LeadStatus, last_contact_at: '2026-03-01T10:00:00Z', first_response_at: '2026-03-01T10:00:00Z' };
    const r = applyLeadStatusChange(lead, 'qualified', NOW);
    expect(r).toEqual({ ok: true, value: { status: 'qualified', last_contact_at: NOW, first_response_at: '2026-03-01T10:00:00Z' } });
  });

  it('is a no-op when the status does not change', () => {
    expect(applyLeadStatusChange(fresh, 'new', NOW)).toEqual({ ok: true, value: fresh });
  });

  it('reopens a lost lead', () => {
    const lost = { status: 'closed_lost' as LeadStatus, last_contact_at: '2026-01-01T00:00:00Z', first_response_at: null };
    expect(applyLeadStatusChange(lost, 'contacted', NOW)).toMatchObject({ ok: true, value: { status: 'contacted', first_response_at: NOW } });
  });

  it('rejects illegal moves with illegal_transition and the result always passes checkLead', () => {
    expect(applyLeadStatusChange(fresh, 'negotiating', NOW)).toMatchObject({ ok: false, code: 'illegal_transition' });
    for (const from of LEAD_STATUSES) {
      for (const to of LEAD_STATUSES) {
        const lead = { status: from, last_contact_at: from === 'new' ? null : '2026-01-01T00:00:00Z', first_response_at: null };
        const r = applyLeadStatusChange(lead, to, NOW);
        expect(r.ok).toBe(canTransitionLead(from, to));
        if (r.ok) expect(checkLead({ ...r.value, budget_min: null, budget_max: null }).ok).toBe(true);
      }
    }
  });
});

import { LEAD_STATUSES, LEAD_TRANSITIONS, type Lead, type LeadStatus } from '@lotbook/shared';
import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import enLeads from '../../i18n/locales/en/leads.json';
import esLeads from '../../i18n/locales/es/leads.json';
import { canMoveLeads, dropState, filterByCustomer, groupByStatus, refusalMessage, visibleLeads, type Translate } from './kanban.ts';

const ANA = '0190f1a2-0000-7000-8000-0000000000a1';
const LUIS = '0190f1a2-0000-7000-8000-0000000000b2';

let n = 0;
function lead(patch: Partial<Lead> = {}): Lead {
  n += 1;
  const id = `0190f1a2-0000-7000-8000-${String(n).padStart(12, '0')}`;
  return {
    id, dealership_id: 'd', created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', version: 1, seq: n,
    customer_id: `c${n}`, assigned_to: ANA, source: 'walk_in', status: 'new', priority: 'medium',
    budget_min: null, budget_max: null, preferences: { body_types: [], makes: [], fuel_types: [], vehicle_id: null },
    notes: null, score: 0, score_factors: [], last_contact_at: null, first_response_at: null,
    ...patch,
  };
}

async function translator(lng: 'es' | 'en'): Promise<Translate> {
  const i = createInstance();
  await i.init({ lng, resources: { es: { leads: esLeads }, en: { leads: enLeads } }, defaultNS: 'leads', interpolation: { escapeValue: false } });
  return i.getFixedT(lng, 'leads') as unknown as Translate;
}

describe('refusalMessage', () => {
  it('says why, in Spanish, with the translated statuses the source column may go to', async () => {
    const t = await translator('es');
    expect(refusalMessage('new', 'negotiating', t, 'es-ES')).toBe(
      'No se puede pasar de Nuevo a Negociando: desde Nuevo solo se puede ir a Contactado o Perdido.',
    );
    expect(refusalMessage('contacted', 'new', t, 'es-ES')).toBe(
      'No se puede pasar de Contactado a Nuevo: desde Contactado solo se puede ir a Cualificado o Perdido.',
    );
    expect(refusalMessage('closed_lost', 'closed_won', t, 'es-ES')).toBe(
      'No se puede pasar de Perdido a Ganado: desde Perdido solo se puede ir a Contactado.',
    );
  });

  it('explains a final status, and speaks English in English', async () => {
    const es = await translator('es');
    const en = await translator('en');
    expect(refusalMessage('closed_won', 'contacted', es, 'es-ES')).toBe('No se puede pasar de Ganado a Contactado: Ganado es un estado final.');
    expect(refusalMessage('new', 'closed_won', en, 'en-GB')).toBe('Cannot move from New to Won: from New a lead can only go to Contacted or Lost.');
    expect(refusalMessage('closed_won', 'new', en, 'en-GB')).toBe('Cannot move from Won to New: Won is a final status.');
  });

  it('is null exactly for the moves the shared rule allows (and for staying put)', async () => {
    const t = await translator('es');
    for (const from of LEAD_STATUSES) {
      for (const to of LEAD_STATUSES) {
        const allowed = from === to || LEAD_TRANSITIONS[from].includes(to);
        expect(refusalMessage(from, to, t, 'es-ES') === null, `${from} → ${to}`).toBe(allowed);
      }
    }
  });
});

describe('dropState', () => {
  it('marks the own column, the legal targets and the rest', () => {
    expect(dropState('new', 'new')).toBe('origin');
    expect(dropState('new', 'contacted')).toBe('legal');
    expect(dropState('new', 'closed_lost')).toBe('legal');
    expect(dropState('new', 'qualified')).toBe('illegal');
    expect(dropState('negotiating', 'closed_won')).toBe('legal');
    expect(LEAD_STATUSES.filter((s) => dropState('closed_won', s) === 'legal')).toEqual([]);
  });
});

describe('visibleLeads and canMoveLeads', () => {
  const mine = lead({ assigned_to: ANA });
  const free = lead({ assigned_to: null });
  const luis = lead({ assigned_to: LUIS });
  const all = [mine, free, luis];

  it('a sales rep sees their own and the unassigned leads; other roles see all', () => {
    expect(visibleLeads(all, { id: ANA, role: 'sales' })).toEqual([mine, free]);
    expect(visibleLeads(all, { id: LUIS, role: 'sales' })).toEqual([free, luis]);
    for (const role of ['manager', 'admin', 'viewer'] as const) expect(visibleLeads(all, { id: ANA, role })).toEqual(all);
  });

  it('only viewers cannot move cards', () => {
    expect(canMoveLeads('viewer')).toBe(false);
    for (const role of ['sales', 'manager', 'admin'] as const) expect(canMoveLeads(role)).toBe(true);
  });
});

describe('filterByCustomer', () => {
  const customers = new Map([
    ['c-1', { first_name: 'Íñigo', last_name: 'López García' }],
    ['c-2', { first_name: 'Ana', last_name: 'Martín' }],
  ]);
  const a = lead({ customer_id: 'c-1' });
  const b = lead({ customer_id: 'c-2' });
  const orphan = lead({ customer_id: 'c-missing' });

  it('matches every word, ignoring accents and case', () => {
    expect(filterByCustomer([a, b, orphan], customers, 'inigo garcia')).toEqual([a]);
    expect(filterByCustomer([a, b, orphan], customers, 'MARTIN')).toEqual([b]);
    expect(filterByCustomer([a, b, orphan], customers, 'ana lopez')).toEqual([]);
  });

  it('an empty query keeps everything, even leads whose customer is not local yet', () => {
    expect(filterByCustomer([a, b, orphan], customers, '  ')).toEqual([a, b, orphan]);
  });
});

const day = (d: number) => `2026-03-${String(d).padStart(2, '0')}T10:00:00.000Z`;

describe('groupByStatus', () => {
  it('gives one column per status, in pipeline order, empty ones included', () => {
    const cols = groupByStatus([lead({ status: 'qualified' })]);
    expect(cols.map((c) => c.status)).toEqual([...LEAD_STATUSES]);
    expect(cols.map((c) => c.total)).toEqual([0, 0, 1, 0, 0, 0]);
  });

  it('sorts by last update, newest first, and caps the cards while counting them all', () => {
    const many = Array.from({ length: 12 }, (_, i) => lead({ status: 'contacted', updated_at: day(i + 1) }));
    const col = groupByStatus(many.toReversed(), 5).find((c) => c.status === 'contacted')!;
    expect(col.total).toBe(12);
    expect(col.cards.map((l) => l.updated_at)).toEqual([12, 11, 10, 9, 8].map(day));
  });

  it('keeps the board fast with 600 leads: at most 50 cards per column', () => {
    const statuses: LeadStatus[] = [...LEAD_STATUSES];
    const big = Array.from({ length: 600 }, (_, i) => lead({ status: statuses[i % statuses.length]!, updated_at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString() }));
    const cols = groupByStatus(big);
    expect(cols.every((c) => c.total === 100 && c.cards.length === 50)).toBe(true);
  });

  it('places a lead by its pending override (a dropped card does not jump back)', () => {
    const l = lead({ status: 'new' });
    const cols = groupByStatus([l], 50, new Map([[l.id, 'contacted' as LeadStatus]]));
    expect(cols.find((c) => c.status === 'new')!.total).toBe(0);
    expect(cols.find((c) => c.status === 'contacted')!.cards).toEqual([l]);
  });
});

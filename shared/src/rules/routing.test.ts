import { describe, expect, it } from 'vitest';
import { DEFAULT_ROUTING, routeLead, type RoutingCandidate } from './routing.ts';

const rep = (id: string, over: Partial<RoutingCandidate> = {}): RoutingCandidate => ({ id, name: id, specializations: [], conversion_rate: 0.2, active_leads: 0, available: true, ...over });
const cold = { score: 40, body_types: ['suv'], makes: ['Toyota'] };
const total = (d: ReturnType<typeof routeLead>, id: string) => d.candidates.find((c) => c.user_id === id)!.total;

describe('routeLead', () => {
  it('specialization alone: +30 for a body type or make match (accents and case ignored)', () => {
    const d = routeLead({ score: 40, body_types: [], makes: ['Citroën'] }, [rep('a'), rep('b', { specializations: ['citroen'] })], DEFAULT_ROUTING);
    expect(d.assigned_to).toBe('b');
    expect(total(d, 'b') - total(d, 'a')).toBe(30);
    expect(d.candidates[0]!.factors).toContainEqual({ factor: 'specialization', points: 30, value: 'citroen' });
    expect(d.why).toBe('highest_score');
  });

  it('conversion alone: the best converter gets +20, others in proportion', () => {
    const d = routeLead(cold, [rep('a', { conversion_rate: 0.1 }), rep('b', { conversion_rate: 0.4 })], DEFAULT_ROUTING);
    expect(d.assigned_to).toBe('b');
    expect(d.candidates.find((c) => c.user_id === 'b')!.factors).toContainEqual({ factor: 'conversion', points: 20, value: 40 });
    expect(d.candidates.find((c) => c.user_id === 'a')!.factors).toContainEqual({ factor: 'conversion', points: 5, value: 10 });
  });

  it('active leads alone: −5 each', () => {
    const d = routeLead(cold, [rep('a', { active_leads: 3 }), rep('b', { active_leads: 1 })], DEFAULT_ROUTING);
    expect(d.assigned_to).toBe('b');
    expect(total(d, 'a')).toBe(20 - 15 + 10);
  });

  it('availability alone: an unavailable rep scores without the +10 and cannot win', () => {
    const d = routeLead(cold, [rep('a', { available: false, specializations: ['suv'] }), rep('b')], DEFAULT_ROUTING);
    expect(d.assigned_to).toBe('b');
    expect(d.candidates.find((c) => c.user_id === 'a')).toMatchObject({ eligible: false, total: 50 });
  });

  it('combined: specialization outweighs three more active leads', () => {
    const d = routeLead(cold, [rep('a', { specializations: ['SUV'], active_leads: 4 }), rep('b', { active_leads: 1 })], DEFAULT_ROUTING);
    // a: 30 + 20 − 20 + 10 = 40; b: 20 − 5 + 10 = 25
    expect([d.assigned_to, total(d, 'a'), total(d, 'b')]).toEqual(['a', 40, 25]);
    expect(d.runner_up).toEqual({ user_id: 'b', name: 'b', total: 25 });
  });

  it('a hot lead goes to the top performers even when a weaker rep scores more', () => {
    const team = [rep('weak', { conversion_rate: 0.05, specializations: ['suv'] }), rep('star', { conversion_rate: 0.4, active_leads: 2 }), rep('good', { conversion_rate: 0.3, active_leads: 2 })];
    expect(routeLead(cold, team, DEFAULT_ROUTING).assigned_to).toBe('weak');
    const hot = routeLead({ ...cold, score: 85 }, team, DEFAULT_ROUTING);
    expect(hot.hot).toBe(true);
    expect(hot.assigned_to).toBe('star');
    expect(hot.candidates.find((c) => c.user_id === 'weak')!.top_performer).toBe(false);
  });

  it('ties break deterministically: fewer active leads, then user id, whatever the input order', () => {
    const a = rep('a'), b = rep('b');
    expect(routeLead(cold, [b, a], DEFAULT_ROUTING)).toMatchObject({ assigned_to: 'a', why: 'tie_by_id' });
    expect(routeLead(cold, [a, b], DEFAULT_ROUTING)).toMatchObject({ assigned_to: 'a', why: 'tie_by_id' });
    const w = { ...DEFAULT_ROUTING, weights: { ...DEFAULT_ROUTING.weights, per_active_lead: 0 } };
    expect(routeLead(cold, [rep('a', { active_leads: 2 }), rep('b', { active_leads: 1 })], w)).toMatchObject({ assigned_to: 'b', why: 'tie_fewer_active' });
  });

  it('nobody available, or only the excluded owner: the pool', () => {
    const d = routeLead(cold, [rep('a', { available: false }), rep('b', { available: false })], DEFAULT_ROUTING);
    expect(d).toMatchObject({ assigned_to: null, pool: true, why: 'nobody_available' });
    expect(d.candidates).toHaveLength(2);
    expect(routeLead(cold, [rep('a')], DEFAULT_ROUTING, ['a'])).toMatchObject({ assigned_to: null, pool: true });
    expect(routeLead(cold, [rep('a'), rep('b')], DEFAULT_ROUTING, ['a'])).toMatchObject({ assigned_to: 'b', why: 'only_candidate' });
  });

  it('uses the dealership weights', () => {
    const w = { ...DEFAULT_ROUTING, weights: { specialization: 0, conversion: 0, per_active_lead: 10, available: 0 } };
    const d = routeLead(cold, [rep('a', { specializations: ['suv'], active_leads: 2 }), rep('b', { active_leads: 1 })], w);
    expect([d.assigned_to, total(d, 'a'), total(d, 'b')]).toEqual(['b', -20, -10]);
  });
});

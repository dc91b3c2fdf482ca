import { describe, expect, it } from 'vitest';
import { isHumanContact, scoreLead, type LeadScoreInput } from './lead-score.ts';
import { DEFAULT_ROUTING } from './routing.ts';

const now = new Date('2026-12-03T10:00:00Z');
const stock = [
  { price: 24_000, body_type: 'suv', make: 'Toyota' },
  { price: 27_000, body_type: 'suv', make: 'Kia' },
  { price: 29_500, body_type: 'suv', make: 'Hyundai' },
  { price: 60_000, body_type: 'sedan', make: 'BMW' },
];
const webLead: LeadScoreInput = {
  source: 'website',
  status: 'new',
  budget_min: 20_000,
  budget_max: 28_000,
  preferences: { body_types: ['suv'], makes: [], vehicle_id: 'b7a7d7a2-5d2c-4b1e-9a53-1c1d2e3f4a5b' },
  created_at: '2026-12-03T09:30:00Z',
  last_contact_at: null,
  activities: [],
};
const pts = (r: ReturnType<typeof scoreLead>, f: string) => r.factors.find((x) => x.factor === f)?.points;

describe('scoreLead', () => {
  it('a good new web lead whose budget fits the stock is hot', () => {
    const r = scoreLead(webLead, stock, now);
    expect(r.factors).toEqual([
      { factor: 'source', points: 20 },
      { factor: 'budget_fit', points: 25 },
      { factor: 'specific_vehicle', points: 10 },
      { factor: 'recency', points: 20 },
    ]);
    expect(r.score).toBeGreaterThanOrEqual(DEFAULT_ROUTING.hot_threshold);
    expect(scoreLead({ ...webLead, preferences: { body_types: ['suv'] } }, stock, now).score).toBe(65);
  });

  it('budget fit: nothing in stock fits → 0; unknown budget → 10', () => {
    expect(pts(scoreLead({ ...webLead, budget_max: 10_000, budget_min: null }, stock, now), 'budget_fit')).toBe(0);
    expect(pts(scoreLead({ ...webLead, budget_max: null, budget_min: null }, stock, now), 'budget_fit')).toBe(10);
    expect(pts(scoreLead({ ...webLead, preferences: { makes: ['BMW'] }, budget_min: null, budget_max: 58_000 }, stock, now), 'budget_fit')).toBe(15);
  });

  it('engagement counts human contacts and a test drive, not notes or auto-replies', () => {
    const activities = [{ activity_type: 'call' }, { activity_type: 'test_drive' }, { activity_type: 'note' }, { activity_type: 'email', metadata: { auto_reply: true } }];
    expect(pts(scoreLead({ ...webLead, activities, last_contact_at: now.toISOString() }, stock, now), 'engagement')).toBe(20);
    expect(isHumanContact({ activity_type: 'whatsapp' })).toBe(true);
    expect(isHumanContact({ activity_type: 'note' })).toBe(false);
  });

  it('time without contact takes points away, and the same lead cools below the threshold', () => {
    const old = { ...webLead, created_at: '2026-11-29T10:00:00Z' };
    const r = scoreLead(old, stock, now);
    expect(pts(r, 'no_contact')).toBe(-15);
    expect(pts(r, 'recency')).toBe(10);
    expect(r.score).toBeLessThan(DEFAULT_ROUTING.hot_threshold);
    expect(pts(scoreLead({ ...old, status: 'closed_lost', last_contact_at: old.created_at }, stock, now), 'no_contact')).toBeUndefined();
  });

  it('stays within 0..100', () => {
    const many = Array.from({ length: 10 }, () => ({ activity_type: 'test_drive' }));
    expect(scoreLead({ ...webLead, source: 'referral', activities: many, last_contact_at: now.toISOString() }, stock, now).score).toBe(100);
    expect(scoreLead({ ...webLead, source: 'other', budget_max: 1, created_at: '2025-01-01T00:00:00Z' }, stock, now).score).toBe(0);
  });
});

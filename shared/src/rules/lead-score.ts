/**
 * The explainable lead score (DOMAIN.md "Lead score"): points for source quality, budget fit
 * against the available stock, recency and engagement, minus points for time without contact.
 * The factors are stored beside the score (`score_factors`), so the lead screen shows why.
 */
import type { ActivityType, LeadSource, LeadStatus } from '../entities/enums.ts';

/** Activities that are a human contact with the customer (first response, engagement). Notes and tasks are not. */
export const HUMAN_CONTACT_TYPES: readonly ActivityType[] = ['call', 'whatsapp', 'email', 'meeting', 'test_drive'];

/** True for an activity that counts as a human contact: its type, and not an automatic message. */
export function isHumanContact(a: { activity_type: string; metadata?: unknown }): boolean {
  const auto = typeof a.metadata === 'object' && a.metadata !== null && (a.metadata as { auto_reply?: unknown }).auto_reply === true;
  return (HUMAN_CONTACT_TYPES as readonly string[]).includes(a.activity_type) && !auto;
}

export const SOURCE_QUALITY: Readonly<Record<LeadSource, number>> = {
  referral: 25,
  walk_in: 25,
  website: 20,
  adf: 20,
  phone: 20,
  email: 15,
  event: 15,
  social: 10,
  other: 5,
};

export interface LeadScoreInput {
  source: LeadSource;
  status: LeadStatus;
  budget_min: number | null;
  budget_max: number | null;
  preferences: { body_types?: readonly string[]; makes?: readonly string[]; vehicle_id?: string | null };
  created_at: string;
  last_contact_at: string | null;
  activities: readonly { activity_type: string; metadata?: unknown }[];
}

export interface StockItem {
  price: number;
  body_type: string;
  make: string;
}

export interface LeadScore {
  score: number;
  factors: { factor: string; points: number }[];
}

const HOUR = 3_600_000;
const norm = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** How many available cars fit the lead's preferences and budget (10 % over the top still fits). */
export function stockFit(lead: Pick<LeadScoreInput, 'budget_min' | 'budget_max' | 'preferences'>, stock: readonly StockItem[]): number {
  const bodies = new Set((lead.preferences.body_types ?? []).map(norm));
  const makes = new Set((lead.preferences.makes ?? []).map(norm));
  return stock.filter(
    (v) =>
      (bodies.size === 0 || bodies.has(norm(v.body_type))) &&
      (makes.size === 0 || makes.has(norm(v.make))) &&
      (lead.budget_max === null || v.price <= lead.budget_max * 1.1) &&
      (lead.budget_min === null || v.price >= lead.budget_min * 0.8),
  ).length;
}

/**
 * Scores a lead at `now`, 0..100. A new web lead asking for a specific car, with a budget that
 * three available cars fit, scores 20 + 25 + 10 + 20 = 75, over the default hot threshold (70):
 * hot until it goes a day without contact. Without a named car it is warm (65).
 */
export function scoreLead(lead: LeadScoreInput, stock: readonly StockItem[], now: Date): LeadScore {
  const factors: { factor: string; points: number }[] = [{ factor: 'source', points: SOURCE_QUALITY[lead.source] }];
  const budgetKnown = lead.budget_min !== null || lead.budget_max !== null;
  const fit = stockFit(lead, stock);
  factors.push({ factor: 'budget_fit', points: fit === 0 ? 0 : !budgetKnown ? 10 : fit >= 3 ? 25 : 15 });
  if (lead.preferences.vehicle_id) factors.push({ factor: 'specific_vehicle', points: 10 });
  const ageH = Math.max(0, (now.getTime() - Date.parse(lead.created_at)) / HOUR);
  factors.push({ factor: 'recency', points: ageH <= 24 ? 20 : ageH <= 72 ? 15 : ageH <= 168 ? 10 : ageH <= 720 ? 5 : 0 });
  const contacts = lead.activities.filter(isHumanContact);
  const drove = contacts.some((a) => a.activity_type === 'test_drive');
  const engagement = Math.min(30, contacts.length * 5 + (drove ? 10 : 0));
  if (engagement > 0) factors.push({ factor: 'engagement', points: engagement });
  const open = lead.status !== 'closed_won' && lead.status !== 'closed_lost';
  const idleH = (now.getTime() - Date.parse(lead.last_contact_at ?? lead.created_at)) / HOUR;
  if (open && idleH > 24) factors.push({ factor: 'no_contact', points: -Math.min(30, 5 * Math.ceil((idleH - 24) / 24)) });
  const score = Math.max(0, Math.min(100, factors.reduce((s, f) => s + f.points, 0)));
  return { score, factors };
}

import { describe, expect, it } from 'vitest';
import { notificationHref } from './useNotifications.ts';
import { dailyFigures, yesterdayOf } from './daily-report.ts';

const NOW = new Date(2026, 11, 2, 9, 0); // 2 Dec 2026, 09:00 local
const at = (d: number, h = 12) => new Date(2026, 11, d, h).toISOString();

describe('daily report', () => {
  it('is about yesterday, in local time', () => {
    expect(yesterdayOf(NOW)).toBe('2026-12-01');
    expect(yesterdayOf(new Date(2026, 0, 1, 0, 30))).toBe('2025-12-31');
  });

  it('counts completed sales, new, won and lost leads of the day and the stock today', () => {
    const f = dailyFigures('2026-12-01', {
      sales: [
        { sale_date: at(1), status: 'completed', sale_price: 20000 },
        { sale_date: at(1, 18), status: 'completed', sale_price: 10500.5 },
        { sale_date: at(1), status: 'cancelled', sale_price: 99999 },
        { sale_date: at(30 - 30 + 2), status: 'completed', sale_price: 5000 },
      ],
      leads: [
        { created_at: at(1), updated_at: at(1), status: 'new' },
        { created_at: at(1, 8), updated_at: at(1, 20), status: 'closed_won' },
        { created_at: at(20 - 19 - 1 + 1), updated_at: at(1), status: 'closed_lost' },
        { created_at: at(2), updated_at: at(2), status: 'new' },
      ],
      vehicles: [
        { status: 'available', acquired_at: new Date(2026, 5, 1).toISOString() },
        { status: 'available', acquired_at: new Date(2026, 10, 20).toISOString() },
        { status: 'reserved', acquired_at: new Date(2026, 10, 20).toISOString() },
        { status: 'sold', acquired_at: new Date(2026, 1, 1).toISOString() },
      ],
    }, NOW);
    expect(f).toEqual({ day: '2026-12-01', salesCount: 2, revenue: 30500.5, newLeads: 3, wonLeads: 1, lostLeads: 1, inStock: 3, reserved: 1, aged: 1 });
  });
});

describe('notificationHref', () => {
  it('opens a real screen for every notification type', () => {
    const id = '0190a0b0-0000-7000-8000-000000000001';
    expect(notificationHref({ type: 'lead_assigned', entity_type: 'lead', entity_id: id })).toBe(`/leads/${id}`);
    expect(notificationHref({ type: 'lead_unanswered', entity_type: 'lead', entity_id: id })).toBe(`/leads/${id}`);
    expect(notificationHref({ type: 'hot_lead', entity_type: 'lead', entity_id: id })).toBe(`/leads/${id}`);
    expect(notificationHref({ type: 'follow_up_due', entity_type: 'lead', entity_id: id })).toBe(`/leads/${id}`);
    expect(notificationHref({ type: 'aged_inventory', entity_type: 'vehicle', entity_id: id })).toBe(`/inventory/${id}`);
    expect(notificationHref({ type: 'daily_report', entity_type: null, entity_id: null })).toBe('/notifications/daily-report');
    expect(notificationHref({ type: 'aged_inventory', entity_type: null, entity_id: null })).toBe('/inventory/aging');
    expect(notificationHref({ type: 'lead_assigned', entity_type: null, entity_id: null })).toBe('/leads');
    expect(notificationHref({ type: 'hot_lead', entity_type: 'customer', entity_id: id })).toBe(`/customers/${id}`);
  });
});

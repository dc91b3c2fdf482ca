import { describe, expect, it } from 'vitest';
import { checkLead, checkSale, checkVehicle, decodeVinModelYear, validateVin, type LeadStatus } from '@lotbook/shared';
import { buildDataset, type DatasetOptions } from './dataset.ts';
import { dniLetter } from './people.ts';

// Pure checks on the in-memory dataset (no database): determinism and the domain rules.
const NOW = new Date('2026-03-15T10:30:00Z');
const opts: DatasetOptions = { name: 'Automóviles Demo', emailDomain: 'demo.example', stockPrefix: 'AD', scale: 'small', now: NOW, seed: 42 };
const data = buildDataset(opts);

describe('buildDataset', () => {
  it('is deterministic: the same seed and clock give the same data, another seed other data', () => {
    expect(buildDataset(opts)).toEqual(data);
    const other = buildDataset({ ...opts, seed: 43 });
    expect(other.vehicles.map((v) => v.id)).not.toEqual(data.vehicles.map((v) => v.id));
    const later = buildDataset({ ...opts, now: new Date('2026-03-16T10:30:00Z') });
    expect(later.vehicles[0]?.acquired_at).not.toEqual(data.vehicles[0]?.acquired_at);
  });

  it('gives unique v4 UUIDs everywhere', () => {
    const ids = [data.dealership, ...data.users, ...data.vehicles, ...data.customers, ...data.leads, ...data.activities, ...data.sales, ...data.movements, ...data.notifications].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('builds valid, unique VINs whose model year matches the car', () => {
    expect(new Set(data.vehicles.map((v) => v.vin)).size).toBe(data.vehicles.length);
    for (const v of data.vehicles) {
      const check = validateVin(v.vin, NOW);
      expect(check.ok, v.vin).toBe(true);
      expect(check.decoded?.checkDigitValid, v.vin).toBe(true);
      expect(decodeVinModelYear(v.vin.charAt(9), NOW), v.vin).toBe(v.year);
      expect(checkVehicle(v, NOW).ok).toBe(true);
    }
    expect(data.vehicles.filter((v) => validateVin(v.vin).decoded?.manufacturer !== undefined).length).toBeGreaterThan(data.vehicles.length * 0.9);
  });

  it('stocks a realistic lot: ~150 days of arrivals, some aged, every status', () => {
    const stock = data.vehicles.filter((v) => v.status !== 'sold' && !v.deleted);
    const ages = stock.map((v) => (NOW.getTime() - v.acquired_at.getTime()) / 86_400_000);
    expect(Math.max(...ages)).toBeLessThanOrEqual(151);
    expect(ages.filter((d) => d > 60).length).toBeGreaterThan(stock.length * 0.15);
    for (const s of ['available', 'reserved', 'sold', 'maintenance']) expect(data.vehicles.some((v) => v.status === s), s).toBe(true);
    for (const v of data.vehicles.filter((x) => x.status === 'reserved')) {
      expect(data.users.find((u) => u.id === v.reserved_by)?.role).toBe('sales');
      expect(v.reserved_until?.getTime()).toBeGreaterThan(NOW.getTime());
    }
    expect(data.vehicles.every((v) => (v.images as string[]).length >= 1 && (v.images as string[]).length <= 3)).toBe(true);
    expect(data.vehicles.filter((v) => v.model === 'Model 3' || v.model === 'Model Y').every((v) => v.fuel_type === 'electric')).toBe(true);
    expect(data.vehicles.some((v) => /Camión/.test(v.description))).toBe(true);
  });

  it('keeps sales consistent with their cars and the sale rules', () => {
    const byId = new Map(data.vehicles.map((v) => [v.id, v]));
    const completed = data.sales.filter((s) => s.status === 'completed');
    expect(completed.length).toBe(150);
    for (const s of data.sales) {
      const v = byId.get(s.vehicle_id);
      expect(v).toBeDefined();
      expect(checkSale({ ...s, sale_date: s.sale_date.toISOString(), delivery_date: s.delivery_date?.toISOString() ?? null }).ok).toBe(true);
      expect(s.sale_price).toBeLessThanOrEqual(v?.promo_price ?? v?.price ?? 0);
      expect(s.sale_date.getTime()).toBeGreaterThan(v?.acquired_at.getTime() ?? Infinity);
      expect(s.sale_date.getTime()).toBeLessThanOrEqual(NOW.getTime());
      expect(v?.status).toBe(s.status === 'completed' ? 'sold' : s.status === 'pending' ? 'reserved' : 'available');
    }
    const soldCars = data.vehicles.filter((v) => v.status === 'sold');
    expect(new Set(completed.map((s) => s.vehicle_id))).toEqual(new Set(soldCars.map((v) => v.id)));
    const span = completed.map((s) => (NOW.getTime() - s.sale_date.getTime()) / 86_400_000);
    expect(Math.max(...span)).toBeGreaterThan(300);
  });

  it('keeps leads and activities within the pipeline rules', () => {
    const leadIds = new Set(data.leads.map((l) => l.id));
    for (const l of data.leads) {
      expect(checkLead({ ...l, status: l.status as LeadStatus, last_contact_at: l.last_contact_at?.toISOString() ?? null }).ok).toBe(true);
      if (l.assigned_to === null) expect(l.status).toBe('new');
      if (l.first_response_at) expect(l.first_response_at.getTime()).toBeGreaterThanOrEqual(l.created_at.getTime());
    }
    for (const s of ['new', 'contacted', 'qualified', 'negotiating', 'closed_won', 'closed_lost']) expect(data.leads.some((l) => l.status === s), s).toBe(true);
    for (const s of ['walk_in', 'adf', 'website', 'phone']) expect(data.leads.some((l) => l.source === s), s).toBe(true);
    expect(data.leads.some((l) => l.assigned_to === null)).toBe(true);
    for (const a of data.activities) {
      expect(leadIds.has(a.lead_id)).toBe(true);
      expect(a.activity_date.getTime()).toBeLessThanOrEqual(NOW.getTime());
    }
    const tasks = data.activities.filter((a) => a.activity_type === 'task' && !a.done);
    expect(tasks.some((t) => (t.due_at?.getTime() ?? Infinity) < NOW.getTime())).toBe(true);
    expect(tasks.some((t) => t.due_at?.toISOString().slice(0, 10) === NOW.toISOString().slice(0, 10))).toBe(true);
    expect(tasks.some((t) => (t.due_at?.getTime() ?? 0) > NOW.getTime() + 86_400_000)).toBe(true);
    for (const type of ['call', 'whatsapp', 'test_drive', 'note', 'task', 'email', 'meeting']) expect(data.activities.some((a) => a.activity_type === type), type).toBe(true);
  });

  it('gives customers valid phones, unique emails and DNI/NIE with the right letter', () => {
    const emails = data.customers.flatMap((c) => (c.email ? [c.email.toLowerCase()] : []));
    expect(new Set(emails).size).toBe(emails.length);
    const ids = data.customers.flatMap((c) => (c.national_id ? [c.national_id] : []));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      const digits = Number(id.slice(0, -1).replace(/^X/, '0').replace(/^Y/, '1').replace(/^Z/, '2'));
      expect(id.slice(-1), id).toBe(dniLetter(digits));
    }
    for (const c of data.customers) {
      if (c.phone) expect(c.phone).toMatch(/^\+34[67]\d{8}$/);
      expect(c.phone ?? c.email).toBeTruthy();
    }
  });

  it('scales up: the large dataset has the benchmark size', () => {
    const large = buildDataset({ ...opts, scale: 'large' });
    expect(large.vehicles.filter((v) => v.status !== 'sold' && !v.deleted).length).toBe(5000);
    expect(large.customers.length).toBe(20_000);
    expect(large.leads.length).toBe(20_000);
    expect(large.sales.filter((s) => s.status === 'completed').length).toBe(5000);
    expect(large.activities.length).toBeGreaterThan(80_000);
  });
});

import { checkSalePriceAgainstList, documentErrors, type FieldError, REJECTION_FIELD, type PushableCollection, type Rejection } from '@lotbook/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newDocFields } from './doc-fields.ts';
import { rawPush, serverDocs, startSeededServer, type TestServer, tokenFor } from './testing/server.ts';

/**
 * Field names the server's message names: "The document is invalid: email: …; phone: …", or a
 * rule's "description: A note can have …" / "sale_price: The sale price …".
 */
const namedFields = (message: string) => [...message.matchAll(/(?:^|: |; )([a-z_]+)(?:\.[\w.]+)?: /g)].map((m) => m[1]!);

const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'.split('');
const vinTail = fc.array(fc.constantFrom(...VIN_CHARS), { minLength: 8, maxLength: 8 }).map((a) => a.join(''));
const ISO = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
const BAD_DATES = fc.constantFrom('', 'ayer', '2026-02-30T10:00:00.000Z', '2026-13-01T10:00:00Z', '2026-06-01', '2026-06-01 10:00');
/** Amounts around the money schema's edges (>= 0, <= 100,000,000, at most 2 decimals). */
const EDGE_MONEY = fc.constantFrom(-1, -0.01, 0, 0.001, 0.5, 19.99, 100_000_000, 100_000_000.01, 1e12);
const cents = (n: number) => Math.round(n * 100) / 100;
const text = (max: number) => fc.oneof(fc.string({ maxLength: 12 }), fc.string({ minLength: max - 2, maxLength: max + 3 }));
/** Mostly a valid value, sometimes an edge case: every document has a fair chance to pass. */
const usually = <T, E>(valid: fc.Arbitrary<T>, edge: fc.Arbitrary<E>) => fc.oneof({ arbitrary: valid, weight: 7 }, { arbitrary: edge, weight: 1 });

/**
 * "One set of rules, on both sides" (issue 9): documents generated around the edges of the field
 * rules (formats, bounds, enums, lengths) are checked by the device's shared rules and pushed, as
 * new documents, to the real server. Whatever the device accepts, the server accepts; whatever the
 * server refuses as invalid, the device refuses too, naming the same field when the server names it.
 */
describe('the device refuses exactly what the server refuses as invalid', () => {
  let server: TestServer;
  let token: string;
  let me: { id: string; dealership_id: string };
  beforeAll(async () => {
    server = await startSeededServer();
    token = await tokenFor(server.url, 'gerente@demo.example');
    const res = await fetch(`${server.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { user?: { id: string; dealership_id: string }; id?: string; dealership_id?: string };
    me = body.user ?? (body as { id: string; dealership_id: string });
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** Pushes each document as a new one; the server's verdict per document. */
  async function serverVerdicts(collection: PushableCollection, docs: Record<string, unknown>[]): Promise<Map<string, Rejection>> {
    const rows = docs.map((d) => ({ assumedMasterState: null, newDocumentState: { ...d, _deleted: false } }));
    const res = await rawPush(server.url, token, collection, rows);
    expect(res.status).toBe(200);
    const out = new Map<string, Rejection>();
    for (const d of res.body as Record<string, unknown>[]) out.set(String(d.id), d[REJECTION_FIELD] as Rejection);
    return out;
  }


  /** `device_` adds what a form checks beyond documentErrors with facts it holds (the car's list price). */
  async function compare(collection: PushableCollection, docs: Record<string, unknown>[], device_: (doc: Record<string, unknown>) => FieldError[] = (doc) => documentErrors(collection, doc)) {
    const verdicts = await serverVerdicts(collection, docs);
    let refused = 0;
    let accepted = 0;
    for (const doc of docs) {
      const device = device_(doc);
      const rejection = verdicts.get(String(doc.id));
      if (rejection?.reason === 'duplicate') continue; // a uniqueness fact, not a field rule
      const label = `${collection} ${JSON.stringify(doc).slice(0, 400)} → device ${JSON.stringify(device)} server ${JSON.stringify(rejection)}`;
      if (device.length === 0) {
        expect(rejection, label).toBeUndefined();
        accepted++;
      }
      if (rejection) {
        refused++;
        expect(rejection.reason, label).toBe('invalid_document');
        expect(device.length, label).toBeGreaterThan(0);
        const fields = new Set(device.map((e) => e.field));
        for (const f of namedFields(rejection.message)) expect(fields.has(f), `${label}: field ${f}`).toBe(true);
      }
    }
    // Both sides of the edge were exercised.
    expect(accepted).toBeGreaterThan(5);
    return refused;
  }

  test('customers: names, emails, phones', async () => {
    const customer = fc.record({
      first_name: usually(fc.constantFrom('Ana', 'José Luis', 'Íñigo'), fc.oneof(fc.constant(''), fc.constant('  '), text(80))),
      last_name: usually(fc.constantFrom('', 'García Pérez'), text(120)),
      email: usually(fc.oneof(fc.constant(null), fc.emailAddress()), fc.oneof(fc.constantFrom('no-es-un-email', 'a@b', '@x.es', 'ana@@x.es', 'ana @x.es'), fc.string({ maxLength: 20 }))),
      phone: usually(fc.constantFrom(null, '+34612345678', '+447700900123'), fc.oneof(fc.constantFrom('612345678', '+3461', '+0612345678', '+34 612 345 678'), fc.string({ maxLength: 16 }))),
      national_id: usually(fc.constant(null), text(20)),
    });
    const docs = fc.sample(customer, { numRuns: 120, seed: 9 }).map((c, i) => ({
      ...newDocFields(me.dealership_id), address: null, is_active: true, created_by: me.id, ...c,
      // Unique emails: uniqueness is a fact about other rows, not a field rule.
      email: typeof c.email === 'string' && c.email.includes('@') ? c.email.replace('@', `+p${i}@`) : c.email,
    }));
    expect(await compare('customers', docs)).toBeGreaterThan(10);
  });

  test('vehicles: bounds, enums and domain rules', async () => {
    const vehicle = fc.record({
      tail: vinTail,
      stock_number: usually(fc.constant('S-1'), fc.oneof(fc.constant(''), text(40))),
      make: usually(fc.constant('Seat'), fc.oneof(fc.constant(''), text(60))),
      year: usually(fc.integer({ min: 1995, max: 2026 }), fc.oneof(fc.integer({ min: 1890, max: 2035 }), fc.constant(1900), fc.constant(2020.5))),
      body_type: usually(fc.constantFrom('suv', 'sedan', 'hatchback'), fc.constant('tank')),
      price: usually(fc.integer({ min: 1000, max: 90_000 }), fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom(0, 0.5, 100_000_000, 100_000_001))),
      mileage: usually(fc.integer({ min: 0, max: 300_000 }), fc.oneof(fc.integer({ min: -10, max: -1 }), fc.constantFrom(4_999_999, 5_000_000, 5_000_001, 9_999_999), fc.double({ min: 0, max: 10, noNaN: true }))),
      consumption: usually(fc.constantFrom(null, 5.4), fc.double({ min: -1, max: 120, noNaN: true })),
      is_promotion: usually(fc.constant(false), fc.constant(true)),
      promo_price: usually(fc.constant(null), fc.integer({ min: 0, max: 60_000 })),
    });
    const docs = fc.sample(vehicle, { numRuns: 120, seed: 9 }).map((v) => ({
      ...newDocFields(me.dealership_id),
      vin: `VSSZZZ6J${v.tail}Z`.slice(0, 17), stock_number: v.stock_number, make: v.make, model: 'Ibiza', trim: null, year: v.year, body_type: v.body_type,
      color: null, price: v.price, cost: null, mileage: v.mileage, fuel_type: 'gasoline', transmission: 'manual', consumption: v.consumption,
      description: '', features: {}, images: [], lot_location: null, status: 'available', reserved_by: null, reserved_until: null,
      acquired_at: '2026-01-15T10:00:00.000Z', is_promotion: v.is_promotion, promo_price: v.promo_price,
    }));
    expect(await compare('vehicles', docs)).toBeGreaterThan(10);
  });

  /** Who a lead can go to and whom a sale is by: the manager and an active salesperson of the seed. */
  async function people() {
    const team = [...(await serverDocs(server.url, token, 'team')).values()];
    const rep = team.find((u) => u.role === 'sales' && u.is_active === true);
    if (!rep) throw new Error('the seed has no active salesperson');
    const customers = [...(await serverDocs(server.url, token, 'customers')).values()];
    return { rep: String(rep.id), customer: String(customers[0]!.id) };
  }

  test('leads: enums, budgets, score, contact dates', async () => {
    const { rep, customer } = await people();
    const lead = fc.record({
      assigned_to: fc.constantFrom(null, me.id, rep),
      source: usually(fc.constantFrom('walk_in', 'website', 'phone'), fc.constantFrom('tiktok', '')),
      status: usually(fc.constantFrom('new', 'contacted', 'qualified', 'closed_lost'), fc.constantFrom('won', 'NEW')),
      priority: usually(fc.constantFrom('low', 'medium', 'urgent'), fc.constant('critical')),
      budget_min: usually(fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 30_000 })), EDGE_MONEY),
      budget_max: usually(fc.oneof(fc.constant(null), fc.integer({ min: 20_000, max: 60_000 })), EDGE_MONEY),
      makes: usually(fc.constantFrom([], ['Seat']), fc.array(text(60), { maxLength: 3 })),
      notes: usually(fc.constantFrom(null, '', 'Quiere un SUV'), text(10_000)),
      score: usually(fc.integer({ min: 0, max: 100 }), fc.constantFrom(-1, 101, 50.5)),
      last_contact_at: usually(fc.oneof(fc.constant(null), ISO), BAD_DATES),
    });
    const docs = fc.sample(lead, { numRuns: 100, seed: 9 }).map((l) => ({
      ...newDocFields(me.dealership_id), customer_id: customer, assigned_to: l.assigned_to, source: l.source, status: l.status,
      priority: l.priority, budget_min: l.budget_min, budget_max: l.budget_max,
      preferences: { body_types: [], makes: l.makes, fuel_types: [], vehicle_id: null }, notes: l.notes, score: l.score,
      score_factors: [], last_contact_at: l.last_contact_at, first_response_at: null,
    }));
    expect(await compare('leads', docs)).toBeGreaterThan(10);
  });

  test('lead_activities: notes up to their length, types, dates', async () => {
    const leads = [...(await serverDocs(server.url, token, 'leads')).values()];
    const activity = fc.record({
      activity_type: usually(fc.constantFrom('note', 'call', 'test_drive'), fc.constantFrom('visit', '')),
      description: usually(fc.constantFrom('', 'Llamó para la prueba'), fc.oneof(fc.string({ minLength: 1995, maxLength: 2005 }), fc.constant('x'.repeat(10_001)))),
      activity_date: usually(ISO, BAD_DATES),
      due_at: usually(fc.oneof(fc.constant(null), ISO), BAD_DATES),
      done: usually(fc.boolean(), fc.constant('yes')),
    });
    const docs = fc.sample(activity, { numRuns: 100, seed: 9 }).map((a, i) => ({
      ...newDocFields(me.dealership_id), lead_id: String(leads[i % leads.length]!.id), user_id: me.id, metadata: {}, ...a,
    }));
    expect(await compare('lead_activities', docs)).toBeGreaterThan(10);
  });

  test('sales: price bounds and against the list price, down payment, dates', async () => {
    const { rep, customer } = await people();
    const car = [...(await serverDocs(server.url, token, 'vehicles')).values()].find((v) => v.status === 'available' && typeof v.price === 'number' && v.price > 1000);
    if (!car) throw new Error('the seed has no available car');
    const list = car.price as number;
    const sale = fc.record({
      // Mostly a plausible deal, sometimes a typo: a thousandth, a thousand times, or past the bounds.
      sale_price: usually(fc.double({ min: 0.55, max: 1.45, noNaN: true }).map((k) => cents(list * k)),
        fc.oneof(fc.double({ min: 0.01, max: 4, noNaN: true }).map((k) => cents(list * k)), fc.constantFrom(list / 1000, list * 1000, 5_000_000.01), EDGE_MONEY)),
      down_share: usually(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(-0.1, 1.01, 2)),
      financing_type: usually(fc.constantFrom('cash', 'loan', 'lease'), fc.constant('crypto')),
      // Completed sales would sell the one car: each later sale of it is a fact about that row, not a field rule.
      status: usually(fc.constantFrom('pending', 'cancelled'), fc.constant('refunded')),
      sale_date: usually(ISO, BAD_DATES),
      delivery_date: usually(fc.oneof(fc.constant(null), ISO), BAD_DATES),
      salesperson_id: fc.constantFrom(me.id, rep),
      notes: usually(fc.constant(null), text(10_000)),
    });
    const docs = fc.sample(sale, { numRuns: 100, seed: 9 }).map(({ down_share, ...s }) => ({
      ...newDocFields(me.dealership_id), customer_id: customer, vehicle_id: String(car.id), ...s,
      down_payment: typeof s.sale_price === 'number' ? cents(s.sale_price * down_share) : 0,
    }));
    // The sale form checks the price against the car's list price it holds, besides documentErrors.
    const device = (doc: Record<string, unknown>) => {
      const errors = documentErrors('sales', doc);
      const vsList = checkSalePriceAgainstList(Number(doc.sale_price), list);
      if (doc.status !== 'cancelled' && !vsList.ok && !errors.some((e) => e.field === 'sale_price')) errors.push({ field: 'sale_price', code: vsList.code, message: vsList.message });
      return errors;
    };
    expect(await compare('sales', docs, device)).toBeGreaterThan(10);
  });
});

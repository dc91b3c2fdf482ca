import { documentErrors, REJECTION_FIELD, type PushableCollection, type Rejection } from '@lotbook/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newDocFields } from './doc-fields.ts';
import { rawPush, startSeededServer, type TestServer, tokenFor } from './testing/server.ts';

/** Field names the server's zod message names: "The document is invalid: email: …; phone: …". */
const namedFields = (message: string) => [...message.matchAll(/(?:: |; )([a-z_]+)(?:\.[\w.]+)?: /g)].map((m) => m[1]!);

const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'.split('');
const vinTail = fc.array(fc.constantFrom(...VIN_CHARS), { minLength: 8, maxLength: 8 }).map((a) => a.join(''));
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


  async function compare(collection: PushableCollection, docs: Record<string, unknown>[]) {
    const verdicts = await serverVerdicts(collection, docs);
    let refused = 0;
    let accepted = 0;
    for (const doc of docs) {
      const device = documentErrors(collection, doc);
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
});

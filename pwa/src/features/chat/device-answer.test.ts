import { fold, type Customer, type Lead, type Sale, type Vehicle } from '@lotbook/shared';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as dbApi from '../../db/index.ts';
import { syntheticVehicles } from '../../testing/synthetic.ts';
import { answerOnDevice } from './device-answer.ts';
import { readLocalData } from './local-data.ts';

const DEALER = '0190f1a2-0000-7000-8000-000000000001';
const ANA = '0190f1a2-0000-7000-8000-0000000000a1';
const LUIS = '0190f1a2-0000-7000-8000-0000000000b2';
let db: dbApi.LotbookDatabase;
let cars: Vehicle[];
const asking = (v: Vehicle) => (v.is_promotion && v.promo_price !== null ? v.promo_price : v.price);

function person(first: string): Customer {
  return { ...dbApi.newDocFields(DEALER), first_name: first, last_name: 'Prueba', email: null, phone: null, address: null, national_id: null, is_active: true, created_by: ANA } as Customer;
}
function lead(customer: Customer, assigned: string, score: number): Lead {
  return {
    ...dbApi.newDocFields(DEALER), customer_id: customer.id, assigned_to: assigned, source: 'website', status: 'new', priority: 'medium', budget_min: null, budget_max: null,
    preferences: { body_types: [], makes: [], fuel_types: [], vehicle_id: null }, notes: null, score, score_factors: [], last_contact_at: null, first_response_at: null,
  } as Lead;
}

beforeAll(async () => {
  db = await dbApi.createLotbookDatabase({ name: `chat${Date.now()}`, storage: getRxStorageMemory(), multiInstance: false });
  cars = syntheticVehicles(600, 7).map((f) => ({ ...dbApi.newDocFields(DEALER), ...f })) as Vehicle[];
  await db.vehicles.bulkInsert(cars);
  const eva = person('Eva');
  const rosa = person('Rosa');
  await db.customers.bulkInsert([eva, rosa]);
  await db.leads.bulkInsert([lead(eva, ANA, 85), lead(rosa, LUIS, 90)]);
  const sale = { ...dbApi.newDocFields(DEALER), customer_id: eva.id, vehicle_id: (cars[0] as Vehicle).id, salesperson_id: ANA, sale_price: 20000, down_payment: 0, financing_type: 'cash', status: 'completed', sale_date: new Date().toISOString(), delivery_date: null, notes: null } as Sale;
  await db.sales.insert(sale);
});
afterAll(async () => { await db?.remove(); });

describe('the assistant over the device data (real RxDB)', () => {
  it('answers the story question with exactly the matching cars, marked by the caller, and follows up', async () => {
    const data = await readLocalData(db);
    const opts = { lang: 'es' as const, timeZone: 'Europe/Madrid', maxResults: 50 };
    const a = answerOnDevice('¿Qué SUVs Toyota tenemos bajo 40.000 €?', data, { id: ANA, role: 'sales' }, null, opts);
    const truth = cars.filter((v) => fold(v.make) === 'toyota' && v.body_type === 'suv' && v.status === 'available' && asking(v) <= 40000);
    expect(truth.length).toBeGreaterThan(0);
    expect(new Set(a.sources.map((s) => s.id))).toEqual(new Set(truth.slice(0, 50).map((v) => v.id)));
    expect(a.content).toContain(`Encontré ${truth.length} coches`);
    const b = answerOnDevice('¿y en híbrido?', data, { id: ANA, role: 'sales' }, a.state, opts);
    expect(b.sources.map((s) => s.id).toSorted()).toEqual(truth.filter((v) => v.fuel_type === 'hybrid').map((v) => v.id).toSorted());
  });

  it('a salesperson sees only their own leads; the dealership\'s sales history needs the server', async () => {
    const data = await readLocalData(db);
    const opts = { lang: 'en' as const, timeZone: 'Europe/Madrid' };
    const att = answerOnDevice('which leads need attention', data, { id: ANA, role: 'sales' }, null, opts);
    expect(att.sources).toHaveLength(1);
    expect(att.content).toContain('Eva');
    expect(att.content).not.toContain('Rosa');
    const mine = answerOnDevice('how many cars did I sell this month', data, { id: ANA, role: 'sales' }, null, opts);
    expect(mine.content).toContain('1 car sold this month');
    const manager = answerOnDevice('how many cars did we sell this month', data, { id: LUIS, role: 'manager' }, null, opts);
    expect(manager.content).toBeNull();
  });
});

/** Reads what the device assistant needs from the local database (vehicles from the inventory read model). */
import type { Customer, Lead, LeadActivity, LocalData, Sale } from '@lotbook/shared';
import type { LotbookDatabase } from '../../db/index.ts';
import { readModelFor } from '../inventory/useInventory.ts';

const json = <T>(docs: { toJSON(): unknown }[]) => docs.map((d) => d.toJSON() as T);

export async function readLocalData(db: LotbookDatabase): Promise<LocalData> {
  const model = readModelFor(db);
  await model.start();
  const [leads, customers, activities, sales] = await Promise.all([
    db.leads.find().exec().then((d) => json<Lead>(d)),
    db.customers.find().exec().then((d) => json<Customer>(d)),
    db.lead_activities.find({ selector: { done: false } }).exec().then((d) => json<LeadActivity>(d)),
    db.sales.find().exec().then((d) => json<Sale>(d)),
  ]);
  return { vehicles: model.getSnapshot().items.map((i) => i.v), leads, customers, activities, sales };
}

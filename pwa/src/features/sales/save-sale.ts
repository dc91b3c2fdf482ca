import {
  applyLeadStatusChange, canTransitionLead, checkSale, saleFields,
  type FinancingType, type LeadStatus, type PublicUser, type Sale, type Vehicle,
} from '@lotbook/shared';
import type { DbModule } from '../../app/runtime.ts';
import type { LotbookDatabase } from '../../db/index.ts';
import { canEditInventory, canWrite } from '../inventory/permissions.ts';
import { sellBlock, type SellBlock } from './sale-form.ts';

/** What recordSale needs from the data runtime (DataRuntime fits; tests pass a device's db). */
export interface SaleWriter {
  db: LotbookDatabase;
  dbApi: Pick<DbModule, 'newDocFields'>;
}

export interface SaleInput {
  vehicleId: string;
  customerId: string;
  /** The user for a salesperson; a manager may record it for someone else. */
  salespersonId: string;
  /** The lead this sale closes, if any. */
  leadId: string | null;
  sale_price: number;
  down_payment: number;
  financing_type: FinancingType;
  sale_date: string;
  delivery_date: string | null;
  notes: string | null;
}

/** What happened to the lead. */
export type LeadOutcome =
  | { kind: 'none' }
  | { kind: 'closed_won' }
  | { kind: 'already_won' }
  | { kind: 'unchanged'; status: LeadStatus }
  | { kind: 'missing' };

export type SaleErrorCode = SellBlock | 'forbidden' | 'invalid' | 'vehicle_missing' | 'customer_missing';

export class SaleError extends Error {
  constructor(public readonly code: SaleErrorCode, message: string = code) {
    super(message);
  }
}

/**
 * Records a completed sale on the device, offline or not, in the shape the server accepts from
 * the user (sync-server rules.ts + facts.ts): status `completed`, the salesperson is the user
 * unless a manager records it, the price rules of checkSale, and a car that is available or
 * reserved for that salesperson, with no other completed sale.
 *
 * In the same save, so the car shows as sold at once, offline too:
 * - the car goes to `sold` with its reservation cleared, exactly what the server's trigger does
 *   when the sale arrives. On the server only a sale sells a car (SECURITY.md): a salesperson's
 *   `sold` patch that lands first is answered without a conflict and the car stays as it was until
 *   the sale arrives; one that lands after the sale equals the server's state. Nothing conflicts;
 * - an `exit` movement is logged, as the seed does for every completed sale;
 * - the lead, when given, moves to `closed_won` if its pipeline allows it (only from
 *   `negotiating`); otherwise it is left as it is and the outcome says why.
 * The car is re-checked on its latest local version inside the write; if the sale cannot be
 * stored, the car is put back as it was.
 */
export async function recordSale(data: SaleWriter, user: PublicUser, input: SaleInput): Promise<{ saleId: string; lead: LeadOutcome }> {
  const { db } = data;
  if (!canWrite(user.role)) throw new SaleError('forbidden');
  if (!canEditInventory(user.role) && input.salespersonId !== user.id) throw new SaleError('forbidden');

  const doc: Sale = {
    ...data.dbApi.newDocFields(user.dealership_id),
    customer_id: input.customerId,
    vehicle_id: input.vehicleId,
    salesperson_id: input.salespersonId,
    sale_price: input.sale_price,
    down_payment: input.down_payment,
    financing_type: input.financing_type,
    status: 'completed',
    sale_date: input.sale_date,
    delivery_date: input.delivery_date,
    notes: input.notes?.trim() ? input.notes.trim() : null,
  };
  const rule = checkSale(doc);
  if (!rule.ok) throw new SaleError('invalid', rule.message);
  const parsed = saleFields.safeParse(doc);
  if (!parsed.success) throw new SaleError('invalid', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));

  if (!(await db.customers.findOne(input.customerId).exec())) throw new SaleError('customer_missing');
  const vehicle = await db.vehicles.findOne(input.vehicleId).exec();
  if (!vehicle) throw new SaleError('vehicle_missing');
  const otherSales = await db.sales.find({ selector: { vehicle_id: input.vehicleId, status: 'completed' } }).exec();
  if (otherSales.length > 0) throw new SaleError('sold');

  let before: Pick<Vehicle, 'status' | 'reserved_by' | 'reserved_until'> | null = null;
  await vehicle.incrementalModify((v) => {
    const block = sellBlock(v, input.salespersonId);
    if (block) throw new SaleError(block);
    before = { status: v.status, reserved_by: v.reserved_by, reserved_until: v.reserved_until };
    return { ...v, status: 'sold', reserved_by: null, reserved_until: null };
  });
  try {
    await db.sales.insert(doc);
  } catch (err) {
    const previous = before as Pick<Vehicle, 'status' | 'reserved_by' | 'reserved_until'> | null;
    if (previous) await vehicle.incrementalModify((v) => ({ ...v, ...previous }));
    throw err;
  }
  await db.inventory_movements.insert({
    ...data.dbApi.newDocFields(user.dealership_id),
    vehicle_id: input.vehicleId,
    user_id: user.id,
    movement_type: 'exit',
    movement_date: new Date().toISOString(),
    notes: null,
    metadata: { action: 'sale', sale_id: doc.id },
  });
  return { saleId: doc.id, lead: await closeLead(db, input.leadId) };
}

/** Moves the lead to closed_won when its pipeline allows it; never forces it. */
async function closeLead(db: LotbookDatabase, leadId: string | null): Promise<LeadOutcome> {
  if (!leadId) return { kind: 'none' };
  const lead = await db.leads.findOne(leadId).exec();
  if (!lead) return { kind: 'missing' };
  if (lead.status === 'closed_won') return { kind: 'already_won' };
  if (!canTransitionLead(lead.status, 'closed_won')) return { kind: 'unchanged', status: lead.status };
  let outcome: LeadOutcome = { kind: 'closed_won' };
  await lead.incrementalModify((l) => {
    const r = applyLeadStatusChange(l, 'closed_won', new Date().toISOString());
    if (!r.ok) {
      outcome = { kind: 'unchanged', status: l.status };
      return l;
    }
    return { ...l, ...r.value };
  });
  return outcome;
}

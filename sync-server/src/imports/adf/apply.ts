import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { documentErrors } from '@lotbook/shared';
import type { AuthUser } from '../../context.ts';
import type { Database, Sql } from '../../db/client.ts';
import { matchVehicle } from './match.ts';
import type { Prospect } from './parse.ts';
import { recordRun, type ImportRun } from '../runs.ts';

export type ProspectStatus = 'created' | 'merged' | 'duplicate' | 'skipped';
export interface ProspectReport {
  index: number;
  prospect_id: string | null;
  source: string;
  name: string;
  status: ProspectStatus;
  reason?: string;
  customer_id?: string;
  lead_id?: string;
  vehicle_id?: string | null;
  warnings?: string[];
}

export interface AdfImportResult {
  import: ImportRun;
  /** True when the import created or changed nothing (a re-sent feed). */
  unchanged: boolean;
  prospects: ProspectReport[];
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Imports the prospects in one transaction under the dealership lock (the same lock as a sync push),
 * through the ordinary tables and their stamp triggers, so the new customers and leads replicate.
 * Imported leads are unassigned here; the route hands them to lead routing once this commits.
 */
export async function importAdf(db: Database, user: AuthUser, input: { prospects: Prospect[]; raw: string; fileName: string | null }): Promise<AdfImportResult> {
  return db.tx(async (tx) => {
    await tx.rows(sql`SELECT lotbook_lock_dealership(${user.dealership_id}::uuid)`);
    const reports: ProspectReport[] = [];
    for (const p of input.prospects) reports.push(await importProspect(tx, user, p));
    const count = (s: ProspectStatus) => reports.filter((r) => r.status === s).length;
    const counts = { total: reports.length, created: count('created'), merged: count('merged'), duplicate: count('duplicate'), skipped: count('skipped') };
    const run = await recordRun(tx, user, { kind: 'adf', fileName: input.fileName, fileHash: sha256(input.raw), counts, report: reports });
    return { import: run, unchanged: counts.created + counts.merged === 0, prospects: reports };
  });
}

async function importProspect(tx: Sql, user: AuthUser, p: Prospect): Promise<ProspectReport> {
  const name = [p.firstName, p.lastName].filter(Boolean).join(' ');
  const base = { index: p.index, prospect_id: p.prospectId, source: p.source, name };
  const warnings: string[] = [];
  if (p.badPhone) warnings.push(`phone "${p.badPhone}" is not a valid number and was left out`);
  if (!p.firstName && !p.email && !p.phone && !p.nationalId) return { ...base, status: 'skipped', reason: 'The prospect has no customer: no name, email or phone' };

  if (p.prospectId) {
    const [seen] = await tx.rows<{ lead_id: string }>(
      sql`SELECT lead_id FROM adf_prospect_keys WHERE dealership_id = ${user.dealership_id} AND source = ${p.source} AND prospect_id = ${p.prospectId}`,
    );
    if (seen) return { ...base, status: 'duplicate', reason: `Prospect ${p.prospectId} from ${p.source} was already imported`, lead_id: seen.lead_id };
  }

  const existing = await findCustomer(tx, user.dealership_id, p);
  const vehicle = p.vehicle ? await matchVehicle(tx, user.dealership_id, p.vehicle) : null;
  if (p.vehicle && !vehicle) warnings.push('the vehicle of interest matches nothing in stock');

  if (existing) {
    const dupe = await recentLead(tx, user.dealership_id, existing.id, vehicle?.id ?? null, p.vehicle?.make ?? null);
    if (dupe) return { ...base, status: 'duplicate', reason: 'The same customer asked about the same vehicle in the last 24 hours', customer_id: existing.id, lead_id: dupe };
  } else if (!p.firstName) {
    return { ...base, status: 'skipped', reason: 'The prospect has no name and matches no existing customer' };
  }

  let customerId: string;
  if (existing) {
    customerId = existing.id;
    // Merge: fill in what the customer record lacks, never overwrite what a rep typed.
    await tx.rows(sql`UPDATE customers SET email = coalesce(email, ${p.email && !(await emailTaken(tx, user.dealership_id, p.email)) ? p.email : null}),
      phone = coalesce(phone, ${p.phone}) WHERE id = ${customerId}`);
  } else {
    customerId = randomUUID();
    const doc = { first_name: p.firstName, last_name: p.lastName, email: p.email, phone: p.phone, address: null, national_id: p.nationalId, is_active: true };
    const errors = documentErrors('customers', doc);
    if (errors.length) return { ...base, status: 'skipped', reason: `Customer refused: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}` };
    await tx.rows(sql`INSERT INTO customers (id, dealership_id, first_name, last_name, email, phone, national_id, is_active, created_by)
      VALUES (${customerId}, ${user.dealership_id}, ${doc.first_name}, ${doc.last_name}, ${doc.email}, ${doc.phone}, ${doc.national_id}, true, ${user.id})`);
  }

  const lead = {
    customer_id: customerId,
    assigned_to: null,
    source: 'adf',
    status: 'new',
    priority: 'medium',
    budget_min: null,
    budget_max: null,
    preferences: { body_types: [], makes: p.vehicle?.make ? [p.vehicle.make.slice(0, 60)] : [], fuel_types: [], vehicle_id: vehicle?.id ?? null },
    notes: leadNotes(p, vehicle?.label ?? null),
    score: 0,
    score_factors: [],
    last_contact_at: null,
    first_response_at: null,
  };
  const errors = documentErrors('leads', lead);
  if (errors.length) throw new Error(`ADF lead refused by the shared rules: ${JSON.stringify(errors)}`);
  const leadId = randomUUID();
  await tx.rows(sql`INSERT INTO leads (id, dealership_id, customer_id, assigned_to, source, status, priority, preferences, notes)
    VALUES (${leadId}, ${user.dealership_id}, ${customerId}, NULL, 'adf', 'new', 'medium', ${JSON.stringify(lead.preferences)}::jsonb, ${lead.notes})`);
  if (p.prospectId) {
    await tx.rows(sql`INSERT INTO adf_prospect_keys (dealership_id, source, prospect_id, lead_id) VALUES (${user.dealership_id}, ${p.source}, ${p.prospectId}, ${leadId})`);
  }
  return {
    ...base,
    status: existing ? 'merged' : 'created',
    ...(existing ? { reason: `Merged into the existing customer (same ${existing.by})` } : {}),
    customer_id: customerId,
    lead_id: leadId,
    vehicle_id: vehicle?.id ?? null,
    ...(warnings.length ? { warnings } : {}),
  };
}

async function findCustomer(tx: Sql, dealershipId: string, p: Prospect): Promise<{ id: string; by: string } | null> {
  const tries: [string, string | null, ReturnType<typeof sql>][] = [
    ['email', p.email, sql`lower(email) = lower(${p.email})`],
    ['phone', p.phone, sql`phone = ${p.phone}`],
    ['national id', p.nationalId, sql`upper(national_id) = upper(${p.nationalId})`],
  ];
  for (const [by, value, where] of tries) {
    if (!value) continue;
    const [row] = await tx.rows<{ id: string }>(sql`SELECT id FROM customers WHERE dealership_id = ${dealershipId} AND NOT deleted AND ${where} ORDER BY created_at LIMIT 1`);
    if (row) return { id: row.id, by };
  }
  return null;
}

async function emailTaken(tx: Sql, dealershipId: string, email: string): Promise<boolean> {
  const rows = await tx.rows(sql`SELECT 1 FROM customers WHERE dealership_id = ${dealershipId} AND NOT deleted AND lower(email) = lower(${email}) LIMIT 1`);
  return rows.length > 0;
}

async function recentLead(tx: Sql, dealershipId: string, customerId: string, vehicleId: string | null, make: string | null): Promise<string | null> {
  const same = vehicleId
    ? sql`preferences->>'vehicle_id' = ${vehicleId}`
    : make
      ? sql`preferences->'makes' @> ${JSON.stringify([make])}::jsonb`
      : sql`preferences->>'vehicle_id' IS NULL`;
  const [row] = await tx.rows<{ id: string }>(sql`SELECT id FROM leads WHERE dealership_id = ${dealershipId} AND customer_id = ${customerId}
    AND NOT deleted AND created_at > now() - interval '24 hours' AND ${same} LIMIT 1`);
  return row?.id ?? null;
}

function describeVehicle(v: Prospect['vehicle']): string {
  if (!v) return '';
  return [v.make, v.model, v.year, v.vin ? `VIN ${v.vin}` : null, v.stock ? `stock ${v.stock}` : null, v.odometer ? `${v.odometer} km` : null]
    .filter(Boolean)
    .join(' ');
}

function leadNotes(p: Prospect, stockLabel: string | null): string {
  const lines = [`ADF · ${p.provider ?? p.source}${p.prospectId ? ` · id ${p.prospectId}` : ''}${p.requestDate ? ` · ${p.requestDate}` : ''}`];
  if (p.vehicle) lines.push(`Vehicle: ${describeVehicle(p.vehicle)}${stockLabel ? ` → ${stockLabel}` : ''}`);
  if (p.tradeIn) lines.push(`Trade-in: ${describeVehicle(p.tradeIn)}${p.tradeIn.comments ? ` (${p.tradeIn.comments})` : ''}`);
  for (const c of p.comments) lines.push(`Comments: ${c}`);
  if (p.vehicle?.comments) lines.push(`Comments: ${p.vehicle.comments}`);
  return lines.join('\n').slice(0, 4000);
}

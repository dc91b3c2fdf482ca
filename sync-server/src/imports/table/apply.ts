import { createHash, randomUUID } from 'node:crypto';
import { SQL, sql } from 'drizzle-orm';
import { documentErrors } from '@lotbook/shared';
import type { AuthUser } from '../../context.ts';
import type { Database, Sql } from '../../db/client.ts';
import { ApiError } from '../../http/errors.ts';
import { recordRun, type ImportRun } from '../runs.ts';
import { convert, DEFAULTS, FIELDS, guessMapping, type TableEntity } from './fields.ts';
import type { Cell, SheetSource } from './read.ts';

export interface RowError {
  row: number;
  field: string;
  message: string;
}
export interface Prepared {
  row: number;
  doc: Record<string, unknown>;
  /** Fields the file gave a value for: an update writes only these. */
  present: string[];
  ok: boolean;
  errors: RowError[];
}

/** Up to this many row errors travel in a response; the count is always exact. */
const MAX_ERRORS = 500;
/** Rows written per batch: one lookup query per batch finds the records they update. */
export const BATCH = 500;

const LEAD_FIELDS = ['source', 'status', 'priority', 'budget_min', 'budget_max', 'notes', 'last_contact_at'] as const;
const PLACEHOLDER_ID = '00000000-0000-4000-8000-000000000000';

/** Converts and validates one row with the mapping, through the same field rules as a sync push. */
export function prepareRow(entity: TableEntity, cells: Cell[], mapping: (string | null)[], locale: string, row: number): Prepared {
  const defs = FIELDS[entity];
  const doc: Record<string, unknown> = { ...DEFAULTS[entity] };
  const errors: RowError[] = [];
  mapping.forEach((field, col) => {
    const def = field ? defs[field] : undefined;
    if (!field || !def) return;
    const r = convert(def.kind, cells[col] ?? null, locale);
    if (r.ok) {
      if (r.value !== null) doc[field] = r.value;
    } else errors.push({ row, field, message: r.message });
  });
  if (entity === 'vehicles' && 'plate' in doc) {
    // The plate lives in features.plate (see fields.ts); an update merges it into the features.
    const plate = doc.plate;
    delete doc.plate;
    if (plate) doc.features = { ...(doc.features as object), plate };
  }
  const present = Object.keys(doc)
    .filter((k) => !(k in DEFAULTS[entity]) || mapping.includes(k) || (k === 'features' && entity === 'vehicles' && mapping.includes('plate')))
    .filter((k) => doc[k] !== null);
  if (entity === 'vehicles' && doc.acquired_at === undefined) doc.acquired_at = new Date().toISOString();
  // A lead past `new` needs a last contact date: the file's, else the lead's date, else now.
  if (entity === 'leads' && doc.status !== 'new' && !doc.last_contact_at) doc.last_contact_at = doc.created_at ?? new Date().toISOString();
  if (errors.length === 0) {
    if (entity === 'leads') {
      if (!doc.first_name && !doc.email && !doc.phone && !doc.national_id) errors.push({ row, field: 'first_name', message: 'a lead needs a customer: a name, email, phone or national id' });
      if (doc.first_name) for (const e of documentErrors('customers', customerDoc(doc))) errors.push({ row, field: e.field, message: e.message });
      for (const e of documentErrors('leads', leadDoc(doc, PLACEHOLDER_ID, null))) errors.push({ row, field: e.field, message: e.message });
    } else for (const e of documentErrors(entity, doc)) errors.push({ row, field: e.field, message: e.message });
  }
  return { row, doc, present, ok: errors.length === 0, errors };
}

interface Scan {
  total: number;
  invalid: number;
  errors: RowError[];
  sample: Record<string, unknown>[];
}

/** One streamed pass over the file: counts, the first MAX_ERRORS errors and a sample of five rows. */
async function scan(entity: TableEntity, sheet: SheetSource, mapping: (string | null)[], locale: string): Promise<Scan> {
  const out: Scan = { total: 0, invalid: 0, errors: [], sample: [] };
  for await (const cells of sheet.rows()) {
    const p = prepareRow(entity, cells, mapping, locale, out.total + 2); // the spreadsheet's row number (1 is the header)
    out.total++;
    if (out.sample.length < 5) out.sample.push(p.doc);
    if (!p.ok) out.invalid++;
    for (const e of p.errors) if (out.errors.length < MAX_ERRORS) out.errors.push(e);
  }
  return out;
}

export async function preview(entity: TableEntity, sheet: SheetSource, mapping: (string | null)[] | null, locale: string) {
  const used = checkMapping(entity, sheet, mapping);
  const p = await scan(entity, sheet, used, locale);
  return {
    entity,
    encoding: sheet.encoding,
    delimiter: sheet.delimiter,
    headers: sheet.headers,
    guesses: guessMapping(entity, sheet.headers),
    mapping: used,
    fields: Object.keys(FIELDS[entity]),
    total: p.total,
    valid: p.total - p.invalid,
    invalid: p.invalid,
    errors: p.errors,
    sample: p.sample,
  };
}

function checkMapping(entity: TableEntity, sheet: SheetSource, mapping: (string | null)[] | null): (string | null)[] {
  if (!mapping) return guessMapping(entity, sheet.headers);
  const unknown = mapping.find((m) => m !== null && !(m in FIELDS[entity]));
  if (unknown !== undefined) throw new ApiError(400, 'validation_error', `mapping names "${String(unknown).slice(0, 40)}", which is not a ${entity} field`);
  return mapping;
}

export interface TableImportResult {
  import: ImportRun;
  unchanged: boolean;
  counts: { total: number; created: number; updated: number; unchanged: number; invalid: number };
  errors: RowError[];
  /** Leads this import created (unassigned): the route hands them to lead routing once it commits. */
  createdLeadIds: string[];
}

export type Progress = (p: { phase: 'checking' | 'applying'; done: number; total: number | null }) => void;

/**
 * Two streamed passes over the file on disk. The first validates every row (nothing is written;
 * invalid rows answer 422 unless `skipInvalid`). The second applies the valid rows in batches of
 * BATCH inside ONE transaction under the dealership lock, through the ordinary tables and their
 * stamp triggers. Vehicles match by VIN, customers by email, phone or national id, leads by customer
 * and date (or source and vehicle): a match is updated (the trigger keeps its version when nothing
 * changed), the rest inserted. Any database refusal rolls the whole import back and answers 409
 * with the row. Memory holds a batch, not the file.
 */
export async function commitTable(
  db: Database,
  user: AuthUser,
  entity: TableEntity,
  sheet: SheetSource,
  opts: { mapping: (string | null)[] | null; skipInvalid: boolean; fileName: string | null; fileHash: string; locale: string; onProgress?: Progress },
): Promise<TableImportResult> {
  const mapping = checkMapping(entity, sheet, opts.mapping);
  const progress: Progress = opts.onProgress ?? (() => undefined);
  progress({ phase: 'checking', done: 0, total: null });
  const checked = await scan(entity, sheet, mapping, opts.locale);
  if (checked.invalid > 0 && !opts.skipInvalid) {
    throw new ApiError(422, 'invalid_rows', `${checked.invalid} rows are invalid; fix them or confirm with skip_invalid`, { invalid: checked.invalid, errors: checked.errors });
  }
  const hash = createHash('sha256').update(opts.fileHash).update(entity).update(JSON.stringify(mapping)).digest('hex');
  return db.tx(async (tx) => {
    await tx.rows(sql`SELECT lotbook_lock_dealership(${user.dealership_id}::uuid)`);
    const counts = { total: 0, created: 0, updated: 0, unchanged: 0, invalid: 0 };
    const createdLeadIds: string[] = [];
    const writeBatch =
      entity === 'vehicles' ? vehicleBatch : entity === 'customers' ? customerBatch : (t: Sql, u: AuthUser, b: Prepared[]) => leadBatch(t, u, b, createdLeadIds);
    let batch: Prepared[] = [];
    const flush = async () => {
      for (const o of await writeBatch(tx, user, batch)) counts[o]++;
      batch = [];
      progress({ phase: 'applying', done: counts.total, total: checked.total });
    };
    progress({ phase: 'applying', done: 0, total: checked.total });
    for await (const cells of sheet.rows()) {
      const p = prepareRow(entity, cells, mapping, opts.locale, counts.total + 2);
      counts.total++;
      if (!p.ok) {
        counts.invalid++;
        continue;
      }
      batch.push(p);
      if (batch.length >= BATCH) await flush();
    }
    if (batch.length) await flush();
    const run = await recordRun(tx, user, { kind: entity, fileName: opts.fileName, fileHash: hash, counts, report: checked.errors });
    return { import: run, unchanged: counts.created + counts.updated === 0, counts, errors: checked.errors, createdLeadIds };
  });
}

type Outcome = 'created' | 'updated' | 'unchanged';
interface Known {
  id: string;
  version: number;
}

/** Runs one row's writes; a database refusal becomes a 409 naming the row (the transaction rolls back). */
async function guarded<T>(row: number, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ApiError) throw err;
    const code = (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code;
    throw new ApiError(409, 'import_failed', `Row ${row} was refused by the database${code === '23505' ? ' (a unique value belongs to another record)' : ''}; nothing was imported`, { row });
  }
}

const value = (v: unknown) => (v instanceof SQL ? v : v !== null && typeof v === 'object' ? sql`${JSON.stringify(v)}::jsonb` : sql`${v}`);
const inList = (col: SQL, values: string[]) => (values.length ? sql`${col} IN (${sql.join(values.map((v) => sql`${v}`), sql`, `)})` : sql`false`);

async function insert(tx: Sql, table: 'vehicles' | 'customers' | 'leads', user: AuthUser, id: string, doc: Record<string, unknown>): Promise<void> {
  const names = Object.keys(doc).filter((k) => doc[k] !== undefined);
  await tx.rows(sql`INSERT INTO ${sql.raw(table)} (id, dealership_id, ${sql.raw(names.join(', '))})
    VALUES (${id}, ${user.dealership_id}, ${sql.join(names.map((k) => value(doc[k])), sql`, `)})`);
}

/** Updates the given fields; the stamp trigger bumps the version only when a value changed. */
async function update(tx: Sql, table: 'vehicles' | 'customers' | 'leads', known: Known, fields: Record<string, unknown>): Promise<{ outcome: Outcome; version: number }> {
  const keys = Object.keys(fields).filter((k) => fields[k] !== undefined);
  if (keys.length === 0) return { outcome: 'unchanged', version: known.version };
  const [row] = await tx.rows<{ version: number }>(sql`UPDATE ${sql.raw(table)} SET ${sql.join(
    keys.map((k) => sql`${sql.raw(k)} = ${value(fields[k])}`),
    sql`, `,
  )} WHERE id = ${known.id} RETURNING version`);
  const version = Number(row?.version);
  return { outcome: version === known.version ? 'unchanged' : 'updated', version };
}

const only = (doc: Record<string, unknown>, keys: readonly string[]) => Object.fromEntries(keys.filter((k) => k in doc).map((k) => [k, doc[k]]));

async function vehicleBatch(tx: Sql, user: AuthUser, rows: Prepared[]): Promise<Outcome[]> {
  const vins = [...new Set(rows.map((r) => String(r.doc.vin).toUpperCase()))];
  const found = await tx.rows<{ id: string; vin: string; version: number }>(
    sql`SELECT id, vin, version FROM vehicles WHERE dealership_id = ${user.dealership_id} AND ${inList(sql`vin`, vins)}`,
  );
  const byVin = new Map<string, Known>(found.map((r) => [r.vin.toUpperCase(), { id: r.id, version: Number(r.version) }]));
  const out: Outcome[] = [];
  for (const r of rows) {
    const vin = String(r.doc.vin).toUpperCase();
    const hit = byVin.get(vin);
    out.push(
      await guarded(r.row, async () => {
        if (!hit) {
          const id = randomUUID();
          await insert(tx, 'vehicles', user, id, r.doc);
          byVin.set(vin, { id, version: 1 });
          return 'created';
        }
        // An update writes only what the file holds: no default erases a car's photos or notes.
        const fields: Record<string, unknown> = { ...only(r.doc, r.present), deleted: false };
        // The features a rep or the seed set stay: only the plate key is written.
        if (fields.features) fields.features = sql`features || ${JSON.stringify(fields.features)}::jsonb`;
        const u = await update(tx, 'vehicles', hit, fields);
        hit.version = u.version;
        return u.outcome;
      }),
    );
  }
  return out;
}

const key = (kind: string, v: unknown) => (v ? `${kind}:${String(v).toLowerCase()}` : null);
const customerKeys = (doc: Record<string, unknown>) => [key('e', doc.email), key('p', doc.phone), key('n', doc.national_id)].filter((k): k is string => k !== null);

/** The existing customers any row of the batch names by email, phone or national id, keyed `e:`/`p:`/`n:`. */
async function customerLookup(tx: Sql, user: AuthUser, rows: Prepared[]): Promise<Map<string, Known>> {
  const emails = [...new Set(rows.map((r) => r.doc.email).filter(Boolean).map((v) => String(v).toLowerCase()))];
  const phones = [...new Set(rows.map((r) => r.doc.phone).filter(Boolean).map(String))];
  const ids = [...new Set(rows.map((r) => r.doc.national_id).filter(Boolean).map((v) => String(v).toUpperCase()))];
  const found = await tx.rows<{ id: string; email: string | null; phone: string | null; national_id: string | null; version: number }>(
    sql`SELECT id, email, phone, national_id, version FROM customers WHERE dealership_id = ${user.dealership_id} AND NOT deleted
      AND (${inList(sql`lower(email)`, emails)} OR ${inList(sql`phone`, phones)} OR ${inList(sql`upper(national_id)`, ids)}) ORDER BY created_at DESC`,
  );
  const keys = new Map<string, Known>();
  // Oldest last, so when two customers share a key the oldest wins (as before).
  for (const r of found) for (const k of [key('e', r.email), key('p', r.phone), key('n', r.national_id)]) if (k) keys.set(k, { id: r.id, version: Number(r.version) });
  return keys;
}

async function customerBatch(tx: Sql, user: AuthUser, rows: Prepared[]): Promise<Outcome[]> {
  const keys = await customerLookup(tx, user, rows);
  const out: Outcome[] = [];
  for (const r of rows) {
    const mine = customerKeys(r.doc);
    const hit = mine.map((k) => keys.get(k)).find((h) => h !== undefined);
    out.push(
      await guarded(r.row, async () => {
        if (!hit) {
          const id = randomUUID();
          await insert(tx, 'customers', user, id, { ...r.doc, created_by: user.id });
          const entry = { id, version: 1 };
          for (const k of mine) keys.set(k, entry);
          return 'created';
        }
        // Only what the file holds: an empty cell never erases what a rep typed.
        const u = await update(tx, 'customers', hit, only(r.doc, r.present));
        hit.version = u.version;
        for (const k of mine) keys.set(k, hit);
        return u.outcome;
      }),
    );
  }
  return out;
}

function customerDoc(doc: Record<string, unknown>): Record<string, unknown> {
  return { first_name: doc.first_name, last_name: doc.last_name ?? '', email: doc.email ?? null, phone: doc.phone ?? null, address: null, national_id: doc.national_id ?? null, is_active: true };
}

function leadDoc(doc: Record<string, unknown>, customerId: string, vehicleId: string | null): Record<string, unknown> {
  return {
    customer_id: customerId,
    assigned_to: null,
    source: doc.source,
    status: doc.status,
    priority: doc.priority,
    budget_min: doc.budget_min ?? null,
    budget_max: doc.budget_max ?? null,
    preferences: { body_types: [], makes: [], fuel_types: [], vehicle_id: vehicleId },
    notes: doc.notes ?? null,
    score: 0,
    score_factors: [],
    last_contact_at: doc.last_contact_at ?? null,
    first_response_at: null,
  };
}

/**
 * Leads: the customer is found by email, phone or national id (never overwritten) or created; the
 * vehicle of interest is looked up by VIN or stock number. A row with a date (`created_at`, as the
 * export writes it) is the lead of that customer created at that moment; without one, the newest
 * lead of that customer, source and vehicle. New leads are unassigned: the up-for-grabs pool.
 */
async function leadBatch(tx: Sql, user: AuthUser, rows: Prepared[], created: string[] = []): Promise<Outcome[]> {
  const keys = await customerLookup(tx, user, rows);
  const out: Outcome[] = [];
  for (const r of rows) {
    out.push(
      await guarded(r.row, async () => {
        const mine = customerKeys(r.doc);
        let customer = mine.map((k) => keys.get(k)).find((h) => h !== undefined);
        if (!customer) {
          if (!r.doc.first_name) throw new ApiError(409, 'import_failed', `Row ${r.row} matches no existing customer and has no name; nothing was imported`, { row: r.row });
          const id = randomUUID();
          await insert(tx, 'customers', user, id, { ...customerDoc(r.doc), address: undefined, created_by: user.id });
          customer = { id, version: 1 };
          for (const k of mine) keys.set(k, customer);
        }
        const vehicleId = await vehicleOfInterest(tx, user, r.doc);
        const [lead] = r.doc.created_at
          ? await tx.rows<{ id: string; version: number }>(sql`SELECT id, version FROM leads WHERE dealership_id = ${user.dealership_id} AND customer_id = ${customer.id}
              AND NOT deleted AND created_at = ${String(r.doc.created_at)}::timestamptz LIMIT 1`)
          : await tx.rows<{ id: string; version: number }>(sql`SELECT id, version FROM leads WHERE dealership_id = ${user.dealership_id} AND customer_id = ${customer.id}
              AND NOT deleted AND source = ${String(r.doc.source)} AND coalesce(preferences->>'vehicle_id', '') = ${vehicleId ?? ''} ORDER BY created_at DESC LIMIT 1`);
        if (lead) {
          const fields = only(r.doc, LEAD_FIELDS.filter((f) => r.present.includes(f)));
          // Moved past `new` by the file without a contact date: keep the lead's, else now.
          if (fields.status && fields.status !== 'new' && !fields.last_contact_at) fields.last_contact_at = sql`coalesce(last_contact_at, now())`;
          const u = await update(tx, 'leads', { id: lead.id, version: Number(lead.version) }, fields);
          return u.outcome;
        }
        const doc = leadDoc(r.doc, customer.id, vehicleId);
        const leadId = randomUUID();
        created.push(leadId);
        await insert(tx, 'leads', user, leadId, {
          customer_id: doc.customer_id, assigned_to: null, source: doc.source, status: doc.status, priority: doc.priority, budget_min: doc.budget_min, budget_max: doc.budget_max,
          preferences: doc.preferences, notes: doc.notes, last_contact_at: doc.last_contact_at, ...(r.doc.created_at ? { created_at: r.doc.created_at } : {}),
        });
        return 'created';
      }),
    );
  }
  return out;
}

async function vehicleOfInterest(tx: Sql, user: AuthUser, doc: Record<string, unknown>): Promise<string | null> {
  const where = doc.vin ? sql`vin = ${String(doc.vin)}` : doc.stock_number ? sql`stock_number = ${String(doc.stock_number)}` : null;
  if (!where) return null;
  const [v] = await tx.rows<{ id: string }>(sql`SELECT id FROM vehicles WHERE dealership_id = ${user.dealership_id} AND NOT deleted AND ${where} LIMIT 1`);
  return v?.id ?? null;
}

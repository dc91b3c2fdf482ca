import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { documentErrors } from '@lotbook/shared';
import type { AuthUser } from '../../context.ts';
import type { Database, Sql } from '../../db/client.ts';
import { ApiError } from '../../http/errors.ts';
import { recordRun, type ImportRun } from '../runs.ts';
import { convert, DEFAULTS, FIELDS, guessMapping, type TableEntity } from './fields.ts';
import type { Sheet } from './read.ts';

export interface RowError {
  row: number;
  field: string;
  message: string;
}
interface Prepared {
  row: number;
  doc: Record<string, unknown>;
  /** Fields the file gave a value for: an update writes only these. */
  present: string[];
  ok: boolean;
}

/** Up to this many row errors travel in a response; the count is always exact. */
const MAX_ERRORS = 500;

/** Converts and validates every row with the mapping, through the same field rules as a sync push. */
export function prepare(entity: TableEntity, sheet: Sheet, mapping: (string | null)[], locale: string) {
  const defs = FIELDS[entity];
  const errors: RowError[] = [];
  let invalid = 0;
  const rows: Prepared[] = sheet.rows.map((cells, i) => {
    const row = i + 2; // the spreadsheet's row number (1 is the header)
    const doc: Record<string, unknown> = { ...DEFAULTS[entity] };
    const mine: RowError[] = [];
    mapping.forEach((field, col) => {
      const def = field ? defs[field] : undefined;
      if (!field || !def) return;
      const r = convert(def.kind, cells[col] ?? null, locale);
      if (r.ok) {
        if (r.value !== null) doc[field] = r.value;
      } else mine.push({ row, field, message: r.message });
    });
    const present = Object.keys(doc).filter((k) => !(k in DEFAULTS[entity]) || mapping.includes(k)).filter((k) => doc[k] !== null);
    if (entity === 'vehicles' && doc.acquired_at === undefined) doc.acquired_at = new Date().toISOString();
    if (mine.length === 0) for (const e of documentErrors(entity, doc)) mine.push({ row, field: e.field, message: e.message });
    if (mine.length) invalid++;
    for (const e of mine) if (errors.length < MAX_ERRORS) errors.push(e);
    return { row, doc, present, ok: mine.length === 0 };
  });
  return { rows, errors, invalid };
}

export function preview(entity: TableEntity, sheet: Sheet, mapping: (string | null)[] | null, locale: string) {
  const used = mapping ?? guessMapping(entity, sheet.headers);
  const p = prepare(entity, sheet, used, locale);
  return {
    entity,
    encoding: sheet.encoding,
    delimiter: sheet.delimiter,
    headers: sheet.headers,
    guesses: guessMapping(entity, sheet.headers),
    mapping: used,
    fields: Object.keys(FIELDS[entity]),
    total: sheet.rows.length,
    valid: sheet.rows.length - p.invalid,
    invalid: p.invalid,
    errors: p.errors,
    sample: p.rows.slice(0, 5).map((r) => r.doc),
  };
}

export interface TableImportResult {
  import: ImportRun;
  unchanged: boolean;
  counts: { total: number; created: number; updated: number; unchanged: number; invalid: number };
  errors: RowError[];
}

/**
 * Applies the rows in ONE transaction under the dealership lock, through the ordinary tables and
 * their stamp triggers. Vehicles match by VIN, customers by email, phone or national id: a match
 * is updated (the trigger keeps its version when nothing changed), the rest inserted. Any database
 * refusal rolls the whole import back and answers 409 with the row.
 */
export async function commitTable(
  db: Database,
  user: AuthUser,
  entity: TableEntity,
  sheet: Sheet,
  opts: { mapping: (string | null)[] | null; skipInvalid: boolean; fileName: string | null; bytes: Uint8Array; locale: string },
): Promise<TableImportResult> {
  const mapping = opts.mapping ?? guessMapping(entity, sheet.headers);
  const p = prepare(entity, sheet, mapping, opts.locale);
  if (p.invalid > 0 && !opts.skipInvalid) {
    throw new ApiError(422, 'invalid_rows', `${p.invalid} rows are invalid; fix them or confirm with skip_invalid`, { invalid: p.invalid, errors: p.errors });
  }
  const hash = createHash('sha256').update(opts.bytes).update(entity).update(JSON.stringify(mapping)).digest('hex');
  return db.tx(async (tx) => {
    await tx.rows(sql`SELECT lotbook_lock_dealership(${user.dealership_id}::uuid)`);
    const counts = { total: p.rows.length, created: 0, updated: 0, unchanged: 0, invalid: p.invalid };
    const upsert = entity === 'vehicles' ? vehicleWriter(tx, user) : customerWriter(tx, user);
    for (const r of p.rows) {
      if (!r.ok) continue;
      let outcome: 'created' | 'updated' | 'unchanged';
      try {
        outcome = await upsert(r.doc, r.present);
      } catch (err) {
        const code = (err as { code?: string; cause?: { code?: string } }).code ?? (err as { cause?: { code?: string } }).cause?.code;
        throw new ApiError(409, 'import_failed', `Row ${r.row} was refused by the database${code === '23505' ? ' (a unique value belongs to another record)' : ''}; nothing was imported`, { row: r.row });
      }
      counts[outcome]++;
    }
    const run = await recordRun(tx, user, { kind: entity, fileName: opts.fileName, fileHash: hash, counts, report: p.errors });
    return { import: run, unchanged: counts.created + counts.updated === 0, counts, errors: p.errors };
  });
}

type Upsert = (doc: Record<string, unknown>, present: string[]) => Promise<'created' | 'updated' | 'unchanged'>;
const cols = (doc: Record<string, unknown>) => Object.keys(doc).filter((k) => doc[k] !== undefined);
const value = (v: unknown) => (v !== null && typeof v === 'object' ? sql`${JSON.stringify(v)}::jsonb` : sql`${v}`);

async function write(tx: Sql, table: 'vehicles' | 'customers', user: AuthUser, id: string | null, doc: Record<string, unknown>, version: number, newId = randomUUID()): Promise<'created' | 'updated' | 'unchanged'> {
  const keys = cols(doc);
  if (!id) {
    const extra = table === 'customers' ? { created_by: user.id } : {};
    const all: Record<string, unknown> = { ...doc, ...extra };
    const names = Object.keys(all);
    await tx.rows(sql`INSERT INTO ${sql.raw(table)} (id, dealership_id, ${sql.raw(names.join(', '))})
      VALUES (${newId}, ${user.dealership_id}, ${sql.join(names.map((k) => value(all[k])), sql`, `)})`);
    return 'created';
  }
  const [row] = await tx.rows<{ version: number }>(sql`UPDATE ${sql.raw(table)} SET ${sql.join(
    keys.map((k) => sql`${sql.raw(k)} = ${value(doc[k])}`),
    sql`, `,
  )} WHERE id = ${id} RETURNING version`);
  return Number(row?.version) === version ? 'unchanged' : 'updated';
}

function vehicleWriter(tx: Sql, user: AuthUser): Upsert {
  let byVin: Map<string, { id: string; version: number }> | null = null;
  return async (doc, present) => {
    if (!byVin) {
      const rows = await tx.rows<{ id: string; vin: string; version: number }>(sql`SELECT id, upper(vin) AS vin, version FROM vehicles WHERE dealership_id = ${user.dealership_id}`);
      byVin = new Map(rows.map((r) => [r.vin, { id: r.id, version: Number(r.version) }]));
    }
    const vin = String(doc.vin).toUpperCase();
    const hit = byVin.get(vin);
    // An update writes only what the file holds: no default erases a car's photos or notes.
    const fields = hit ? Object.fromEntries(present.map((k) => [k, doc[k]])) : doc;
    const newId = randomUUID();
    const out = await write(tx, 'vehicles', user, hit?.id ?? null, hit ? { ...fields, deleted: false } : fields, hit?.version ?? 0, newId);
    if (!hit) byVin.set(vin, { id: newId, version: 1 });
    return out;
  };
}

const key = (kind: string, v: unknown) => (v ? `${kind}:${String(v).toLowerCase()}` : null);

function customerWriter(tx: Sql, user: AuthUser): Upsert {
  // The dealership's customer keys, loaded once (memory grows with the customer base, not the file).
  let keys: Map<string, { id: string; version: number }> | null = null;
  return async (doc, present) => {
    if (!keys) {
      const rows = await tx.rows<{ id: string; email: string | null; phone: string | null; national_id: string | null; version: number }>(
        sql`SELECT id, email, phone, national_id, version FROM customers WHERE dealership_id = ${user.dealership_id} AND NOT deleted ORDER BY created_at DESC`,
      );
      keys = new Map();
      for (const r of rows) {
        for (const k of [key('e', r.email), key('p', r.phone), key('n', r.national_id)]) if (k) keys.set(k, { id: r.id, version: Number(r.version) });
      }
    }
    const mine = [key('e', doc.email), key('p', doc.phone), key('n', doc.national_id)].filter((k): k is string => k !== null);
    const hit = mine.map((k) => keys?.get(k)).find((h) => h !== undefined);
    // Only what the file holds: an empty cell never erases what a rep typed.
    const fields = hit ? Object.fromEntries(present.map((k) => [k, doc[k]])) : doc;
    const newId = randomUUID();
    const out = await write(tx, 'customers', user, hit?.id ?? null, fields, hit?.version ?? 0, newId);
    const entry = hit ? { id: hit.id, version: out === 'updated' ? hit.version + 1 : hit.version } : { id: newId, version: 1 };
    for (const k of mine) keys.set(k, entry);
    return out;
  };
}

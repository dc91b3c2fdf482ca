import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { LEAD_SOURCES, LEAD_STATUSES, SALE_STATUSES } from '@lotbook/shared';
import type { AuthUser } from '../context.ts';
import { vehicleListQuery } from '../inventory/query.ts';
import { vehicleListWhere } from '../inventory/service.ts';
import { scopePredicate } from '../sync/scope.ts';
import { bindUser } from '../sync/sql-params.ts';

export const EXPORT_ENTITIES = ['inventory', 'leads', 'customers', 'sales'] as const;
export type ExportEntity = (typeof EXPORT_ENTITIES)[number];

export type ColumnKind = 'text' | 'int' | 'number' | 'money' | 'date' | 'bool';
/** One exported column: `key` is the SQL alias and the header the CSV importer recognises. */
export interface Column {
  key: string;
  kind: ColumnKind;
}

const V: Column[] = [
  ['vin', 'text'], ['stock_number', 'text'], ['make', 'text'], ['model', 'text'], ['trim', 'text'], ['year', 'int'],
  ['body_type', 'text'], ['color', 'text'], ['price', 'money'], ['cost', 'money'], ['mileage', 'int'], ['fuel_type', 'text'],
  ['transmission', 'text'], ['status', 'text'], ['lot_location', 'text'], ['acquired_at', 'date'], ['is_promotion', 'bool'], ['promo_price', 'money'], ['plate', 'text'],
].map(([key, kind]) => ({ key, kind }) as Column);
const C: Column[] = [
  ['first_name', 'text'], ['last_name', 'text'], ['email', 'text'], ['phone', 'text'], ['national_id', 'text'], ['address', 'text'], ['is_active', 'bool'], ['created_at', 'date'],
].map(([key, kind]) => ({ key, kind }) as Column);
const L: Column[] = [
  ['created_at', 'date'], ['status', 'text'], ['source', 'text'], ['priority', 'text'], ['first_name', 'text'], ['last_name', 'text'], ['email', 'text'],
  ['phone', 'text'], ['assigned_to', 'text'], ['budget_min', 'money'], ['budget_max', 'money'], ['score', 'int'], ['notes', 'text'], ['last_contact_at', 'date'],
].map(([key, kind]) => ({ key, kind }) as Column);
const S: Column[] = [
  ['sale_date', 'date'], ['status', 'text'], ['vin', 'text'], ['make', 'text'], ['model', 'text'], ['year', 'int'], ['first_name', 'text'], ['last_name', 'text'],
  ['salesperson', 'text'], ['sale_price', 'money'], ['financing_type', 'text'],
].map(([key, kind]) => ({ key, kind }) as Column);
export const COLUMNS: Record<ExportEntity, Column[]> = { inventory: V, customers: C, leads: L, sales: S };

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as yyyy-mm-dd');
const list = <T extends readonly [string, ...string[]]>(v: T) =>
  z.string().max(500).transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)).pipe(z.array(z.enum(v)).min(1));

/** Filters of the leads, sales and customers screens; inventory takes those of GET /api/v1/vehicles. */
export const exportQuery = z.object({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  status: z.string().max(500).optional(),
  source: list(LEAD_SOURCES).optional(),
  assigned: z.enum(['me', 'none', 'all']).optional(),
  from: day.optional(),
  to: day.optional(),
  search: z.string().max(200).optional(),
  /** Sales: one salesperson's (the sales screen's filter). A salesperson's own scope applies anyway. */
  salesperson: z.string().uuid().optional(),
});
export type ExportQuery = z.infer<typeof exportQuery>;

export interface Selection {
  /** SELECT … FROM … WHERE …, without ORDER BY: the reader adds the keyset and the order. */
  base: SQL;
  /** The keyset column, as `<alias>.created_at`. */
  alias: string;
}

/**
 * The leads screen's search: every word in the customer's name, accents and case ignored (as the
 * PWA's filterByCustomer does on the device).
 */
function nameWords(search: string | undefined): SQL {
  const words = (search ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 10);
  if (words.length === 0) return sql``;
  const name = sql`lower(translate(c.first_name || ' ' || c.last_name, 'áàäâéèëêíìïîóòöôúùüûñçÁÀÄÂÉÈËÊÍÌÏÎÓÒÖÔÚÙÜÛÑÇ', 'aaaaeeeeiiiioooouuuuncAAAAEEEEIIIIOOOOUUUUNC'))`;
  return sql.join(words.map((w) => sql`AND ${name} LIKE ${like(w)}`), sql` `);
}

const like = (s: string) => `%${s.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;

/**
 * The rows `user` may export (their dealership, their sync scope) with the screen's filters.
 * Hidden fields (`cost`) are removed afterwards by the writer through visibility.ts.
 */
export function selection(entity: ExportEntity, user: AuthUser, q: ExportQuery, raw: Record<string, string>): Selection {
  const d = user.dealership_id;
  const scope = (collection: 'leads' | 'customers' | 'sales') => bindUser(scopePredicate(collection, user), user.id);
  const range = (col: SQL) => sql`${q.from ? sql`AND ${col} >= ${q.from}::date` : sql``} ${q.to ? sql`AND ${col} < ${q.to}::date + 1` : sql``}`;
  switch (entity) {
    case 'inventory': {
      const vq = vehicleListQuery.parse({ ...raw, page: undefined, page_size: undefined, ordering: undefined });
      return { alias: 'vehicles', base: sql`SELECT vehicles.*, vehicles.features->>'plate' AS plate, ${sql.raw('lotbook_iso(vehicles.created_at)')} AS _cursor FROM vehicles WHERE ${vehicleListWhere(d, vq)}` };
    }
    case 'customers':
      return {
        alias: 't',
        base: sql`SELECT t.*, lotbook_iso(t.created_at) AS _cursor FROM customers t WHERE t.dealership_id = ${d} AND NOT t.deleted AND ${scope('customers')}
          ${q.search ? sql`AND (t.first_name || ' ' || t.last_name || ' ' || coalesce(t.email, '') || ' ' || coalesce(t.phone, '')) ILIKE ${like(q.search)}` : sql``}
          ${range(sql`t.created_at`)}`,
      };
    case 'leads': {
      const statuses = q.status ? list(LEAD_STATUSES).parse(q.status) : null;
      return {
        alias: 't',
        base: sql`SELECT t.created_at, t.status, t.source, t.priority, c.first_name, c.last_name, c.email, c.phone,
            trim(u.first_name || ' ' || u.last_name) AS assigned_to, t.budget_min, t.budget_max, t.score, t.notes, t.last_contact_at, t.id AS _id, lotbook_iso(t.created_at) AS _cursor
          FROM leads t JOIN customers c ON c.id = t.customer_id LEFT JOIN users u ON u.id = t.assigned_to
          WHERE t.dealership_id = ${d} AND NOT t.deleted AND ${scope('leads')}
          ${statuses ? sql`AND t.status IN (${sql.join(statuses.map((s) => sql`${s}`), sql`, `)})` : sql``}
          ${q.source ? sql`AND t.source IN (${sql.join(q.source.map((s) => sql`${s}`), sql`, `)})` : sql``}
          ${q.assigned === 'me' ? sql`AND t.assigned_to = ${user.id}` : q.assigned === 'none' ? sql`AND t.assigned_to IS NULL` : sql``}
          ${nameWords(q.search)}
          ${range(sql`t.created_at`)}`,
      };
    }
    case 'sales': {
      const statuses = q.status ? list(SALE_STATUSES).parse(q.status) : null;
      return {
        alias: 't',
        base: sql`SELECT t.sale_date, t.status, v.vin, v.make, v.model, v.year, c.first_name, c.last_name,
            trim(u.first_name || ' ' || u.last_name) AS salesperson, t.sale_price, t.financing_type, t.id AS _id, lotbook_iso(t.created_at) AS _cursor
          FROM sales t JOIN vehicles v ON v.id = t.vehicle_id JOIN customers c ON c.id = t.customer_id LEFT JOIN users u ON u.id = t.salesperson_id
          WHERE t.dealership_id = ${d} AND NOT t.deleted AND ${scope('sales')}
          ${statuses ? sql`AND t.status IN (${sql.join(statuses.map((s) => sql`${s}`), sql`, `)})` : sql``}
          ${q.salesperson ? sql`AND t.salesperson_id = ${q.salesperson}` : sql``}
          ${range(sql`t.sale_date`)}`,
      };
    }
  }
}

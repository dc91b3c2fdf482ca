/**
 * The assistant's read-only tools in SQL, every one inside the caller's scope (scope.ts) and
 * never selecting a vehicle's cost. Results have the shapes in @lotbook/shared chat/tools.ts, so
 * the same templates answer from the server and from the device.
 */
import { sql, type SQL } from 'drizzle-orm';
import {
  dataOf, effectiveStatus, hasStructuredFilter, HOT_LEAD_SCORE, OPEN_LEAD_STATUSES, periodRange, pickOrdinal, toVehicleRow,
  type ChatIntent, type LeadRow, type ToolResult, type VehicleFilters, type VehicleRow, type Vocabulary,
} from '@lotbook/shared';
import type { AuthUser } from '../context.ts';
import type { Database } from '../db/client.ts';
import { FOLD } from '../db/schema.ts';
import { foldParam } from '../inventory/search.ts';
import { ownLeads, ownSales } from './scope.ts';
import { hybridCandidates, type Retrieval } from './retrieval.ts';
import type { Embedder } from './providers/types.ts';

const VEHICLE_COLUMNS = sql`v.id, v.stock_number, v.make, v.model, v.trim, v.year, v.price, v.is_promotion, v.promo_price, v.lot_location,
  v.status, v.mileage, v.fuel_type, v.transmission, v.body_type, v.color, v.acquired_at, v.features`;
const ASKING = sql`(case when v.is_promotion and v.promo_price is not null then v.promo_price else v.price end)`;

type VehicleSqlRow = Omit<Parameters<typeof toVehicleRow>[0], 'acquired_at' | 'description'> & { acquired_at: string | Date; total?: number };

function toRow(r: VehicleSqlRow, now: Date, relevance = 1): VehicleRow {
  const acquired = r.acquired_at instanceof Date ? r.acquired_at.toISOString() : new Date(r.acquired_at).toISOString();
  return toVehicleRow({ ...r, description: '', acquired_at: acquired, price: Number(r.price), promo_price: r.promo_price === null ? null : Number(r.promo_price) }, now, relevance);
}

function folded(column: string, value: string): SQL {
  return sql`${sql.raw(FOLD(column))} = ${foldParam(value)}`;
}

/** SQL conditions for the structured filters (status included unless `withStatus` is false). */
export function vehicleWhere(f: VehicleFilters, withStatus = true): SQL {
  const parts: SQL[] = [];
  if (f.make) parts.push(folded('v.make', f.make));
  if (f.model) parts.push(folded('v.model', f.model));
  if (f.body_type) parts.push(sql`v.body_type = ${f.body_type}`);
  if (f.fuel_type) parts.push(sql`v.fuel_type = ${f.fuel_type}`);
  if (f.transmission) parts.push(f.transmission === 'manual' ? sql`v.transmission = 'manual'` : sql`v.transmission <> 'manual'`);
  if (withStatus) parts.push(sql`v.status = ${effectiveStatus(f)}`);
  if (f.year_min !== undefined) parts.push(sql`v.year >= ${f.year_min}`);
  if (f.year_max !== undefined) parts.push(sql`v.year <= ${f.year_max}`);
  if (f.price_min !== undefined) parts.push(sql`${ASKING} >= ${f.price_min}`);
  if (f.price_max !== undefined) parts.push(sql`${ASKING} <= ${f.price_max}`);
  if (f.mileage_min !== undefined) parts.push(sql`v.mileage >= ${f.mileage_min}`);
  if (f.mileage_max !== undefined) parts.push(sql`v.mileage <= ${f.mileage_max}`);
  return parts.length === 0 ? sql`true` : sql.join(parts, sql` and `);
}

export interface ToolOptions { includeInventory: boolean; includeLeads: boolean; maxResults: number }

export class ToolRunner {
  /** How free text was searched in this turn (for the answer's metadata). */
  retrieval: Retrieval = { mode: 'structured', similarity: null };
  private vocab: Vocabulary | null = null;
  private tz: string | null = null;

  constructor(
    readonly db: Database,
    readonly user: AuthUser,
    readonly vector: boolean,
    readonly embedder: Embedder,
    readonly options: ToolOptions,
    readonly now: () => Date = () => new Date(),
  ) {}

  private get limit(): number {
    return Math.max(1, Math.min(this.options.maxResults, 50));
  }

  /** The makes and models this dealership stocks (the parser's vocabulary). */
  async vocabulary(): Promise<Vocabulary> {
    if (this.vocab) return this.vocab;
    const rows = await this.db.rows<{ make: string; model: string }>(sql`
      select distinct make, model from vehicles where dealership_id = ${this.user.dealership_id}::uuid and not deleted`);
    this.vocab = { makes: [...new Set(rows.map((r) => r.make))], models: rows };
    return this.vocab;
  }

  private async timeZone(): Promise<string> {
    if (this.tz) return this.tz;
    const [row] = await this.db.rows<{ timezone: string }>(sql`select timezone from dealerships where id = ${this.user.dealership_id}::uuid`);
    this.tz = row?.timezone ?? 'UTC';
    return this.tz;
  }

  /** Runs the tool a parsed intent calls. `previousIds` are the records the last answer listed. */
  async run(intent: ChatIntent, previousIds: readonly string[] = []): Promise<ToolResult> {
    const data = dataOf(intent);
    if (data === 'inventory' && !this.options.includeInventory) return { kind: 'excluded', what: 'inventory' };
    if (data === 'leads' && !this.options.includeLeads) return { kind: 'excluded', what: 'leads' };
    switch (intent.kind) {
      case 'help': return { kind: 'help' };
      case 'search_vehicles': return this.searchVehicles(intent.filters, intent.count_only);
      case 'vehicle_detail': {
        const id = pickOrdinal(previousIds, intent.ordinal);
        return id ? this.getVehicle(id) : { kind: 'not_found', what: 'previous_result' };
      }
      case 'aged_inventory': return this.agedInventory(intent.min_days, intent.filters);
      case 'sales_stats': return this.salesStats(intent);
      case 'lead_stats': return this.leadStats(intent);
      case 'leads_attention': return this.leadsNeedingAttention();
    }
  }

  async searchVehicles(filters: VehicleFilters, countOnly = false): Promise<ToolResult> {
    const d = this.user.dealership_id;
    let ranked: { id: string; score: number }[] | null = null;
    if (filters.text) {
      const found = await hybridCandidates(this.db, d, filters.text, this.vector, this.embedder);
      this.retrieval = found.retrieval;
      // Without a structured filter the text decides which cars match; with one, it only ranks them.
      if (!hasStructuredFilter(filters) || found.ranked.length > 0) ranked = found.ranked;
    }
    const restrict = ranked && !hasStructuredFilter(filters);
    const ids = ranked?.map((r) => r.id) ?? [];
    const idArray = sql`array[${ids.length ? sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `) : sql``}]::uuid[]`;
    const rows = await this.db.rows<VehicleSqlRow>(sql`
      select ${VEHICLE_COLUMNS}, count(*) over () as total from vehicles v
      where v.dealership_id = ${d}::uuid and not v.deleted and ${vehicleWhere(filters)}
        ${restrict ? sql`and v.id = any(${idArray})` : sql``}
      order by ${ranked && ids.length ? sql`coalesce(array_position(${idArray}, v.id), 2147483647),` : sql``} ${ASKING}, v.id
      limit ${countOnly ? 1 : this.limit}`);
    const now = this.now();
    const scores = new Map(ranked?.map((r) => [r.id, r.score]) ?? []);
    const total = Number(rows[0]?.total ?? 0);
    return {
      kind: 'vehicles', filters, count_only: countOnly, total,
      rows: countOnly ? [] : rows.map((r) => toRow(r, now, ranked ? (scores.get(r.id) ?? 0) : 1)),
    };
  }

  async getVehicle(id: string): Promise<ToolResult> {
    const [row] = await this.db.rows<VehicleSqlRow>(sql`
      select ${VEHICLE_COLUMNS} from vehicles v where v.id = ${id}::uuid and v.dealership_id = ${this.user.dealership_id}::uuid and not v.deleted`);
    return { kind: 'vehicle', row: row ? toRow(row, this.now()) : null };
  }

  async agedInventory(minDays: number, filters: VehicleFilters): Promise<ToolResult> {
    const cutoff = new Date(this.now().getTime() - minDays * 86_400_000);
    const rows = await this.db.rows<VehicleSqlRow>(sql`
      select ${VEHICLE_COLUMNS}, count(*) over () as total from vehicles v
      where v.dealership_id = ${this.user.dealership_id}::uuid and not v.deleted and v.status <> 'sold'
        and v.acquired_at < ${cutoff.toISOString()}::timestamptz and ${vehicleWhere(filters, filters.status !== undefined)}
      order by v.acquired_at, v.id limit ${this.limit}`);
    const now = this.now();
    return { kind: 'aged', min_days: minDays, total: Number(rows[0]?.total ?? 0), rows: rows.map((r) => toRow(r, now)) };
  }

  async salesStats(intent: Extract<ChatIntent, { kind: 'sales_stats' }>): Promise<ToolResult> {
    const { from, to } = periodRange(intent.period, this.now(), await this.timeZone());
    const where = sql`s.dealership_id = ${this.user.dealership_id}::uuid and not s.deleted and s.status = 'completed'
      and s.sale_date >= ${from.toISOString()}::timestamptz and s.sale_date < ${to.toISOString()}::timestamptz
      ${intent.make ? sql`and ${folded('v.make', intent.make)}` : sql``} ${intent.model ? sql`and ${folded('v.model', intent.model)}` : sql``}
      ${ownSales(this.user, 's')}`;
    const [agg] = await this.db.rows<{ count: number; revenue: number | null }>(sql`
      select count(*)::int as count, sum(s.sale_price) as revenue from sales s join vehicles v on v.id = s.vehicle_id where ${where}`);
    const ids = await this.db.rows<{ id: string }>(sql`
      select s.id from sales s join vehicles v on v.id = s.vehicle_id where ${where} order by s.sale_date desc, s.id limit 50`);
    let groups: { key: string; count: number; revenue: number }[] = [];
    if (intent.group_by) {
      const key = intent.group_by === 'make' ? sql`v.make` : sql`v.make || ' ' || v.model`;
      groups = (await this.db.rows<{ key: string; count: number; revenue: number }>(sql`
        select ${key} as key, count(*)::int as count, sum(s.sale_price) as revenue from sales s join vehicles v on v.id = s.vehicle_id
        where ${where} group by 1 order by 2 desc, 1`)).map((g) => ({ key: g.key, count: Number(g.count), revenue: Number(g.revenue) }));
    }
    const count = Number(agg?.count ?? 0);
    const revenue = Number(agg?.revenue ?? 0);
    return {
      kind: 'sales', metric: intent.metric, period: intent.period, ...(intent.make ? { make: intent.make } : {}), ...(intent.model ? { model: intent.model } : {}),
      count, revenue, avg_price: count > 0 ? Math.round(revenue / count) : null, mine: this.user.role === 'sales', groups, sale_ids: ids.map((r) => r.id),
    };
  }

  async leadStats(intent: Extract<ChatIntent, { kind: 'lead_stats' }>): Promise<ToolResult> {
    const key = intent.group_by === 'source' ? sql`l.source` : sql`l.status`;
    const rows = await this.db.rows<{ key: string; count: number }>(sql`
      select ${key} as key, count(*)::int as count from leads l
      where l.dealership_id = ${this.user.dealership_id}::uuid and not l.deleted ${ownLeads(this.user, 'l')}
        ${intent.source ? sql`and l.source = ${intent.source}` : sql``} ${intent.status ? sql`and l.status = ${intent.status}` : sql``}
      group by 1 order by 2 desc, 1`);
    const groups = rows.map((r) => ({ key: r.key, count: Number(r.count) }));
    return {
      kind: 'lead_counts', group_by: intent.group_by, ...(intent.source ? { source: intent.source } : {}), ...(intent.status ? { status: intent.status } : {}),
      total: groups.reduce((s, g) => s + g.count, 0), groups,
    };
  }

  async leadsNeedingAttention(): Promise<ToolResult> {
    const now = this.now().toISOString();
    const open = sql.join(OPEN_LEAD_STATUSES.map((s) => sql`${s}`), sql`, `);
    const rows = await this.db.rows<{ id: string; status: LeadRow['status']; score: number; first_response_at: unknown; first_name: string | null; last_name: string | null; overdue: boolean }>(sql`
      select l.id, l.status, l.score, l.first_response_at, c.first_name, c.last_name, o.overdue from leads l
      left join customers c on c.id = l.customer_id and c.dealership_id = l.dealership_id
      cross join lateral (select exists (select 1 from lead_activities a where a.lead_id = l.id and not a.deleted and not a.done
        and a.due_at < ${now}::timestamptz) as overdue) o
      where l.dealership_id = ${this.user.dealership_id}::uuid and not l.deleted and l.status in (${open}) ${ownLeads(this.user, 'l')}
        and (l.score >= ${HOT_LEAD_SCORE} or (l.status = 'new' and l.first_response_at is null) or o.overdue)`);
    const out: LeadRow[] = rows.map((r) => {
      const reasons: LeadRow['reasons'] = [];
      if (r.score >= HOT_LEAD_SCORE) reasons.push('hot');
      if (r.status === 'new' && r.first_response_at === null) reasons.push('no_first_response');
      if (r.overdue) reasons.push('overdue_follow_up');
      return { id: r.id, customer_name: `${r.first_name ?? ''} ${r.last_name ?? ''}`.trim() || '—', status: r.status, score: r.score, reasons };
    });
    out.sort((a, b) => b.reasons.length - a.reasons.length || b.score - a.score || a.id.localeCompare(b.id));
    return { kind: 'leads_attention', total: out.length, rows: out.slice(0, this.limit) };
  }
}

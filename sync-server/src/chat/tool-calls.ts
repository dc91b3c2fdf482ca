/**
 * Tool calls as an LLM sends them (a name and JSON arguments), checked and turned into the same
 * intents the rule-based parser produces, so every call goes through the scoped SQL tools.
 */
import { z } from 'zod';
import { BODY_TYPES, FUEL_TYPES, LEAD_SOURCES, LEAD_STATUSES, VEHICLE_STATUSES, uuid, type ChatIntent, type ToolResult } from '@lotbook/shared';
import type { ToolRunner } from './tools.ts';

const filters = z.object({
  make: z.string().max(60).optional(), model: z.string().max(60).optional(),
  body_type: z.enum(BODY_TYPES).optional(), fuel_type: z.enum(FUEL_TYPES).optional(),
  transmission: z.enum(['manual', 'automatic']).optional(), status: z.enum(VEHICLE_STATUSES).optional(),
  year_min: z.number().optional(), year_max: z.number().optional(), price_min: z.number().optional(), price_max: z.number().optional(),
  mileage_min: z.number().optional(), mileage_max: z.number().optional(), text: z.string().max(200).optional(),
});
const period = z.enum(['today', 'this_week', 'this_month', 'last_month', 'this_year', 'last_year']);

/** The object without its undefined and null entries. */
const strip = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));

/** Runs one tool call; a bad call becomes an `{error}` result the model can read, never a throw. */
export async function callTool(tools: ToolRunner, name: string, rawArgs: string): Promise<ToolResult | { error: string }> {
  let args: unknown;
  try {
    args = rawArgs.trim() === '' ? {} : JSON.parse(rawArgs);
  } catch {
    return { error: 'arguments are not valid JSON' };
  }
  const obj = args && typeof args === 'object' ? strip(args as Record<string, unknown>) : {};
  let intent: ChatIntent;
  switch (name) {
    case 'search_vehicles': {
      const f = filters.safeParse(obj);
      if (!f.success) return { error: f.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
      intent = { kind: 'search_vehicles', filters: strip(f.data), count_only: false };
      break;
    }
    case 'get_vehicle': {
      const id = uuid.safeParse(obj.id);
      if (!id.success) return { error: 'id must be a vehicle UUID' };
      if (!tools.options.includeInventory) return { kind: 'excluded', what: 'inventory' };
      return tools.getVehicle(id.data);
    }
    case 'sales_stats': {
      const a = z.object({ metric: z.enum(['count', 'revenue', 'avg_price']).default('count'), period: period.default('this_month'), make: z.string().max(60).optional(), model: z.string().max(60).optional(), group_by: z.enum(['make', 'model']).optional() }).safeParse(obj);
      if (!a.success) return { error: 'bad sales_stats arguments' };
      intent = { kind: 'sales_stats', ...strip(a.data) } as ChatIntent;
      break;
    }
    case 'lead_stats': {
      const a = z.object({ group_by: z.enum(['source', 'status']).default('status'), source: z.enum(LEAD_SOURCES).optional(), status: z.enum(LEAD_STATUSES).optional() }).safeParse(obj);
      if (!a.success) return { error: 'bad lead_stats arguments' };
      intent = { kind: 'lead_stats', ...strip(a.data) } as ChatIntent;
      break;
    }
    case 'leads_needing_attention':
      intent = { kind: 'leads_attention' };
      break;
    case 'aged_inventory': {
      const a = filters.extend({ min_days: z.number().int().min(0).max(3650).default(60) }).safeParse(obj);
      if (!a.success) return { error: 'bad aged_inventory arguments' };
      const { min_days, text: _text, ...rest } = a.data;
      intent = { kind: 'aged_inventory', min_days, filters: strip(rest) };
      break;
    }
    default:
      return { error: `unknown tool ${name}` };
  }
  return tools.run(intent);
}

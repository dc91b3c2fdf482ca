/**
 * Field-level validation of a whole document, the same on the device and on the server: the zod
 * field schema of the collection (formats, bounds, enums) and then the domain rules the server's
 * push applies (VIN, vehicle, lead and sale constraints, note length). The device runs it before
 * saving so a form can mark every wrong field at once, and nothing the server would refuse as
 * invalid is ever queued (issue 9, "one set of rules, on both sides").
 */
import type { z } from 'zod';
import { FIELD_SCHEMAS } from '../sync/collections.ts';
import type { PushableCollection } from '../sync/protocol.ts';
import { checkLead } from './leads.ts';
import { checkActivity } from './notes.ts';
import { checkSale } from './sales.ts';
import { checkVehicle } from './vehicles.ts';
import { validateVin } from './vin.ts';

export interface FieldError {
  field: string;
  /** Machine code the UI translates: a zod-derived code or a rule code. */
  code: string;
  /** English fallback. */
  message: string;
  /** Values for the translated message, e.g. `{ max: 5000000 }`. */
  params?: Record<string, number | string>;
}

type Doc = Record<string, unknown>;

function zodIssueToError(issue: z.core.$ZodIssue): FieldError {
  const field = String(issue.path[0] ?? '');
  const base = { field, message: issue.message };
  switch (issue.code) {
    case 'invalid_type':
      return { ...base, code: issue.input === undefined || issue.input === null || issue.input === '' ? 'required' : 'invalid_type' };
    case 'too_big':
      return { ...base, code: issue.origin === 'string' ? 'too_long' : 'too_big', params: { max: Number(issue.maximum) } };
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return { ...base, code: 'required' };
      return { ...base, code: issue.origin === 'string' ? 'too_short' : 'too_small', params: { min: Number(issue.minimum) } };
    case 'invalid_format':
      return { ...base, code: issue.format === 'email' ? 'invalid_email' : field === 'phone' ? 'invalid_phone' : 'invalid_format' };
    case 'invalid_value':
      return { ...base, code: 'invalid_value' };
    default:
      return { ...base, code: 'invalid' };
  }
}

/**
 * Every field error of a document of `collection` (client fields only; server-owned fields are
 * ignored). Empty when the server's field and domain rules would accept it. At most one error per
 * field, the schema's first.
 */
export function documentErrors(collection: PushableCollection, doc: Doc, now: Date = new Date()): FieldError[] {
  const schema = FIELD_SCHEMAS[collection];
  const parsed = schema.safeParse(doc);
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const add = (e: FieldError) => {
    if (seen.has(e.field)) return;
    seen.add(e.field);
    errors.push(e);
  };
  if (!parsed.success) for (const issue of parsed.error.issues) add(zodIssueToError(issue));
  if (!parsed.success) return errors; // the domain rules need well-typed fields
  const next = parsed.data as Doc;
  const rule = (r: { ok: true } | { ok: false; code: string; message: string; field?: string }, field: string) => {
    if (!r.ok) add({ field: r.field ?? field, code: r.code, message: r.message });
  };
  switch (collection) {
    case 'vehicles': {
      const vin = validateVin(String(next.vin), now);
      if (!vin.ok) add({ field: 'vin', code: vin.errors[0]?.code ?? 'vin', message: vin.errors.map((e) => e.message).join('; ') });
      rule(checkVehicle(next as Parameters<typeof checkVehicle>[0], now), 'price');
      break;
    }
    case 'leads':
      rule(checkLead(next as Parameters<typeof checkLead>[0]), 'status');
      break;
    case 'sales':
      rule(checkSale(next as Parameters<typeof checkSale>[0]), 'sale_price');
      break;
    case 'lead_activities':
      rule(checkActivity(next as Parameters<typeof checkActivity>[0]), 'description');
      break;
    default:
      break;
  }
  return errors;
}

/** The errors as a map field → error, for forms. */
export function errorsByField(errors: readonly FieldError[]): Record<string, FieldError> {
  const out: Record<string, FieldError> = {};
  for (const e of errors) out[e.field] ??= e;
  return out;
}

import type { CanonicalNumber } from '../../ui/NumberInput.tsx';

/** Wire shapes of /api/v1/analytics/commission and /targets (sync-server/src/analytics/commission.ts). */
export type CommissionType = 'percent_of_gross' | 'flat_per_unit';
export interface CommissionPlan { type: CommissionType; value: number; minimum_per_unit: number | null }
export interface TargetRow { user_id: string; units: number | null; revenue: number | null }

/** What a field is wrong about: a key of the dashboard's `plan.errors` messages. */
export type DraftError = 'required' | 'notNumber' | 'negative' | 'maxPercent' | 'tooLarge' | 'whole' | 'server';
export type Errors<K extends string> = Partial<Record<K, DraftError>>;

const MAX_AMOUNT = 1_000_000;
const MAX_UNITS = 100_000;
const MAX_REVENUE = 1e11;

function check(v: CanonicalNumber, opts: { required?: boolean; max: number; whole?: boolean; percent?: boolean }): [number | null, DraftError | undefined] {
  if (v.trim() === '') return [null, opts.required ? 'required' : undefined];
  const n = Number(v);
  if (Number.isNaN(n)) return [null, 'notNumber'];
  if (n < 0) return [null, 'negative'];
  if (opts.whole && !Number.isInteger(n)) return [null, 'whole'];
  if (opts.percent && n > 100) return [null, 'maxPercent'];
  if (n > opts.max) return [null, 'tooLarge'];
  return [n, undefined];
}

export interface PlanDraft { type: CommissionType; value: CanonicalNumber; minimum: CanonicalNumber }

/** The form's commission plan → the PUT body, or the fields' errors (the server's rules, checked first here). */
export function planFromDraft(d: PlanDraft): { plan: CommissionPlan } | { errors: Errors<'value' | 'minimum'> } {
  const [value, ve] = check(d.value, { required: true, max: MAX_AMOUNT, percent: d.type === 'percent_of_gross' });
  const [minimum, me] = check(d.minimum, { max: MAX_AMOUNT });
  if (ve || me) return { errors: { ...(ve ? { value: ve } : {}), ...(me ? { minimum: me } : {}) } };
  return { plan: { type: d.type, value: value as number, minimum_per_unit: minimum } };
}

export interface TargetDraft { user_id: string; units: CanonicalNumber; revenue: CanonicalNumber }

/** The month's target rows → the PUT body's `targets`, or errors keyed `${user_id}.units|revenue`. */
export function targetsFromDraft(rows: readonly TargetDraft[]): { targets: TargetRow[] } | { errors: Errors<string> } {
  const errors: Errors<string> = {};
  const targets = rows.map((r) => {
    const [units, ue] = check(r.units, { max: MAX_UNITS, whole: true });
    const [revenue, re] = check(r.revenue, { max: MAX_REVENUE });
    if (ue) errors[`${r.user_id}.units`] = ue;
    if (re) errors[`${r.user_id}.revenue`] = re;
    return { user_id: r.user_id, units, revenue };
  });
  return Object.keys(errors).length ? { errors } : { targets };
}

/**
 * A 400's `details.issues` paths ("value", "targets.2.units") → the form's field keys, so a refusal
 * the device did not foresee still lands under its field.
 */
export function serverFieldErrors(details: Record<string, unknown> | undefined, rowIds: readonly string[] = []): Errors<string> {
  const issues = Array.isArray(details?.issues) ? (details.issues as { path?: unknown }[]) : [];
  const out: Errors<string> = {};
  for (const i of issues) {
    const path = typeof i.path === 'string' ? i.path : '';
    if (path === 'value') out.value = 'server';
    else if (path === 'minimum_per_unit') out.minimum = 'server';
    const m = /^targets\.(\d+)\.(units|revenue)$/.exec(path);
    const id = m ? rowIds[Number(m[1])] : undefined;
    if (m && id) out[`${id}.${m[2]}`] = 'server';
  }
  return out;
}

/** 'YYYY-MM' now in the dealership's time zone (the month the server's period=month means). */
export function currentMonth(timeZone: string | undefined, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timeZone || undefined, year: 'numeric', month: '2-digit' }).format(now).slice(0, 7);
}

import {
  BODY_TYPES, FUEL_TYPES, TRANSMISSIONS, checkVehicle, documentErrors, checkVehicleTransition, validateVin,
  type BodyType, type FuelType, type Transmission, type Vehicle, type VehicleFields, type VehicleStatus, type VinIssue,
} from '@lotbook/shared';

/** What the form edits: inputs as strings, like the DOM gives them. */
export interface VehicleFormValues {
  vin: string;
  stock_number: string;
  make: string;
  model: string;
  trim: string;
  year: string;
  body_type: BodyType;
  color: string;
  price: string;
  cost: string;
  mileage: string;
  fuel_type: FuelType;
  transmission: Transmission;
  consumption: string;
  description: string;
  lot_location: string;
  status: VehicleStatus;
  acquired_at: string; // yyyy-mm-dd
  is_promotion: boolean;
  promo_price: string;
  images: string[];
}

/** An error or warning: an `inventory` namespace key plus interpolation values. */
export interface FormMessage {
  key: string;
  values?: Record<string, string | number>;
}

export interface FormCheck {
  errors: Partial<Record<keyof VehicleFormValues, FormMessage>>;
  vinWarnings: VinIssue[];
  /** Present iff there are no errors. */
  fields: VehicleFields | null;
}

const str = (v: string | null | undefined) => v ?? '';
const numStr = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

export function toFormValues(v: Vehicle | null, today = new Date()): VehicleFormValues {
  return {
    vin: str(v?.vin),
    stock_number: str(v?.stock_number),
    make: str(v?.make),
    model: str(v?.model),
    trim: str(v?.trim),
    year: numStr(v?.year),
    body_type: v?.body_type ?? BODY_TYPES[0],
    color: str(v?.color),
    price: numStr(v?.price),
    cost: numStr(v?.cost),
    mileage: numStr(v?.mileage ?? 0),
    fuel_type: v?.fuel_type ?? FUEL_TYPES[0],
    transmission: v?.transmission ?? TRANSMISSIONS[1],
    consumption: numStr(v?.consumption),
    description: str(v?.description),
    lot_location: str(v?.lot_location),
    status: v?.status ?? 'available',
    acquired_at: (v?.acquired_at ?? today.toISOString()).slice(0, 10),
    is_promotion: v?.is_promotion ?? false,
    promo_price: numStr(v?.promo_price),
    images: [...(v?.images ?? [])],
  };
}

function optionalNumber(s: string): number | null {
  return s.trim() === '' ? null : Number(s.replace(',', '.'));
}
const nullIfEmpty = (s: string) => (s.trim() === '' ? null : s.trim());

/**
 * Validates the form like the server will: required text, VIN (errors block, warnings are shown),
 * a VIN already in the local inventory, row constraints (checkVehicle) and, when editing, the
 * status transition. Returns the wire fields only when everything passes.
 */
export function checkForm(values: VehicleFormValues, opts: { original: Vehicle | null; vinOwnerId?: string | undefined; now?: Date }): FormCheck {
  const now = opts.now ?? new Date();
  const errors: FormCheck['errors'] = {};
  const vin = validateVin(values.vin, now);
  if (!vin.ok) errors.vin = { key: `vin.${vin.errors[0]?.code ?? 'vin_length'}`, values: { message: vin.errors[0]?.message ?? '' } };
  else if (opts.vinOwnerId && opts.vinOwnerId !== opts.original?.id) errors.vin = { key: 'form.vinTaken' };
  for (const f of ['stock_number', 'make', 'model', 'year', 'price', 'mileage', 'acquired_at'] as const) {
    if (values[f].trim() === '') errors[f] = { key: 'form.required' };
  }
  const numbers = { year: Number(values.year), price: Number(values.price.replace(',', '.')), mileage: Number(values.mileage), cost: optionalNumber(values.cost), consumption: optionalNumber(values.consumption), promo: optionalNumber(values.promo_price) };
  for (const [f, n] of [['cost', numbers.cost], ['consumption', numbers.consumption], ['promo_price', numbers.promo]] as const) {
    if (n !== null && (!Number.isFinite(n) || n < 0)) errors[f] = { key: 'form.notANumber' };
  }
  if (!errors.year && !errors.price && !errors.mileage) {
    const rule = checkVehicle({ year: numbers.year, price: numbers.price, mileage: numbers.mileage, is_promotion: values.is_promotion, promo_price: numbers.promo }, now);
    if (!rule.ok) errors[(rule.field ?? 'price') as keyof VehicleFormValues] = { key: `form.rule.${rule.code}`, values: { maxYear: now.getUTCFullYear() + 1 } };
  }
  if (opts.original) {
    const move = checkVehicleTransition(opts.original.status, values.status);
    if (!move.ok) errors.status = { key: 'form.rule.illegal_vehicle_transition' };
  }
  const acquired = new Date(`${values.acquired_at}T12:00:00Z`);
  if (!errors.acquired_at && Number.isNaN(acquired.getTime())) errors.acquired_at = { key: 'form.required' };
  if (Object.keys(errors).length > 0) return { errors, vinWarnings: vin.warnings, fields: null };

  const keepReservation = values.status === 'reserved' && opts.original?.status === 'reserved';
  const fields: VehicleFields = {
    vin: vin.vin,
    stock_number: values.stock_number.trim(),
    make: values.make.trim(),
    model: values.model.trim(),
    trim: nullIfEmpty(values.trim),
    year: numbers.year,
    body_type: values.body_type,
    color: nullIfEmpty(values.color),
    price: numbers.price,
    cost: numbers.cost,
    mileage: numbers.mileage,
    fuel_type: values.fuel_type,
    transmission: values.transmission,
    consumption: numbers.consumption,
    description: values.description,
    features: { ...opts.original?.features },
    images: values.images,
    lot_location: nullIfEmpty(values.lot_location),
    status: values.status,
    reserved_by: keepReservation ? (opts.original?.reserved_by ?? null) : null,
    reserved_until: keepReservation ? (opts.original?.reserved_until ?? null) : null,
    // Keep the original instant when the date did not change (the form only shows the day).
    acquired_at: opts.original && opts.original.acquired_at.slice(0, 10) === values.acquired_at ? opts.original.acquired_at : acquired.toISOString(),
    is_promotion: values.is_promotion,
    promo_price: values.is_promotion ? numbers.promo : null,
  };
  // The server's own field rules (shared): bounds like mileage ≤ 5,000,000, lengths, formats.
  for (const e of documentErrors('vehicles', fields, now)) {
    const f = (e.field === 'promo_price' || e.field in values ? e.field : 'price') as keyof VehicleFormValues;
    errors[f] ??= { key: `common:fieldError.${e.code}`, values: { ...e.params } };
  }
  if (Object.keys(errors).length > 0) return { errors, vinWarnings: vin.warnings, fields: null };
  return { errors, vinWarnings: vin.warnings, fields };
}

/** The fields whose value changed, for a minimal incrementalPatch. */
export function changedFields(original: Vehicle, next: VehicleFields): Partial<VehicleFields> {
  const out: Partial<Record<keyof VehicleFields, unknown>> = {};
  for (const k of Object.keys(next) as (keyof VehicleFields)[]) {
    if (JSON.stringify(original[k] ?? null) !== JSON.stringify(next[k] ?? null)) out[k] = next[k];
  }
  return out as Partial<VehicleFields>;
}

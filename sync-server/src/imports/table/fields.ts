import { parseLocaleNumber } from '@lotbook/shared';
import { normalizePhone } from '../adf/parse.ts';
import type { Cell } from './read.ts';

export const TABLE_ENTITIES = ['vehicles', 'customers', 'leads'] as const;
export type TableEntity = (typeof TABLE_ENTITIES)[number];
type Kind = 'text' | 'upper' | 'plate' | 'money' | 'int' | 'date' | 'bool' | 'phone' | 'email' | { map: Record<string, string> };
interface FieldDef {
  kind: Kind;
  /** Header spellings, folded (lower case, no accents, letters and digits only). */
  names: string[];
}

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');

const FUEL = { gasolina: 'gasoline', gasoline: 'gasoline', diesel: 'diesel', gasoil: 'diesel', hibrido: 'hybrid', hybrid: 'hybrid', electrico: 'electric', electric: 'electric' };
const GEAR = { manual: 'manual', automatico: 'automatic', automatica: 'automatic', automatic: 'automatic', cvt: 'cvt' };
const BODY = {
  sedan: 'sedan', berlina: 'sedan', suv: 'suv', todoterreno: 'suv', hatchback: 'hatchback', compacto: 'hatchback', utilitario: 'hatchback', wagon: 'wagon', familiar: 'wagon',
  coupe: 'coupe', convertible: 'convertible', cabrio: 'convertible', descapotable: 'convertible', pickup: 'pickup', van: 'van', furgoneta: 'van', minivan: 'minivan', monovolumen: 'minivan',
};
const STATUS = { available: 'available', disponible: 'available', reserved: 'reserved', reservado: 'reserved', sold: 'sold', vendido: 'sold', maintenance: 'maintenance', taller: 'maintenance', mantenimiento: 'maintenance' };

const SOURCE = {
  website: 'website', web: 'website', internet: 'website', portal: 'website', paginaweb: 'website', phone: 'phone', telefono: 'phone', llamada: 'phone',
  social: 'social', redes: 'social', redessociales: 'social', referral: 'referral', referido: 'referral', recomendacion: 'referral',
  walkin: 'walk_in', visita: 'walk_in', exposicion: 'walk_in', concesionario: 'walk_in', adf: 'adf', email: 'email', correo: 'email',
  event: 'event', evento: 'event', feria: 'event', other: 'other', otro: 'other', otros: 'other',
};
const LEAD_STATUS = {
  new: 'new', nuevo: 'new', contacted: 'contacted', contactado: 'contacted', qualified: 'qualified', cualificado: 'qualified', calificado: 'qualified',
  negotiating: 'negotiating', negociacion: 'negotiating', negociando: 'negotiating', closedwon: 'closed_won', ganado: 'closed_won', vendido: 'closed_won',
  closedlost: 'closed_lost', perdido: 'closed_lost',
};
const PRIORITY = { low: 'low', baja: 'low', medium: 'medium', media: 'medium', normal: 'medium', high: 'high', alta: 'high', urgent: 'urgent', urgente: 'urgent' };

export const FIELDS: Record<TableEntity, Record<string, FieldDef>> = {
  vehicles: {
    vin: { kind: 'upper', names: ['vin', 'bastidor', 'numerodebastidor', 'nbastidor'] },
    stock_number: { kind: 'text', names: ['stocknumber', 'stock', 'referencia', 'ref', 'nstock', 'numerodestock'] },
    make: { kind: 'text', names: ['make', 'marca'] },
    model: { kind: 'text', names: ['model', 'modelo'] },
    trim: { kind: 'text', names: ['trim', 'version', 'acabado'] },
    year: { kind: 'int', names: ['year', 'ano', 'anio', 'anno'] },
    body_type: { kind: { map: BODY }, names: ['bodytype', 'body', 'carroceria', 'tipo'] },
    color: { kind: 'text', names: ['color', 'colour'] },
    price: { kind: 'money', names: ['price', 'precio', 'pvp', 'preciodeventa'] },
    cost: { kind: 'money', names: ['cost', 'coste', 'costo', 'preciodecompra'] },
    mileage: { kind: 'int', names: ['mileage', 'km', 'kms', 'kilometros', 'kilometraje', 'odometer'] },
    fuel_type: { kind: { map: FUEL }, names: ['fueltype', 'fuel', 'combustible'] },
    transmission: { kind: { map: GEAR }, names: ['transmission', 'cambio', 'transmision', 'caja'] },
    status: { kind: { map: STATUS }, names: ['status', 'estado'] },
    lot_location: { kind: 'text', names: ['lotlocation', 'ubicacion', 'plaza'] },
    acquired_at: { kind: 'date', names: ['acquiredat', 'fechadeentrada', 'fechaentrada', 'entrada', 'acquired'] },
    description: { kind: 'text', names: ['description', 'descripcion', 'observaciones'] },
    // Vehicles have no plate column: the plate is kept in `features.plate` (features is a free JSON
    // object every device already replicates and shows as "Matrícula: 1234 ABC"), merged on update.
    plate: { kind: 'plate', names: ['plate', 'matricula', 'licenseplate', 'registration', 'numerodematricula'] },
    is_promotion: { kind: 'bool', names: ['ispromotion', 'promocion', 'oferta'] },
    promo_price: { kind: 'money', names: ['promoprice', 'preciopromocion', 'preciooferta'] },
  },
  customers: {
    first_name: { kind: 'text', names: ['firstname', 'nombre', 'name'] },
    last_name: { kind: 'text', names: ['lastname', 'apellidos', 'apellido', 'surname'] },
    email: { kind: 'email', names: ['email', 'correo', 'correoelectronico', 'mail'] },
    phone: { kind: 'phone', names: ['phone', 'telefono', 'movil', 'tel', 'mobile'] },
    national_id: { kind: 'upper', names: ['nationalid', 'dni', 'nie', 'nif', 'documento'] },
    address: { kind: 'text', names: ['address', 'direccion', 'domicilio'] },
    is_active: { kind: 'bool', names: ['isactive', 'activo'] },
  },
  // A lead row carries its customer (matched by email, phone or national id, else created) and,
  // optionally, the vehicle of interest by VIN or stock number. Imported leads are created unassigned; the route then routes the new ones (routing/after-push.ts).
  leads: {
    first_name: { kind: 'text', names: ['firstname', 'nombre', 'name'] },
    last_name: { kind: 'text', names: ['lastname', 'apellidos', 'apellido', 'surname'] },
    email: { kind: 'email', names: ['email', 'correo', 'correoelectronico', 'mail'] },
    phone: { kind: 'phone', names: ['phone', 'telefono', 'movil', 'tel', 'mobile'] },
    national_id: { kind: 'upper', names: ['nationalid', 'dni', 'nie', 'nif', 'documento'] },
    source: { kind: { map: SOURCE }, names: ['source', 'origen', 'fuente', 'canal'] },
    status: { kind: { map: LEAD_STATUS }, names: ['status', 'estado'] },
    priority: { kind: { map: PRIORITY }, names: ['priority', 'prioridad'] },
    budget_min: { kind: 'money', names: ['budgetmin', 'presupuestominimo', 'presupuestomin'] },
    budget_max: { kind: 'money', names: ['budgetmax', 'presupuestomaximo', 'presupuestomax', 'presupuesto', 'budget'] },
    notes: { kind: 'text', names: ['notes', 'notas', 'comentarios', 'observaciones', 'comments'] },
    vin: { kind: 'upper', names: ['vin', 'bastidor', 'vehiculovin'] },
    stock_number: { kind: 'text', names: ['stocknumber', 'stock', 'referencia', 'ref'] },
    created_at: { kind: 'date', names: ['createdat', 'fecha', 'fechadealta', 'fechaalta', 'date'] },
    last_contact_at: { kind: 'date', names: ['lastcontactat', 'ultimocontacto', 'fechaultimocontacto', 'lastcontact'] },
  },
};

/** For each column, the field its header most likely means (or null). A field is used once. */
export function guessMapping(entity: TableEntity, headers: string[]): (string | null)[] {
  const used = new Set<string>();
  return headers.map((h) => {
    const f = fold(h);
    for (const [field, def] of Object.entries(FIELDS[entity])) {
      if (!used.has(field) && def.names.includes(f)) {
        used.add(field);
        return field;
      }
    }
    return null;
  });
}

type Converted = { ok: true; value: unknown } | { ok: false; message: string };

/** One cell as the field's value: decimal commas, dd/mm/yyyy, Spanish enum words, E.164 phones. */
export function convert(kind: Kind, cell: Cell, locale: string): Converted {
  if (cell === null || (typeof cell === 'string' && cell.trim() === '')) return { ok: true, value: null };
  const s = typeof cell === 'string' ? cell.trim() : cell;
  if (typeof s === 'string' && (s.includes('\u0000') || s.length > 10_000)) return { ok: false, message: 'holds a NUL character or more than 10,000 characters' };
  if (typeof kind === 'object') {
    const v = kind.map[fold(String(s))];
    return v ? { ok: true, value: v } : { ok: false, message: `"${String(s).slice(0, 40)}" is not one of the accepted values` };
  }
  switch (kind) {
    case 'text':
      return { ok: true, value: String(s) };
    case 'upper':
      return { ok: true, value: String(s).replace(/\s/g, '').toUpperCase() };
    case 'plate': {
      const plate = String(s).replace(/\s+/g, ' ').toUpperCase();
      return plate.length <= 20 ? { ok: true, value: plate } : { ok: false, message: `"${plate.slice(0, 40)}" is not a plate (at most 20 characters)` };
    }
    case 'email':
      return { ok: true, value: String(s).toLowerCase() };
    case 'bool':
      return { ok: true, value: typeof s === 'boolean' ? s : ['true', 'si', 'yes', '1', 'x'].includes(fold(String(s))) };
    case 'phone': {
      const p = normalizePhone(String(s), 'ES');
      return p ? { ok: true, value: p } : { ok: false, message: `"${String(s).slice(0, 40)}" is not a valid phone number` };
    }
    case 'money':
    case 'int': {
      if (typeof s === 'number') return { ok: true, value: s };
      const r = parseLocaleNumber(String(s).replace(/[€$]|\s?km$/gi, ''), locale, { maxDecimals: kind === 'int' ? 0 : 2 });
      if (!r.ok || r.value === null) return { ok: false, message: `"${String(s).slice(0, 40)}" is not a number` };
      return { ok: true, value: r.value };
    }
    case 'date': {
      if (s instanceof Date) return { ok: true, value: s.toISOString() };
      const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(String(s));
      const d = m ? new Date(Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1]))) : new Date(String(s).replace(' ', 'T'));
      if (Number.isNaN(d.getTime()) || (m && d.getUTCDate() !== Number(m[1]))) return { ok: false, message: `"${String(s).slice(0, 40)}" is not a date (dd/mm/yyyy)` };
      return { ok: true, value: d.toISOString() };
    }
  }
}

export const DEFAULTS: Record<TableEntity, Record<string, unknown>> = {
  vehicles: {
    trim: null, color: null, cost: null, mileage: 0, consumption: null, description: '', features: {}, images: [], lot_location: null, status: 'available',
    reserved_by: null, reserved_until: null, is_promotion: false, promo_price: null,
  },
  customers: { last_name: '', email: null, phone: null, address: null, national_id: null, is_active: true },
  leads: { last_name: '', email: null, phone: null, national_id: null, source: 'other', status: 'new', priority: 'medium', budget_min: null, budget_max: null, notes: null, last_contact_at: null },
};

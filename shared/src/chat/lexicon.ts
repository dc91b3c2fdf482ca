/**
 * Words people use for the enum values, in Spanish and English, folded (no accents). Each entry is
 * a list of phrases; a phrase of several words must appear in order. Single words also match with
 * typos (see text.ts fuzzyEquals) when they have 5 letters or more.
 */
import type { BodyType, FuelType, LeadSource, LeadStatus, VehicleStatus } from '../entities/enums.ts';

export const BODY_WORDS: Readonly<Record<BodyType, readonly string[]>> = {
  suv: ['suv', 'suvs', 'todoterreno', 'todoterrenos', 'crossover', 'crossovers', '4x4', 'jeep', 'jeeps'],
  sedan: ['sedan', 'sedanes', 'sedans', 'berlina', 'berlinas', 'saloon'],
  hatchback: ['hatchback', 'hatchbacks', 'compacto', 'compactos', 'utilitario', 'utilitarios', 'hatch'],
  wagon: ['familiar', 'familiares', 'family', 'ranchera', 'rancheras', 'wagon', 'wagons', 'estate', 'break'],
  coupe: ['coupe', 'coupes', 'cupe'],
  convertible: ['convertible', 'convertibles', 'descapotable', 'descapotables', 'cabrio', 'cabrios', 'cabriolet'],
  pickup: ['pickup', 'pickups', 'pick up', 'camioneta', 'camionetas', 'camion', 'camiones', 'truck', 'trucks'],
  van: ['furgoneta', 'furgonetas', 'furgon', 'van', 'vans', 'comercial', 'comerciales'],
  minivan: ['monovolumen', 'monovolumenes', 'minivan', 'minivans', 'mpv'],
};

export const FUEL_WORDS: Readonly<Record<FuelType, readonly string[]>> = {
  hybrid: ['hibrido', 'hibridos', 'hibrida', 'hibridas', 'hybrid', 'hybrids', 'hev', 'phev', 'enchufable'],
  diesel: ['diesel', 'diesels', 'gasoil', 'gasoleo', 'tdi'],
  electric: ['electrico', 'electricos', 'electrica', 'electricas', 'electric', 'electrics', 'ev', 'evs', 'bev', 'cero emisiones'],
  gasoline: ['gasolina', 'gasolinas', 'gasoline', 'petrol', 'gas'],
};

/** "Automatic" means anything without a clutch pedal (DOMAIN.md): automatic and cvt. */
export const TRANSMISSION_WORDS: Readonly<Record<'manual' | 'automatic', readonly string[]>> = {
  automatic: ['automatico', 'automaticos', 'automatica', 'automaticas', 'automatic', 'automatics', 'cvt', 'dsg', 'cambio automatico'],
  manual: ['manual', 'manuales', 'manuals', 'cambio manual', 'stick shift'],
};

export const STATUS_WORDS: Readonly<Record<VehicleStatus, readonly string[]>> = {
  available: ['disponible', 'disponibles', 'available', 'a la venta', 'for sale'],
  reserved: ['reservado', 'reservados', 'reservada', 'reservadas', 'reserved', 'on hold', 'apartado', 'apartados'],
  sold: ['vendido', 'vendidos', 'vendida', 'vendidas'],
  maintenance: ['mantenimiento', 'taller', 'maintenance', 'in the shop', 'reparacion', 'workshop'],
};

export const LEAD_SOURCE_WORDS: Readonly<Record<LeadSource, readonly string[]>> = {
  website: ['web', 'website', 'pagina web', 'sitio web', 'online', 'internet'],
  phone: ['telefono', 'phone', 'llamada', 'llamadas', 'calls', 'telefonicos'],
  social: ['redes sociales', 'redes', 'social', 'social media', 'facebook', 'instagram'],
  referral: ['referido', 'referidos', 'referral', 'referrals', 'recomendacion', 'recomendaciones'],
  walk_in: ['walk in', 'walk ins', 'walkin', 'exposicion', 'presencial', 'presenciales', 'showroom', 'en persona'],
  adf: ['adf', 'portal', 'portales', 'coches net', 'wallapop'],
  email: ['email', 'emails', 'correo', 'correos', 'e mail', 'mail'],
  event: ['evento', 'eventos', 'event', 'events', 'feria', 'ferias'],
  other: ['otro origen', 'otras fuentes', 'other source', 'other sources'],
};

export const LEAD_STATUS_WORDS: Readonly<Record<LeadStatus, readonly string[]>> = {
  new: ['nuevo', 'nuevos', 'nueva', 'nuevas', 'new'],
  contacted: ['contactado', 'contactados', 'contacted'],
  qualified: ['cualificado', 'cualificados', 'calificado', 'calificados', 'qualified'],
  negotiating: ['negociacion', 'negociando', 'negotiating', 'negotiation', 'en negociacion'],
  closed_won: ['ganado', 'ganados', 'won', 'cerrado ganado', 'closed won', 'convertidos', 'converted'],
  closed_lost: ['perdido', 'perdidos', 'lost', 'cerrado perdido', 'closed lost'],
};

/** Makes people write differently from how they are stored. Values are the stored names. */
export const MAKE_ALIASES: Readonly<Record<string, string>> = {
  vw: 'Volkswagen', volks: 'Volkswagen', mercedes: 'Mercedes-Benz', 'mercedes benz': 'Mercedes-Benz', benz: 'Mercedes-Benz',
  citroen: 'Citroën', chevy: 'Chevrolet', skoda: 'Skoda', 'land rover': 'Land Rover',
};

/** Makes the parser knows even before it has seen the data (a fresh device, an empty lot). */
export const COMMON_MAKES: readonly string[] = [
  'Toyota', 'Volkswagen', 'SEAT', 'Renault', 'Peugeot', 'BMW', 'Mercedes-Benz', 'Hyundai', 'Kia', 'Dacia', 'Tesla', 'Ford',
  'Nissan', 'Skoda', 'Audi', 'Volvo', 'Citroën', 'Fiat', 'MINI', 'Mazda', 'Opel', 'Honda', 'Cupra', 'Chevrolet', 'Land Rover',
];

/** Model words written in the other language ("Class A" for "Clase A"). */
export const MODEL_WORD_ALIASES: Readonly<Record<string, string>> = { class: 'clase', series: 'serie', serie: 'serie', clase: 'clase' };

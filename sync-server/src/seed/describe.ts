import type { BodyType, FuelType, Transmission } from '@lotbook/shared';
import { FEATURES, type FeatureKey } from './catalog.ts';
import type { Rng } from './random.ts';

const BODY_WORD: Readonly<Record<BodyType, string>> = {
  sedan: 'Berlina', suv: 'SUV', hatchback: 'Compacto', wagon: 'Familiar', coupe: 'Coupé',
  convertible: 'Descapotable', pickup: 'Pick-up', van: 'Furgoneta', minivan: 'Monovolumen',
};
const FUEL_WORD: Readonly<Record<FuelType, string>> = {
  gasoline: 'gasolina', diesel: 'diésel', hybrid: 'híbrido', electric: 'eléctrico 100%',
};
const GEARBOX: Readonly<Record<Transmission, string>> = {
  manual: 'cambio manual', automatic: 'cambio automático', cvt: 'cambio automático CVT',
};
const CONDITION = [
  'Un único propietario y libro de mantenimiento sellado.',
  'Revisado en nuestro taller con informe de 150 puntos.',
  'Procedente de renting, mantenimiento al día en servicio oficial.',
  'Vehículo nacional, ITV en vigor y sin golpes.',
  'Siempre en garaje, neumáticos nuevos.',
  'Historial de revisiones completo y segunda llave.',
];
const BODY_NOTE: Partial<Record<BodyType, readonly string[]>> = {
  pickup: ['Camión ligero ideal para trabajo y ocio, caja de carga con protector.', 'Tracción 4x4 reductora; un camión de trabajo con confort de turismo.'],
  van: ['Furgoneta de carga con gran capacidad, perfecta para autónomos y reparto.', 'Tres plazas delanteras y mampara de separación.'],
  minivan: ['Siete plazas, ideal para familias numerosas.', 'Puertas correderas y gran maletero.'],
  convertible: ['Capota eléctrica en perfecto estado.', 'Perfecto para disfrutar del buen tiempo.'],
  coupe: ['Diseño deportivo y motor con mucho carácter.'],
  wagon: ['Maletero enorme, ideal para viajes en familia.'],
  suv: ['Posición de conducción elevada y maletero amplio.', 'Muy versátil en ciudad y carretera.'],
};
const FUEL_NOTE: Partial<Record<FuelType, readonly string[]>> = {
  hybrid: ['Etiqueta ECO de la DGT.', 'Consumo muy contenido en ciudad.'],
  electric: ['Etiqueta CERO de la DGT.', 'Autonomía real de más de 400 km y carga rápida.'],
  diesel: ['Ideal para hacer muchos kilómetros.'],
};
const CLOSING = [
  'Garantía de 12 meses.', 'Financiación a medida.', 'Se admite su vehículo como parte de pago.',
  'Entrega inmediata.', 'Garantía de 24 meses y financiación sin entrada.',
];

export interface Describable {
  make: string;
  model: string;
  trim: string;
  year: number;
  body: BodyType;
  fuel: FuelType;
  transmission: Transmission;
  isNew: boolean;
  features: Readonly<Record<FeatureKey, boolean>>;
}

/** A Spanish listing text that names the car's real equipment, so full-text search can find it. */
export function describeVehicle(rng: Rng, v: Describable): string {
  const parts = [`${BODY_WORD[v.body]} ${v.make} ${v.model} ${v.trim} de ${v.year}, ${FUEL_WORD[v.fuel]} con ${GEARBOX[v.transmission]}.`];
  parts.push(v.isNew ? 'Kilómetro 0, con garantía oficial del fabricante.' : rng.pick(CONDITION));
  const equipment = FEATURES.filter(([key]) => v.features[key]).map(([, phrase]) => phrase);
  if (equipment.length > 0) parts.push(`Equipamiento: ${rng.sample(equipment, 5).join(', ')}.`);
  const bodyNotes = BODY_NOTE[v.body];
  if (bodyNotes && rng.chance(v.body === 'pickup' ? 0.9 : 0.6)) parts.push(rng.pick(bodyNotes));
  const fuelNotes = FUEL_NOTE[v.fuel];
  if (fuelNotes && rng.chance(0.7)) parts.push(rng.pick(fuelNotes));
  parts.push(rng.pick(CLOSING));
  return parts.join(' ');
}

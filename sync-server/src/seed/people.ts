import type { Rng } from './random.ts';

/** Spanish names, addresses and identifiers for demo customers. */
const MALE = [
  'Antonio', 'José', 'Manuel', 'Francisco', 'David', 'Juan', 'Javier', 'Daniel', 'Carlos', 'Jesús', 'Alejandro',
  'Miguel', 'Rafael', 'Pablo', 'Sergio', 'Álvaro', 'Adrián', 'Jorge', 'Raúl', 'Iván', 'Rubén', 'Óscar', 'Andrés',
  'Íñigo', 'Hugo', 'Mario', 'Diego', 'Joaquín', 'Ramón', 'Enrique', 'Víctor', 'Fernando', 'Alberto', 'Gonzalo',
];
const FEMALE = [
  'María', 'Carmen', 'Ana', 'Isabel', 'Laura', 'Lucía', 'Cristina', 'Marta', 'Elena', 'Paula', 'Sara', 'Raquel',
  'Beatriz', 'Patricia', 'Rocío', 'Nuria', 'Silvia', 'Irene', 'Alba', 'Julia', 'Sofía', 'Noelia', 'Inés', 'Begoña',
  'Montserrat', 'Mónica', 'Verónica', 'Ángela', 'Pilar', 'Teresa', 'Lorena', 'Ainhoa', 'Almudena', 'Nerea',
];
const SURNAMES = [
  'García', 'Rodríguez', 'González', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Martín',
  'Jiménez', 'Ruiz', 'Hernández', 'Díaz', 'Moreno', 'Muñoz', 'Álvarez', 'Romero', 'Alonso', 'Gutiérrez', 'Navarro',
  'Torres', 'Domínguez', 'Vázquez', 'Ramos', 'Gil', 'Ramírez', 'Serrano', 'Blanco', 'Molina', 'Morales', 'Suárez',
  'Ortega', 'Delgado', 'Castro', 'Ortiz', 'Rubio', 'Marín', 'Sanz', 'Núñez', 'Iglesias', 'Medina', 'Garrido',
  'Cortés', 'Castillo', 'Santos', 'Lozano', 'Guerrero', 'Cano', 'Prieto', 'Méndez', 'Cruz', 'Calvo', 'Gallego',
  'Herrera', 'Peña', 'León', 'Márquez', 'Cabrera', 'Vidal', 'Campos', 'Fuentes', 'Carrasco', 'Díez', 'Reyes',
  'Caballero', 'Nieto', 'Aguilar', 'Pascual', 'Herrero', 'Montero', 'Lorenzo', 'Hidalgo', 'Ibáñez', 'Ferrer',
  'Durán', 'Vicente', 'Benítez', 'Mora', 'Arias', 'Vargas', 'Carmona', 'Crespo', 'Román', 'Pastor', 'Soto', 'Sáez',
  'Velasco', 'Moya', 'Soler', 'Parra', 'Esteban', 'Bravo', 'Gallardo', 'Rojas', 'Echeverría', 'Goikoetxea',
];
const STREETS = [
  'Calle Mayor', 'Calle de Alcalá', 'Gran Vía', 'Calle de Serrano', 'Avenida de la Constitución', 'Calle del Sol',
  'Avenida de Andalucía', 'Calle Real', 'Calle de San Isidro', 'Calle de los Olmos', 'Paseo de la Castellana',
  'Avenida de Europa', 'Calle de la Paz', 'Plaza de España', 'Calle de Toledo', 'Avenida de Valladolid',
  'Calle del Pilar', 'Calle de Goya', 'Ronda de Segovia', 'Calle de Bravo Murillo',
];
const CITIES: readonly (readonly [string, number, number])[] = [
  ['Madrid', 28001, 28055], ['Alcobendas', 28100, 28109], ['Getafe', 28901, 28909], ['Leganés', 28911, 28919],
  ['Alcalá de Henares', 28801, 28807], ['Móstoles', 28931, 28938], ['Fuenlabrada', 28941, 28947],
  ['Pozuelo de Alarcón', 28223, 28224], ['Las Rozas de Madrid', 28231, 28232], ['Majadahonda', 28220, 28222],
  ['Torrejón de Ardoz', 28850, 28850], ['Rivas-Vaciamadrid', 28521, 28523],
];
/** Reserved example domains (RFC 2606 / RFC 6761): realistic-looking, never a real person's inbox. */
const MAIL_DOMAINS = ['example.com', 'example.net', 'example.org', 'correo.example', 'mail.example'];
const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

export interface PersonName {
  first_name: string;
  last_name: string;
}

export function personName(rng: Rng): PersonName {
  const first = rng.chance(0.5) ? rng.pick(MALE) : rng.pick(FEMALE);
  return { first_name: first, last_name: `${rng.pick(SURNAMES)} ${rng.pick(SURNAMES)}` };
}

/** The check letter of a DNI number (and of an NIE once X/Y/Z are read as 0/1/2). */
export function dniLetter(n: number): string {
  return DNI_LETTERS.charAt(n % 23);
}

/** A DNI (8 digits + letter) or, for about 1 in 10, an NIE (X/Y/Z + 7 digits + letter). */
export function nationalId(rng: Rng): string {
  if (rng.chance(0.1)) {
    const prefix = rng.int(0, 2);
    const body = rng.int(0, 9_999_999);
    return `${'XYZ'.charAt(prefix)}${String(body).padStart(7, '0')}${dniLetter(prefix * 10_000_000 + body)}`;
  }
  const n = rng.int(1_000_000, 79_999_999);
  return `${String(n).padStart(8, '0')}${dniLetter(n)}`;
}

/** A Spanish mobile in E.164: +34 6xx xxx xxx or +34 7xx xxx xxx. */
export function mobilePhone(rng: Rng): string {
  return `+34${rng.chance(0.85) ? '6' : '7'}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
}

export function address(rng: Rng): string {
  const [city, from, to] = rng.pick(CITIES);
  const flat = rng.chance(0.6) ? `, ${rng.int(1, 9)}º ${rng.pick(['A', 'B', 'C', 'D', 'Izda.', 'Dcha.'])}` : '';
  return `${rng.pick(STREETS)} ${rng.int(1, 180)}${flat}, ${rng.int(from, to)} ${city}`;
}

/** Lower-case ASCII of a name part: "Íñigo" → "inigo". */
export function asciiSlug(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** An email built from the name; `taken` keeps emails unique within the dealership. */
export function emailFor(rng: Rng, name: PersonName, taken: Set<string>): string {
  const first = asciiSlug(name.first_name);
  const last = asciiSlug(name.last_name.split(' ')[0] ?? 'cliente');
  const domain = rng.pick(MAIL_DOMAINS);
  const style = rng.int(0, 2);
  const base = style === 0 ? `${first}.${last}` : style === 1 ? `${first.charAt(0)}${last}` : `${first}${last}`;
  let email = `${base}@${domain}`;
  for (let n = rng.int(1, 99); taken.has(email); n += rng.int(1, 50)) email = `${base}${n}@${domain}`;
  taken.add(email);
  return email;
}

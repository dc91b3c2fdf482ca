import { describe, expect, it } from 'vitest';
import type { ConflictDoc } from '../../db/index.ts';
import { i18n } from '../../i18n/index.ts';
import { createFormatter } from '../../i18n/format.ts';
import { diffVersions } from './conflict-diff.ts';
import { formatValue, reasonText } from './conflict-format.ts';

const ANA = '11111111-1111-4111-8111-111111111111';
const names = new Map([[ANA, 'Ana García']]);
const conflict: ConflictDoc = {
  id: 'c1',
  collection_name: 'vehicles',
  doc_id: 'v1',
  reason: 'vehicle_already_reserved',
  message: 'Vehicle already reserved by another user',
  mine: { id: 'v1', status: 'reserved', reserved_by: 'me', price: 20000, version: 3 },
  theirs: { id: 'v1', status: 'reserved', reserved_by: ANA, price: 20000, version: 4, updated_at: '2026-03-10T09:42:00Z' },
  fields: [],
  created_at: '2026-03-10T11:00:00Z',
  resolved_at: null,
  resolution: null,
  status: 'open',
};

describe('conflict reasons', () => {
  it('say who reserved the car and when, in Spanish and English', () => {
    const es = createFormatter('es', { currency: 'EUR', timeZone: 'Europe/Madrid' });
    expect(reasonText(conflict, es, names, i18n.getFixedT('es'))).toBe('Reservado por Ana García a las 10:42 mientras estabas sin conexión');
    const en = createFormatter('en', { currency: 'EUR', timeZone: 'Europe/Madrid' });
    expect(reasonText(conflict, en, names, i18n.getFixedT('en'))).toBe('Reserved by Ana García at 10:42 while you were offline');
  });

  it('explain an invalid document field by field in the user language', () => {
    const es = createFormatter('es', { currency: 'EUR' });
    const refused: ConflictDoc = { ...conflict, collection_name: 'customers', reason: 'invalid_document', message: 'The document is invalid: email: Invalid email address', theirs: null,
      mine: { first_name: 'Ana', last_name: 'Ruiz', email: 'no-es-un-email', phone: null, address: null, national_id: null, is_active: true } };
    expect(reasonText(refused, es, names, i18n.getFixedT('es'))).toBe('El servidor rechazó los datos: Correo: No es un correo válido (p. ej. nombre@ejemplo.com).');
    expect(reasonText(refused, es, names, i18n.getFixedT('en'))).toBe('The server refused the data: Email: This is not a valid email address (e.g. name@example.com).');
  });

  it('fall back to the server message for a reason without a translation', () => {
    const es = createFormatter('es', { currency: 'EUR' });
    expect(reasonText({ ...conflict, reason: 'something_new' }, es, names, i18n.getFixedT('es'))).toBe(conflict.message);
  });
});

describe('diffVersions', () => {
  it('lists only the fields that differ, without sync bookkeeping', () => {
    expect(diffVersions(conflict.mine, conflict.theirs)).toEqual([{ field: 'reserved_by', mine: 'me', theirs: ANA }]);
  });
  it('uses the lost fields when the data layer names them', () => {
    expect(diffVersions(conflict.mine, conflict.theirs, ['price']).map((d) => d.field)).toEqual([]);
    expect(diffVersions({ a: 1, b: 2 }, { a: 2, b: 3 }, ['b']).map((d) => d.field)).toEqual(['b']);
  });
  it('shows all of mine when the server has no version', () => {
    expect(diffVersions({ id: 'x', make: 'Seat', trim: null }, null).map((d) => d.field)).toEqual(['make']);
  });
});

describe('formatValue', () => {
  it('formats money, user ids and enums for people', () => {
    const es = createFormatter('es', { currency: 'EUR' });
    const t = i18n.getFixedT('es');
    expect(formatValue('price', 23990, es, names, t)).toBe('23.990\u00a0€');
    expect(formatValue('reserved_by', ANA, es, names, t)).toBe('Ana García');
    expect(formatValue('status', 'reserved', es, names, t)).toBe('Reservado');
    expect(formatValue('trim', null, es, names, t)).toBe('—');
  });
});

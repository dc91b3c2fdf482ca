import type { Customer } from '@lotbook/shared';
import { describe, expect, it } from 'vitest';
import { checkContact } from './customer-form.ts';
import { compareCustomers, filterCustomers, indexCustomer } from './customer-index.ts';

let n = 0;
const customer = (first: string, last: string, phone: string | null, email: string | null): Customer => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  dealership_id: '00000000-0000-4000-8000-000000000000',
  created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', version: 1, seq: 1,
  first_name: first, last_name: last, phone, email, address: null, national_id: null, is_active: true, created_by: null,
});

const people = [
  customer('José', 'Núñez García', '+34612345678', 'jose.nunez@example.com'),
  customer('Ana', 'Álvarez', '+34699000111', null),
  customer('Íñigo', 'Ruiz', null, 'inigo@example.com'),
].map(indexCustomer).toSorted(compareCustomers);

describe('customer search', () => {
  it('ignores accents and case in names', () => {
    expect(filterCustomers(people, 'jose nunez').map((p) => p.name)).toEqual(['José Núñez García']);
    expect(filterCustomers(people, 'ÁLVAREZ').map((p) => p.name)).toEqual(['Ana Álvarez']);
    expect(filterCustomers(people, 'inigo').map((p) => p.name)).toEqual(['Íñigo Ruiz']);
  });
  it('finds phones typed with or without prefix and spaces, and emails', () => {
    expect(filterCustomers(people, '612 345 678').map((p) => p.c.first_name)).toEqual(['José']);
    expect(filterCustomers(people, '+34 699').map((p) => p.c.first_name)).toEqual(['Ana']);
    expect(filterCustomers(people, 'inigo@example').map((p) => p.c.first_name)).toEqual(['Íñigo']);
  });
  it('sorts by last name and caps the result', () => {
    expect(people.map((p) => p.c.last_name)).toEqual(['Álvarez', 'Núñez García', 'Ruiz']);
    expect(filterCustomers(people, '', 2)).toHaveLength(2);
    expect(filterCustomers(people, 'zzz')).toEqual([]);
  });
  it('finds every match among 20,000 customers', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => indexCustomer(customer(`Nombre${i}`, `Apellido${i}`, `+346${String(i).padStart(8, '0')}`, null)));
    const hits = filterCustomers(many, 'apellido1999');
    expect(hits.map((h) => h.c.first_name)).toEqual(['Nombre1999', 'Nombre19990', 'Nombre19991', 'Nombre19992', 'Nombre19993', 'Nombre19994', 'Nombre19995', 'Nombre19996', 'Nombre19997', 'Nombre19998', 'Nombre19999']);
  });
});

const free = () => false;

describe('contact edits', () => {
  it('normalizes the phone to E.164 and trims names', () => {
    expect(checkContact({ first_name: ' Ana ', last_name: 'Álvarez ', phone: '612 34 56 78', email: '' }, free)).toEqual({
      errors: {},
      patch: { first_name: 'Ana', last_name: 'Álvarez', phone: '+34612345678', email: null },
    });
  });
  it('explains each invalid field', () => {
    expect(checkContact({ first_name: '', last_name: '', phone: '123', email: 'no-at' }, free).errors).toEqual({
      first_name: 'firstNameRequired', phone: 'phone', email: 'email',
    });
  });
  it('refuses an email another customer uses, whatever its case', () => {
    expect(checkContact({ first_name: 'Ana', last_name: '', phone: '', email: 'Jose.Nunez@example.com' }, (e) => e === 'jose.nunez@example.com').errors).toEqual({ email: 'emailTaken' });
  });
});
